// cba audit --csv reads most lines as bytes (src/commands/audit-csv.ts takeBytes, through
// src/cli/csv-parser.ts parseCsvLineBatches with a ByteLines): it must take exactly the lines the
// parser would hand to line() as text and line() would take, and write what line() writes. Against the
// parser and line() on hostile rosters (quotes of every kind, line breaks inside quotes, \r, \r\n,
// non-ASCII, NUL, formula starts, edge spaces, odd amounts; bytes that are not well-formed UTF-8: the
// reader reads them as U+FFFD), as bytes cut into pieces anywhere (inside a character too); and the byte helpers (parseCentsBytes, writeCents, IdCounter.addBytes) against
// the text ones. The parser is given at least 1, 40 or 1,024 bytes after a line not taken as bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRules } from '../../src/rules/load';
import { Auditor, rosterIndex } from '../../src/batch/audit';
import { AuditCsvLines } from '../../src/commands/audit-csv';
import { BatchWriter, IdCounter } from '../../src/cli/batch-io';
import { parseCsvLineBatches } from '../../src/cli/csv-parser';
import { csvCell } from '../../src/cli/output';
import { CsvParser, lineCells } from '../../src/core/csv';
import { formatCents, parseCentsAt, parseCentsBytes, writeCents } from '../../src/core/money';
import type { Agreement } from '../../src/rules/types';
import { capture } from '../helpers/cli';
import { isEqual, isSame } from '../helpers/fast-expect';
import { AGREEMENT_DIR } from '../helpers/contract';

const HEADER = 'id,name,schedule,class,step,days,fte,stipends,paid,period';

/** Cells of a roster line as they stand in the file: plain or quoted whole (the first of each list,
 *  drawn most), and hostile or of a placement not priced at its first line (the second). */
const CELLS: Record<string, [string[], string[]]> = {
  id: [['E1', 'E2', 'E3', '"E4"'], ['=x', ' E3', 'Ünï', '', 'E"5', 'É1', '"E1\u00a0"']],
  // names as California rosters write them (Peña, Núñez, Nguyễn) drawn as often as plain ones; and
  // the characters a byte reader could get wrong: two-, three- and four-byte UTF-8, a C1 control, a
  // no-break space and a byte order mark at a cell's edge, a line separator, DEL, and bytes that are
  // not UTF-8 (the sentinels of BAD: a lone continuation byte, 0xFF, a cut three-byte character, an
  // overlong slash, a surrogate, past U+10FFFF, a lead byte at a cell's end, a three-byte overlong)
  name: [['"Member 1"', 'Member 2', '"x"', '', 'Peña', '"Núñez Ana"', 'Nguyễn Văn'], ['"Doe, Jane"', '"say ""hi"""', '" x"', '"a\nb"', 'é', '"ab"c', 'a\rb', 'a\0b', '"a', '日本語', 'x😀', '"😀"', 'a\u0085b', '\u00a0x\u00a0', '\ufeffx', 'x\u2028y', 'a\x7fb', 'a\ue001b', '\ue002', 'a\ue003', '"\ue004x"', 'x\ue005', '\ue006y', 'é\ue007', '\ue008']],
  schedule: [['basic', '', '"basic"'], ['preschool', 'Basic']],
  class: [['IV', 'I', 'V'], [' IV', '', 'VII', 'Ⅳ']],
  step: [['13', '1', '5'], ['x', '']],
  days: [[''], ['x', '190']],
  fte: [[''], ['x', '0.5']],
  stipends: [[''], ['nope', 'bilingual', 'ltvs:2 head-teacher', 'bilingüe']],
  paid: [['70797', '70797.00', '5899.75', '40000', '0.01', '70797.1'], ['-5', '-0.01', '"1,000"', '', '5000.123', '21474836.48', '999999999.99', '+5']],
  period: [['', 'annual', 'monthly'], ['Monthly', '"annual"', 'x', 'añual']],
};
const COLS = HEADER.split(',');
/** A line whose cells are each plain w times as often as hostile. */
const cell = (c: string, w: number) => fc.oneof({ weight: w, arbitrary: fc.constantFrom(...CELLS[c][0]) }, { weight: 1, arbitrary: fc.constantFrom(...CELLS[c][1]) });
const line = (w: number, name = cell('name', w)) => fc.tuple(...COLS.map((c) => (c === 'name' ? name : cell(c, w))), fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2)).map((cells) => {
  const kind = cells.pop();
  // whole, short by a field, or a field too many
  const r = kind === 1 ? cells.slice(0, 9) : kind === 2 ? [...cells, 'x'] : cells;
  return r.join(',');
});
const ending = fc.constantFrom('\n', '\n', '\n', '\n', '\n', '\r\n', '\r');
const roster = fc.constantFrom(8, 40, 400).chain((w) => fc.array(fc.tuple(line(w), w > 100 ? fc.constant('\n') : ending), { maxLength: 30 })).map((ls) => HEADER + '\n' + ls.map(([l, e]) => l + e).join(''));
const cuts = fc.array(fc.nat(1500), { maxLength: 12 });
/** Rosters whose names are beyond ASCII in every line, or bytes that are not UTF-8 (every name of
 *  CELLS' lists but the plain ASCII ones, drawn alike), the other cells mostly plain. */
