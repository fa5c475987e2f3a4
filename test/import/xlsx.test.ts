// XLSX import through exceljs: a workbook the test writes with the same library imports to the same
// schedule as the CSV it was made from (cell for cell; only the source and printed texts differ).
//
// The tests that make or read workbooks run from this one file, so that one worker runs them all:
// exceljs (and the sheet reader) is loaded and warmed up once for the suite instead of in each
// worker (about 0.6 s of CPU a worker). The other files hold their tests as they were and are
// imported here: rosters as .xlsx through every roster-reading command, and the commands
// `cba rules init` / `cba rules import schedule` on CSV and XLSX files.
import '../e2e/payroll-xlsx.cases';
import '../e2e/import-cli.cases';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isEqual, isSame } from '../helpers/fast-expect';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { zipDirectory } from '../../src/import/zip-names';
import { colName } from '../../src/import/xlsx-cells';
import { Workbook } from '../helpers/workbook';
import { readCsvText } from '../../src/import/csv';
import { readGrids } from '../../src/import/readers';
import { gridToSchedule } from '../../src/import/schedule-yaml';
import { ScheduleFile } from '../../src/rules/schema';
import { ROOT } from '../helpers/contract';

const FIX = join(ROOT, 'fixtures', 'schedules');

/** The CSV's cells in a worksheet: amounts as numbers in a currency format, the rest as text. */
async function workbookOf(csvFile: string, o: { sheet?: string; decoy?: boolean; merge?: boolean } = {}): Promise<Uint8Array> {
  const wb = new Workbook();
  if (o.decoy) wb.addWorksheet('Cover').getCell('A1').value = 'Salary schedules 2023-24';
  const ws = wb.addWorksheet(o.sheet ?? 'Sheet1');
  readCsvText(readFileSync(csvFile, 'utf8')).rows.forEach((row, i) =>
    row.forEach((text, j) => {
      if (text === '') return;
      const cell = ws.getCell(i + 1, j + 1);
      const m = /^\$([\d,]+)$/.exec(text);
      if (m) {
        cell.value = Number(m[1].replace(/,/g, ''));
        cell.numFmt = '"$"#,##0';
      } else cell.value = text;
    }),
  );
  if (o.merge) ws.mergeCells('A1:F1');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function scheduleOf(file: string, bytes: Uint8Array, sheet?: string) {
  const read = await readGrids(file, bytes, { sheet });
  const r = gridToSchedule(read.grids[0], { id: 'teacher', assignment: 'teacher', source: { file, kind: read.kind, bytes, sheet: read.sheet } });
  // the file's data: what its YAML text reads as (test/import/schedule-data.test.ts holds the two equal
  // for any grid), without parsing each text here again (most of this file's CPU)
  return ScheduleFile.parse(r.data);
}

const strip = (s: ReturnType<typeof ScheduleFile.parse>) => ({ ...s, source: undefined, rows: s.rows.map(({ printed: _p, ...r }) => r) });

describe('XLSX', () => {
  it.each(['cvusd-2023-24.csv', 'pvsd-2023-24.csv'])('%s as a workbook imports to the same schedule as the CSV', async (name) => {
    const csv = join(FIX, name);
    const fromCsv = await scheduleOf(csv, readFileSync(csv));
    const xlsx = await workbookOf(csv, { sheet: 'Certificated', decoy: true, merge: true });
    const fromXlsx = await scheduleOf(name.replace('.csv', '.xlsx'), xlsx, 'Certificated');
    expect(strip(fromXlsx)).toEqual(strip(fromCsv));
    expect(fromXlsx.source).toMatchObject({ kind: 'xlsx', sheet: 'Certificated' });
    // the printed text of a workbook cell is its number; its place is the A1 reference
    expect(fromXlsx.rows[0].printed!.annual![fromXlsx.classes[0]].ref).toMatch(/^B\d+$/);
    expect(fromXlsx.rows[0].printed!.annual![fromXlsx.classes[0]].sheet).toBe('Certificated');
  });
  it('a sheet may be chosen by its number', async () => {
    const csv = join(FIX, 'cvusd-2023-24.csv');
    const s = await scheduleOf('cv.xlsx', await workbookOf(csv, { decoy: true }), '2');
    expect(s.rows.length).toBe(17);
  });
  it('a sheet that does not exist is refused, naming the sheets', async () => {
    const bytes = await workbookOf(join(FIX, 'cvusd-2023-24.csv'), { sheet: 'Teachers', decoy: true });
    await expect(readGrids('cv.xlsx', bytes, { sheet: 'Teacher' })).rejects.toThrow(/^sheet Teacher: cv\.xlsx has no such sheet; its sheets are "Cover", "Teachers"/);
  });
  it('a computed daily rate is read at the decimals its format shows, and noted', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Schedule 2024-25']);
    ws.addRow(['Step', 'BA']);
    ws.addRow([1, 50000]);
    const c = ws.getCell('B4');
    c.value = { formula: 'B3/185', result: 50000 / 185 };
    c.numFmt = '0.00';
    ws.getCell('A4').value = 'daily';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readGrids('d.xlsx', bytes, {});
    // 50,000 / 185 = 270.270270..., shown with two decimals: 270.27
    expect(read.grids[0].daily![0][0]!.value).toBe('270.27');
    expect(read.grids[0].notes.join(' ')).toMatch(/B4: 270\.27027\d* read as 270\.27/);
  });
  it('a file named .xlsx that is not a workbook is refused', async () => {
    await expect(readGrids('x.xlsx', new TextEncoder().encode('Step,BA\n1,5\n'), {})).rejects.toThrow(/not an \.xlsx workbook/);
  });
});

/** A workbook's rows read whole (src/import/xlsx.ts, the reading before streaming) and streamed
 *  (src/import/xlsx-stream.ts). */
async function readBoth(bytes: Uint8Array, sheet?: string): Promise<[string[][], string[][]]> {
  const { readXlsxTable } = await import('../../src/import/xlsx');
  const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
  const streamed: string[][] = [];
  for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', sheet)) streamed.push(...b);
  return [(await readXlsxTable(bytes, 'roster.xlsx', sheet)).rows, streamed];
}

