import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { parse } from 'yaml';
import { loadRules } from '../src/rules/load';
import { officeCalendar, grievanceChain, computeDeadline, type LoadedCalendar } from '../src/rules/deadline';
import { addOpenDays } from '../src/core/busdays';
import { formatDate, parseDate } from '../src/core/date';
import type { Agreement } from '../src/rules/types';
import { InputError } from '../src/core/errors';
import { AGREEMENT_DIR, ROOT } from './helpers/contract';
import { cba, json, BIN } from './helpers/cli';

let a: Agreement;
let L: LoadedCalendar;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
  L = officeCalendar(a);
});

// An oracle independent of the open-day index: walk day by day over the closures read from the YAML.
const CLOSED = new Set<string>(
  ['2005-06', '2006-07', '2007-08'].flatMap((y) => (parse(readFileSync(join(AGREEMENT_DIR, 'calendars', `${y}.yaml`), 'utf8')).closures as { date: string }[]).map((c) => c.date)),
);
function oracle(trigger: string, n: number): string {
  let d = parseDate(trigger);
  let k = 0;
  while (k < n) {
    d++;
    const wd = (((d + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6 && !CLOSED.has(formatDate(d))) k++;
  }
  return formatDate(d);
}
const due = (t: string, n: number) => formatDate(addOpenDays(L.cal, parseDate(t), n));

describe('office days (X.1.E) counted from the day after the trigger (X.4)', () => {
  it.each([
    // trigger, n, due, why
    ['2005-11-18', 25, '2005-12-27', 'Fri before Thanksgiving: skips Nov 24 and the observed Christmas Dec 26'],
    ['2005-11-23', 1, '2005-11-25', 'day before Thanksgiving: day 1 is Fri Nov 25'],
    ['2005-11-24', 1, '2005-11-25', 'trigger on a holiday: it does not count, day 1 is the next open day'],
    ['2005-11-19', 5, '2005-11-28', 'trigger on a Saturday: Mon 21, Tue 22, Wed 23, Fri 25, Mon 28'],
    ['2005-12-23', 2, '2005-12-28', 'across Christmas (observed Mon Dec 26)'],
    ['2005-12-30', 1, '2006-01-03', "across New Year's Day (observed Mon Jan 2)"],
    ['2006-01-13', 1, '2006-01-17', 'across Martin Luther King Jr. Day, a Monday holiday'],
    ['2006-02-10', 2, '2006-02-15', 'across Lincoln Day (observed Mon Feb 13)'],
    ['2006-11-09', 1, '2006-11-13', 'Veterans Day 2006 falls on a Saturday: the office closes Fri Nov 10'],
    ['2006-06-29', 2, '2006-07-03', 'across the boundary of two school-year calendars'],
  ])('%s + %i office days = %s (%s)', (t, n, want) => {
    expect(due(t, n)).toBe(want);
    expect(oracle(t, n)).toBe(want);
  });

  it('property: the due date is open, after the trigger, and exactly N open days after it', () => {
    const lo = parseDate('2005-07-01');
    const hi = parseDate('2008-03-01');
    fc.assert(
      fc.property(fc.integer({ min: lo - 1, max: hi }), fc.integer({ min: 1, max: 40 }), (t, n) => {
        const d = addOpenDays(L.cal, t, n);
        expect(d).toBeGreaterThan(t);
        const s = formatDate(d);
        const wd = (((d + 4) % 7) + 7) % 7;
        expect(wd === 0 || wd === 6 || CLOSED.has(s)).toBe(false);
        expect(s).toBe(oracle(formatDate(t), n));
      }),
      { numRuns: 3000 },
    );
  });

  it('a count past the calendars is an error, never a guess; --allow-beyond-coverage counts weekdays with a warning', () => {
    expect(() => computeDeadline(a, L, 'complaint-report', { from: '2008-06-20' })).toThrow(/runs past the last date/);
    const wide = officeCalendar(a, { beyondCoverage: true });
    expect(wide.warnings[0]).toMatch(/weekdays only/);
    expect(formatDate(computeDeadline(a, wide, 'complaint-report', { from: '2008-06-20' }).due)).toBe('2008-07-18');
  });
});

describe('the grievance chain (X.4)', () => {
  it('from the occurrence only: each step from the previous deadline', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18' });
    const got = Object.fromEntries(c.steps.map((s) => [s.step, formatDate(s.due)]));
    expect(got).toEqual({
      'level1-file': oracle('2005-11-18', 25),
      'level1-decision': oracle(oracle('2005-11-18', 25), 10),
      'level2-appeal': oracle(oracle(oracle('2005-11-18', 25), 10), 10),
      'level2-decision': '2006-02-09',
      'level3-appeal': '2006-02-27',
      'level3-decision': '2006-03-13',
      'arbitration-member-request': oracle('2006-03-13', 5),
      'arbitration-request': oracle('2006-03-13', 15),
      'arbitrator-selection': oracle(oracle('2006-03-13', 15), 15),
    });
    expect(c.steps.every((s, i) => i === 0 || s.assumed)).toBe(true);
  });

  it('--known moves the Level I count to when the member could have known', () => {
    const c = grievanceChain(a, L, { occurred: '2005-10-03', known: '2005-11-18' });
    expect(formatDate(c.steps[0].due)).toBe('2005-12-27');
  });

  it('actual dates recompute the chain; a late administration decision lets the grievant appeal (X.2.G)', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: { 'level1-file': '2005-12-01', 'level1-decision': '2005-12-22' }, today: '2006-01-04' });
    const s = Object.fromEntries(c.steps.map((x) => [x.step, x]));
    expect(formatDate(s['level1-decision'].due)).toBe(oracle('2005-12-01', 10)); // 2005-12-15
    expect(s['level1-decision'].status).toBe('missed-by-administration');
    expect(formatDate(s['level2-appeal'].from)).toBe('2005-12-22');
    expect(formatDate(s['level2-appeal'].due)).toBe(oracle('2005-12-22', 10));
    expect(s['level2-appeal'].status).toBe('due');
    expect(formatDate(s['level2-appeal'].due)).toBe('2006-01-09');
    expect(s['level2-appeal'].officeDaysLeft).toBe(3); // Jan 5, 6 and 9 (the due day counts)
    expect(c.notices.join(' ')).toMatch(/appeal to the next level automatically/);
  });

  it('no decision by its deadline and --today past it: missed by the administration', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: { 'level1-file': '2005-12-01' }, today: '2005-12-20' });
    expect(c.steps[1].status).toBe('missed-by-administration');
  });

  it('a grievant step done late is flagged (forfeit, X.2.G)', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: { 'level1-file': '2006-01-05' } });
    expect(c.steps[0].status).toBe('done-late');
    expect(c.warnings.join(' ')).toMatch(/forfeits/);
  });

  it('the Association request counts from the issuance of the Level III decision', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: { 'level3-decision': '2006-03-10' }, level3Issued: '2006-03-08' });
    const s = Object.fromEntries(c.steps.map((x) => [x.step, x]));
    expect(formatDate(s['arbitration-member-request'].from)).toBe('2006-03-10');
    expect(formatDate(s['arbitration-request'].from)).toBe('2006-03-08');
  });

  it('the 3-day response to a proposed resolution (X.2.D)', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', resolutionProvided: '2005-12-22' });
    expect(formatDate(c.steps.find((s) => s.step === 'resolution-response')!.due)).toBe('2005-12-28');
  });

  it('a recess is not counted (X.2.G)', () => {
    const plain = grievanceChain(a, L, { occurred: '2005-12-09' });
    const rec = grievanceChain(a, L, { occurred: '2005-12-09', recess: [{ from: '2005-12-19', to: '2005-12-30' }] });
    expect(formatDate(plain.steps[0].due)).toBe(oracle('2005-12-09', 25));
    // 10 office days of the recess (Dec 19-23, 27-30; Dec 26 is already closed) push Level I out by 9 days
    expect(rec.steps[0].due - plain.steps[0].due).toBeGreaterThan(9);
    expect(rec.steps[0].counted.some((d) => formatDate(d) >= '2005-12-19' && formatDate(d) <= '2005-12-30')).toBe(false);
    expect(rec.notices.join(' ')).toMatch(/X\.2\.G/);
  });

  it.each([
    [{ occurred: '2006-02-30' }, /does not exist/],
    [{ occurred: '2005-11-18', known: '2005-11-01' }, /before --occurred/],
    [{ occurred: '2005-11-18', done: { 'level1-file': '2005-12-01', 'level1-decision': '2005-11-30' } }, /before level1-file/],
    [{ occurred: '2005-11-18', recess: [{ from: '2005-12-30', to: '2005-12-19' }] }, /ends before it starts/],
    [{ occurred: '2005-11-18', done: { 'level9-file': '2005-12-01' } }, /no such step; did you mean level1-file/],
    [{ occurred: '2004-01-05' }, /outside the loaded calendars/],
  ])('bad input %o', (input, msg) => {
    expect(() => grievanceChain(a, L, input as never)).toThrow(InputError);
    expect(() => grievanceChain(a, L, input as never)).toThrow(msg);
  });
});

