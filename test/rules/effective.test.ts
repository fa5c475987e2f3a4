// Effective-dated schedules: the schedule in force on a date, and a school year whose schedule changes
// inside it paid in parts. The fixture (fixtures/rules/midyear-2006-07) has an invented 2006-07 Basic
// Teacher Compensation Plan in force July 1 - December 31, 2006 and a 3% raise effective January 1, 2007.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadAgreement } from '../../src/rules/load';
import { salary } from '../../src/rules/schedules/salary';
import { coverage, scheduleAsOf, yearParts } from '../../src/rules/schedules/effective';
import { ROOT } from '../helpers/contract';
import { cba, json } from '../helpers/cli';

const DIR = join(ROOT, 'fixtures', 'rules', 'midyear-2006-07');

describe('a mid-year raise (2006-07)', async () => {
  const a = await loadAgreement({ rules: DIR });

  it('the year is paid in two parts, weighted by monthly warrants (worked by hand)', () => {
    // Class IV Step 13: 72,213 from July 1 (basic-2006-07.yaml), 74,379 from January 1 (basic-2006-07-2007-01-01.yaml).
    // Twelve monthly warrants (agreement.yaml monthsPerYear), July-December at 72,213, January-June at 74,379:
    //   72,213 x 6/12 = 36,106.50
    //   74,379 x 6/12 = 37,189.50
    //   year's pay   = 73,296.00
    const r = salary(a, { class: 'IV', step: 13, year: '2006-07' });
    expect(r.parts!.map((p) => [p.from, p.to, p.annualSalary.toFixed(2), p.weight.toFixed(4), p.amount.toFixed(2)])).toEqual([
      ['2006-07-01', '2006-12-31', '72213.00', '0.5000', '36106.50'],
      ['2007-01-01', '2007-06-30', '74379.00', '0.5000', '37189.50'],
    ]);
    expect(r.totalSalary.toFixed(2)).toBe('73296.00');
    expect(r.readings.map((r) => r.text).join(' ')).toMatch(/weighted by the monthly warrants .* this is a reading/);
  });

  it('weighted by calendar days instead (--weighting days, worked by hand)', () => {
    // July 1 - December 31, 2006: 31+31+30+31+30+31 = 184 days; January 1 - June 30, 2007: 31+28+31+30+31+30 = 181 days; 365 in all.
    //   72,213 x 184 / 365 = 13,287,192 / 365 = 36,403.2657...
    //   74,379 x 181 / 365 = 13,462,599 / 365 = 36,883.8328...
    //   sum = 26,749,791 / 365 = 73,287.0986..., half-up to the cent: 73,287.10
    const r = salary(a, { class: 'IV', step: 13, year: '2006-07', weighting: 'days' });
    expect(r.parts!.map((p) => p.how)).toEqual(['184 of the 365 calendar days of 2006-07', '181 of the 365 calendar days of 2006-07']);
    expect(r.totalSalary.toFixed(2)).toBe('73287.10');
  });

  it('a change inside a month splits that month by its calendar days', () => {
    const b = { ...a, schedules: a.schedules.map((s) => (s.effective === '2007-01-01' ? { ...s, effective: '2007-01-11' } : s)) };
    // January 2007 has 31 days: 10 at the old schedule, 21 at the new.
    // old: 6 + 10/31 warrants of 12; new: 5 + 21/31 warrants of 12
    const p = yearParts(b, 'basic', '2006-07');
    expect(p.map((x) => x.how)).toEqual(['6 + 10/31 of 2007-01 of the 12 monthly warrants', '5 + 21/31 of 2007-01 of the 12 monthly warrants']);
    expect(p[0].weight.plus(p[1].weight).toFixed(20)).toBe('1.00000000000000000000');
  });

  it('--as-of picks the schedule in force; a date outside every schedule names the dates covered', () => {
    expect(scheduleAsOf(a, 'basic', '2006-12-31').effective).toBe('2006-07-01');
    expect(scheduleAsOf(a, 'basic', '2007-01-01').effective).toBe('2007-01-01');
    expect(salary(a, { class: 'IV', step: 13, asOf: '2007-03-15' }).annualSalary.toFixed(0)).toBe('74379');
    expect(() => scheduleAsOf(a, 'basic', '2007-07-01')).toThrow('asOf 2007-07-01: no basic schedule is in force on that date; the rules cover 2006-07-01 to 2007-06-30');
    expect(() => scheduleAsOf(a, 'basic', '2006-02-30')).toThrow(/does not exist on the calendar/);
    expect(coverage(a, 'basic').map((c) => [c.from, c.to])).toEqual([
      ['2006-07-01', '2006-12-31'],
      ['2007-01-01', '2007-06-30'],
    ]);
  });

  it('a year not covered whole is refused, naming what is covered', () => {
    const b = { ...a, schedules: a.schedules.map((s) => (s.effective === '2006-07-01' ? { ...s, effective: '2006-09-01' } : s)) };
    expect(() => salary(b, { class: 'IV', step: 13, year: '2006-07' })).toThrow(/year 2006-07: the basic schedules do not cover the whole school year \(2006-07-01 to 2007-06-30\); they cover 2006-09-01 to 2007-06-30/);
  });

  it('cba salary --year 2006-07 matches the hand-worked year; --as-of the part in force', async () => {
    const r = await cba(['salary', '--rules', DIR, '--class', 'IV', '--step', '13', '--year', '2006-07', '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.totalSalary).toBe(73296);
    expect(j.parts.map((p: { amount: number }) => p.amount)).toEqual([36106.5, 37189.5]);
    const d = json(await cba(['salary', '--rules', DIR, '--class', 'IV', '--step', '13', '--year', '2006-07', '--weighting', 'days', '--json']));
    expect(d.totalSalary).toBe(73287.1);
    const o = await cba(['salary', '--rules', DIR, '--class', 'IV', '--step', '13', '--as-of', '2008-01-01']);
    expect(o.code).toBe(2);
    expect(o.stderr).toBe('cba: --as-of 2008-01-01: no basic schedule is in force on that date; the rules cover 2006-07-01 to 2007-06-30\n');
  });
});
