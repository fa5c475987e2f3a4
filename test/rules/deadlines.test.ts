import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { loadRules } from '../../src/rules/load';
import { officeCalendar, grievanceChain, computeDeadline, fixedDateHolidays, observedHolidays, type LoadedCalendar } from '../../src/rules/deadlines/deadlines';
import { addOpenDays, isOpen } from '../../src/core/busdays';
import { formatDate, parseDate } from '../../src/core/date';
import type { Agreement } from '../../src/rules/types';
import { InputError } from '../../src/core/errors';
import { AGREEMENT_DIR, ROOT } from '../helpers/contract';
import { cba, json, BIN } from '../helpers/cli';
import { isSame } from '../helpers/fast-expect';
import { yamlData } from '../helpers/yaml-data';

let a: Agreement;
let L: LoadedCalendar;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
  L = officeCalendar(a);
});

// An oracle independent of the open-day index: walk day by day over the closures read from the YAML.
const CLOSED = new Set<string>(
  ['2005-06', '2006-07', '2007-08'].flatMap((y) => (yamlData(join(AGREEMENT_DIR, 'calendars', `${y}.yaml`)).closures as { date: string }[]).map((c) => c.date)),
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
        if (!(d > t)) expect(d).toBeGreaterThan(t);
        const s = formatDate(d);
        const wd = (((d + 4) % 7) + 7) % 7;
        isSame(wd === 0 || wd === 6 || CLOSED.has(s), false);
        isSame(s, oracle(formatDate(t), n));
      }),
      { numRuns: 3000 },
    );
  });

  it('a count past the calendars is an error, never a guess; --allow-beyond-coverage counts weekdays with a warning', () => {
    expect(() => computeDeadline(a, L, 'complaint-report', { from: '2008-06-20' })).toThrow(/runs past the last date/);
    const wide = officeCalendar(a, { beyondCoverage: true });
    expect(wide.warnings[0]).toMatch(/weekdays only/);
    // 20 working days after Fri 2008-06-20: Jun 23-27 (5), Jun 30 (6), Jul 1-3 (9), Fri Jul 4 closed
    // (Independence Day, a fixed-date holiday), Jul 7-11 (14), Jul 14-18 (19), Mon Jul 21 (20).
    expect(formatDate(computeDeadline(a, wide, 'complaint-report', { from: '2008-06-20' }).due)).toBe('2008-07-21');
  });
});

