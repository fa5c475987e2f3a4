// Integer cents in batch hot paths (src/core/money.ts): formatCents writes cents as a plain decimal,
// parseCentsAt reads an amount inside a line without cutting it out.
import { describe, expect, it } from 'vitest';
import { isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import { formatCents, parseCents, parseCentsAt } from '../../src/core/money';

describe('formatCents', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [100, '1.00'],
    [7079700, '70797.00'],
    [-652672, '-6526.72'],
    [99_999_999_999, '999999999.99'],
  ])('%d -> %s', (c, want) => expect(formatCents(c)).toBe(want));

  it('is the whole part, a point and two digits, with a sign below zero (property, by BigInt)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (c) => {
        const b = BigInt(c);
        const a = b < 0n ? -b : b;
        isSame(formatCents(c), `${b < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseCentsAt', () => {
  it('reads the amount between two positions of a line as parseCents reads it cut out', () => {
    const line = 'E1,"Member 1",basic,IV,13,,,,70797.5,annual';
    const at = line.indexOf('70797.5');
    expect(parseCentsAt(line, at, at + 7)).toBe(7_079_750);
    expect(parseCentsAt(line, at, at + 5)).toBe(7_079_700);
    expect(parseCentsAt(line, at - 1, at + 7)).toBeNull(); // the comma before it
    expect(parseCentsAt('x,-12.50,y', 2, 8)).toBe(-1250);
    expect(parseCentsAt('x,,y', 2, 2)).toBeNull();
  });

  it('equals parseCents of the same characters, whatever stands around them (property)', () => {
    const s = fc.stringMatching(/^[-0-9.,$ ]{0,14}$/);
    fc.assert(
      fc.property(s, s, s, (before, amount, after) => {
        const line = before + amount + after;
        isSame(parseCentsAt(line, before.length, before.length + amount.length), parseCents(amount));
      }),
      { numRuns: 2000 },
    );
  });
});
