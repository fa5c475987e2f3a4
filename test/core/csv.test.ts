// src/core/csv.ts against csv-parse (the parser it replaces, with the options the batch reader used)
// on the same hostile inputs: every record equal, and an error exactly where csv-parse has one,
// however the input is cut into chunks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvDecoder, CsvParser, CsvUnclosedQuote, parseCsv } from '../../src/core/csv';
import { isEqual, isSame } from '../helpers/fast-expect';
import { cutPoints, feedInPieces, hostileText, theirs } from '../helpers/csv-oracle';

function ours(input: string): string[][] | 'error' {
  try {
    return parseCsv(input);
  } catch (e) {
    if (e instanceof CsvUnclosedQuote) return 'error';
    throw e;
  }
}

/** Feed the text in pieces cut at the given points. */
function oursChunked(input: string, cuts: number[]): string[][] | 'error' {
  return feedInPieces<string[]>(new CsvParser(), input, cuts);
}

/** Bytes cut anywhere (inside a multi-byte character too), through the decoder. */
function oursBytes(bytes: Buffer, cuts: number[]): string[][] | 'error' {
  const p = new CsvParser();
  const d = new CsvDecoder();
  const out: string[][] = [];
  let at = 0;
  try {
    for (const c of [...cuts].sort((a, b) => a - b)) {
      const to = Math.min(Math.max(at, c), bytes.length);
      p.push(d.write(bytes.subarray(at, to)), out);
      at = to;
    }
    p.push(d.write(bytes.subarray(at)), out);
    p.push(d.end(), out);
    p.end(out);
    return out;
  } catch (e) {
    if (e instanceof CsvUnclosedQuote) return 'error';
    throw e;
  }
}

// the pieces hostile files are made of
const text = hostileText('a', 'bc', 'Ünï', '€', '😀', ',', ',', '"', '""', '"x"', '\n', '\r', '\r\n', ' ', '\t', '\0', '\uFEFF', "'", '=1+2');
const cuts = cutPoints;

