import { describe, expect, it, beforeAll } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { salary } from '../../src/rules/schedules/salary';
import type { Agreement } from '../../src/rules/types';
import { InputError } from '../../src/core/errors';
import { AGREEMENT_DIR } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

describe('cba salary: hand-worked examples', () => {
  it.each([
    // [schedule, class, step, days, fte, annual, daily, total, monthly, working]
    ['basic', 'IV', 13, undefined, undefined, '70797.00', '372.62', '70797.00', '5899.75', '70797/190 = 372.6157..; 70797/12 = 5899.75'],
    ['basic', 'IV', 13, 200, undefined, '70797.00', '372.62', '74523.20', '6210.27', '10 x 372.62 = 3726.20; 74523.20/12 = 6210.266..'],
    ['basic', 'IV', 13, 225, undefined, '70797.00', '372.62', '83838.70', '6986.56', '35 x 372.62 = 13041.70; 83838.70/12 = 6986.558..'],
    ['basic', 'IV', 13, 150, undefined, '70797.00', '372.62', '55892.37', '4657.70', '70797 x 150/190 = 55892.368..; /12 = 4657.697..'],
    ['basic', 'IV', 13, 123, undefined, '70797.00', '372.62', '45831.74', '3819.31', '70797 x 123 = 8708031; /190 = 45831.742..; /12 = 3819.311..'],
    ['basic', 'IV', 13, undefined, '0.5', '70797.00', '372.62', '35398.50', '2949.88', '35398.50/12 = 2949.875 -> half-up 2949.88'],
    ['basic', 'A', 1, undefined, undefined, '35450.00', '186.58', '35450.00', '2954.17', '35450/190 = 186.578..; 35450/12 = 2954.1666..'],
    ['basic', 'iv', 1, undefined, undefined, '46443.00', '244.44', '46443.00', '3870.25', 'class accepted in lower case'],
    ['community-day', 'II', 2, undefined, undefined, '50153.00', '263.96', '50153.00', '4179.42', '50153/190 = 263.963..: printed 263.97'],
    ['preschool', 'III', 4, undefined, undefined, '23818.80', '129.45', '23818.80', '1984.90', '17.26 x 7.5 = 129.45; x 184 = 23818.80'],
    ['preschool', 'I', 1, undefined, undefined, '21155.40', '114.98', '21155.40', '1762.95', '15.33 x 7.5 = 114.975 -> 114.98; 114.975 x 184 = 21155.40 exact'],
    ['preschool', 'I', 1, 190, undefined, '21155.40', '114.98', '21845.28', '1820.44', '6 extra days x 114.98 = 689.88'],
  ] as const)('%s %s-%s days=%s fte=%s', (schedule, cls, step, days, fte, annual, daily, total, monthly) => {
    const r = salary(a, { schedule, class: cls, step, days, fte });
    expect(r.annualSalary.toFixed(2)).toBe(annual);
    expect(r.dailyRate.toFixed(2)).toBe(daily);
    expect(r.totalSalary.toFixed(2)).toBe(total);
    expect(r.monthlyPay.toFixed(2)).toBe(monthly);
  });

  it('reports the printed daily rate when it differs, and uses the rule rate', () => {
    const r = salary(a, { schedule: 'community-day', class: 'II', step: 2 });
    expect(r.printedDailyRate!.toFixed(2)).toBe('263.97');
    expect(r.warnings.join(' ')).toMatch(/263\.97.*263\.96/);
    expect(salary(a, { class: 'IV', step: 13 }).warnings).toEqual([]);
  });

  it('every figure cites its source', () => {
    const r = salary(a, { class: 'IV', step: 13, days: 200, fte: '0.5' });
    for (const l of r.lines.filter((l) => l.figure !== 'totalSalary' && l.figure !== 'extraDays')) expect(l.source?.quote, l.figure).toBeTruthy();
    expect(r.sources.map((s) => s.article)).toEqual(expect.arrayContaining(['Appendix A', 'XV', 'XVII']));
    expect(r.class).toBe('IV');
  });

  it('a short calendar says which reading it applies', () => {
    expect(salary(a, { class: 'IV', step: 13, days: 150 }).readings.map((r) => r.text).join(' ')).toMatch(/XI\.1\.F.*pro rata/);
  });

  it.each([
    [{ class: 'VII', step: 1 }, /no class VII.*A, I, II, III, IV, V, VI/],
    [{ class: 'A', step: 6 }, /class A .* steps 1 to 5/],
    [{ class: 'IV', step: 14 }, /steps 1 to 13/],
    [{ class: 'IV', step: 0 }, /steps 1 to 13/],
    [{ class: 'IV', step: 1.5 }, /steps 1 to 13/],
    [{ class: 'A', step: 1, schedule: 'preschool' }, /no class A/],
    [{ class: 'VI', step: 1, schedule: 'preschool' }, /no class VI/],
    [{ class: 'IV', step: 13, year: '2007-08' }, /no 2007-08 table.*2005-06/],
    [{ class: 'IV', step: 13, schedule: 'night-school' }, /no such schedule/],
    [{ class: 'IV', step: 13, days: 226 }, /more than 225 days.*XV\.1/],
    [{ class: 'IV', step: 13, days: 122 }, /123 days.*XI\.1\.F/],
    [{ class: 'IV', step: 13, days: 200.5 }, /whole work days/],
    [{ class: 'IV', step: 13, fte: '0' }, /more than 0/],
    [{ class: 'IV', step: 13, fte: '1.01' }, /at most 1/],
    [{ class: 'IV', step: 13, fte: 'half' }, /not a number/],
  ])('bad input %o is an InputError', (input, msg) => {
    expect(() => salary(a, input as never)).toThrow(InputError);
    expect(() => salary(a, input as never)).toThrow(msg);
  });
});
