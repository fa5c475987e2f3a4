// The CSV core's lines mode with quoted lines (src/core/csv.ts: simpleQuotes, lineCells; the batch
// reader's readCsvLines with quoted, which cba audit --csv reads through): a line whose every quote
// wraps a whole field comes as its text, and cut by lineCells it is exactly the record csv-parse reads;
// any other line comes as its cells. Against csv-parse on hostile text and on roster-shaped rows,
// whole and cut into chunks anywhere.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvParser, lineCells, simpleQuotes } from '../../src/core/csv';
import { isEqual } from '../helpers/fast-expect';
import { cutPoints, feedInPieces, hostileText, theirs } from '../helpers/csv-oracle';

/** The records of the text through the parser in lines mode with quoted lines, fed in pieces; lines
 *  handed over as text are cut by lineCells. `texts` collects those lines. */
function oursQuoted(s: string, cuts: number[], texts: string[] = []): string[][] | 'error' {
  const out = feedInPieces(new CsvParser(',', { lines: true, quoted: true }), s, cuts);
  if (out === 'error') return 'error';
  return out.map((r) => {
    if (typeof r !== 'string') return r;
    texts.push(r);
    return lineCells(r, ',');
  });
}

const text = hostileText('a', 'bc', 'Ünï', '😀', ',', ',', '"', '""', '"x"', '"a,b"', '\n', '\r', '\r\n', ' ', '\0', "'", '=1+2');
const cuts = cutPoints;

describe('lines mode with quoted lines reads what csv-parse reads', () => {
  it('on random hostile text, in chunks cut anywhere (property)', () => {
    fc.assert(
      fc.property(text, cuts, (s, c) => {
        isEqual(oursQuoted(s, c), theirs(s));
      }),
      { numRuns: 800 },
    );
  });

  it('on rows of whole quoted fields, stray quotes, quoted delimiters and line breaks (property)', () => {
    const cell = fc.constantFrom('a', 'bc', '', '"x"', '""', '"', 'a"b', '"a""b"', '"a,b"', '"a\nb"', '"ab"c', '" "', '"\r"', ' "a"', '"Member 7"', '-5');
    const row = fc.array(cell, { minLength: 1, maxLength: 6 }).map((r) => r.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), cuts, (rows, eol, last, c) => {
        const s = rows.join(eol) + (last ? eol : '');
        const texts: string[] = [];
        isEqual(oursQuoted(s, c, texts), theirs(s));
      }),
      { numRuns: 800 },
    );
  });

  // worked by hand: which lines come as text, and their cells
  it.each([
    // the header always as cells; a roster line with a quoted name as text, cut without its quotes
    ['id,name\nE0,"Member 0",x\n', ['E0,"Member 0",x'], [['id', 'name'], ['E0', 'Member 0', 'x']]],
    // a quoted delimiter is text inside its field
    ['h\n"a,b",c\n', ['"a,b",c'], [['h'], ['a,b', 'c']]],
    // an empty quoted field, at the end too
    ['h\n"",x,""\n', ['"",x,""'], [['h'], ['', 'x', '']]],
    // "" inside quotes, a quote inside a field, a quote closed before text: not simple, as cells
    ['h\n"say ""hi""",x\n', [], [['h'], ['say "hi"', 'x']]],
    ['h\nab"c,d\n', [], [['h'], ['ab"c', 'd']]],
    ['h\n"ab"c,d\n', [], [['h'], ['"ab"c', 'd']]],
    // a quoted field running onto the next line: as cells
    ['h\n"two\nlines",x\n', [], [['h'], ['two\nlines', 'x']]],
    // a space before the quote: the quote is data, not simple
    ['h\n a,"b" \n', [], [['h'], [' a', '"b" ']]],
  ])('%j', (input, lines, want) => {
    const texts: string[] = [];
    expect(oursQuoted(input, [], texts)).toEqual(want);
    expect(theirs(input)).toEqual(want);
    expect(texts).toEqual(lines);
  });

  it('simpleQuotes: every quote at a field start, closed before a delimiter or the line end', () => {
    const simple = (line: string) => simpleQuotes(line, 0, line.length, line.indexOf('"'), 44);
    expect(simple('a,"b",c')).toBe(true);
    expect(simple('"a","b,c"')).toBe(true);
    expect(simple('"a"b')).toBe(false);
    expect(simple('a"b"')).toBe(false);
    expect(simple('"a""b"')).toBe(false);
    expect(simple('"open')).toBe(false);
    expect(simple('x,"open,y')).toBe(false);
  });
});