describe('beyond the last calendar (issue 13)', () => {
  it('a grievance whose later steps run past the calendars: the steps inside are counted, the rest marked beyond', () => {
    const c = grievanceChain(a, L, { occurred: '2008-05-01' });
    const got = Object.fromEntries(c.steps.map((s) => [s.step, formatDate(s.due)]));
    // 25 office days after Thu 2008-05-01 (Memorial Day, Mon May 26, closed): Fri 2008-06-06;
    // 10 more: Jun 9-13, Jun 16-20: Fri 2008-06-20; the next 10 run past 2008-06-30.
    expect(got).toEqual({ 'level1-file': '2008-06-06', 'level1-decision': '2008-06-20' });
    expect(oracle('2008-05-01', 25)).toBe('2008-06-06');
    expect(c.beyond.map((b) => b.step)).toEqual(['level2-appeal', 'level2-decision', 'level3-appeal', 'level3-decision', 'arbitration-member-request', 'arbitration-request', 'arbitrator-selection']);
    expect(formatDate(c.beyond[0].from!)).toBe('2008-06-20');
    expect(c.beyond[0].reason).toMatch(/past the last calendar loaded \(2008-06-30\)/);
    expect(c.beyond[1].from).toBeUndefined();
    expect(c.warnings.join(' ')).toMatch(/7 steps .* marked beyond the calendar/);
  });

  it('an occurrence before the first calendar is still an error', () => {
    expect(() => grievanceChain(a, L, { occurred: '2005-06-01' })).toThrow(InputError);
  });

  it('a step done on a known date past its uncountable deadline still triggers the next', () => {
    const c = grievanceChain(a, L, { occurred: '2008-05-01', done: { 'level1-file': '2008-06-02', 'level1-decision': '2008-06-27' } });
    // level2-appeal: 10 office days after 2008-06-27 run past 2008-06-30: beyond, from the actual date
    expect(formatDate(c.beyond[0].from!)).toBe('2008-06-27');
  });

  it('--allow-beyond-coverage: the fixed-date holidays of the defaults still close the office (July 4)', () => {
    const wide = officeCalendar(a, { beyondCoverage: true });
    const c = grievanceChain(a, wide, { occurred: '2008-05-01' });
    const got = Object.fromEntries(c.steps.map((s) => [s.step, formatDate(s.due)]));
    // level2-appeal, 10 days after Fri 2008-06-20: Jun 23-27 (5), Jun 30 (6), Jul 1-3 (9), Jul 4 closed, Mon Jul 7 (10)
    expect(got['level2-appeal']).toBe('2008-07-07');
    // level2-decision: Jul 8-11 (4), Jul 14-18 (9), Mon Jul 21 (10)
    expect(got['level2-decision']).toBe('2008-07-21');
    expect(c.beyond).toEqual([]);
    expect(wide.warnings[0]).toMatch(/Independence Day, Jul 4/);
  });

  it('the fixed-date holidays read from the default calendars, observed Friday or Monday on a weekend', () => {
    const files = ['2005-06', '2006-07', '2007-08'].map((y) => yamlData(join(AGREEMENT_DIR, 'calendars', `${y}.yaml`)));
    expect(fixedDateHolidays(files).map((h) => `${h.name} ${h.month}-${h.day}`)).toEqual(["New Year's Day 1-1", 'Lincoln Day 2-12', 'Independence Day 7-4', 'Veterans Day 11-11', 'Christmas Day 12-25']);
    const wide = officeCalendar(a, { beyondCoverage: true });
    expect(isOpen(wide.cal, parseDate('2009-07-03'))).toBe(false); // 2009-07-04 is a Saturday: Friday
    expect(isOpen(wide.cal, parseDate('2010-07-05'))).toBe(false); // 2010-07-04 is a Sunday: Monday
    expect(isOpen(wide.cal, parseDate('2008-12-25'))).toBe(false);
    expect(isOpen(wide.cal, parseDate('2008-09-01'))).toBe(true); // Labor Day: a weekday rule, not counted (said in the warning)
    // the same observance reproduces every fixed-date closure of the loaded files
    for (const f of files) {
      const dates = new Set((f.closures as { date: string }[]).map((c) => c.date));
      for (const o of observedHolidays(fixedDateHolidays(files), parseDate(f.from), parseDate(f.to))) isSame(dates.has(formatDate(o.day)), true);
    }
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
    [{ occurred: '2005-11-18', known: '2005-11-01' }, /before occurred/],
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
  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'])('the same chain in TZ=%s', async (TZ) => {
    const j = json(await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--json'], { env: { TZ } }));
    expect(j.steps.map((s: any) => s.due)).toEqual(['2005-12-27', '2006-01-11', '2006-01-26', '2006-02-09', '2006-02-27', '2006-03-13', '2006-03-20', '2006-04-03', '2006-04-24']);
    expect(j.steps[0]).toMatchObject({ step: 'level1-file', days: 25, unit: 'office-days', from: '2005-11-18' });
    expect(j.steps[0].source.article).toBe('X');
  });

  it('--explain lists the counted days', async () => {
    const j = json(await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--json', '--explain']));
    expect(j.steps[0].countedDays).toHaveLength(25);
    expect(j.steps[0].countedDays).not.toContain('2005-11-24');
    expect(j.steps[0].countedDays[0]).toBe('2005-11-21');
  });

  it('--ics writes all-day events with stable UIDs, the same in every time zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-ics-'));
    const texts: string[] = [];
    for (const TZ of ['UTC', 'Pacific/Kiritimati']) {
      const f = join(dir, `${TZ.replace('/', '_')}.ics`);
      // in process: the runner sets TZ on process.env, and Node makes the run's dates in that zone
      const r = await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--case', 'G-17', '--ics', f], { env: { TZ } });
      expect(r.code).toBe(0);
      texts.push(readFileSync(f, 'utf8'));
    }
    const strip = (t: string) => t.replace(/(DTSTAMP|LAST-MODIFIED):.*\r?\n/g, '');
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

  it('--today marks steps; an overdue grievant step exits 1', async () => {
    const r = await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--today', '2006-01-05', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).steps[0].status).toBe('overdue');
    const ok = await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--today', '2005-12-01', '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok).steps[0]).toMatchObject({ status: 'due', daysLeft: 26 });
  });

  it('--closures layers a winter break', async () => {
    const j = json(await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--closures', 'fixtures/closures/winter-break-2005.yaml', '--json']));
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
  ])('%j exits 2', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it('cba deadline list and cba calendar', async () => {
    const l = json(await cba(['deadline', 'list', '--json']));
    expect(l.map((d: any) => d.id)).toEqual(expect.arrayContaining(['level1-file', 'complaint-report', 'sabbatical-application', 'sick-leave-statement']));
    const c = json(await cba(['calendar', '--year', '2005-06', '--json']));
    expect(c.closures.map((x: any) => x.date)).toContain('2006-02-13');
    expect(c.openDays).toBe(251); // 261 weekdays - 10 closures
    const m = await cba(['calendar', '--month', '2005-11', '--mark', '2005-11-28']);
    expect(m.stdout).toContain('[28]');
    expect(m.stdout).toContain('(24)');
  });
});

describe('the dated duties added by issue 13, worked by hand', () => {
  const c = (id: string, input: { from?: string; year?: string; since?: string }) => computeDeadline(a, L, id, input);
  it.each([
    // id, --from, due, due time, working
    ['sick-leave-call-in', '2006-01-10', '2006-01-10', '07:00', 'XIII.1.H: not later than 7:00 a.m. of the day of the absence'],
    ['sick-leave-return-notice', '2006-01-17', '2006-01-13', '15:00', 'return Tue Jan 17; Mon Jan 16 is Martin Luther King Jr. Day: the working day before is Fri Jan 13, before 3:00 p.m.'],
    ['reassignment-preparation', '2006-01-17', '2006-01-11', undefined, 'three working days before Tue Jan 17: Fri 13, Thu 12, Wed 11 (Mon 16 closed)'],
    ['professional-growth-transfer-notice', '2006-02-01', '2005-12-16', undefined, '30 working days back from Wed Feb 1: 20 open days in January (Jan 2 and 16 closed), 10 in December back to Fri Dec 16 (Dec 26 closed)'],
    ['retiree-payment-due', '2006-05-20', '2006-04-28', undefined, 'coverage May 2006: the last working day of April; Apr 30 is a Sunday, Apr 29 a Saturday: Fri Apr 28'],
    ['retiree-late-charge', '2006-05-20', '2006-05-08', undefined, 'ten days after Fri Apr 28'],
    ['retiree-removal', '2006-05-20', '2006-06-27', undefined, 'sixty days after Apr 28: 2 in April, 31 in May, 27 in June'],
    ['tb-examination-notice', '2007-09-15', '2007-08-16', undefined, 'thirty days before Sep 15: 15 in September, 15 back into August'],
    ['evaluation-lesson-plan', '2006-03-08', '2006-03-01', undefined, 'one week before the observation'],
    ['track2-final-plan', '2005-11-18', '2005-11-30', undefined, '7 working days after Fri Nov 18: Nov 21, 22, 23, (24 Thanksgiving), 25, 28, 29, 30'],
    ['par-council-meeting', '2006-02-10', '2006-02-24', undefined, 'two weeks'],
  ])('%s --from %s: due %s %s (%s)', (id, from, due, time) => {
    const r = c(id, { from });
    expect(formatDate(r.due)).toBe(due);
    expect(r.dueTime).toBe(time);
  });

  it.each([
    // hours on the clock
    ['industrial-injury-report', '2006-01-10T14:30', '2006-01-11', '14:30'],
    ['accident-report', '2006-01-13 16:05', '2006-01-14', '16:05'], // a Saturday: hours run every day
    ['released-time-notice', '2006-03-06T08:00', '2006-03-04', '08:00'], // 48 hours before Mon 8:00 is Sat 8:00
    ['released-time-notice', '2006-03-06', '2006-03-04', '00:00'], // no time: from the start of the day, said in a note
  ])('%s --from %s: due %s %s', (id, from, due, time) => {
    const r = c(id, { from });
    expect([formatDate(r.due), r.dueTime]).toEqual([due, time]);
  });

  it('fixed dates: "prior to" is the day before, windows open and close, one-year dates, cycles', () => {
    expect(formatDate(c('evaluation-materials', { year: '2005-06' }).due)).toBe('2005-09-14');
    expect(formatDate(c('evaluation-process-meeting', { year: '2005-06' }).due)).toBe('2005-09-30');
    expect(formatDate(c('evaluation-planning-conference', { year: '2005-06' }).due)).toBe('2005-10-01');
    const w = c('track2-updates', { year: '2005-06' });
    expect([formatDate(w.opens!), formatDate(w.due)]).toEqual(['2005-11-15', '2006-03-01']);
    const p = c('proposal-window', {});
    expect([formatDate(p.opens!), formatDate(p.due)]).toEqual(['2008-03-02', '2008-04-01']); // "after March 1st, but not later than April 1st"
    expect(() => c('proposal-window', { year: '2006-07' })).toThrow(/only in 2008/);
    const r = c('reopener-notice', { year: '2006-07' });
    expect([formatDate(r.opens!), formatDate(r.due)]).toEqual(['2007-03-01', '2007-04-01']);
    const oe = c('open-enrollment', { year: '2006-07' });
    expect([formatDate(oe.opens!), formatDate(oe.due)]).toEqual(['2006-10-01', '2006-11-30']);
    expect(c('evaluation-permanent-cycle', { year: '2006-07', since: '2004-05' }).notes.join(' ')).toMatch(/2006-07 is a year of the cycle/);
    expect(c('evaluation-permanent-cycle', { year: '2007-08', since: '2004-05' }).notes.join(' ')).toMatch(/next is 2008-09/);
    expect(c('evaluation-process-meeting', { year: '2005-06' }).readings[0].text).toMatch(/prior to October 1/i);
  });

  it('bad trigger times are bad input', () => {
    expect(() => c('accident-report', { from: '2006-01-10T25:00' })).toThrow(InputError);
    expect(() => c('accident-report', { from: '2006-01-10 at noon' })).toThrow(/YYYY-MM-DDTHH:MM/);
  });

  it('cba deadline (built bin): a grievance past the calendars exits 0 with the steps inside counted', async () => {
    const r = await cba(['deadline', 'grievance', '--occurred', '2008-05-01', '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.steps[0]).toMatchObject({ step: 'level1-file', due: '2008-06-06' });
    expect(j.steps[2]).toMatchObject({ step: 'level2-appeal', due: null, status: 'beyond-calendar' });
    expect(r.stderr).toMatch(/beyond the calendar/);
    const list = json(await cba(['deadline', 'list', '--json']));
    expect(list.find((d: { id: string }) => d.id === 'sick-leave-call-in')).toMatchObject({ time: '07:00', when: 'by 7:00 a.m. on the day of the absence' });
  });
});

describe('readings of Article X, stated where applied (issue 13)', () => {
  const filed = { 'level1-file': '2005-12-15' };
  const recess = [{ from: '2005-12-19', to: '2005-12-30' }];
  it('a recess extends every time line by default, the administration\'s too, and says so', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: filed, recess });
    // level1-decision, 10 office days after Thu Dec 15 with Dec 19-30 not counted:
    // Dec 16 (1), Jan 3-6 (5; Jan 2 New Year observed), Jan 9-13 (10): 2006-01-13
    expect(formatDate(c.steps.find((s) => s.step === 'level1-decision')!.due)).toBe('2006-01-13');
    expect(c.readings.map((r) => r.text).join(' ')).toMatch(/as well as the grievant's own.*--recess-grievant-only/);
  });
  it('--recess-grievant-only: the administration\'s decision is counted through the recess, the grievant\'s appeal is not', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: filed, recess, recessGrievantOnly: true });
    // level1-decision: Dec 16 (1), Dec 19-23 (6), Dec 26 closed (Christmas observed), Dec 27-30 (10): 2005-12-30
    expect(formatDate(c.steps.find((s) => s.step === 'level1-decision')!.due)).toBe('2005-12-30');
    // level2-appeal (grievant), 10 days after Dec 30: Jan 3-6 (4), Jan 9-13 (9), Jan 16 MLK closed, Jan 17 (10)
    expect(formatDate(c.steps.find((s) => s.step === 'level2-appeal')!.due)).toBe('2006-01-17');
    expect(c.readings.map((r) => r.text).join(' ')).toMatch(/Narrower reading/);
    expect(() => grievanceChain(a, L, { occurred: '2005-11-18', recessGrievantOnly: true })).toThrow(/needs recess/);
  });
  it('the Level III issuance taken as its receipt when only the receipt is known, and said', () => {
    const c = grievanceChain(a, L, { occurred: '2005-11-18', done: { 'level3-decision': '2006-03-01' } });
    expect(formatDate(c.steps.find((s) => s.step === 'arbitration-request')!.from)).toBe('2006-03-01');
    expect(c.readings.map((r) => r.text).join(' ')).toMatch(/receipt date 2006-03-01 is used as the issuance/);
    const d = grievanceChain(a, L, { occurred: '2005-11-18', done: { 'level3-decision': '2006-03-01' }, level3Issued: '2006-02-27' });
    expect(d.readings.map((r) => r.text).join(' ')).not.toMatch(/used as the issuance/);
  });
  it('X.4\'s "Section 7.4" is read as Section 4, and said on every timeline', () => {
    expect(grievanceChain(a, L, { occurred: '2005-11-18' }).readings[0].text).toMatch(/no Section 7\.4.*Section 4/);
  });
});