describe('the CSV core reads what csv-parse reads', () => {
  it('on random hostile text, whole and in chunks cut anywhere (property)', () => {
    fc.assert(
      fc.property(text, cuts, (s, c) => {
        const want = theirs(s);
        isEqual(ours(s), want);
        isEqual(oursChunked(s, c), want);
      }),
      { numRuns: 800 },
    );
  });

  it('in lines mode, a record given as its line is that line cut on the delimiter (property)', () => {
    // the batch reader's shorter way (readCsvLines): a line without a quote after the header comes as
    // its text; cut on the delimiter it must be the record csv-parse reads
    fc.assert(
      fc.property(text, cuts, (s, c) => {
        const want = theirs(s);
        const fed = feedInPieces(new CsvParser(',', { lines: true }), s, c);
        const out = fed === 'error' ? [] : fed;
        const got = fed === 'error' ? 'error' : out.map((r) => (typeof r === 'string' ? r.split(',') : r));
        isEqual(got, want);
        if (got !== 'error' && out.length) isSame(typeof out[0], 'object'); // the header always as cells
        // (the core keeps line breaks other than the record delimiter in a field: the batch reader turns
        // every line end into \n before parsing, so its lines hold none; tested below)
        for (const r of out) if (typeof r === 'string' && r.includes('"')) expect(r).not.toContain('"');
      }),
      { numRuns: 800 },
    );
  });

  it('on random text with a leading byte order mark, as bytes cut inside characters (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), text, cuts, (bom, s, c) => {
        const bytes = Buffer.from((bom ? '\uFEFF' : '') + s, 'utf8');
        isEqual(oursBytes(bytes, c), theirs(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('on rows of a roster shape with quoted names (property: the fast paths)', () => {
    const cell = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 .]{0,8}$/), fc.stringMatching(/^[A-Za-z ,"\n]{0,8}$/).map((v) => '"' + v.replace(/"/g, '""') + '"'));
    const row = fc.array(cell, { minLength: 1, maxLength: 6 }).map((r) => r.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), cuts, (rows, eol, last, c) => {
        const s = rows.join(eol) + (last ? eol : '');
        const want = theirs(s);
        isEqual(ours(s), want);
        isEqual(oursChunked(s, c), want);
      }),
      { numRuns: 400 },
    );
  });

  it('on lines of whole quoted fields, stray quotes and quoted delimiters (property)', () => {
    const cell = fc.constantFrom('a', 'bc', '', '"x"', '""', '"', 'a"b', '"a""b"', '"a,b"', '"a\nb"', '"ab"c', '" "', '"\r"');
    const row = fc.array(cell, { minLength: 1, maxLength: 6 }).map((r) => r.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), cuts, (rows, eol, last, c) => {
        const s = rows.join(eol) + (last ? eol : '');
        const want = theirs(s);
        isEqual(ours(s), want);
        isEqual(oursChunked(s, c), want);
      }),
      { numRuns: 600 },
    );
  });

  // Each worked by hand from csv-parse's rules, and checked against it.
  it.each([
    ['a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    // the first line end found decides: after \n, a lone \r is data
    ['a\nb\r\nc', [['a'], ['b\r'], ['c']]],
    // after \r\n, a lone \n is data
    ['a\r\nb\nc\r\n', [['a'], ['b\nc']]],
    // after \r, the \n of a later \r\n starts the next field
    ['a\rb\r\nc', [['a'], ['b'], ['\nc']]],
    ['\uFEFFid,name\n1,"Doe, Jane"\n', [['id', 'name'], ['1', 'Doe, Jane']]],
    ['"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['"two\nlines",x\r\n', [['two\nlines', 'x']]],
    // a quote closed before other text keeps its quotes
    ['"ab"c,d\n', [['"ab"c', 'd']]],
    // a quote inside an unquoted field is data
    ['ab"c,d\n', [['ab"c', 'd']]],
    ['a,\n\n,b\n', [['a', ''], [''], ['', 'b']]],
    ['"",""\n', [['', '']]],
    ['""', [['']]],
    ['', []],
    ['\n', [['']]],
    ['"x"\0y', [['x\0y']]],
    // lines whose quotes wrap whole fields next to lines that are not
    ['E0,"Member 0",x\n"a",b"c,""\n', [['E0', 'Member 0', 'x'], ['a', 'b"c', '']]],
    ['"a","b\n"c"\n', [['a', '"b\n"c"']]],
    ['"a","b,c"\n"d"e,"f"\n', [['a', 'b,c'], ['"d"e', 'f']]],
    ['x,"\n",y\n"",\n', [['x', '\n', 'y'], ['', '']]],
    ['"""",a\n""""\n', [['"', 'a'], ['"']]],
  ])('%j', (input, want) => {
    expect(theirs(input)).toEqual(want);
    expect(ours(input)).toEqual(want);
  });

  it('a quote left open: every record before it, then an error naming the record where it opened', () => {
    const p = new CsvParser();
    const out: string[][] = [];
    p.push('id,name\n1,x\n2,"open\n3,y\n', out);
    expect(() => p.end(out)).toThrow(/opened in record 3 is never closed/);
    expect(out).toEqual([['id', 'name'], ['1', 'x']]);
    expect(theirs('id,name\n1,x\n2,"open\n3,y\n')).toBe('error');
  });

  it('a UTF-16LE file with its byte order mark is decoded as csv-parse decodes it', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\r\n1,"Zoë, A"\r\n', 'utf16le')]);
    const want = [['id', 'name'], ['1', 'Zoë, A']];
    expect(theirs(bytes)).toEqual(want);
    expect(oursBytes(bytes, [1, 2, 5])).toEqual(want);
  });
});