const wideName = fc.constantFrom(...[...CELLS.name[0], ...CELLS.name[1]].filter((n) => /[^\x00-\x7e]/.test(n)));
// ids beyond ASCII too, repeated (counted by their characters, whichever way the line goes)
const wideId = fc.constantFrom('E1', 'E2', 'É1', 'É1', 'Ünï');
const wideLine = fc.tuple(line(40, wideName), wideId).map(([l, id]) => id + l.slice(l.indexOf(',')));
const wideRoster = fc.array(fc.tuple(wideLine, ending), { maxLength: 30 }).map((ls) => HEADER + '\n' + ls.map(([l, e]) => l + e).join(''));


/** Bytes no UTF-8 text has, written in the cells above as private-use characters. */
const BAD: Record<string, number[]> = {
  '\ue001': [0x80],
  '\ue002': [0xff],
  '\ue003': [0xe2, 0x82],
  '\ue004': [0xc0, 0xaf],
  '\ue005': [0xed, 0xa0, 0x80],
  '\ue006': [0xf4, 0x90, 0x80, 0x80],
  '\ue007': [0xc3],
  '\ue008': [0xe0, 0x80, 0xaf],
};
/** The bytes of s as UTF-8, BAD's sentinels as their bytes. */
function bytesOf(s: string): Buffer {
  return Buffer.concat(s.split(/([\ue001-\ue008])/u).map((part) => (BAD[part] ? Buffer.from(BAD[part]) : Buffer.from(part))));
}

