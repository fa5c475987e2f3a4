// csvCells (the input columns of a batch output line, joined natively when every cell goes out as it
// is) writes exactly what csvCell writes cell by cell: hand-worked cases and a property against the
// cell-by-cell oracle over cells built from the characters that matter (quotes, delimiters, line
// breaks, formula starts, edge spaces, non-ASCII whitespace).
import { describe, expect, it } from 'vitest';
import { isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import { csvCell, csvCells } from '../../src/cli/output';

const oracle = (raw: string[], n: number) => Array.from({ length: n }, (_, i) => csvCell(raw[i])).join(',');

describe('csvCells', () => {
  it.each([
    [['E1', 'Member 1', 'IV', '13'], 4, 'E1,Member 1,IV,13'],
    [['E1', 'a,b', '=1+2', ' x'], 4, `E1,"a,b",'=1+2," x"`],
    [['-5', '+1.5', '@sum', 'say "hi"'], 4, `-5,+1.5,'@sum,"say ""hi"""`],
    [['a', 'b'], 3, 'a,b,'], // a short row: the missing cell is empty
    [['a', 'b', 'c'], 2, 'a,b'], // a long row: only the header's width
    [['', '', ''], 3, ',,'],
    [['line\nbreak', 'cr\r'], 2, '"line\nbreak","cr\r"'],
  ])('%j (%i columns) -> %j', (raw, n, want) => {
    expect(csvCells(raw, n)).toBe(want);
    expect(csvCells(raw, n)).toBe(oracle(raw, n));
  });

  it('property: the same text as csvCell cell by cell, joined with commas', () => {
    const ch = fc.constantFrom('a', 'Z', '1', '.', ' ', '\t', '"', ',', ';', '\r', '\n', '=', '+', '-', '@', '\u00a0', '\u2028', 'é', "'");
    const cell = fc.array(ch, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), fc.integer({ min: 1, max: 9 }), (raw, n) => {
        isSame(csvCells(raw, n), oracle(raw, n));
      }),
      { numRuns: 2000 },
    );
  });
});
