import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec, divRound, parseCents, round, formatMoney, percent, toJsonNumber, type RoundingMode } from '../../src/core/money';
import { divHalfUp } from '../helpers/contract';
import { isSame } from '../helpers/fast-expect';

const HUNDREDTH = dec('0.01'), THOUSANDTH = dec('0.001');

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
        // (x 0.01 is / 100 exactly, without big.js's long division to 30 places)
        const got = round(dec(c).times(HUNDREDTH).times(dec(bp).times(HUNDREDTH)).times(HUNDREDTH));
        isSame(got.times(100).toFixed(0), want.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it('property: an annual salary divided by a day count rounds as integer arithmetic does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 366 }), (annual, days) => {
        const want = divHalfUp(BigInt(annual) * 100n, BigInt(days));
        isSame(round(dec(annual).div(days)).times(100).toFixed(0), want.toString());
      }),
      { numRuns: 2000 },
    );
  });
  it('divRound: 70,797 / 190 is the printed daily rate 372.62; / 12 is 5,899.75; to whole dollars and quarters', () => {
    // 70797 / 190 = 372.6157..., half-up to the cent 372.62 (Appendix A, Class IV Step 13)
    expect(divRound(dec(70797), 190).toFixed(2)).toBe('372.62');
    // 70797 / 12 = 5899.75 exactly
    expect(divRound(dec(70797), 12).toFixed(2)).toBe('5899.75');
    // 1001 / 2 = 500.5: half-up 501, half-even 500, down 500, up 501
    expect(divRound(dec(1001), 2, { mode: 'half-up', unit: 1 }).toFixed()).toBe('501');
    expect(divRound(dec(1001), 2, { mode: 'half-even', unit: 1 }).toFixed()).toBe('500');
    expect(divRound(dec(1001), 3, { mode: 'down', unit: 1 }).toFixed()).toBe('333');
    expect(divRound(dec(1001), 3, { mode: 'up', unit: 1 }).toFixed()).toBe('334');
    // 22.1 / 3 = 7.3666... to the quarter hour: 7.25 (7.375 is the half-way point)
    expect(divRound(dec('22.1'), 3, { mode: 'half-up', unit: '0.25' }).toFixed(2)).toBe('7.25');
    // 1550 / 1 to tens: 1550 half-up is 1550 (unit 10), 1555 / 1 -> 1560
    expect(divRound(dec(1555), 1, { mode: 'half-up', unit: 10 }).toFixed()).toBe('1560');
    expect(() => divRound(dec(1), 0)).toThrow(RangeError);
  });

  it('property: divRound rounds a quotient exactly as integer arithmetic does, in every mode and unit', () => {
    // oracle in BigInt: x = xc / 100 (cents), divided by d = dn / 100, to a unit u = un / 1000; the quotient
    // in units is (xc * 1000) / (d * un) as a fraction, rounded by the mode
    const oracle = (num: bigint, den: bigint, mode: RoundingMode): bigint => {
      const neg = num < 0n !== den < 0n;
      const n = num < 0n ? -num : num, d = den < 0n ? -den : den;
      const q = n / d, r = n % d;
      let a = q;
      if (mode === 'up' && r > 0n) a = q + 1n;
      if (mode === 'half-up' && 2n * r >= d) a = q + 1n;
      if (mode === 'half-even' && (2n * r > d || (2n * r === d && q % 2n === 1n))) a = q + 1n;
      return neg ? -a : a;
    };
    const units = [1, 5, 10, 250, 1000, 10000, 30] as const; // in thousandths: 0.001, 0.005, 0.01, 0.25, 1, 10, 0.03
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000_000, max: 50_000_000 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.constantFrom(...units),
        fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up'),
        (xc, dn, un, mode) => {
          const want = oracle(BigInt(xc) * 100n * 1000n, BigInt(dn) * 100n * BigInt(un), mode);
          // x, d and the unit scaled by x 0.01 and x 0.001 (exactly / 100 and / 1000, without a long division)
          const x = dec(xc).times(HUNDREDTH), d = dec(dn).times(HUNDREDTH), unit = dec(un).times(THOUSANDTH).toFixed();
          const got = divRound(x, d, { mode, unit });
          // got is `want` units: got x 1000 = want x un (un > 0), in integers
          isSame(got.times(1000).toFixed(), (want * BigInt(un)).toString());
          // and the same as dividing to 30 places and rounding (the way it was done before)
          isSame(got.eq(round(x.div(d), { mode, unit })), true);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('divRound of whole numbers (a schedule\'s annual salary by its days, worked in integer arithmetic): 70,797 / 190 and the edges of exact doubles', () => {
    expect(divRound(dec(70797), dec(190)).toFixed()).toBe('372.62'); // 372.6157...
    expect(divRound(dec(35450), 190).toFixed()).toBe('186.58'); // 186.5789... (Class A Step 1)
    expect(divRound(dec(0), 190).toFixed(2)).toBe('0.00');
    expect(divRound(dec(95), 190, { mode: 'half-even', unit: 1 }).toFixed()).toBe('0'); // 0.5 to the even 0
    expect(divRound(dec(285), 190, { mode: 'half-even', unit: 1 }).toFixed()).toBe('2'); // 1.5 to the even 2
    expect(divRound(dec(1), 3, { mode: 'up', unit: '0.0001' }).toFixed()).toBe('0.3334');
    // 2^53 - 1 = 9007199254740991 (too large for the cents: worked by big.js) and 10^15 - 1 with 2 places
    expect(divRound(dec('9007199254740991'), 7).toFixed()).toBe('1286742750677284.43');
    expect(divRound(dec('999999999999999'), 999999999999998, { mode: 'up', unit: '0.01' }).toFixed()).toBe('1.01');
    expect(divRound(dec('90071992547409'), 1).toFixed()).toBe('90071992547409');
  });
  it('property: divRound of whole numbers gives what integer arithmetic gives, in every mode and place, near 2^53 too', () => {
    const oracle = (n: bigint, d: bigint, mode: RoundingMode): bigint => {
      const q = n / d, r = n % d;
      if (mode === 'up' && r > 0n) return q + 1n;
      if (mode === 'half-up' && 2n * r >= d) return q + 1n;
      if (mode === 'half-even' && (2n * r > d || (2n * r === d && q % 2n === 1n))) return q + 1n;
      return q;
    };
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n })),
        fc.oneof(fc.bigInt({ min: 1n, max: 400n }), fc.bigInt({ min: 1n, max: 10n ** 15n })),
        fc.constantFrom(0, 1, 2, 4),
        fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up'),
        (x, d, places, mode) => {
          const got = divRound(dec(x.toString()), dec(d.toString()), { mode, unit: places ? `0.${'0'.repeat(places - 1)}1` : 1 });
          const want = oracle(x * 10n ** BigInt(places), d, mode);
          isSame(got.times(10 ** places).toFixed(), want.toString());
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('parseCents reads amounts of at most two decimals into integer cents, and nothing else', () => {
    expect(parseCents('70797')).toBe(7_079_700);
    expect(parseCents('1061.96')).toBe(106_196);
    expect(parseCents('372.6')).toBe(37_260);
    expect(parseCents('-12.50')).toBe(-1250);
    expect(parseCents('999999999.99')).toBe(99_999_999_999);
    for (const bad of ['', '-', '.5', '1.', '1.505', '1,061.96', '$5', '1e5', ' 1', '1 ', '+1', '1234567890', '1..2', '--1']) expect(parseCents(bad)).toBeNull();
  });

  it('property: parseCents agrees with the pattern -?d{1,9}(.d{1,2})? read by BigInt', () => {
    const pattern = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/;
    fc.assert(
      fc.property(fc.stringMatching(/^-?[0-9.]{0,13}$/), (s) => {
        const m = pattern.exec(s);
        const want = m ? (m[1] ? -1n : 1n) * (BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'))) : null;
        const got = parseCents(s);
        isSame(got === null ? null : BigInt(got), want);
      }),
      { numRuns: 3000 },
    );
  });
});