describe('the batch reader on the core', () => {
  it('readCsvLines: the records of readCsvBatches, a plain line as its text (no quote, no line break of any kind)', async () => {
    const { readCsvBatches, readCsvLines, lineRecord } = await import('../../src/cli/batch-io');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'cba-csv-'));
    // the third file (68 KB) comes in two of the reader's 64 KiB chunks, the second starting a line
    // (8 + 8,191 lines of 8 bytes = 65,536): lines of 8 bytes, half as many rows as lines of 4 would be
    const files = ['\uFEFFid,name\r\n1,a\rb\r\n2,"Doe, Jane"\n3\r\r\n,\n\n4,x,y\n"5",b', 'a;b\r1;2,3\r"x;";y\r', 'id,name\n' + 'xxxxx,y\n'.repeat(8_500) + 'z,"w\r\nv"\r\n'];
    for (const [i, text] of files.entries()) {
      const f = join(dir, `r${i}.csv`);
      writeFileSync(f, text);
      const want: unknown[] = [];
      for await (const b of readCsvBatches(f, 'roster', { values: false })) want.push(...(Array.isArray(b) ? b : [b]));
      const got: unknown[] = [];
      let row = 0;
      let header: string[] = [];
      let delimiter: ',' | ';' | '\t' = ',';
      for await (const b of readCsvLines(f, 'roster')) {
        if (!Array.isArray(b)) {
          ({ header, delimiter } = b);
          got.push({ header: b.header, original: b.original });
          continue;
        }
        for (const x of b) {
          row++;
          if (typeof x === 'string') {
            if (/["\r\n]/.test(x)) expect(x).not.toMatch(/["\r\n]/);
            got.push(lineRecord(x, delimiter, row, header));
          } else got.push(x);
        }
      }
      isEqual(got, want);
    }
  });

  it('batchBytes (retro): the same records, an unclosed quote refused at the same record, however the bytes come; batches of about that many bytes (property)', async () => {
    const { parseCsvBatches } = await import('../../src/cli/csv-parser');
    const read = async (bytes: Buffer, c: number[], batchBytes?: number) => {
      const pieces: Buffer[] = [];
      let at = 0;
      for (const x of [...c, bytes.length].sort((a, b) => a - b)) {
        const to = Math.min(Math.max(at, x), bytes.length);
        if (to > at) pieces.push(bytes.subarray(at, to));
        at = to;
      }
      const batches: string[][][] = [];
      try {
        for await (const b of parseCsvBatches(pieces, { maxRecord: 1 << 20, delimiter: ',', batchBytes })) batches.push(b);
      } catch (e) {
        return { batches, error: (e as Error).message };
      }
      return { batches, error: '' };
    };
    // lines of text that run past the batch size (a line break every few pieces), some records long
    const long = fc.array(fc.constantFrom('a', 'bc', 'Ünï', '😀', ',', '"', '""', '"x,\ny"', '\n', '\r\n', '\r', 'x'.repeat(40)), { maxLength: 400 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), long, fc.array(fc.nat(4000), { maxLength: 6 }), fc.integer({ min: 3, max: 300 }), async (bom, s, c, batchBytes) => {
        const bytes = Buffer.from((bom ? '\uFEFF' : '') + s, 'utf8');
        const whole = await read(bytes, c);
        const cut = await read(bytes, c, batchBytes);
        isEqual(cut.batches.flat(), whole.batches.flat());
        isSame(cut.error, whole.error);
      }),
      { numRuns: 300 },
    );
    // a 64 KB read of 8-byte lines (the header and 8,191 rows): batches of the bytes asked for, to the end of a line
    const rows = 'id,name\n' + 'xxxxx,y\n'.repeat(8_191);
    const { batches } = await read(Buffer.from(rows), []);
    isSame(batches.length, 1);
    const small = await read(Buffer.from(rows), [], 4096);
    isEqual(
      small.batches.map((b) => b.length),
      [513, ...Array(14).fill(513), 8_192 - 15 * 513],
    );
  });

  it('gives every record before an unclosed quote, then one line naming the row', async () => {
    const { readCsvBatches } = await import('../../src/cli/csv-input');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const f = join(mkdtempSync(join(tmpdir(), 'cba-csv-')), 'r.csv');
    writeFileSync(f, '\uFEFFid,name\r\n1,"Doe, Jane"\r\n2,"open\r\n3,x\r\n');
    const seen: string[][] = [];
    let header: string[] = [];
    await expect(
      (async () => {
        for await (const b of readCsvBatches(f, 'roster')) {
          if (Array.isArray(b)) for (const r of b) seen.push(r.raw);
          else header = b.header;
        }
      })(),
    ).rejects.toThrow(`roster ${f}: a quoted field in row 2 is never closed; close it with " (a " inside quotes is written "")`);
    expect(header).toEqual(['id', 'name']);
    expect(seen).toEqual([['1', 'Doe, Jane']]);
  });
});
