// The schedule readers by file type: each turns a file into one or more ImportedGrids.
// CSV and XLSX go through the tabular reader; PDF is read by src/import/pdf.ts (readPdfGrids),
// wired in below. Loaded only by `cba rules import schedule`.
import { basename, extname } from 'node:path';
import { FieldError, InputError } from '../core/errors';
import type { ImportedGrid } from './grid';
import { readCsvText } from './csv';
import { tableToGrid } from './tabular';
import { zipEntryNames } from './zip-names';

export type FileKind = 'csv' | 'xlsx' | 'pdf';

export interface ReadOptions {
  /** workbook sheet (name or 1-based number) */
  sheet?: string;
  transpose?: boolean;
  basis?: ImportedGrid['basis'];
  /** CSV delimiter; detected when not given */
  delimiter?: string;
  /** PDF: read only these pages (1-based) */
  pages?: number[];
  /** PDF: the printed daily rates as the schedule's values */
  daily?: boolean;
}

export interface ReadResult {
  kind: FileKind;
  grids: ImportedGrid[];
  /** the sheet read, for a workbook */
  sheet?: string;
}

export function kindOf(file: string, bytes: Uint8Array): FileKind {
  const ext = extname(file).toLowerCase();
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    if (ext === '.xlsx' || ext === '.xlsm' || ext === '') return 'xlsx';
    throw new InputError(`${basename(file)}: a zip archive, not a ${ext} file: give an .xlsx workbook or a CSV`);
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new InputError(`${basename(file)}: not an .xlsx workbook (it does not start as one): save it again as .xlsx, or export the sheet as CSV`);
  if (ext === '.xls') throw new InputError(`${basename(file)}: the old .xls format is not read: save the workbook as .xlsx, or export the sheet as CSV`);
  if (ext === '.pdf') throw new InputError(`${basename(file)}: not a PDF (it does not start with %PDF-)`);
  if (ext === '.ods' || ext === '.numbers') throw new InputError(`${basename(file)}: ${ext} is not read: save the sheet as .xlsx or CSV`);
  return 'csv';
}

export async function readGrids(file: string, bytes: Uint8Array, o: ReadOptions): Promise<ReadResult> {
  const name = file === '-' ? 'stdin.csv' : basename(file);
  const isPdf = bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
  const kind = file === '-' ? (isPdf ? 'pdf' : 'csv') : kindOf(file, bytes);
  if (kind !== 'pdf') {
    if (o.pages) throw new FieldError('page', `{page} is for a PDF; ${name} is a ${kind === 'csv' ? 'CSV file' : 'workbook'}${kind === 'xlsx' ? ' (choose its sheet with {sheet})' : ''}`);
    if (o.daily) throw new FieldError('daily', `{daily} is for a PDF that prints daily rates beside the annual ones; for a ${kind === 'csv' ? 'CSV file' : 'workbook'} give {basis} daily when its amounts are daily rates`);
  }
  if (kind === 'csv') {
    if (o.sheet !== undefined) throw new FieldError('sheet', `{sheet} ${o.sheet}: a CSV file has no sheets; {sheet} is for an .xlsx workbook`);
    const text = Buffer.from(bytes).toString('utf8');
    const { rows } = readCsvText(text, o.delimiter);
    return { kind, grids: [tableToGrid({ rows, file: name, ref: (r, c) => `r${r + 1}c${c + 1}`, transpose: o.transpose, basis: o.basis })] };
  }
  if (kind === 'xlsx') {
    // exceljs reads only worksheets stored as xl/worksheets/sheetN.xml: in a workbook with one stored
    // under a name of its own (xl/worksheets/Rates.xml, as some exporters write), it would read another
    // sheet in that one's place, or none
    const own = (zipEntryNames(bytes) ?? []).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n) && !/^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    if (own.length) throw new InputError(`${name}: a sheet is stored as ${own[0]}, which this reader does not read (it reads sheets stored as xl/worksheets/sheet1.xml, sheet2.xml, ...): save the workbook again from Excel or LibreOffice, or export the schedule's sheet as CSV`);
    const { readXlsxTable } = await import('./xlsx');
    const t = await readXlsxTable(bytes, name, o.sheet);
    const grid = tableToGrid({ rows: t.rows, file: name, sheet: t.sheet, ref: t.ref, transpose: o.transpose, basis: o.basis });
    grid.notes.push(...t.notes);
    return { kind, sheet: t.sheet, grids: [grid] };
  }
  // PDF: the text and its positions through pdf.js, the grids found from the positions (src/import/pdf.ts)
  if (o.sheet !== undefined) throw new FieldError('sheet', `{sheet} ${o.sheet}: a PDF has no sheets; choose a page with {page} and a schedule with {table}`);
  if (o.transpose) throw new FieldError('transpose', '{transpose}: a PDF is read as printed (classes across or down the side, detected); leave out {transpose}');
  if (o.delimiter !== undefined) throw new FieldError('delimiter', `{delimiter}: a PDF has no delimiter; leave it out`);
  const { readPdfGrids, dailyGrid } = await import('./pdf');
  const pdfName = file === '-' ? 'stdin.pdf' : name;
  let grids = await readPdfGrids(file, { data: bytes, name: pdfName, pages: o.pages });
  if (o.daily || o.basis === 'daily') grids = grids.map((g) => dailyGrid(g, pdfName));
  else if (o.basis === 'hourly') throw new FieldError('basis', `{basis} hourly: ${pdfName} is read as annual salaries (with their daily rates when printed); leave out {basis}, or give {daily}`);
  return { kind, grids };
}
