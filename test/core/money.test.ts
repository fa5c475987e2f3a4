import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec, round, formatMoney, percent, toJsonNumber } from '../../src/core/money';
import { divHalfUp } from '../helpers/contract';

describe('money: exact decimals, half-up', () => {
  it('70797 x 1.5% is 1,061.96 as printed, where binary floating point gives 1,061.95', () => {
    expect((70797 * 0.015).toFixed(2)).toBe('1061.95'); // the trap this module exists to avoid
    expect(formatMoney(round(dec(70797).times(percent('1.5'))))).toBe('1,061.96');
  });

  it.each([
    ['2.675', '2.68'], // 2.675 is 2.67499999... as a double
    ['1.005', '1.01'],
    ['0.005', '0.01'],
    ['0.004999', '0.00'],
    ['-1.005', '-1.01'], // half away from zero, as big.js's half-up
    ['1061.955', '1061.96'],
  ])('rounds %s to %s', (x, want) => {
    expect(round(dec(x)).toFixed(2)).toBe(want);
  });

  it('rounds to a unit given as data (whole dollars, quarter hours)', () => {
    expect(round(dec('100.5'), { mode: 'half-up', unit: 1 }).toFixed()).toBe('101');
    expect(round(dec('7.374'), { mode: 'half-up', unit: '0.25' }).toFixed(2)).toBe('7.25');
    expect(round(dec('7.375'), { mode: 'half-up', unit: '0.25' }).toFixed(2)).toBe('7.50');
    expect(round(dec('2.5'), { mode: 'half-even', unit: 1 }).toFixed()).toBe('2');
    expect(round(dec('2.99'), { mode: 'down', unit: 1 }).toFixed()).toBe('2');
  });

  it('formats with thousands separators', () => {
    expect(formatMoney(dec(1234567.891))).toBe('1,234,567.89');
    expect(formatMoney(dec(0))).toBe('0.00');
    expect(formatMoney(dec(-1500))).toBe('-1,500.00');
    expect(toJsonNumber(dec('372.6157894'))).toBe(372.62);
  });

  it('property: amount x percentage rounds exactly as integer-cents arithmetic does', () => {
    // oracle: cents x basis points / 10000, half-up, in BigInt
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 100_000 }), (c, bp) => {
        const want = divHalfUp(BigInt(c) * BigInt(bp), 10_000n);
        const got = round(dec(c).div(100).times(dec(bp).div(100)).div(100));
        expect(got.times(100).toFixed(0)).toBe(want.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('property: an annual salary divided by a day count rounds as integer arithmetic does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 366 }), (annual, days) => {
        const want = divHalfUp(BigInt(annual) * 100n, BigInt(days));
        expect(round(dec(annual).div(days)).times(100).toFixed(0)).toBe(want.toString());
      }),
      { numRuns: 2000 },
    );
  });
});