describe('an .xlsx roster read as it streams (src/import/xlsx-stream.ts) reads as the whole workbook does (src/import/xlsx.ts)', () => {
  // a cell of any kind a payroll export holds: text, whole and decimal numbers with their formats, a date,
  // a formula with its cached result, rich text, a true/false, an error, nothing
  const cell = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 8 }).map((s) => ({ value: s })),
    fc.constantFrom(' E1 ', 'Ünïcödé', '70,797.00', '0012').map((s) => ({ value: s })),
    fc.integer({ min: -1e6, max: 1e7 }).map((n) => ({ value: n })),
    fc.tuple(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 1, max: 999_999 }), fc.constantFrom('0.00', '#,##0.00', '"$"#,##0', 'General')).map(([i, f, numFmt]) => ({ value: Number(`${i}.${f}`), numFmt })),
    fc.integer({ min: 0, max: 40_000 }).map((d) => ({ value: new Date(Date.UTC(2000, 0, 1 + d)), numFmt: 'm/d/yyyy' })),
    fc.oneof(fc.integer().map((n) => n / 100), fc.string({ maxLength: 5 })).map((result) => ({ value: { formula: 'A1', result } })),
    fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }).map((parts) => ({ value: { richText: parts.map((text) => ({ text })) } })),
    fc.boolean().map((b) => ({ value: b })),
    fc.constant({ value: { error: '#N/A' } }),
  );
  // rows with gaps between them, rows with only a format after the last, a merged range; merged ranges
  // over cells that keep their values (added to the sheet's XML after exceljs wrote it, which clears a
  // merged range's other cells), either corner first, some overlapping (both readers refuse those)
  const sheet = fc.record({
    rows: fc.array(fc.record({ gap: fc.nat(2), cells: fc.array(cell, { maxLength: 7 }) }), { maxLength: 12 }),
    formatted: fc.nat(2),
    merge: fc.boolean(),
    hidden: fc.array(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 8 }), fc.nat(2), fc.nat(3), fc.boolean()), { maxLength: 2 }),
  });
  const trimmed = (rows: string[][]) => rows.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1));

  it('the same rows, cell for cell, of the sheet asked for (property)', async () => {
    const { readXlsxTable } = await import('../../src/import/xlsx');
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    await fc.assert(
      fc.asyncProperty(fc.array(sheet, { minLength: 1, maxLength: 3 }), fc.nat(4), async (sheets, pick) => {
        const wb = new Workbook();
        sheets.forEach((s, k) => {
          const ws = wb.addWorksheet(`Sheet ${k + 1}`);
          let r = 0;
          for (const row of s.rows) {
            r += 1 + row.gap;
            row.cells.forEach((c, j) => {
              if (!c) return;
              const x = ws.getCell(r, j + 1);
              x.value = c.value as never;
              if ('numFmt' in c) x.numFmt = c.numFmt as string;
            });
          }
          for (let f = 1; f <= s.formatted; f++) ws.getCell(r + f, 1).numFmt = '@';
          if (s.merge && r >= 1) ws.mergeCells(1, 1, 1, 3);
        });
        // (ranges that do not overlap: the whole reader refuses a workbook with overlapping ranges in any
        // of its sheets, the streamed reader only in the sheet it reads; the sheet read is tested below)
        const refs = sheets.map((s) => {
          const taken = s.merge ? [[1, 1, 1, 3]] : [];
          return s.hidden.flatMap(([t, l, h, w, flip]) => {
            if (taken.some(([t2, l2, b2, r2]) => t <= b2 && t2 <= t + h && l <= r2 && l2 <= l + w)) return [];
            taken.push([t, l, t + h, l + w]);
            return [flip ? `${colName(l + w - 1)}${t + h}:${colName(l - 1)}${t}` : `${colName(l - 1)}${t}:${colName(l + w - 1)}${t + h}`];
          });
        });
        const bytes = withMerges(new Uint8Array(await wb.xlsx.writeBuffer()), refs);
        // the first sheet, one by name (in other letter case), by number, or one that is not there
        const want = [undefined, 'sheet 1', String(Math.min(2, sheets.length)), `Sheet ${sheets.length}`, 'Nope'][pick];
        const whole = await readXlsxTable(bytes, 'w.xlsx', want).then((t) => t.rows, (e: Error) => e.message);
        const streamed: string[][] = [];
        let error = '';
        try {
          for await (const b of xlsxRowBatches(bytes, 'w.xlsx', want)) streamed.push(...b);
        } catch (e) {
          error = (e as Error).message;
        }
        if (typeof whole === 'string') isSame(error, whole);
        else {
          isSame(error, '');
          isEqual(trimmed(streamed), trimmed(whole));
        }
      }),
      { numRuns: 25 },
    );
  });
});

/** The workbook with merged ranges added to its sheets (refs[k] to xl/worksheets/sheet{k+1}.xml), their
 *  cells as they are: written again part by part (zip), deflated. */
function withMerges(bytes: Uint8Array, refs: string[][]): Uint8Array {
  if (!refs.some((r) => r.length)) return bytes;
  const b = Buffer.from(bytes);
  const parts = zipDirectory(bytes)!
    .entries.sort((x, y) => x.at - y.at)
    .map((e): [string, string] => {
      const start = e.at + 30 + b.readUInt16LE(e.at + 26) + b.readUInt16LE(e.at + 28);
      const data = b.subarray(start, start + e.size);
      let text = (b.readUInt16LE(e.at + 8) === 8 ? inflateRawSync(data) : data).toString('utf8');
      const more = refs[Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name)?.[1] ?? 0) - 1] ?? [];
      const cells = more.map((r) => `<mergeCell ref="${r}"/>`).join('');
      if (cells) text = text.includes('</mergeCells>') ? text.replace('</mergeCells>', `${cells}</mergeCells>`) : text.replace('</sheetData>', `</sheetData><mergeCells count="${more.length}">${cells}</mergeCells>`);
      return [e.name, text];
    });
  return zip(parts, true);
}

