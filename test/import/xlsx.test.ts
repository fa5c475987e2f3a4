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
  // rows with gaps between them, rows with only a format after the last, a merged range
  const sheet = fc.record({
    rows: fc.array(fc.record({ gap: fc.nat(2), cells: fc.array(cell, { maxLength: 7 }) }), { maxLength: 12 }),
    formatted: fc.nat(2),
    merge: fc.boolean(),
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
        const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
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
      { numRuns: 15 },
    );
  });
});
