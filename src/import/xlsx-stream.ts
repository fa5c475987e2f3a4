// An .xlsx roster's worksheet read as the workbook streams by (the roster-reading commands: audit,
// cost, retro, deadline --input), in its own lazy chunk: exceljs's streaming reader without the
// whole-workbook model, which is loaded (src/import/xlsx.ts) only for a workbook laid out otherwise.
import { FieldError, InputError } from '../core/errors';
import { cellText, type XlsxCell } from './xlsx-cells';

/** The workbook is not laid out the way the streaming reader reads it (no workbook part before the
 *  sheets, a sheet it cannot place): read it whole instead. */
class ReadWhole extends Error {}

interface StreamedSheet extends AsyncIterable<{ number: number; cellCount: number; getCell(c: number): XlsxCell }> {
  name: string;
}

/**
 * A worksheet's rows as readXlsxTable gives them (before the table is cut to its header's width),
 * read as the workbook streams by: exceljs's streaming reader keeps the shared strings and styles,
 * not the sheet (a 100,000-row roster: 130 MB and 4 s, where the whole workbook's model took 650 MB
 * and 8.6 s). A row missing between two rows comes as an empty row, as in the whole workbook. Throws
 * ReadWhole before any row when the workbook is not laid out so; `progress` gets the bytes given to
 * the reader.
 */
async function* streamedRows(bytes: Uint8Array, sheet: string | undefined, progress?: (read: number, total: number) => void): AsyncGenerator<string[][]> {
  // (a lazy chunk runs as a vm script, where import() of Node's own modules is not available)
  const { Readable } = process.getBuiltinModule('node:stream') as typeof import('node:stream');
  const { default: WorkbookReader } = await import('exceljs/lib/stream/xlsx/workbook-reader.js');
  const piece = 1 << 16;
  const input = Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += piece) {
        yield Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(piece, bytes.length - at));
        progress?.(Math.min(bytes.length, at + piece), bytes.length);
      }
    })(),
  );
  const reader = new WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as AsyncIterable<StreamedSheet> & { model?: { sheets?: { name: string }[] } };
  const notes: string[] = [];
  let want: string | undefined;
  try {
    for await (const ws of reader) {
      if (want === undefined) {
        const names = (reader.model?.sheets ?? []).map((x) => x.name);
        if (!names.length) throw new ReadWhole();
        want = sheet === undefined ? names[0] : (names.find((n) => n === sheet) ?? names.find((n) => n.toLowerCase() === sheet.trim().toLowerCase()) ?? (/^\d+$/.test(sheet) ? names[+sheet - 1] : undefined));
        // not there: the whole workbook's reading says so, with the sheets it has
        if (want === undefined) throw new ReadWhole();
      }
      if (ws.name !== want) {
        for await (const _ of ws); // read past it
        continue;
      }
      let last = 0;
      let batch: string[][] = [];
      for await (const row of ws) {
        for (; last < row.number - 1; last++) batch.push([]);
        const out: string[] = [];
        for (let c = 1; c <= row.cellCount; c++) out.push(cellText(row.getCell(c), row.number, c, notes));
        batch.push(out);
        last = row.number;
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    }
    throw new ReadWhole();
  } finally {
    input.destroy();
  }
}

/**
 * The rows of a roster's worksheet, a batch at a time: streamed (streamedRows), or, for a workbook
 * laid out otherwise or one the streaming reader cannot open, read whole by readXlsxTable (which names
 * what is wrong with a broken one). Each row has at least as many cells as the first row, which
 * is the header.
 */
export async function* xlsxRowBatches(bytes: Uint8Array, name: string, sheet: string | undefined, progress?: (read: number, total: number) => void): AsyncGenerator<string[][]> {
  let started = false;
  try {
    for await (const b of streamedRows(bytes, sheet, progress)) {
      started = true;
      yield b;
    }
    return;
  } catch (e) {
    if (started) {
      if (e instanceof InputError || e instanceof FieldError) throw e;
      throw new InputError(`${name}: cannot read the workbook (${String((e as Error).message ?? e).split('\n')[0]}): save it again as .xlsx, or export the sheet as CSV`);
    }
  }
  const { readXlsxTable } = await import('../lazy/xlsx');
  const t = await readXlsxTable(bytes, name, sheet);
  for (let i = 0; i < t.rows.length; i += 1000) {
    yield t.rows.slice(i, i + 1000);
    progress?.(Math.min(t.rows.length, i + 1000), t.rows.length);
  }
}
