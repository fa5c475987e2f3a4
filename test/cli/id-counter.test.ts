// IdCounter (src/cli/batch-io.ts): how many ids of a batch repeat an earlier one, from their hashes
// sorted once at the end. Hand-worked counts, and a property against a Set of the ids themselves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdCounter } from '../../src/cli/batch-io';

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
    // case and spaces count: these differ
    [['e1', 'E1', ' E1', 'E1 '], 0],
  ])('%j -> %i repeated', (ids, want) => expect(count(ids)).toBe(want));

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
    expect(c.duplicates).toBe(2);
  });

  it('equals the ids less the distinct ids (property, ids drawn from a small alphabet so that they repeat)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1', ' '), maxLength: 3 }), { maxLength: 300 }), (ids) => {
        const kept = ids.filter((id) => id !== '');
        expect(count(ids)).toBe(kept.length - new Set(kept).size);
      }),
    );
  });
});
