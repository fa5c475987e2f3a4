// Reading a worksheet of an .xlsx workbook into a table of text cells, through exceljs (loaded only
// by `cba rules import schedule`, in the lazy import bundle). Each cell keeps its A1 reference.
// Numbers are the workbook's doubles written as their shortest decimal text (66282, 356.12); a
// formula's cached result is read; a number with more decimals than its format shows (a computed
// daily rate 270.27027...) is taken at the decimals the format shows, rounded half-up, and noted.
import { FieldError, InputError } from '../core/errors';
import { cellText, colName, isoDateText, noSharedString, placeRow } from './xlsx-cells';
import { zipDirectory } from './zip-names';

export interface XlsxTable {
  rows: string[][];
  sheet: string;
  ref: (r: number, c: number) => string;
  notes: string[];
}

export async function readXlsxTable(bytes: Uint8Array, name: string, sheet?: string): Promise<XlsxTable> {
  // the Workbook class alone, not the package's entry: that also loads the streaming reader and writer
  // (unzipper, archiver and their dependencies), 660 modules against 278, twice the CPU to load
  const { default: Workbook } = await import('exceljs/lib/doc/workbook.js');
  datesAsText((await import('exceljs/lib/xlsx/xform/sheet/cell-xform.js')).default);
  placedRows((await import('exceljs/lib/xlsx/xform/sheet/row-xform.js')).default);
  const wb = new Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    if (prefixedXml(bytes)) throw new InputError(`${name}: cannot read the workbook (its XML is written with namespace prefixes, <x:workbook>, as the Open XML SDK can write it, which this reader does not read): save it again as .xlsx from Excel or LibreOffice, or export the sheet as CSV`);
    throw new InputError(`${name}: cannot read the workbook (${String((e as Error).message ?? e).split('\n')[0]}): save it again as .xlsx, or export the sheet as CSV`);
  }
  const sheets = wb.worksheets;
  if (!sheets.length) throw new InputError(`${name}: the workbook has no worksheets`);
  const names = sheets.map((w) => w.name);
  let ws = sheets[0];
  if (sheet !== undefined) {
    const byName = sheets.find((w) => w.name === sheet) ?? sheets.find((w) => w.name.toLowerCase() === sheet.trim().toLowerCase());
    const byNumber = /^\d+$/.test(sheet) ? sheets[+sheet - 1] : undefined;
    const found = byName ?? byNumber;
    if (!found) throw new FieldError('sheet', `{sheet} ${sheet}: ${name} has no such sheet; its sheets are ${names.map((n) => JSON.stringify(n)).join(', ')}`);
    ws = found;
  }
  const notes: string[] = [];
  const rows: string[][] = [];
  const height = ws.rowCount;
  const width = ws.columnCount;
  for (let r = 1; r <= height; r++) {
    const row = ws.getRow(r);
    const out: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // a merged cell's value belongs to its top-left cell only
      out.push(cell.isMerged && cell.master && cell.master.address !== cell.address ? '' : cellText(cell, r, c, notes));
    }
    rows.push(out);
  }
  return { rows, sheet: ws.name, ref: (r, c) => `${colName(c)}${r + 1}`, notes };
}

/** exceljs's Enums.ValueType.String (lib/doc/enums.js) */
const STRING = 3;
type CellModel = { type?: number; value?: unknown; result?: unknown; formula?: string; shareType?: string };
/**
 * exceljs's cell parser (the whole workbook's) with a date cell stored as ISO 8601 text (t="d") read as
 * its date (isoDateText), where it read the text as a number (2009-07-01T00:00:00 as 2009, and in a
 * date format as the serial 2009: 1905-07-01), the text then read as a string cell (t="str") is; and a
 * formula whose cached result is not a number (a text, a t="d" date) kept as it is in a date format,
 * where it was read as a serial (an invalid date, which failed the reading).
 */
