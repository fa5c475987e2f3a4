// Article XVII.2.A-B (with 2.D-E, 1, 3, 4): part-time employment with full retirement credit, and
// Article V.8: the Association's released time. Expected figures are worked by hand in each test;
// the limits (55, ten, five, 30, 48 hours (2 days)) are read from the agreement's text first.
import { describe, expect, it, beforeAll } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { partTimeRetirement, birthdayAt } from '../../src/rules/leaves/part-time-retirement';
import { releasedTime } from '../../src/rules/leaves/released-time';
import { dec } from '../../src/core/money';
import { formatDate, parseDate } from '../../src/core/date';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, FOLDED } from '../helpers/contract';
import { cba, json } from '../helpers/cli';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});
const D = parseDate;

describe('the limits are the ones the text prints', () => {
  it('XVII.2.A-B: 55, ten, five; V.8: 30 days, 48 hours (2 days)', () => {
    const r = a.parts.leaves!.partTimeRetirement!;
    expect(Number(/reached the age of (\d+) prior to reduction in workload/.exec(FOLDED)![1])).toBe(r.minAge);
    const m = /for at least ten \((\d+)\) years of which the immediately preceding five \((\d+)\) years were full-time/.exec(FOLDED)!;
    expect([Number(m[1]), Number(m[2])]).toEqual([r.fullTimeYears, r.precedingFullTimeYears]);
    expect(Number(/a maximum of (\d+) days released time/.exec(FOLDED)![1])).toBe(a.parts.leaves!.releasedTime!.maxDays);
    expect(/at least (\d+) hours \((\d) days\) in advance of such released time/.exec(FOLDED)!.slice(1)).toEqual(['48', '2']);
  });
});

describe('XVII.2.A: age 55 before the first day of the reduced workload', () => {
  const age = (born: string, reduction: string) => partTimeRetirement(a, { born: D(born), reduction: D(reduction) }).conditions.find((c) => c.id === 'age')!;
  it.each([
    // born, reduction, status, value: 55th birthday against the first day of the reduction
    ['1950-09-14', '2006-07-01', 'met', '55 on 2006-06-30'], // 55 on 2005-09-14, before
    ['1951-06-30', '2006-07-01', 'met', '55 on 2006-06-30'], // 55 on 2006-06-30, the day before
    ['1951-07-01', '2006-07-01', 'not met', '54 on 2006-06-30'], // 55 on the day itself: not "prior to"
    ['1952-01-10', '2006-07-01', 'not met', '54 on 2006-06-30'], // 55 on 2007-01-10
  ])('born %s, reduced from %s: %s (%s)', (born, reduction, status, value) => {
    const c = age(born, reduction);
    expect([c.status, c.value]).toEqual([status, value]);
  });
  it('a February 29 birthday is reached on March 1 of a common year (reading), on February 29 of a leap year', () => {
    expect(formatDate(birthdayAt(D('1952-02-29'), 55))).toBe('2007-03-01'); // 2007 is common
    expect(formatDate(birthdayAt(D('1952-02-29'), 56))).toBe('2008-02-29');
    expect(age('1952-02-29', '2007-03-01').status).toBe('not met');
    expect(age('1952-02-29', '2007-03-02').status).toBe('met');
  });
});

describe('XVII.2.B: ten full-time years, the five just before among them', () => {
  const svc = (ft: number, pre: number) => partTimeRetirement(a, { reduction: D('2006-07-01'), fullTimeYears: dec(ft), precedingFullTimeYears: dec(pre) }).conditions.filter((c) => c.id !== 'age' && c.id !== 'minimum').map((c) => c.status);
  it.each([
    [12, 6, ['met', 'met']],
    [10, 5, ['met', 'met']], // exactly at both
    [9, 9, ['not met', 'met']],
    [12, 4, ['met', 'not met']],
  ])('%i years, %i just before: %j', (ft, pre, want) => expect(svc(ft, pre)).toEqual(want));
  it('more years just before than in all is refused (exit 2)', async () => {
    expect(() => svc(4, 5)).toThrow(/precedingFullTimeYears/);
    expect((await cba(['part-time-retirement', '--reduction', '2006-07-01', '--full-time-years', '4', '--preceding-full-time-years', '5'])).code).toBe(2);
  });
});