describe('calendar files of deadlines', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
  const byUid = (text: string) => Object.fromEntries(parse(text).map((e) => [e.getFirstPropertyValue('uid'), e]));

  it('--ics - prints the calendar on stdout (no table, no file named -), CRLF to the last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-ics-'));
    const r = await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--case', 'G-1', '--ics', '-'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(r.stdout.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(r.stdout.replace(/\r\n/g, '')).not.toMatch(/\n/); // every line ends with CRLF
    expect(existsSync(join(dir, '-'))).toBe(false);
    const ev = parse(r.stdout);
    expect(ev).toHaveLength(9);
    for (const e of ev) expect(e.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
  });

  it('a re-export after a step is done moves the later events under the same UID with a higher SEQUENCE; unchanged events keep theirs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-ics-'));
    const f = join(dir, 'g.ics');
    expect((await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--case', 'G-2', '--ics', f])).code).toBe(0);
    const first = byUid(readFileSync(f, 'utf8'));
    expect(first['G-2.level1-file@cba'].getFirstPropertyValue('sequence')).toBe(0);
    expect((first['G-2.level1-file@cba'].getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2005-12-27');
    // filed early, on 2005-12-01 (a Thursday): the Level I meeting and everything after it move earlier
    expect((await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--case', 'G-2', '--filed', '2005-12-01', '--ics', f])).code).toBe(0);
    const second = byUid(readFileSync(f, 'utf8'));
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    const filed = second['G-2.level1-file@cba'];
    expect(filed.getFirstPropertyValue('summary')).toMatch(/^Done: /);
    expect((filed.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2005-12-01');
    expect(filed.getFirstPropertyValue('sequence')).toBe(1);
    let moved = 0;
    for (const [uid, e] of Object.entries(second)) {
      const before = first[uid];
      const same = (e.getFirstPropertyValue('dtstart') as ICAL.Time).toString() === (before.getFirstPropertyValue('dtstart') as ICAL.Time).toString() && e.getFirstPropertyValue('summary') === before.getFirstPropertyValue('summary');
      expect(e.getFirstPropertyValue('sequence')).toBe(same ? 0 : 1);
      if (!same) moved++;
    }
    expect(moved).toBeGreaterThan(1);
    // a third, identical export changes no SEQUENCE
    expect((await cba(['deadline', 'grievance', '--occurred', '2005-11-18', '--case', 'G-2', '--filed', '2005-12-01', '--ics', f])).code).toBe(0);
    const third = byUid(readFileSync(f, 'utf8'));
    for (const [uid, e] of Object.entries(third)) expect(e.getFirstPropertyValue('sequence')).toBe(second[uid].getFirstPropertyValue('sequence'));
  });
});