/** The bytes of s in pieces cut at the given offsets. */
function pieces(s: string, at: number[]): Buffer[] {
  const b = bytesOf(s);
  const ends = [...new Set(at.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
  const out: Buffer[] = [];
  let from = 0;
  for (const e of ends) (out.push(b.subarray(from, e)), (from = e));
  out.push(b.subarray(from));
  return out;
}

describe('audit --csv: lines read as bytes', () => {
  let a: Agreement;
  beforeAll(async () => {
    a = (await loadRules(AGREEMENT_DIR)).agreements[0];
  });

  /** The output of the text read in pieces: each line the parser hands over as text written by
   *  line(), every other row marked with its cells (the general way's place); with bytes, the lines
   *  takeBytes takes are written by it. The rows, the counts by status and the repeated ids too. */
  async function audit(text: string, at: number[], bytes: boolean, slice?: number) {
    const header = HEADER.split(',');
    const ids = new IdCounter();
    const lines = new AuditCsvLines(header.length, ',', rosterIndex(header), new Auditor(a, 0), 0, ids, formatCents, csvCell);
    const out = capture();
    const w = new BatchWriter(out.stream, 64);
    lines.bytesTo(w, false);
    const parser = new CsvParser(',', { lines: true, quoted: true });
    let rows = 0, viaBytes = 0;
    let error = '';
    try {
      for await (const b of parseCsvLineBatches(pieces(text, at), { maxRecord: 1 << 20, slice }, parser, bytes ? () => lines : undefined)) {
        if (typeof b === 'number') {
          rows += b;
          viaBytes += b;
          await w.write('');
          continue;
        }
        for (const item of b) {
          if (rows++ === 0) continue;
          const taken = typeof item === 'string' ? lines.line(item) : undefined;
          await w.write(taken ?? `general ${JSON.stringify(typeof item === 'string' ? lineCells(item, ',') : item)}\n`);
        }
      }
    } catch (e) {
      error = (e as Error).message;
    }
    await w.end();
    // the output as text, and as its bytes (bytes that are not UTF-8 would read back as text the same as U+FFFD)
    const raw = out.bytes().toString('base64');
    return { viaBytes, out: out.text(), raw, rows, error, ok: lines.ok, underpaid: lines.underpaid, overpaid: lines.overpaid, dups: ids.duplicates };
  }

  /** The property: on each roster drawn, cut into pieces anywhere and given to the parser in slices of
   *  the sizes drawn, the bytes give what the text gives; the lines the bytes took, over all runs. */
  async function takenAlike(rosters: fc.Arbitrary<string>, slices: number[], numRuns: number): Promise<number> {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(rosters, cuts, fc.constantFrom(...slices), async (text, at, slice) => {
        const { viaBytes, ...ours } = await audit(text, at, true, slice);
        const { viaBytes: none, ...theirs } = await audit(text, [], false);
        isEqual(ours, theirs);
        isSame(none, 0);
        taken += viaBytes;
      }),
      { numRuns },
    );
    return taken;
  }

  it('takes the lines line() takes and writes what it writes, in pieces cut anywhere (property)', async () => {
    // the property reached the lines it is about
    expect(await takenAlike(roster, [1, 40, 1024], 300)).toBeGreaterThan(400);
  });

  it('takes the lines line() takes on rosters of names beyond ASCII and bytes that are not UTF-8 (property)', async () => {
    // the property reached the lines it is about (about half the names, two ids in five, are ones the
    // bytes take; 60-90 lines a run)
    expect(await takenAlike(wideRoster, [1, 40], 200)).toBeGreaterThan(40);
  });

  it('a roster of many pieces: the same output as one piece, and as line() writes it (worked by hand)', async () => {
    // IV-13 of the 2005-06 Basic Teacher Compensation Plan is 70,797 (Appendix A); 70,797 / 12 = 5,899.75
    const text = `${HEADER}\nE1,"Member 1",basic,IV,13,,,,70797.00,annual\r\nE2,x,basic,IV,13,,,,5899.74,monthly\nE1,"a\nb",basic,IV,13,,,,70797,\nE3,y,basic,IV,13,,,,70798.5,\nE4,z,basic,IV,13,,,,1,`;
    const { viaBytes, ...whole } = await audit(text, [], true);
    // E1 and E2 as bytes; from the line with a line break inside quotes on, the parser (given at
    // least a kilobyte at a time, here the rest)
    expect(viaBytes).toBe(2);
    expect(whole.out).toBe(
      'E1,Member 1,basic,IV,13,,,,70797.00,annual,70797.00,0.00,ok,\n' +
        'E2,x,basic,IV,13,,,,5899.74,monthly,5899.75,-0.01,underpaid,monthly salary 70797.00 (monthly)\n' +
        'general ["E1","a\\nb","basic","IV","13","","","","70797",""]\n' +
        'E3,y,basic,IV,13,,,,70798.5,,70797.00,1.50,overpaid,annual salary 70797.00\n' +
        // the last line, without a line break, comes from the parser as cells
        'general ["E4","z","basic","IV","13","","","","1",""]\n',
    );
    expect([whole.rows, whole.ok, whole.underpaid, whole.overpaid, whole.dups]).toEqual([6, 1, 1, 1, 0]);
    for (let cut = 1; cut < text.length; cut += 7) {
      const { viaBytes: _, ...cutUp } = await audit(text, [cut, cut + 3], true);
      expect(cutUp).toEqual(whole);
    }
  });

  it('names beyond ASCII go as bytes, written as they were read; bytes that are not UTF-8 go to the parser (worked by hand)', async () => {
    // IV-13 of the 2005-06 Basic Teacher Compensation Plan is 70,797 (Appendix A); 70,797 / 12 = 5,899.75.
    // Peña (ñ: two bytes), Núñez (quoted, no comma: written without its quotes), Nguyễn Văn 😀 (three and
    // four bytes) are cut as bytes; E4's name ends in 0xFF, which no UTF-8 text holds: the reader reads it
    // as U+FFFD, so the line goes to the parser and line() writes it (and the lines after it)
    const text = `${HEADER}\nE1,Peña,basic,IV,13,,,,70797.00,annual\nE2,"Núñez Ana",basic,IV,13,,,,5899.74,monthly\nE3,Nguyễn Văn 😀,basic,IV,13,,,,70798.5,\nE4,a\ue002,basic,IV,13,,,,70797,\n`;
    const { viaBytes, ...whole } = await audit(text, [], true);
    expect(viaBytes).toBe(3);
    expect(whole.out).toBe(
      'E1,Peña,basic,IV,13,,,,70797.00,annual,70797.00,0.00,ok,\n' +
        'E2,Núñez Ana,basic,IV,13,,,,5899.74,monthly,5899.75,-0.01,underpaid,monthly salary 70797.00 (monthly)\n' +
        'E3,Nguyễn Văn 😀,basic,IV,13,,,,70798.5,,70797.00,1.50,overpaid,annual salary 70797.00\n' +
        'E4,a\ufffd,basic,IV,13,,,,70797,,70797.00,0.00,ok,\n',
    );
    expect([whole.rows, whole.ok, whole.underpaid, whole.overpaid]).toEqual([5, 2, 1, 1]);
    // cut anywhere, inside a character too: the same
    for (let cut = 1; cut < Buffer.byteLength(text); cut += 5) {
      const { viaBytes: _, ...cutUp } = await audit(text, [cut], true);
      expect(cutUp).toEqual(whole);
    }
  });

  it('parseCentsBytes reads what parseCentsAt reads (property)', () => {
    const cell = fc.array(fc.constantFrom('0', '1', '9', '5', '-', '.', ',', ' ', 'e', '+'), { maxLength: 14 }).map((a) => a.join(''));
    fc.assert(
      fc.property(cell, fc.string({ maxLength: 3 }), (c, pad) => {
        const s = pad.replace(/[^\x20-\x7e]/g, 'x') + c + pad.replace(/[^\x20-\x7e]/g, 'x');
        const from = pad.length;
        isSame(parseCentsBytes(Buffer.from(s, 'latin1'), from, from + c.length), parseCentsAt(s, from, from + c.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('writeCents writes what formatCents writes (property, and the edges of 32 bits)', () => {
    const check = (c: number) => {
      const b = Buffer.alloc(40, 0x78);
      const end = writeCents(b, 3, c);
      isSame(b.toString('latin1', 3, end), formatCents(c));
    };
    for (const c of [0, 1, -1, 9, 10, 99, 100, -100, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) + 1, 99_999_999_999, -99_999_999_999]) check(c);
    fc.assert(fc.property(fc.integer({ min: -(10 ** 11), max: 10 ** 11 }), (c) => check(c)), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: -20000, max: 20000 }), (c) => check(c)), { numRuns: 1000 });
  });

  it('IdCounter.addBytes counts an id as addRange counts its text (property)', () => {
    const id = fc.array(fc.constantFrom('E', '1', '2', 'x', ' ', '-'), { maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean()), { maxLength: 40 }), (list) => {
        const mixed = new IdCounter();
        const text = new IdCounter();
        for (const [s, asBytes] of list) {
          const line = `a,${s},b`;
          if (asBytes) mixed.addBytes(Buffer.from(line, 'latin1'), 2, 2 + s.length);
          else mixed.addRange(line, 2, 2 + s.length);
          text.add(s);
        }
        isSame(mixed.duplicates, text.duplicates);
      }),
      { numRuns: 500 },
    );
  });
});