describe('XVII.2.E minimum and 2.D pay: pro rata, retirement on the full-time salary', () => {
  const min = (x: object) => partTimeRetirement(a, { reduction: D('2006-07-01'), ...x }).conditions.find((c) => c.id === 'minimum')!;
  it('0.5 meets the minimum, 0.49 does not; 95 of 190 days = 0.5 meets, 90 of 190 = 0.4737 does not', () => {
    expect(min({ fte: dec('0.5') }).status).toBe('met');
    expect(min({ fte: dec('0.49') }).status).toBe('not met');
    expect(min({ days: dec(95), finalYearDays: dec(190) }).status).toBe('met');
    expect([min({ days: dec(90), finalYearDays: dec(190) }).status, min({ days: dec(90), finalYearDays: dec(190) }).value]).toEqual(['not met', '90 of 190 days = 0.4737']);
  });
  it('IV-13 at 0.6: 70,797.00 x 0.6 = 42,478.20 a year, / 12 = 3,539.85 a month; retirement on 70,797.00', async () => {
    const r = await cba(['part-time-retirement', '--reduction', '2006-07-01', '--fte', '0.6', '--class', 'IV', '--step', '13', '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.pay).toMatchObject({ fte: 0.6, fullTimeSalary: 70797, partTimeSalary: 42478.2, partTimeMonthly: 3539.85, retirementBase: 70797, healthAsFullTime: true });
    expect(j.pay.sources.map((s: { section: string }) => s.section)).toEqual(['2.D', '1', '3']);
    expect(j.complete).toBe(false);
    expect(r.stderr).toMatch(/not checked/);
  });
  it('full time is not a reduction, and the share is given one way (exit 2)', async () => {
    expect((await cba(['part-time-retirement', '--reduction', '2006-07-01', '--fte', '1'])).code).toBe(2);
    expect((await cba(['part-time-retirement', '--reduction', '2006-07-01', '--fte', '0.5', '--days', '95', '--final-year-days', '190'])).code).toBe(2);
    expect((await cba(['part-time-retirement', '--reduction', '2006-07-01', '--days', '95'])).code).toBe(2);
    expect((await cba(['part-time-retirement', '--fte', '0.5'])).code).toBe(2); // --reduction is required
  });
});

describe('XVII.4: the notice (March 15) and the meeting (April 30) before the reduction', () => {
  const dates = (red: string) => partTimeRetirement(a, { reduction: D(red) }).dates.map((d) => formatDate(d.date));
  it.each([
    ['2006-07-01', ['2006-03-15', '2006-04-30']],
    ['2006-03-01', ['2005-03-15', '2005-04-30']], // before this year's March 15: last year's
    ['2006-03-15', ['2006-03-15', '2005-04-30']], // on or before
  ])('reduced from %s: %j', (red, want) => expect(dates(red)).toEqual(want));
});

describe('cba part-time-retirement: exit 1 when a condition is not met', () => {
  it('eligible: 0; born 1951-07-01 for 2006-07-01: 1', async () => {
    const ok = await cba(['part-time-retirement', '--reduction', '2006-07-01', '--born', '1950-09-14', '--full-time-years', '12', '--preceding-full-time-years', '6', '--fte', '0.5', '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ eligible: true, complete: true });
    const no = await cba(['part-time-retirement', '--reduction', '2006-07-01', '--born', '1951-07-01', '--full-time-years', '12', '--preceding-full-time-years', '6', '--fte', '0.5', '--json']);
    expect(no.code).toBe(1);
    expect(json(no).conditions[0]).toMatchObject({ id: 'age', status: 'not met', sources: [{ article: 'XVII', section: '2.A' }] });
  });
});

describe('V.8 released time: at most 30 days; written notice 48 hours (2 days) before', () => {
  it.each([
    // used, asked, ok, left, over
    ['26', '3', true, '1', '0'],
    ['30', '0', true, '0', '0'],
    ['29.5', '0.5', true, '0', '0'],
    ['28', '3', false, '0', '1'],
  ])('%s used + %s asked: ok %s, %s left, %s over', (u, q, ok, left, over) => {
    const r = releasedTime(a, { usedDays: dec(u), requestDays: dec(q) });
    expect([r.ok, r.leftDays.toString(), r.overDays.toString()]).toEqual([ok, left, over]);
  });
  it.each([
    // notified, starts, in time, latest: 48 hours on the clock with times, 2 calendar days with dates
    ['2006-03-01T10:00', '2006-03-03T08:00', false, '2006-03-01 08:00'], // 46 hours
    ['2006-03-01T08:00', '2006-03-03T08:00', true, '2006-03-01 08:00'], // 48 hours exactly
    ['2006-02-27T09:00', '2006-03-01T09:00', true, '2006-02-27 09:00'], // February 2006 has 28 days: 48 hours
    ['2006-03-01', '2006-03-03', true, '2006-03-01'],
    ['2006-03-02', '2006-03-03', false, '2006-03-01'],
    ['2006-03-01T17:00', '2006-03-03', true, '2006-03-01'], // a date alone on one side: days
  ])('notice %s for %s: in time %s (latest %s)', (n, s, ok, latest) => {
    const r = releasedTime(a, { usedDays: dec(0), requestDays: dec(1), notified: n, starts: s });
    expect([r.notice!.ok, r.notice!.latest]).toEqual([ok, latest]);
  });
  it('the command exits 1 over the days or with a late notice, 2 for half a notice', async () => {
    expect((await cba(['released-time', '--used', '26', '--request', '3'])).code).toBe(0);
    const over = await cba(['released-time', '--used', '28', '--request', '3', '--json']);
    expect(over.code).toBe(1);
    expect(json(over)).toMatchObject({ maxDays: 30, leftDays: 0, overDays: 1, ok: false, sources: [{ article: 'V', section: '8' }] });
    expect(json(over).readings.join(' ')).toMatch(/school year/);
    expect((await cba(['released-time', '--request', '2', '--notified', '2006-03-01T10:00', '--starts', '2006-03-03T08:00'])).code).toBe(1);
    const half = await cba(['released-time', '--request', '2', '--notified', '2006-03-01']);
    expect(half.code).toBe(2);
    expect(half.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('cba check runs cases of both commands', () => {
  it('a file of expected results: IV-13 at 0.6 is 42,478.20; 26 + 3 days of released time leaves 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-f2-'));
    try {
      const f = join(dir, 'cases.yaml');
      writeFileSync(f, `cases:
  - name: part-time pay
    run: part-time-retirement
    input: { reduction: 2006-07-01, fte: 0.6, class: IV, step: 13 }
    expect: { "pay.partTimeSalary": 42478.20, "pay.retirementBase": 70797 }
  - name: released time
    run: released-time
    input: { used: 26, request: 3 }
    expect: { leftDays: 1, ok: true }
`);
      const r = await cba(['check', f]);
      expect(r.stdout.trim().split('\n').pop()).toBe('2 passed, 0 failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