describe('other deadlines and their units', () => {
  it.each([
    ['evaluation-second-request', '2006-03-01', '2006-03-06', '3 working days: Thu 2, Fri 3, Mon 6'],
    ['post-observation-conference', '2005-11-18', '2005-11-30', '7 workdays across Thanksgiving'],
    ['complaint-notice', '2005-12-22', '2005-12-30', '5 workdays across the observed Christmas (Mon Dec 26)'],
    ['complaint-report', '2006-01-10', '2006-02-08', '20 workdays across MLK Day'],
    ['transfer-posting', '2005-11-18', '2005-11-28', '10 calendar days'],
    ['calendar-change', '2006-01-17', '2005-12-30', '10 working days before: counted back over MLK Day and New Year'],
    ['personal-leave-request', '2006-03-01', '2006-02-14', '10 working days before, counted back over Washington Day'],
    ['sabbatical-application', '2007-03-31', '2006-08-31', '7 months before March 31: clamped to the month end'],
    ['sabbatical-application', '2007-09-01', '2007-02-01', '7 months before'],
    ['payroll-deduction', '2006-01-20', '2006-02-04', '15 calendar days'],
    ['new-member-notice', '2005-09-06', '2005-09-20', '2 weeks'],
  ])('%s from %s: %s (%s)', (id, from, want) => {
    expect(formatDate(computeDeadline(a, L, id, { from }).due)).toBe(want);
  });
  it('a calendar-day deadline on a closed day is not moved unless the article says so, but it is noted', () => {
    const r = computeDeadline(a, L, 'transfer-posting', { from: '2005-11-14' });
    expect(formatDate(r.due)).toBe('2005-11-24');
    expect(r.notes.join(' ')).toMatch(/Thanksgiving.*does not move/);
  });
  it.each([
    ['sick-leave-statement', '2005-06', '2005-10-01'],
    ['evaluation-midyear-conference', '2005-06', '2005-12-15'],
    ['evaluation-final-permanent', '2005-06', '2006-03-15'],
    ['head-teacher-applications-due', '2006-07', '2007-05-31'],
    ['calendar-worksheet-given', '2007-08', '2008-05-15'],
  ])('fixed date %s in %s is %s', (id, year, want) => {
    expect(formatDate(computeDeadline(a, L, id, { year }).due)).toBe(want);
  });
  it('unknown names suggest the nearest', () => {
    expect(() => computeDeadline(a, L, 'complaint-reprot', { from: '2006-01-10' })).toThrow(/did you mean complaint-report/);
  });
});