// Workbooks laid out as Excel writes them, not as exceljs does: a zip written here part by part.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
/** A zip of the parts in the order given, stored or deflated. */
function zip(parts: [string, string][], deflate = false): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  for (const [name, text] of parts) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflate ? deflateRawSync(raw) : raw;
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(deflate ? 8 : 0, 8);
    h.writeUInt32LE(crc32(raw), 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(raw.length, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(deflate ? 8 : 0, 10);
    c.writeUInt32LE(crc32(raw), 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(raw.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(at, 42);
    locals.push(h, n, data);
    central.push(c, n);
    at += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A sheet's XML: its rows, and what follows them (its <mergeCells>). */
const sheetXml = (data: string, after = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${data}</sheetData>${after}</worksheet>`;
/** A workbook of sheets [name, part, sheetData, what follows the rows], in Excel's order: the workbook and its relations,
 *  the sheets (in the order given), then the styles and the shared strings. */
function excelWorkbook(sheets: [name: string, part: string, data: string, after?: string][], sst: string[], o: { date1904?: boolean; deflate?: boolean; noRelations?: boolean; prefixed?: boolean } = {}): Uint8Array {
  const types = sheets.map(([, p]) => `<Override PartName="/xl/worksheets/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  const parts: [string, string][] = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${types}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><workbookPr${o.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`],
...(o.noRelations ? [] : [['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map(([, p], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/${p}"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`]] as [string, string][]),
    ...sheets.map(([, p, data, after]): [string, string] => [`xl/worksheets/${p}`, sheetXml(data, after)]),
    ['xl/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'],
    ['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">${sst.join('')}</sst>`],
  ];
  // the SpreadsheetML parts with their elements prefixed (<x:workbook xmlns:x=...>), as the Open XML SDK can write them
  const prefixed = (xml: string) =>
    xml.includes(NS) || xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><s')
      ? xml.replace(/<(\/?)([A-Za-z]+)(?=[\s/>])/g, '<$1x:$2').replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
      : xml;
  return zip(o.prefixed ? parts.map(([n, t]) => [n, prefixed(t)]) : parts, o.deflate);
}
describe('an .xlsx roster laid out by Excel reads streamed as it reads whole', () => {
  const streamedOf = async (bytes: Uint8Array, sheet?: string) => {
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    const rows: string[][] = [];
    for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', sheet)) rows.push(...b);
    return rows.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1));
  };
  const header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>';
  const strings = ['<si><t>id</t></si>', '<si><t>name</t></si>', '<si><t>hired</t></si>', '<si><r><t>Ann</t></r><r><rPr><b/></rPr><t>e Lee</t></r></si>'];

  it('shared strings, styles and dates after the sheets, the sheets numbered out of the workbook order: the same text every time, and no temp file left', async () => {
    // Roster is the workbook's first sheet, in part sheet2.xml, which comes first in the zip; the
    // shared strings and the styles (C2's date format) come after both sheets, as Excel writes them.
    // Serial 40000 is 2009-07-06 (1900 system: day 1 = 1900-01-01, with Excel's fictitious 1900-02-29).
    const bytes = excelWorkbook(
      [
        ['Roster', 'sheet2.xml', header + '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" s="1"><v>40000</v></c></row>'],
        ['Other', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>1</v></c></row>'],
      ],
      strings,
    );
    const { readXlsxTable } = await import('../../src/import/xlsx');
    expect((await readXlsxTable(bytes, 'roster.xlsx')).rows).toEqual([
      ['id', 'name', 'hired'],
      ['7', 'Anne Lee', '2009-07-06'],
    ]);
    const { readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const mine = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = mine();
    // (exceljs read such a sheet through a temp file, and now and then before the shared strings: 25 of 30 runs)
    for (let k = 0; k < 12; k++) {
      isEqual(await streamedOf(bytes), [
        ['id', 'name', 'hired'],
        ['7', 'Anne Lee', '2009-07-06'],
      ]);
      isEqual(await streamedOf(bytes, '2'), [['name']]);
    }
    expect(mine()).toEqual(before);
  });

  it('a date in a 1904 workbook, read before the styles arrive', async () => {
    // serial 40000 in the 1904 system: 1904-01-01 + 40000 days = 2013-07-07
    const bytes = excelWorkbook([['Roster', 'sheet1.xml', header + '<row r="2"><c r="A2"><v>7</v></c><c r="C2" s="1"><v>40000</v></c></row>']], strings, { date1904: true });
    expect(await streamedOf(bytes)).toEqual([['id', 'name', 'hired'], ['7', '', '2013-07-07']]);
  });

  it('an inline string of several runs is all its runs (as the whole reading has it), without its phonetic reading', async () => {
    const bytes = excelWorkbook(
      [
        [
          'Roster',
          'sheet1.xml',
          header +
            '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="inlineStr"><is><r><t>Ann</t></r><r><rPr><b/></rPr><t xml:space="preserve">e Lee</t></r></is></c></row>' +
            '<row r="3"><c r="A3"><v>8</v></c><c r="B3" t="inlineStr"><is><t>Tanaka</t><rPh sb="0" eb="6"><t>TA</t></rPh></is></c><c r="C3" t="inlineStr"><is><t>&lt;is&gt; &amp; co</t></is></c></row>',
        ],
      ],
      strings,
    );
    const { readXlsxTable } = await import('../../src/import/xlsx');
    expect((await readXlsxTable(bytes, 'roster.xlsx')).rows[1]).toEqual(['7', 'Anne Lee', '']);
    expect(await streamedOf(bytes)).toEqual([['id', 'name', 'hired'], ['7', 'Anne Lee'], ['8', 'Tanaka', '<is> & co']]);
  });
});

describe('an .xlsx roster with characters Excel writes escaped (_x000D_)', () => {
  it('a shared string reads with the character, streamed as whole', async () => {
    // Excel writes a carriage return (pasted text with CR LF) in a shared string as _x000D_, a tab as _x0009_
    const bytes = excelWorkbook(
      [['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>2</v></c></row>']],
      ['<si><t>id</t></si>', '<si><t>note</t></si>', '<si><r><t>on leave_x000D_\nsince_x0009_</t></r><r><t>May &amp; _x0041_</t></r></si>'],
    );
    const expected = [['id', 'note'], ['7', 'on leave\r\nsince\tMay & A']];
    const [whole, streamed] = await readBoth(bytes);
    expect(whole).toEqual(expected);
    expect(streamed).toEqual(expected);
  });
});

describe('an .xlsx roster with formulas of every result type', () => {
  it('each formula cell reads as its cached result, streamed as whole: a date, a true/false, an error', async () => {
    // D2 =DATE(2009,7,6) in a date format, cached 40000 (2009-07-06); B2 =1=1 cached TRUE (t="b");
    // C2 =NA() cached #N/A (t="e"); E2 a text result; F2 a shared formula; G2 one never calculated
    const bytes = excelWorkbook(
      [
        [
          'Roster',
          'sheet1.xml',
          '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
            '<row r="2"><c r="A2"><f>1+0</f><v>1</v></c><c r="B2" t="b"><f>1=1</f><v>1</v></c><c r="C2" t="e"><f>NA()</f><v>#N/A</v></c><c r="D2" s="1"><f>DATE(2009,7,6)</f><v>40000</v></c><c r="E2" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="F2" s="1"><f t="shared" ref="F2:F3" si="0">D2+1</f><v>40001</v></c><c r="G2"><f>A2*2</f></c></row>' +
            '<row r="3"><c r="F3" s="1"><f t="shared" si="0"/><v>40002</v></c></row>',
        ],
      ],
      ['<si><t>id</t></si>'],
    );
    const expected = [['id'], ['1', 'true', '#N/A', '2009-07-06', 'a&b', '2009-07-07'], ['', '', '', '', '', '2009-07-08']];
    const trim = (rows: string[][]) => rows.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1));
    const [whole, streamed] = await readBoth(bytes);
    expect(trim(whole)).toEqual(expected);
    expect(trim(streamed)).toEqual(expected);
  });
});

describe('an .xlsx roster whose dates are stored as ISO 8601 text (t="d", as LibreOffice and strict-OOXML writers may store them)', () => {
  it('a date cell reads as its date, YYYY-MM-DD, as a serial date cell does, streamed as whole', async () => {
    // C2..C4: t="d" cells with a date format (s="1"), without one, and as a formula's cached result;
    // C5: a time of day other than midnight: the date alone, as Excel's serial 40000.75 in a date
    // format (C6: 2009-07-06 18:00) reads as 2009-07-06; C7: a zone offset: the date as written, not
    // moved to another zone; C8, C9: no calendar date (a time of day alone, February 30th): the text as
    // written. C10: a formula's text result in a date format is its text (the whole reading took it
    // for a serial, an invalid date, and failed: "Invalid time value")
    const d = (r: number, v: string, more = ' s="1"', f = '') => `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="C${r}" t="d"${more}>${f}<v>${v}</v></c></row>`;
    const bytes = excelWorkbook(
      [
        [
          'Roster',
          'sheet1.xml',
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
            d(2, '2009-07-01T00:00:00') +
            d(3, '2009-07-02', '') +
            d(4, '2009-07-03T00:00:00.000', ' s="1"', '<f>DATE(2009,7,3)</f>') +
            d(5, '2009-07-04T13:45:30') +
            '<row r="6"><c r="A6"><v>6</v></c><c r="C6" s="1"><v>40000.75</v></c></row>' +
            d(7, '2009-07-05T23:30:00-08:00') +
            d(8, '10:30:00') +
            d(9, '2009-02-30T00:00:00') +
            '<row r="10"><c r="A10"><v>10</v></c><c r="C10" t="str" s="1"><f>TEXT(A10,"0")</f><v>ten</v></c></row>',
        ],
      ],
      ['<si><t>id</t></si>', '<si><t>name</t></si>', '<si><t>hired</t></si>'],
    );
    const expected = [['id', 'name', 'hired'], ...[['2', '2009-07-01'], ['3', '2009-07-02'], ['4', '2009-07-03'], ['5', '2009-07-04'], ['6', '2009-07-06'], ['7', '2009-07-05'], ['8', '10:30:00'], ['9', '2009-02-30T00:00:00'], ['10', 'ten']].map(([id, hired]) => [id, '', hired])];
    const [whole, streamed] = await readBoth(bytes);
    expect(whole).toEqual(expected);
    expect(streamed).toEqual(expected);
  });
});

describe('an .xlsx roster with a number in a date format that is no date', () => {
  it('reads as #NUM! (the row then says it is not a date), streamed as whole, not "internal error: Invalid time value"', async () => {
    // B2 1e400 (Infinity), B3 text in a number cell (NaN), B4 serial 3,000,000 (the year 10113; Excel's
    // last date is 9999-12-31, serial 2,958,465, which B5 is), each in a date format (s="1")
    const d = (r: number, v: string) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" s="1"><v>${v}</v></c></row>`;
    const bytes = excelWorkbook([['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' + d(2, '1e400') + d(3, 'abc') + d(4, '3000000') + d(5, '2958465')]], ['<si><t>id</t></si>', '<si><t>date</t></si>']);
    const expected = [['id', 'date'], ['2', '#NUM!'], ['3', '#NUM!'], ['4', '#NUM!'], ['5', '9999-12-31']];
    const [whole, streamed] = await readBoth(bytes);
    expect(whole).toEqual(expected);
    expect(streamed).toEqual(expected);
  });
});

describe('an .xlsx roster with a text cell naming a shared string the workbook does not have', () => {
  it('is refused in one line by both readers (the whole reading failed on "reading \'richText\'", the streamed one read a blank)', async () => {
    const refused = (n: string) => `roster.xlsx: cannot read the workbook (a cell names shared string ${n}, which the workbook does not have): save it again as .xlsx, or export the sheet as CSV`;
    const head = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
    const sst = ['<si><t>id</t></si>', '<si><t>name</t></si>'];
    const cases: [string, string[], string][] = [
      [head + '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>99</v></c></row>', sst, '99'],
      [head + '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>x</v></c></row>', sst, 'NaN'],
      // no shared strings at all (the header inline)
      ['<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>', [], '0'],
    ];
    const { readXlsxTable } = await import('../../src/import/xlsx');
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    for (const [data, strings, n] of cases) {
      const bytes = excelWorkbook([['Roster', 'sheet1.xml', data]], strings);
      const whole = await readXlsxTable(bytes, 'roster.xlsx').then((t) => t.rows, (e: Error) => e.message);
      const streamed = await (async () => {
        const rows: string[][] = [];
        for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', undefined)) rows.push(...b);
        return rows;
      })().catch((e: Error) => e.message);
      expect([whole, streamed]).toEqual([refused(n), refused(n)]);
    }
    // an empty shared string (<si/>) is one, and a cell with no number (<v></v>) is blank: a blank cell
    expect(await readBoth(excelWorkbook([['Roster', 'sheet1.xml', head + '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v></v></c></row>']], sst))).toEqual([
      [['id', 'name'], ['7', '']],
      [['id', 'name'], ['7', '']],
    ]);
    expect(await readBoth(excelWorkbook([['Roster', 'sheet1.xml', head + '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>2</v></c></row>']], [...sst, '<si/>']))).toEqual([
      [['id', 'name'], ['7', '']],
      [['id', 'name'], ['7', '']],
    ]);
  });
});

describe('an .xlsx workbook whose XML elements are written with a namespace prefix (<x:workbook>, as the Open XML SDK can write them)', () => {
  it('is refused in one line saying so, by both readers (exceljs reads no prefixed element: exceljs/exceljs#1437)', async () => {
    const bytes = excelWorkbook([['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>7</v></c></row>']], ['<si><t>id</t></si>'], { prefixed: true, deflate: true });
    const refused = 'roster.xlsx: cannot read the workbook (its XML is written with namespace prefixes, <x:workbook>, as the Open XML SDK can write it, which this reader does not read): save it again as .xlsx from Excel or LibreOffice, or export the sheet as CSV';
    const { readXlsxTable } = await import('../../src/import/xlsx');
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    const whole = await readXlsxTable(bytes, 'roster.xlsx').then((t) => t.rows, (e: Error) => e.message);
    const streamed = await (async () => {
      const rows: string[][] = [];
      for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', undefined)) rows.push(...b);
      return rows;
    })().catch((e: Error) => e.message);
    expect([whole, streamed]).toEqual([refused, refused]);
  });
});

describe('an .xlsx roster whose rows and cells are stored without their places (no r attribute, optional in the standard)', () => {
  const sst = ['<si><t>id</t></si>', '<si><t>name</t></si>', '<si><t>Ann</t></si>'];
  const readEither = async (bytes: Uint8Array) => {
    const { readXlsxTable } = await import('../../src/import/xlsx');
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    const whole = await readXlsxTable(bytes, 'roster.xlsx').then((t) => t.rows, (e: Error) => e.message);
    const streamed = await (async () => {
      const rows: string[][] = [];
      for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', undefined)) rows.push(...b);
      return rows;
    })().catch((e: Error) => e.message);
    return [whole, streamed];
  };
  const trim = (rows: string[][] | string) => (typeof rows === 'string' ? rows : rows.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1)));

  it('each row and cell is read in its place: a row after the one before (or the row its cells name), a cell after the one before in its row', async () => {
    // row 1 and 2 without r, their cells without r (from A); row 3 with r, cells B..: none, D3, none (so
    // A3, D3, E3); a row without r whose cells name row 6 (rows 4, 5 empty); then rows 7 (empty) and 8
    const data =
      '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>' +
      '<row><c><v>7</v></c><c t="s"><v>2</v></c></row>' +
      '<row r="3"><c><v>8</v></c><c r="D3"><v>9</v></c><c t="inlineStr"><is><t>x</t></is></c></row>' +
      '<row><c r="B6"><v>10</v></c><c><v>11</v></c></row>' +
      '<row/>' +
      '<row><c s="1"/><c t="s"><v>2</v></c></row>';
    const [whole, streamed] = await readEither(excelWorkbook([['Roster', 'sheet1.xml', data]], sst));
    const expected = [['id', 'name'], ['7', 'Ann'], ['8', '', '', '9', 'x'], [], [], ['', '10', '11'], [], ['', 'Ann']];
    expect(trim(whole)).toEqual(expected);
    expect(trim(streamed)).toEqual(expected);
  });

  it('a cell stored twice in one place, the second with no value (a style, a formula never calculated): the first one\'s value, streamed as whole', async () => {
    // the streamed reader sets a cell's value only from a <v>; the whole reading let the second copy blank B2
    const data = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>2</v></c><c r="B2" s="1"/><c r="C2"><v>3</v></c><c r="C2"><f>A2*2</f></c></row><row r="3"><c r="A3"><v>8</v></c><c r="A3" t="s"><v>2</v></c></row>';
    const [whole, streamed] = await readEither(excelWorkbook([['Roster', 'sheet1.xml', data]], sst));
    const expected = [['id', 'name'], ['7', 'Ann', '3'], ['Ann']];
    expect(trim(whole)).toEqual(expected);
    expect(trim(streamed)).toEqual(expected);
  });

  it('rows without r after 1,200 rows with theirs continue from the last (read streamed in pieces)', async () => {
    const rows = Array.from({ length: 1199 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i + 2}</v></c></row>`).join('');
    const more = Array.from({ length: 50 }, (_, i) => `<row><c><v>${i + 1201}</v></c><c t="s"><v>2</v></c></row>`).join('');
    const [whole, streamed] = await readEither(excelWorkbook([['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + rows + more]], sst, { deflate: true }));
    expect(trim(streamed)).toEqual(trim(whole));
    expect((whole as string[][]).length).toBe(1250);
    expect((whole as string[][])[1249]).toEqual(['1250', 'Ann']);
  });

  it('what has no one place is refused in one line, the same by both readers (also after 1,000 rows streamed)', async () => {
    const refused = (why: string) => `roster.xlsx: cannot read the workbook (${why}): save it again as .xlsx, or export the sheet as CSV`;
    const cases: [string, string][] = [
      // A1 placed, then B1 without r, then B1 again: two values for B1
      ['<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c><c r="B1"><v>3</v></c></row>', 'B1 is stored after B1, and a cell without its reference takes the place after the one before: a row\'s cells go left to right, each once'],
      // two rows in one place: row 2 (without r) and row 2 again
      ['<row r="1"><c><v>1</v></c></row><row><c><v>2</v></c></row><row r="2"><c><v>3</v></c></row>', "row 2 is stored after row 2: a sheet's rows go top to bottom, each once"],
      // a row without its number whose cells name rows 3 and 4
      ['<row><c r="A3"><v>1</v></c><c r="B4"><v>2</v></c></row>', 'row 3, stored without its number, has cells of row 4 (B4)'],
      ['<row r="x"><c><v>1</v></c></row>', '"x" is not a row number'],
      ['<row r="1"><c r="1A"><v>1</v></c><c><v>2</v></c></row>', '"1A" is not a cell reference'],
      // rows with their places stored out of order (the streamed reading gave them in file order)
      ['<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>', "row 2 is stored after row 3: a sheet's rows go top to bottom, each once"],
      // after 1,500 rows without r: row 1500 again
      [Array.from({ length: 1500 }, (_, i) => `<row><c><v>${i}</v></c></row>`).join('') + '<row r="1500"><c><v>0</v></c></row>', "row 1500 is stored after row 1500: a sheet's rows go top to bottom, each once"],
    ];
    for (const [data, why] of cases) expect(await readEither(excelWorkbook([['Roster', 'sheet1.xml', data]], sst))).toEqual([refused(why), refused(why)]);
  });

  it('the built bin reads such a sheet (cba deadline --input), and refuses one without one place in a line, exit 2', async () => {
    // B2 serial 38674 in a date format is 2005-11-18 (1900 system); B3 an ISO date (t="d"); grievance
    // Level I is due 25 office days after (the due dates as the same rows give them from a CSV)
    const { cbaBin } = await import('../helpers/cli');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'cba-xlsx-'));
    const file = join(dir, 'triggers.xlsx');
    const rows = '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c><v>1</v></c><c s="1"><v>38674</v></c></row><row><c><v>2</v></c><c t="d"><v>2005-12-01</v></c></row>';
    writeFileSync(file, excelWorkbook([['Roster', 'sheet1.xml', rows]], ['<si><t>id</t></si>', '<si><t>date</t></si>']));
    const csv = join(dir, 'triggers.csv');
    writeFileSync(csv, 'id,date\n1,2005-11-18\n2,2005-12-01\n');
    const r = cbaBin(['deadline', 'grievance', '--input', file, '--csv']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(cbaBin(['deadline', 'grievance', '--input', csv, '--csv']).stdout);
    expect(r.stdout).toMatch(/^1,2005-11-18,\d{4}-\d{2}-\d{2},.*,ok,$/m);
    writeFileSync(file, excelWorkbook([['Roster', 'sheet1.xml', rows.replace('<row><c><v>2</v>', '<row r="2"><c><v>2</v>')]], ['<si><t>id</t></si>', '<si><t>date</t></si>']));
    const bad = cbaBin(['deadline', 'grievance', '--input', file, '--csv']);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', `cba: --input ${file}: cannot read the workbook (row 2 is stored after row 2: a sheet's rows go top to bottom, each once): save it again as .xlsx, or export the sheet as CSV\n`]);
  });
});

describe('a roster whose header row has blank cells (an .xlsx sheet 16,384 columns wide)', () => {
  it('each blank header cell after the first is named by its column in the output, not input_ once more than the one before', async () => {
    // the k-th blank name was input_ k-1 times over: 16,381 blank cells took hours (and a header of
    // 800 MB); cba deadline --input and cba audit never finished on such a sheet
    const { inputColumnNames } = await import('../../src/cli/batch-io');
    expect(inputColumnNames(['id', '', 'status', '', 'input_6', ''], ['status'])).toEqual(['id', '', 'input_status', 'input_4', 'input_6', 'input_input_6']);
    // id, date in A and B, "extra" in XFD (column 16,384), the cells between blank
    const row = (r: number, a: string, b: string, far: string) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${a}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${b}</t></is></c><c r="XFD${r}" t="inlineStr"><is><t>${far}</t></is></c></row>`;
    const bytes = excelWorkbook([['Roster', 'sheet1.xml', row(1, 'id', 'date', 'extra') + row(2, '1', '2005-11-18', 'far')]], []);
    const { cbaBin } = await import('../helpers/cli');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cba-xlsx-')), 'wide.xlsx');
    writeFileSync(file, bytes);
    const r = cbaBin(['deadline', 'grievance', '--input', file, '--csv']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const [head, line] = r.stdout.split('\n');
    const names = head.split(',');
    expect(names.slice(0, 5)).toEqual(['id', 'date', '', 'input_4', 'input_5']);
    expect(names.slice(16_382, 16_385)).toEqual(['input_16383', 'extra', 'due']);
    expect(line).toMatch(new RegExp(`^1,2005-11-18,{16382}far,2005-12-27,`));
  });
});

describe('an .xlsx roster with a row at 1,048,576 (the last row a sheet has)', () => {
  it('the empty rows before it come in batches of at most 1,000 rows like all others, each row in its place', async () => {
    // the 1,048,573 empty rows between row 3 and row 1,048,576 came in one batch (cba audit: 720 MB)
    const bytes = excelWorkbook([['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>7</v></c></row><row r="3"><c r="A3"><v>8</v></c></row><row r="1048576"><c r="A1048576"><v>9</v></c></row>']], ['<si><t>id</t></si>']);
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    const sizes: number[] = [];
    const last: string[][] = [];
    let n = 0;
    let filled = 0;
    for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', undefined)) {
      sizes.push(b.length);
      n += b.length;
      for (const r of b) if (r.some((c) => c !== '')) filled++;
      last.splice(0, last.length, ...b.slice(-1));
    }
    expect(n).toBe(1_048_576);
    expect(filled).toBe(4);
    expect(last).toEqual([['9']]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
  });
});

describe('an .xlsx roster whose sheet is stored under a name of its own (xl/worksheets/Roster.xml)', () => {
  it('is refused, naming the sheet, not read as the next sheet along', async () => {
    // exceljs (both readers) reads only parts named xl/worksheets/sheetN.xml: the whole workbook's
    // reading saw "Other" as the first sheet and gave its rows for the roster's
    const bytes = excelWorkbook(
      [
        ['Roster', 'Roster.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>7</v></c></row>'],
        ['Other', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>1</v></c></row>'],
      ],
      ['<si><t>id</t></si>', '<si><t>notes</t></si>'],
    );
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    const read = async (sheet?: string) => {
      const rows: string[][] = [];
      try {
        for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', sheet)) rows.push(...b);
      } catch (e) {
        return (e as Error).message;
      }
      return rows;
    };
    const refused = 'roster.xlsx: cannot read the sheet "Roster" (stored in a way this reader does not read): save the workbook again as .xlsx, or export the sheet as CSV';
    expect(await read()).toBe(refused);
    expect(await read('1')).toBe(refused);
    expect(await read('roster')).toBe(refused);
    // the other sheet, by its name or its place in the workbook, reads as it is
    expect(await read('Other')).toEqual([['notes']]);
    expect(await read('2')).toEqual([['notes']]);
    // the built bin too, where each reader is a lazy chunk of its own (with its own error classes)
    const { cbaBin } = await import('../helpers/cli');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cba-xlsx-')), 'roster.xlsx');
    writeFileSync(file, bytes);
    const r = cbaBin(['audit', file, '--csv']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `cba: roster ${file}: cannot read the sheet "Roster" (stored in a way this reader does not read): save the workbook again as .xlsx, or export the sheet as CSV\n`]);
  });

  it('without the workbook relations (which sheet is stored where), no sheet is taken for another by the number of its part', async () => {
    // the part sheet1.xml is the workbook's "Sheet2": the streamed reading named it Sheet1 by its number
    const bytes = excelWorkbook(
      [
        ['Sheet2', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
        ['Sheet1', 'sheet2.xml', '<row r="1"><c r="A1" t="s"><v>1</v></c></row>'],
      ],
      ['<si><t>id</t></si>', '<si><t>notes</t></si>'],
      { noRelations: true },
    );
    const { readXlsxTable } = await import('../../src/import/xlsx');
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    for (const sheet of [undefined, 'Sheet1', '2']) {
      const whole = await readXlsxTable(bytes, 'roster.xlsx', sheet).then((t) => t.rows, (e: Error) => e.message);
      const streamed = await (async () => {
        const rows: string[][] = [];
        for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', sheet)) rows.push(...b);
        return rows;
      })().catch((e: Error) => e.message);
      expect(streamed).toEqual(whole);
    }
  });
});

describe('an .xlsx roster of Japanese names (shared strings with their phonetic readings)', () => {
  it('a shared string is its text, not its phonetic reading, streamed as whole', async () => {
    // Excel keeps a name's reading (furigana) with it: <si><t>田中</t><rPh sb="0" eb="2"><t>タナカ</t></rPh></si>
    const bytes = excelWorkbook(
      [['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>2</v></c></row><row r="3"><c r="A3"><v>8</v></c><c r="B3" t="s"><v>3</v></c></row>']],
      ['<si><t>id</t></si>', '<si><t>name</t></si>', '<si><t>田中</t><rPh sb="0" eb="2"><t>タナカ</t></rPh><phoneticPr fontId="1"/></si>', '<si><r><t>山</t></r><r><t>田</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si>'],
    );
    const expected = [['id', 'name'], ['7', '田中'], ['8', '山田']];
    const [whole, streamed] = await readBoth(bytes);
    expect(whole).toEqual(expected);
    expect(streamed).toEqual(expected);
  });
});

describe('a truncated .xlsx roster', () => {
  it('is refused as the whole reading refuses it, not read as fewer rows (nor left waiting)', async () => {
    // 12,000 rows, deflated, cut inside the sheet's data: exceljs's streaming reader waited for the
    // rest for ever, and the bin ended with the rows read so far and exit 0
    const rows = Array.from({ length: 12_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i + 1}</v></c><c r="B${i + 2}"><v>${(i * 104729) % 99991}</v></c></row>`).join('');
    const bytes = excelWorkbook([['Roster', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' + rows]], ['<si><t>id</t></si>', '<si><t>paid</t></si>'], { deflate: true });
    const { readXlsxTable } = await import('../../src/import/xlsx');
    const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
    expect((await readXlsxTable(bytes, 'roster.xlsx')).rows.length).toBe(12_001);
    for (const keep of [0.5, 0.9]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * keep));
      const whole = await readXlsxTable(cut, 'roster.xlsx').then(() => 'read', (e: Error) => e.message);
      expect(whole).toMatch(/^roster\.xlsx: cannot read the workbook \(.*\): save it again as \.xlsx, or export the sheet as CSV$/);
      let n = 0;
      const streamed = await (async () => {
        for await (const b of xlsxRowBatches(cut, 'roster.xlsx', undefined)) n += b.length;
      })().then(() => `read ${n} rows`, (e: Error) => e.message);
      expect(streamed).toBe(whole);
    }
  });
});

describe('a schedule workbook whose sheet is stored under a name of its own (xl/worksheets/Rates.xml)', () => {
  it('cba rules import schedule refuses it, naming the part, rather than reading another sheet in its place', async () => {
    // the whole workbook's reader (exceljs) reads only parts named sheetN.xml: it took "Notes" for the
    // first sheet and imported its rows as the schedule
    const bytes = excelWorkbook(
      [
        ['Rates', 'Rates.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>50000</v></c></row>'],
        ['Notes', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>99999</v></c></row>'],
      ],
      ['<si><t>Step</t></si>', '<si><t>Class I</t></si>'],
    );
    const refused = 'rates.xlsx: a sheet is stored as xl/worksheets/Rates.xml, which this reader does not read (it reads sheets stored as xl/worksheets/sheet1.xml, sheet2.xml, ...): save the workbook again from Excel or LibreOffice, or export the schedule\'s sheet as CSV';
    await expect(readGrids('rates.xlsx', bytes, {})).rejects.toThrow(refused);
    await expect(readGrids('rates.xlsx', bytes, { sheet: 'Notes' })).rejects.toThrow(refused);
    // the same sheets stored as sheet1.xml and sheet2.xml: the first is the schedule
    const plain = excelWorkbook(
      [
        ['Rates', 'sheet1.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>50000</v></c></row>'],
        ['Notes', 'sheet2.xml', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
      ],
      ['<si><t>Step</t></si>', '<si><t>Class I</t></si>'],
    );
    const read = await readGrids('rates.xlsx', plain, {});
    expect(read.sheet).toBe('Rates');
  });
});

describe('an .xlsx roster with merged ranges whose covered cells keep values (as a writer other than Excel or exceljs may leave them, hidden)', () => {
  // id, class, step, paid, note: "note" merged across E1:F1 over a hidden "old"; B2:C3 merged over a
  // hidden step (C2) and a hidden class and step (B3, C3); D4:D4, a merge of one cell, blanks nothing;
  // A6:B7, below the last row stored, makes rows 5-7 the sheet's (empty), as the whole reader reads them
  const sst = ['<si><t>id</t></si>', '<si><t>class</t></si>', '<si><t>step</t></si>', '<si><t>paid</t></si>', '<si><t>note</t></si>', '<si><t>old</t></si>', '<si><t>IV</t></si>', '<si><t>III</t></si>'];
  const data =
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>E1</t></is></c><c r="B2" t="s"><v>6</v></c><c r="C2"><v>13</v></c><c r="D2"><v>70797</v></c></row>' +
    '<row r="3"><c r="A3" t="inlineStr"><is><t>E2</t></is></c><c r="B3" t="s"><v>7</v></c><c r="C3"><v>12</v></c><c r="D3"><v>70797</v></c></row>' +
    '<row r="4"><c r="A4" t="inlineStr"><is><t>E3</t></is></c><c r="B4" t="s"><v>6</v></c><c r="C4"><v>13</v></c><c r="D4"><v>70797</v></c></row>';
  const merges = '<mergeCells count="4"><mergeCell ref="E1:F1"/><mergeCell ref="B2:C3"/><mergeCell ref="D4:D4"/><mergeCell ref="A6:B7"/></mergeCells>';
  const expected = [['id', 'class', 'step', 'paid', 'note'], ['E1', 'IV', '', '70797'], ['E2', '', '', '70797'], ['E3', 'IV', '13', '70797'], [], [], []];
  const trim = (rows: string[][]) => rows.map((r) => r.slice(0, r.findLastIndex((c) => c !== '') + 1));

  it('the covered cells read as \'\' and the top-left cell as its own, streamed as whole (stored and deflated)', async () => {
    for (const deflate of [false, true]) {
      const [whole, streamed] = await readBoth(excelWorkbook([['Roster', 'sheet1.xml', data, merges]], sst, { deflate }));
      expect(trim(whole)).toEqual(expected);
      expect(trim(streamed)).toEqual(expected);
    }
    // a sheet without merges reads every stored cell (the hidden values are the sheet's own)
    const [whole, streamed] = await readBoth(excelWorkbook([['Roster', 'sheet1.xml', data]], sst));
    expect(trim(streamed)).toEqual(trim(whole));
    expect(trim(streamed).slice(0, 3)).toEqual([['id', 'class', 'step', 'paid', 'note', 'old'], ['E1', 'IV', '13', '70797'], ['E2', 'III', '12', '70797']]);
  });

  it('the merges of the sheet asked for, not of another sheet; refs as Excel may write them ($B$2:$C$3, either corner first)', async () => {
    const bytes = excelWorkbook(
      [
        ['Other', 'sheet1.xml', data, '<mergeCells count="1"><mergeCell ref="A1:D4"/></mergeCells>'],
        ['Roster', 'sheet2.xml', data, '<mergeCells count="4"><mergeCell ref=\'F1:E1\' /><mergeCell ref="$C$3:$B$2"/><mergeCell ref="D4:D4"/><mergeCell ref="A6:B7"/></mergeCells>'],
      ],
      sst,
      { deflate: true },
    );
    const [whole, streamed] = await readBoth(bytes, 'Roster');
    expect(trim(whole)).toEqual(expected);
    expect(trim(streamed)).toEqual(expected);
  });

  it('a ref cut between two inflated pieces is read whole, at every place of the cut (mergedRanges, pieces of 64 to 140 bytes)', async () => {
    const { mergedRanges } = await import('../../src/import/xlsx-stream');
    const want = [
      { top: 1, left: 5, bottom: 1, right: 6 },
      { top: 2, left: 2, bottom: 3, right: 3 },
      { top: 4, left: 4, bottom: 4, right: 4 },
      { top: 6, left: 1, bottom: 7, right: 2 },
    ];
    for (const deflate of [false, true]) {
      const bytes = excelWorkbook([['Roster', 'sheet1.xml', data, merges]], sst, { deflate });
      expect(await mergedRanges(bytes, '1')).toEqual(want);
      // (the inflater's smallest piece is 64 bytes; 64..140 puts a cut at each byte of <mergeCells..> and its refs)
      for (let piece = 64; piece <= 140; piece++) isEqual(await mergedRanges(bytes, '1', undefined, piece), want);
    }
    expect(await mergedRanges(excelWorkbook([['Roster', 'sheet1.xml', data]], sst, { deflate: true }), '1')).toEqual([]);
    expect(await mergedRanges(excelWorkbook([['Roster', 'sheet1.xml', data, '<mergeCells count="0"/>']], sst), '1')).toEqual([]);
  });

  it('a sheet larger than one piece (64 KiB), its ref across the pieces\' boundary: read streamed as whole', async () => {
    // a row of padding makes the sheet's XML put byte 65,536 (the inflater's piece) inside "B2:C3"
    const head = sheetXml(data, '').indexOf('</sheetData>');
    const pad = (n: number) => `<row r="5"><c r="A5" t="inlineStr"><is><t>${'x'.repeat(n)}</t></is></c></row>`;
    const before = `</sheetData><mergeCells count="2"><mergeCell ref="E1:F1"/><mergeCell ref="B`;
    const n = 65_535 - (head + pad(0).length + before.length);
    const xml = sheetXml(data + pad(n), '<mergeCells count="2"><mergeCell ref="E1:F1"/><mergeCell ref="B2:C3"/></mergeCells>');
    expect(xml.slice(65_534, 65_538)).toBe('B2:C');
    const [whole, streamed] = await readBoth(excelWorkbook([['Roster', 'sheet1.xml', data + pad(n), '<mergeCells count="2"><mergeCell ref="E1:F1"/><mergeCell ref="B2:C3"/></mergeCells>']], sst, { deflate: true }));
    const rows = [...expected.slice(0, 4), ['x'.repeat(n)]];
    expect(trim(whole)).toEqual(rows);
    expect(trim(streamed)).toEqual(rows);
  });

  it('overlapping merged ranges, or a ref of no two cells, read as the whole reader reads them (it refuses overlaps)', async () => {
    for (const [refs, outcome] of [
      ['<mergeCell ref="B2:C3"/><mergeCell ref="C3:D4"/>', /^roster\.xlsx: cannot read the workbook \(Cannot merge already merged cells\)/],
      ['<mergeCell ref="A1:A1"/><mergeCell ref="A1:A1"/>', /^roster\.xlsx: cannot read the workbook \(Cannot merge already merged cells\)/],
      ['<mergeCell ref="B2"/>', undefined],
    ] as const) {
      const bytes = excelWorkbook([['Roster', 'sheet1.xml', data, `<mergeCells>${refs}</mergeCells>`]], sst);
      const { readXlsxTable } = await import('../../src/import/xlsx');
      const { xlsxRowBatches } = await import('../../src/import/xlsx-stream');
      const whole = await readXlsxTable(bytes, 'roster.xlsx').then((t) => trim(t.rows), (e: Error) => e.message);
      const streamed = await (async () => {
        const rows: string[][] = [];
        for await (const b of xlsxRowBatches(bytes, 'roster.xlsx', undefined)) rows.push(...b);
        return trim(rows);
      })().catch((e: Error) => e.message);
      expect(streamed).toEqual(whole);
      if (outcome) expect(whole).toMatch(outcome);
    }
  });

  it('cba audit --csv gives the covered cells blank, the top-left cell its value', async () => {
    const { cba } = await import('../helpers/cli');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cba-xlsx-')), 'merged.xlsx');
    writeFileSync(file, excelWorkbook([['Roster', 'sheet1.xml', data, merges]], sst, { deflate: true }));
    const r = await cba(['audit', file, '--csv', '--year', '2005-06']);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    // the header ends at "note" (F1, covered, names no column); E1's step, E2's class and step are
    // blank (each row then invalid, saying so); rows 5-7 of the merge below the data, blank rows, as read whole
    expect([r.code, r.stdout]).toEqual([
      1,
      'id,class,step,paid,note,contract,difference,status,reason\n' +
        'E1,IV,,70797,,,,invalid,step is empty\n' +
        'E2,,,70797,,,,invalid,class is empty\n' +
        'E3,IV,13,70797,,70797.00,0.00,ok,\n' +
        ',,,,,,,blank,blank row\n'.repeat(3),
    ]);
  });
});
