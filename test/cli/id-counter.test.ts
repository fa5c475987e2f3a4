// IdCounter (src/cli/batch-io.ts): how many ids of a batch repeat an earlier one, from their hashes
// sorted once at the end. Hand-worked counts, and a property against a Set of the ids themselves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdCounter, countRepeats } from '../../src/cli/batch-io';

const count = (ids: string[]) => {
  const c = new IdCounter();
  for (const id of ids) c.add(id);
  return c.duplicates;
};

describe('IdCounter', () => {
  it.each([
    [[], 0],
    [['E1'], 0],
    [['E1', 'E2', 'E3'], 0],
    // E1 three times: the second and third repeat it
    [['E1', 'E2', 'E1', 'E1'], 2],
    // two pairs
    [['a', 'b', 'b', 'a', 'c'], 2],
    // empty ids are not counted
    [['', '', 'x'], 0],
    // case counts: these differ
    [['e1', 'E1'], 0],
    // spaces around an id do not (a padded export's "E1 " is E1): three repeat the first
    [['E1', ' E1', 'E1 ', '\tE1\u00a0'], 3],
    // an id of spaces only is empty
    [['  ', ' ', 'x'], 0],
  ])('%j -> %i repeated', (ids, want) => expect(count(ids)).toBe(want));

  it('countRepeats counts what a Set of the numbers leaves out, whether sorted whole or in buckets (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 53 }), fc.integer(), (n, bits, seed) => {
        // n whole numbers below 2^bits (few bits: many repeats; 53: the full range of the hashes), the
        // smallest and the largest among them
        let x = seed | 0;
        const next = () => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
        const h = new Float64Array(n + 2);
        for (let i = 0; i < n; i++) h[i] = Math.floor((Math.floor(next() * 2 ** 21) * 2 ** 32 + Math.floor(next() * 2 ** 32)) / 2 ** (53 - bits));
        h[n] = 0;
        h[n + 1] = 2 ** bits - 1;
        expect(countRepeats(h)).toBe(h.length - new Set(h).size);
      }),
      { numRuns: 30 },
    );
  });

  it('counts again after more ids come', () => {
    const c = new IdCounter();
    for (let i = 0; i < 5000; i++) c.add(`E${i}`);
    expect(c.duplicates).toBe(0);
    // 5,000 more: every even one repeats an id of the first 5,000 (2,500), the odd ones are new
    for (let i = 0; i < 5000; i++) c.add(i % 2 === 0 ? `E${i}` : `F${i}`);
    expect(c.duplicates).toBe(2500);
  });

  it('addRange counts the characters of an id inside a line as add counts the id', () => {
    const c = new IdCounter();
    c.add('E17');
    c.addRange('E17,"Member 17",IV', 0, 3);
    c.addRange('x,E17', 2, 5);
    c.addRange('E18,x', 0, 3);
    c.addRange('E18,x', 0, 0); // empty: not counted
    c.addRange('x, E17 ,y', 2, 7); // " E17 ": E17
    c.addRange('x,  ,y', 2, 4); // spaces only: not counted
    expect(c.duplicates).toBe(3);
  });

  it('equals the ids less the distinct ids (property, ids drawn from a small alphabet so that they repeat)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1', ' '), maxLength: 3 }), { maxLength: 300 }), (ids) => {
        const kept = ids.map((id) => id.trim()).filter((id) => id !== '');
        expect(count(ids)).toBe(kept.length - new Set(kept).size);
      }),
    );
  });
});
