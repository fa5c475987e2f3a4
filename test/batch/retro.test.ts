// cba retro worked by hand (issue 12): a 4% raise effective July 1, 2005, settled with pay through
// January 2006, monthly periods. Every period's difference and every total to the cent, with the working.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRules } from '../../src/rules/load';
import { RetroCalculator } from '../../src/batch/retro';
import { dec } from '../../src/core/money';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

const roster = [
  { row: 1, values: { id: 'R1', schedule: 'basic', class: 'II', step: '5', fte: '', stipends: '', start: '', end: '' } },
  { row: 2, values: { id: 'R2', schedule: 'basic', class: 'I', step: '1', fte: '', stipends: '', start: '2005-10-17', end: '' } },
  { row: 3, values: { id: 'R3', schedule: 'basic', class: 'IV', step: '10', fte: '0.5', stipends: 'bilingual', start: '', end: '' } },
];
const opts = { effective: '2005-07-01', paidThrough: '2006-01-31', raise: dec(4) };
const c2 = (x: { toFixed(n: number): string }) => x.toFixed(2);

describe('cba retro: three people, 4% from July 1, paid through January, by hand', () => {
  it('seven monthly periods, July to January', () => {
    const r = new RetroCalculator(a, opts);
    expect(r.periods.map((p) => p.period)).toEqual(['2005-07', '2005-08', '2005-09', '2005-10', '2005-11', '2005-12', '2006-01']);
  });

  it('a full year: Class II Step 5', () => {
    const p = new RetroCalculator(a, opts).person(roster[0]);
    // old 49,766 / 12 = 4,147.1666... paid 4,147.17; new 49,766 x 1.04 = 51,756.64 -> 51,757; / 12 = 4,313.0833...
    // each month: 4,313.0833... - 4,147.17 = 165.91333... -> 165.91
    expect(p.periods!.map((x) => [c2(x.paid), c2(x.owed), c2(x.difference)])).toEqual(Array(7).fill(['4147.17', '4313.08', '165.91']));
    expect(c2(p.retro!)).toBe('1161.37'); // 7 x 165.91
    expect(p.retroExact!.toFixed(6)).toBe('1161.393333'); // 7 x 165.913333...: 0.02 lost to rounding, shown
    // CalSTRS 8.25% of 1,161.37 = 95.813025 -> 95.81; Medicare 1.45% = 16.839865 -> 16.84
    expect([c2(p.costs!.calstrs), c2(p.costs!.medicare)]).toEqual(['95.81', '16.84']);
  });

  it('joined on October 17: October prorated by calendar days (15 of 31)', () => {
    const p = new RetroCalculator(a, opts).person(roster[1]);
    // July to September: not employed, nothing paid or owed
    expect(p.periods!.slice(0, 3).map((x) => c2(x.difference))).toEqual(['0.00', '0.00', '0.00']);
    // October: old 37,399 x 15/31 / 12 = 1,508.0241... paid 1,508.02; new 37,399 x 1.04 = 38,894.96 -> 38,895;
    //   x 15/31 / 12 = 1,568.3467...; difference 60.3267... -> 60.33
    expect([c2(p.periods![3].paid), c2(p.periods![3].difference)]).toEqual(['1508.02', '60.33']);
    // November to January: 38,895 / 12 = 3,241.25 - (37,399 / 12 = 3,116.5833 paid 3,116.58) = 124.67
    expect(p.periods!.slice(4).map((x) => c2(x.difference))).toEqual(['124.67', '124.67', '124.67']);
    expect(c2(p.retro!)).toBe('434.34'); // 60.33 + 3 x 124.67
    // 434.34 x 8.25% = 35.83305 -> 35.83; x 1.45% = 6.29793 -> 6.30
    expect([c2(p.costs!.calstrs), c2(p.costs!.medicare)]).toEqual(['35.83', '6.30']);
  });

  it('half time with a percentage stipend: the stipend follows the raised cell, at its full amount', () => {
    const p = new RetroCalculator(a, opts).person(roster[2]);
    // salary: 64,708 x 0.5 = 32,354 / 12 = 2,696.1666 paid 2,696.17; new 64,708 x 1.04 = 67,296.32 -> 67,296 x 0.5 = 33,648 / 12 = 2,804.00: 107.83
    // bilingual: 1.5% of IV-13: old 70,797 -> 1,061.96 / 12 = 88.4966 paid 88.50 (the printed 88.50); new 73,629 -> 1,104.44 / 12 = 92.0366...: 3.5366 -> 3.54
    expect(p.periods!.map((x) => [c2(x.salary), c2(x.stipends), c2(x.difference)])).toEqual(Array(7).fill(['107.83', '3.54', '111.37']));
    expect(c2(p.retro!)).toBe('779.59'); // 7 x 111.37
    // all of it creditable (bilingual is): 779.59 x 8.25% = 64.316175 -> 64.32; x 1.45% = 11.304055 -> 11.30
    expect([c2(p.costs!.calstrs), c2(p.costs!.medicare)]).toEqual(['64.32', '11.30']);
  });

  it('the roster total is the sum of the people', () => {
    const r = new RetroCalculator(a, opts);
    for (const x of roster) r.person(x);
    expect(c2(r.totals.retro)).toBe('2375.30'); // 1,161.37 + 434.34 + 779.59
    expect(c2(r.totals.costs.calstrs)).toBe('195.96'); // 95.81 + 35.83 + 64.32
  });

  it('people of the same placement (the row remembered, counted at the end) add to the totals each, and the totals read twice are the same', () => {
    const r = new RetroCalculator(a, opts);
    // roster[0] (1,161.37, CalSTRS 95.81) three times, roster[2] (779.59, 64.32) twice, roster[1] (434.34, 35.83) once
    for (const x of [roster[0], roster[2], roster[0], roster[1], roster[0], roster[2]]) r.person(x);
    // 3 x 1,161.37 + 2 x 779.59 + 434.34 = 3,484.11 + 1,559.18 + 434.34 = 5,477.63
    expect(c2(r.totals.retro)).toBe('5477.63');
    // 3 x 95.81 + 2 x 64.32 + 35.83 = 287.43 + 128.64 + 35.83 = 451.90
    expect(c2(r.totals.costs.calstrs)).toBe('451.90');
    expect(r.totals.persons).toBe(6);
    // another row after the totals were read: counted once more, not again for the earlier ones
    r.person(roster[1]);
    expect(c2(r.totals.retro)).toBe('5911.97'); // 5,477.63 + 434.34
    expect(r.totals.persons).toBe(7);
  });

  it('property: every person total is the sum of its rounded periods, and within half a cent a period of the exact sum', () => {
    const classes = ['I', 'II', 'III', 'IV', 'V'];
    fc.assert(
      fc.property(fc.constantFrom(...classes), fc.integer({ min: 1, max: 8 }), fc.constantFrom('', '0.5', '0.8'), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 50 }), (cls, step, fte, day, pct) => {
        const r = new RetroCalculator(a, { effective: '2005-07-01', paidThrough: '2006-06-30', raise: dec(pct).div(10) });
        const p = r.person({ row: 1, values: { id: 'x', class: cls, step: String(step), fte, start: `2005-09-${String(day).padStart(2, '0')}` } });
        const sum = p.periods!.reduce((t, x) => t.plus(x.difference), dec(0));
        expect(sum.eq(p.retro!)).toBe(true);
        expect(p.retro!.minus(p.retroExact!).abs().lte(dec('0.005').times(p.periods!.length))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('cba retro: bad input', () => {
  it('--paid-through before --effective', () => expect(() => new RetroCalculator(a, { ...opts, paidThrough: '2005-06-30' })).toThrow(/paidThrough 2005-06-30 is before effective 2005-07-01/));
  it('an effective date with no schedule in force', () =>
    expect(() => new RetroCalculator(a, { effective: '2003-07-01', paidThrough: '2003-12-31', raise: dec(4) })).toThrow(/effective 2003-07-01: no basic schedule is in force on that date/));
  it('no new schedule on the effective date without --raise', () =>
    expect(() => new RetroCalculator(a, { effective: '2005-09-01', paidThrough: '2005-12-31' })).toThrow(/no new schedule takes effect that day in the rules/));
  it('a row with an unknown class or step, or a paid figure that is not money, comes back invalid with its reason', () => {
    const r = new RetroCalculator(a, opts);
    expect(r.person({ row: 1, values: { id: 'a', class: 'IX', step: '1' } })).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/no class IX/) });
    expect(r.person({ row: 2, values: { id: 'b', class: 'IV', step: '40' } })).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/steps 1 to 13/) });
    expect(r.person({ row: 3, values: { id: 'c', class: 'IV', step: '4', paid: 'lots' } })).toMatchObject({ status: 'invalid', reason: 'paid "lots" is not an amount of money (dollars, at most two decimals)' });
    expect(r.totals.invalid).toBe(3);
  });
  it('a paid column replaces the computed old pay', () => {
    const r = new RetroCalculator(a, opts);
    // paid 4,100.00 a month; owed 4,313.0833...: 213.0833 -> 213.08 x 7 = 1,491.56
    const p = r.person({ row: 1, values: { id: 'a', class: 'II', step: '5', paid: '4,100.00' } });
    expect(c2(p.periods![0].difference)).toBe('213.08');
    expect(c2(p.retro!)).toBe('1491.56');
  });
});