describe('cba deadline (built bin)', () => {
  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'])('the same chain in TZ=%s', (TZ) => {
    const j = json(cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--json'], { env: { TZ } }));
    expect(j.steps.map((s: any) => s.due)).toEqual(['2005-12-27', '2006-01-11', '2006-01-26', '2006-02-09', '2006-02-27', '2006-03-13', '2006-03-20', '2006-04-03', '2006-04-24']);
    expect(j.steps[0]).toMatchObject({ step: 'level1-file', days: 25, unit: 'office-days', from: '2005-11-18' });
    expect(j.steps[0].source.article).toBe('X');
  });

  it('--explain lists the counted days', () => {
    const j = json(cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--json', '--explain']));
    expect(j.steps[0].countedDays).toHaveLength(25);
    expect(j.steps[0].countedDays).not.toContain('2005-11-24');
    expect(j.steps[0].countedDays[0]).toBe('2005-11-21');
  });

  it('--ics writes all-day events with stable UIDs, the same in every time zone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-ics-'));
    const texts = ['UTC', 'Pacific/Kiritimati'].map((TZ) => {
      const f = join(dir, `${TZ.replace('/', '_')}.ics`);
      const r = cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--case', 'G-17', '--ics', f], { env: { TZ } });
      expect(r.code).toBe(0);
      return readFileSync(f, 'utf8');
    });
    const strip = (t: string) => t.replace(/DTSTAMP:.*\r?\n/g, '');
    expect(strip(texts[0])).toBe(strip(texts[1]));
    const comp = new ICAL.Component(ICAL.parse(texts[0]));
    const ev = comp.getAllSubcomponents('vevent');
    expect(ev).toHaveLength(9);
    const first = ev[0];
    expect(first.getFirstPropertyValue('uid')).toBe('G-17.level1-file@cba');
    const start = first.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = first.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2005-12-27');
    expect(end.toString()).toBe('2005-12-28');
  });

  it('--today marks steps; an overdue grievant step exits 1', () => {
    const r = cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--today', '2006-01-05', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).steps[0].status).toBe('overdue');
    const ok = cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--today', '2005-12-01', '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok).steps[0]).toMatchObject({ status: 'due', daysLeft: 26 });
  });

  it('--closures layers a winter break', () => {
    const j = json(cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--closures', 'fixtures/closures/winter-break-2005.yaml', '--json']));
    expect(j.steps[0].due > '2005-12-27').toBe(true);
  });

  it.each([
    [['deadline', 'grievance', '--occurred', '2006-02-30'], /does not exist/],
    [['deadline', 'grievance', '--occurred', '2005-11-18', '--filed', '2005-12-01', '--decision-received', '2005-11-25', '--level', '1'], /before level1-file/],
    [['deadline', 'grievance', '--occurred', '2005-11-18', '--recess', '2005-12-30..2005-12-19'], /ends before it starts/],
    [['deadline', 'grievance', '--occurred', '2001-01-01'], /outside the loaded calendars/],
    [['deadline', 'grievance', '--occurred', '2005-11-18', '--calendar', 'fixtures/calendars/malformed.yaml'], /malformed\.yaml: closures\[0\]\.date \(line 6\): this date does not exist/],
    [['deadline', 'nonsense', '--from', '2006-01-01'], /unknown deadline/],
    [['deadline', 'sick-leave-statement'], /--year/],
  ])('%j exits 2', (args, msg) => {
    const r = cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it('cba deadline list and cba calendar', () => {
    const l = json(cba(['deadline', 'list', '--json']));
    expect(l.map((d: any) => d.id)).toEqual(expect.arrayContaining(['level1-file', 'complaint-report', 'sabbatical-application', 'sick-leave-statement']));
    const c = json(cba(['calendar', '--year', '2005-06', '--json']));
    expect(c.closures.map((x: any) => x.date)).toContain('2006-02-13');
    expect(c.openDays).toBe(251); // 261 weekdays - 10 closures
    const m = cba(['calendar', '--month', '2005-11', '--mark', '2005-11-28']);
    expect(m.stdout).toContain('[28]');
    expect(m.stdout).toContain('(24)');
  });
});