function datesAsText(CellXform: { prototype: object }): void {
  const p = CellXform.prototype as { parseClose(name: string): boolean; reconcile(model: CellModel, options: unknown): void; t?: string; model: CellModel; cbaDates?: true };
  if (p.cbaDates) return;
  p.cbaDates = true;
  const { parseClose, reconcile } = p;
  p.parseClose = function (this: typeof p, name: string) {
    if (name === 'c' && this.t === 'd') {
      this.t = 'str';
      if (typeof this.model.value === 'string') this.model.value = isoDateText(this.model.value);
    }
    return parseClose.call(this, name);
  };
  p.reconcile = function (this: typeof p, model: CellModel, options: unknown) {
    // a text cell (t="s": a String holding its number) whose shared string is not there (exceljs failed on
    // "reading 'richText'"; the streamed reader refuses it: src/import/xlsx-stream.ts guardedStrings)
    const strings = (options as { sharedStrings?: { getString(i: number): unknown } }).sharedStrings;
    if (model.type === STRING && typeof model.value === 'number' && strings && strings.getString(model.value) === undefined) throw noSharedString(model.value);
    const result = model.result;
    reconcile.call(this, model, options);
    if (result !== undefined && typeof result !== 'number') model.result = result;
  };
}

/**
 * exceljs's row parser (the whole workbook's; one for each sheet) with each row and cell stored without
 * its place (r, optional in the standard) given it by placeRow, the reading the streamed reader has
 * (src/import/xlsx-stream.ts placing): exceljs refused a row without its number ("Invalid row number
 * in model") and a row's first cell without its reference. What placeRow cannot place fails the reading.
 */
function placedRows(RowXform: { prototype: object }): void {
  type RowModel = { number: number; cells: { address?: string; value?: unknown; result?: unknown }[] };
  type Node = { name: string; attributes: Record<string, string | undefined> };
  const p = RowXform.prototype as { parseOpen(node: Node): boolean; parseClose(name: string): boolean; parser?: unknown; model: RowModel; cbaR?: string; cbaLast?: number; cbaRows?: true };
  if (p.cbaRows) return;
  p.cbaRows = true;
  const { parseOpen, parseClose } = p;
  p.parseOpen = function (this: typeof p, node: Node) {
    if (!this.parser && node.name === 'row') this.cbaR = node.attributes.r;
    return parseOpen.call(this, node);
  };
  p.parseClose = function (this: typeof p, name: string) {
    if (!this.parser && name === 'row') {
      const { cells } = this.model;
      const at = placeRow(this.cbaR, cells.map((c) => c.address), this.cbaLast ?? 0);
      this.model.number = this.cbaLast = at.number;
      at.cols?.forEach((col, i) => (cells[i].address ??= `${colName(col - 1)}${at.number}`));
      // a cell stored again in a place already read, with no value of its own (a style, a formula never
      // calculated), leaves the value there, as the streamed reader (which sets a value only from a <v>)
      // reads it; a second value takes the place in both
      if (cells.length > 1) {
        const seen = new Set<string | undefined>();
        this.model.cells = cells.filter((c) => !(seen.has(c.address) && c.value === undefined && c.result === undefined) && seen.add(c.address));
      }
    }
    return parseClose.call(this, name);
  };
}

/**
 * Whether the workbook part's elements carry a namespace prefix (`<x:workbook xmlns:x=...>`, as the
 * Open XML SDK can write them): exceljs matches elements by their bare names and reads none of them
 * (exceljs/exceljs#1437), failing on "reading 'sheets'". Looked at only when a reading failed.
 */
function prefixedXml(bytes: Uint8Array): boolean {
  const entry = zipDirectory(bytes)?.entries.find((x) => x.name === 'xl/workbook.xml');
  if (!entry) return false;
  try {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const at = entry.at + 30 + b.readUInt16LE(entry.at + 26) + b.readUInt16LE(entry.at + 28);
    const data = b.subarray(at, at + entry.size);
    const { inflateRawSync } = process.getBuiltinModule('node:zlib') as typeof import('node:zlib');
    const xml = (b.readUInt16LE(entry.at + 8) === 8 ? inflateRawSync(data) : data).toString('utf8', 0, 4096);
    return /<[A-Za-z_][\w.-]*:workbook[\s>]/.test(xml);
  } catch {
    return false;
  }
}
