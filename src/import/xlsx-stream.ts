// An .xlsx roster's worksheet read as the workbook streams by (the roster-reading commands: audit,
// cost, retro, deadline --input), in its own lazy chunk: exceljs's streaming reader without the
// whole-workbook model, which is loaded (src/import/xlsx.ts) only for a workbook laid out otherwise.
import { FieldError, InputError } from '../core/errors';
import { cellText, colName, isoDateText, noSharedString, placeRow, type XlsxCell } from './xlsx-cells';
import { zipDirectory } from './zip-names';

/** The workbook is not laid out the way the streaming reader reads it (no workbook part before the
 *  sheets, a sheet it cannot place): read it whole instead. */
class ReadWhole extends Error {
  /** the sheet the workbook part names as the one asked for, when it does */
  constructor(readonly sheet?: string) {
    super();
  }
}

/** The sheet asked for among the workbook's sheets: by name, in any letter case, or by number. */
const pick = (names: string[], sheet: string | undefined) => (sheet === undefined ? names[0] : (names.find((n) => n === sheet) ?? names.find((n) => n.toLowerCase() === sheet.trim().toLowerCase()) ?? (/^\d+$/.test(sheet) ? names[+sheet - 1] : undefined)));

interface StreamedSheet extends AsyncIterable<StreamedRow> {
  name: string;
  /** the workbook's relations say which of its sheets this part is (else the reader names it SheetN
   *  by the part's number: placedSheets) */
  placed?: boolean;
  /** the N of its part's name, xl/worksheets/sheetN.xml */
  no?: string;
}

/** Marks each sheet the reader yields with whether the workbook names it (as exceljs's own lookup). */
function placedSheets(reader: object): void {
  type Rel = { Id: string; Target: string };
  const r = reader as { _parseWorksheet(it: unknown, no: string): Generator<{ value: StreamedSheet }>; workbookRels?: Rel[]; model?: { sheets?: { rId: string }[] } };
  const parse = r._parseWorksheet;
  r._parseWorksheet = function* (this: typeof r, it, no) {
    guardedStrings(this);
    for (const ev of parse.call(this, it, no)) {
      const rel = (this.workbookRels ?? []).find((x) => x.Target === `worksheets/sheet${no}.xml`);
      ev.value.placed = rel !== undefined && (this.model?.sheets ?? []).some((x) => x.rId === rel.Id);
      ev.value.no = no;
      yield ev;
    }
  };
}

/**
 * A worksheet's rows as readXlsxTable gives them (before the table is cut to its header's width),
 * read as the workbook streams by: exceljs's streaming reader keeps the shared strings and styles,
 * not the sheet (a 100,000-row roster: 130 MB and 4 s, where the whole workbook's model took 650 MB
 * and 8.6 s). A row missing between two rows comes as an empty row, as in the whole workbook. A merged
 * range's cells other than its top-left one read as '' (as Excel shows them, and the whole reader reads
 * them), whatever a writer left stored in them; its top-left cell reads as its own (mergedRanges). Throws
 * ReadWhole before any row when the workbook is not laid out so; `progress` gets the bytes given to
 * the reader.
 */
async function* streamedRows(bytes: Uint8Array, sheet: string | undefined, progress?: (read: number, total: number) => void): AsyncGenerator<string[][]> {
  // (a lazy chunk runs as a vm script, where import() of Node's own modules is not available)
  const { Readable } = process.getBuiltinModule('node:stream') as typeof import('node:stream');
  const { default: WorkbookReader } = await import('exceljs/lib/stream/xlsx/workbook-reader.js');
  const piece = 1 << 16;
  // a zip cut short (no central directory at its end) or not laid out simply: the whole workbook's
  // reader says what is wrong (exceljs's streaming reader waited for the rest of a cut sheet for
  // ever: the rows so far, and exit 0)
  const parts = sheetsLast(bytes);
  if (parts === undefined) throw new ReadWhole();
  const input = Readable.from(
    (function* () {
      let done = 0;
      for (const part of parts) {
        for (let at = 0; at < part.length; at += piece) {
          const n = Math.min(piece, part.length - at);
          yield part.subarray(at, at + n);
          progress?.((done += n), bytes.length);
        }
      }
    })(),
  );
  const reader = new WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as AsyncIterable<StreamedSheet> & { model?: { sheets?: { name: string }[] }; sharedStrings?: unknown[] };
  // a sheet before the shared strings or the workbook's relations is written to a temp file by
  // exceljs and read at the end, where it raced the shared strings (its strings came as
  // "[object Object]", its dates as serial numbers, in most runs) and the file was left until the
  // process ended: with the sheets given last, the parts they need are read first; no shared strings
  // at all (numbers and inline strings only) are none, not a reason to wait for them in a temp file
  reader.sharedStrings = [];
  withoutPhonetics(reader);
  placedSheets(reader);
  const notes: string[] = [];
  let want: string | undefined;
  try {
    for await (const ws of reader) {
      if (want === undefined) {
        const names = (reader.model?.sheets ?? []).map((x) => x.name);
        if (!names.length) throw new ReadWhole();
        want = pick(names, sheet);
        // not there: the whole workbook's reading says so, with the sheets it has
        if (want === undefined) throw new ReadWhole();
      }
      if (!ws.placed || ws.name !== want) {
        for await (const _ of placed(ws)); // read past it
        continue;
      }
      // the sheet's merged ranges, stored after its rows: read from its part before any row is given out
      const merges = await mergedRanges(bytes, ws.no ?? '', want);
      const covers = coverage(merges);
      let last = 0;
      let batch: string[][] = [];
      for await (const row of sheetRows(ws)) {
        // (rows with their numbers, which placing passes as they are: placeRow's order)
        if (row.number <= last) placeRow(String(row.number), [], last);
        // (the empty rows before it in batches as others: a row at 1,048,576 after row 3 brought
        // 1,048,572 of them at once)
        for (; last < row.number - 1; last++) {
          batch.push([]);
          if (batch.length >= 1000) {
            yield batch;
            batch = [];
          }
        }
        const out: string[] = [];
        const covered = covers?.(row.number);
        for (let c = 1; c <= row.cellCount; c++) out.push(covered?.(c) ? '' : cellText(row.getCell(c), row.number, c, notes));
        batch.push(out);
        last = row.number;
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      // a merged range below the last row stored: its rows, empty, as the whole workbook has them
      const end = merges.reduce((n, m) => Math.max(n, m.bottom), 0);
      for (; last < end; last++) {
        batch.push([]);
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    }
    // the sheet not among those read (its part not named xl/worksheets/sheetN.xml, or not placed)
    throw new ReadWhole(want ?? pick((reader.model?.sheets ?? []).map((x) => x.name), sheet));
  } finally {
    input.destroy();
  }
}

/** A merged range of a sheet, its rows and columns numbered from 1 (its top-left cell holds its value). */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MERGE_REF = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6}):\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/;
const colNumber = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) n = n * 26 + s.charCodeAt(i) - 64;
  return n;
};

/**
 * The merged ranges of the sheet stored as xl/worksheets/sheet`no`.xml (<mergeCells><mergeCell
 * ref="A1:C3"/>..</mergeCells>, after the sheet's rows), read from the workbook's bytes without
 * holding the sheet's XML: inflated `piece` bytes at a time, a short tail carried from one piece to the
 * next (a ref cut between two pieces is read whole). None for most sheets. What the whole reader may
 * read otherwise throws ReadWhole (the sheet then read whole): a ref not of two plain cells (A1:C3, or
 * $A$1:$C$3, either corner first), ranges that overlap (which it refuses), a second <mergeCells>, a
 * sheet stored in more than one part of that name or in a way not inflated here.
 */
export async function mergedRanges(bytes: Uint8Array, no: string, sheet?: string, piece = 1 << 16): Promise<MergedRange[]> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const parts = (zipDirectory(bytes)?.entries ?? []).filter((e) => SHEET_PART_NO.exec(e.name)?.[1] === no);
  if (parts.length !== 1) throw new ReadWhole(sheet);
  const { at, size } = parts[0];
  const method = b.readUInt16LE(at + 8);
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  const data = b.subarray(start, start + size);
  let pieces: AsyncIterable<Buffer> | Iterable<Buffer>;
  if (method === 0)
    pieces = (function* () {
      for (let k = 0; k < data.length; k += piece) yield data.subarray(k, k + piece);
    })();
  else if (method === 8) {
    const { createInflateRaw } = process.getBuiltinModule('node:zlib') as typeof import('node:zlib');
    const inflate = createInflateRaw({ chunkSize: piece });
    inflate.end(data);
    pieces = inflate;
  } else throw new ReadWhole(sheet);
  const OPEN = '<mergeCells';
  const CLOSE = '</mergeCells>';
  // seeking <mergeCells (the last bytes of a piece carried); then its text, as far as </mergeCells>
  let carry = '';
  let inside: string | undefined;
  const refs: string[] = [];
  let lists = 0;
  // (how far into `inside` its end has been looked for)
  let searched = 0;
  try {
    for await (const p of pieces) {
      let text: string;
      if (inside === undefined) {
        const k = p.indexOf(OPEN);
        const edge = carry + p.toString('latin1', 0, OPEN.length);
        const j = edge.indexOf(OPEN);
        if (j >= 0 && (k < 0 || j < carry.length)) text = edge.slice(j) + p.toString('latin1', OPEN.length);
        else if (k >= 0) text = p.toString('latin1', k);
        else {
          carry = (carry + p.toString('latin1', Math.max(0, p.length - OPEN.length + 1))).slice(1 - OPEN.length);
          continue;
        }
        inside = '';
        searched = 0;
      } else text = p.toString('latin1');
      inside += text;
      // (each <mergeCells in the text: its list, or a name that only begins so)
      for (;;) {
        if (inside.length <= OPEN.length) break; // its name not whole yet
        const m = /[\s/>]/.test(inside[OPEN.length]) ? /^<mergeCells[^>]*?(\/?)>/.exec(inside) : undefined;
        if (m === null) break; // its first tag not whole yet
        let rest: string;
        if (m === undefined) rest = inside.slice(OPEN.length); // <mergeCellsX: not it
        else if (m[1] === '/') {
          lists++;
          rest = inside.slice(m[0].length);
        } else {
          const end = inside.indexOf(CLOSE, searched);
          if (end < 0) {
            searched = Math.max(0, inside.length - CLOSE.length + 1);
            break; // its end still to come
          }
          lists++;
          for (const c of inside.slice(m[0].length, end).matchAll(/<mergeCell(?=[\s/>])([^>]*)>/g)) {
            const r = /\sref\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(c[1]);
            if (!r) throw new ReadWhole(sheet);
            refs.push(r[1] ?? r[2]);
          }
          rest = inside.slice(end + CLOSE.length);
        }
        const k = rest.indexOf(OPEN);
        if (k < 0) {
          inside = undefined;
          carry = rest.slice(Math.max(0, rest.length - OPEN.length + 1));
          break;
        }
        inside = rest.slice(k);
        searched = 0;
      }
    }
  } finally {
    if (method === 8) (pieces as import('node:stream').Duplex).destroy();
  }
  if (lists > 1) throw new ReadWhole(sheet);
  const ranges = refs.map((ref): MergedRange => {
    const m = MERGE_REF.exec(ref);
    if (!m) throw new ReadWhole(sheet);
    const [c1, r1, c2, r2] = [colNumber(m[1]), +m[2], colNumber(m[3]), +m[4]];
    if (Math.max(c1, c2) > 16384 || Math.max(r1, r2) > 1048576) throw new ReadWhole(sheet);
    return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
  });
  // overlapping ranges: the whole reader refuses the workbook (exceljs: "Cannot merge already merged cells")
  const byTop = [...ranges].sort((x, y) => x.top - y.top);
  let open: MergedRange[] = [];
  for (const r of byTop) {
    open = open.filter((o) => o.bottom >= r.top);
    if (open.some((o) => o.left <= r.right && r.left <= o.right)) throw new ReadWhole(sheet);
    open.push(r);
  }
  return byTop;
}

/**
 * Which cells of a row a merged range covers other than its top-left one (those read as '', as the
 * whole reader and Excel show them): for rows in order, top to bottom, a test of a column, or
 * undefined for a row no range covers. Undefined for a sheet without merged ranges.
 */
function coverage(byTop: MergedRange[]): ((row: number) => ((col: number) => boolean) | undefined) | undefined {
  if (!byTop.length) return undefined;
  let next = 0;
  let open: MergedRange[] = [];
  return (row) => {
    while (next < byTop.length && byTop[next].top <= row) open.push(byTop[next++]);
    if (open.length) open = open.filter((m) => m.bottom >= row);
    if (!open.length) return undefined;
    const here = open;
    return (col) => here.some((m) => col >= m.left && col <= m.right && (row !== m.top || col !== m.left));
  };
}

const SHEET_PART_NO = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** The worksheet parts of a zip (the names exceljs's streaming reader reads as sheets). */
const SHEET_PART = /xl\/worksheets\/sheet\d+[.]xml/;

/**
 * The workbook's bytes with its sheets' entries after all its other entries (Excel writes the sheets
 * before the styles and shared strings): each entry is its local header, its data and any data
 * descriptor, as far as the next entry's start, found by the central directory; the central
 * directory itself last, as it is (the streaming reader stops there). Undefined when the zip is not
 * laid out so simply (cut short, zip64, bytes before or between the entries, a broken directory).
 */
export function sheetsLast(bytes: Uint8Array): Uint8Array[] | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const zip = zipDirectory(bytes);
  if (!zip) return undefined;
  const { dir } = zip;
  const entries = [...zip.entries];
  entries.sort((x, y) => x.at - y.at);
  if (!entries.length || entries[0].at !== 0) return undefined;
  const parts = entries.map((e, i) => ({ sheet: SHEET_PART.test(e.name), size: e.size, bytes: b.subarray(e.at, i + 1 < entries.length ? entries[i + 1].at : dir) }));
  // each entry a local header and all its data
  if (parts.some((x) => x.bytes.length < 30 || x.bytes.readUInt32LE(0) !== 0x04034b50 || 30 + x.bytes.readUInt16LE(26) + x.bytes.readUInt16LE(28) + x.size > x.bytes.length)) return undefined;
  return [...parts.filter((x) => !x.sheet).map((x) => x.bytes), ...parts.filter((x) => x.sheet).map((x) => x.bytes), b.subarray(dir)];
}

interface StreamedRow {
  number: number;
  cellCount: number;
  getCell(c: number): XlsxCell;
}

/**
 * The reader's shared strings (all read by the time a sheet is: sheetsLast) refusing a text cell that
 * names one not there (`<c t="s"><v>99</v></c>` of 2 strings, `<v>x</v>`), as the whole reading does,
 * where the streamed reading gave it as a blank. The strings are the array's own elements, read as
 * fast as before; only a look-up of one not there goes on to its prototype, which refuses it (a
 * Proxy around the array took 0.25 s more for 1.1 million look-ups).
 */
function guardedStrings(reader: object): void {
  const r = reader as { sharedStrings?: unknown[]; cbaGuarded?: true };
  if (r.cbaGuarded || !r.sharedStrings) return;
  r.cbaGuarded = true;
  const missing = new Proxy(Object.create(Array.prototype) as object, {
    get(target, key, receiver) {
      if (typeof key === 'string' && (key === 'NaN' || /^-?\d/.test(key))) throw noSharedString(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  Object.setPrototypeOf(r.sharedStrings, missing);
}

/**
 * A worksheet's rows, read as the whole workbook's reader reads them. exceljs's streaming reader starts
 * an inline string's text again at each <t> (`<is><r><t>Ann</t></r><r><t>e Lee</t></r></is>` read as
 * "e Lee", a phonetic reading <rPh><t>..</t></rPh> in place of the text), and reads a formula's cached
 * result as a number whatever its type and format (a date as its serial 40000, TRUE as 1, #N/A as
 * NaN): so the sheet's XML reaches it with each <is> as one <t> of its runs' text, without the
 * phonetic runs, and without the formulas (<f>), each such cell then read as the value it holds.
 */
function sheetRows(ws: StreamedSheet): AsyncIterable<StreamedRow> {
  const sheet = ws as unknown as { iterator: AsyncIterable<Buffer | string> };
  // (whole rows at a time: each inline string, formula and cell whole; one pass over the text)
  const place = placing();
  sheet.iterator = rewritten(sheet.iterator, '<row', '</row>', (xml) => datesAsText(dropFormulas(joinInline(place(xml)))));
  return ws;
}

/** The sheet with each row and cell stored without its place (r) given it in its XML (placing). */
function placed(ws: StreamedSheet): StreamedSheet {
  const sheet = ws as unknown as { iterator: AsyncIterable<Buffer | string> };
  sheet.iterator = rewritten(sheet.iterator, '<row', '</row>', placing());
  return ws;
}

/** A row or cell tag whose place may need giving: without r, or with r not first or not plain. */
const UNPLACED = /<c(?:\/?>|\s+(?!r="[A-Z]{1,3}[1-9]\d*"))|<row(?:\/?>|\s+(?!r="[1-9]\d*"))/;
const ROW = /<row(?=[\s/>])([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c(?=[\s/>])([^>]*?)(\/?>)/g;
const R = /\sr\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const rOf = (attrs: string) => {
  const m = R.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};

/**
 * A sheet's XML, whole rows at a time, with each row and cell stored without its place (r, optional in
 * the standard) given it by placeRow, as the whole workbook's reader gives it (src/import/xlsx.ts
 * placedRows); exceljs's streaming reader read a row without its number as row NaN and failed on a
 * cell without its reference. Rows and cells all with their places pass as they are (the last row's
 * number kept for a row after them without its own).
 */
function placing(): (xml: string) => string {
  let last = 0;
  return (xml) => {
    if (!UNPLACED.test(xml)) {
      const at = xml.lastIndexOf('<row r="');
      if (at >= 0) last = parseInt(xml.slice(at + 8, at + 16), 10);
      return xml;
    }
    return xml.replace(ROW, (_, attrs: string, _end: string, body: string | undefined) => {
      const r = rOf(attrs);
      const cells = body === undefined ? [] : [...body.matchAll(CELL)].map((m) => rOf(m[1]));
      const at = placeRow(r, cells, last);
      last = at.number;
      let k = 0;
      const row = r === undefined ? `<row r="${at.number}"${attrs}` : `<row${attrs}`;
      if (body === undefined) return `${row}/>`;
      const cols = at.cols;
      const inner = cols === undefined ? body : body.replace(CELL, (c: string, a: string, close: string) => {
              const i = k++;
              return cells[i] === undefined ? `<c r="${colName(cols[i] - 1)}${at.number}"${a}${close}` : c;
            });
      return `${row}>${inner}</row>`;
    });
  };
}

/**
 * A date cell stored as ISO 8601 text (`<c r="C2" t="d"><v>2009-07-01T00:00:00</v></c>`) as a text cell
 * of its date (isoDateText): the reader read its text as a number (2009, in a date format the serial
 * 2009: 1905-07-01), as the whole workbook's reader did (src/import/xlsx.ts datesAsText).
 */
const datesAsText = (xml: string) =>
  !/\st=["']d["']/.test(xml)
    ? xml
    : xml.replace(/<c\s([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (whole, attrs: string, _end: string, inner: string | undefined) => {
        if (inner === undefined || !/\st=["']d["']/.test(` ${attrs}`)) return whole;
        const at = ` ${attrs}`.replace(/\st=["']d["']/, ' t="str"').slice(1);
        return `<c ${at}>${inner.replace(/<v>([^<]*)<\/v>/, (_, v: string) => `<v>${isoDateText(v)}</v>`)}</c>`;
      });

/** The XML without its formulas: <f>..</f>, <f t="shared" ...>..</f> and <f t="shared" si="0"/>. */
const dropFormulas = (xml: string) => (xml.indexOf('<f') < 0 ? xml : xml.replace(/<f(?:\s[^>]*?)?(?:\/>|>[\s\S]*?<\/f>)/g, ''));

/**
 * The reader's shared strings without their phonetic readings: it starts a string's text again at
 * each <t>, so that `<si><t>田中</t><rPh sb="0" eb="2"><t>タナカ</t></rPh></si>` (Excel keeps a
 * Japanese name's reading so) read as タナカ; and with Excel's escapes (_x000D_) read as characters.
 */
function withoutPhonetics(reader: object): void {
  const r = reader as { _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown> };
  const parse = r._parseSharedStrings;
  const { Readable } = process.getBuiltinModule('node:stream') as typeof import('node:stream');
  r._parseSharedStrings = function (entry) {
    return parse.call(this, Readable.from(rewritten(rewritten(entry, '<rPh', '</rPh>', dropPhonetics), '<t', '</t>', unescapeText)) as unknown as AsyncIterable<Buffer>);
  };
}

/** XML text on to the reader with `fix` applied to it, held back as far as a tag not closed yet or an
 *  element `open`..`close` whose end is still to come, so that `fix` sees each such element whole. */
async function* rewritten(chunks: AsyncIterable<Buffer | string>, open: string, close: string, fix: (xml: string) => string): AsyncGenerator<string> {
  const { StringDecoder } = process.getBuiltinModule('node:string_decoder') as typeof import('node:string_decoder');
  const decoder = new StringDecoder('utf8');
  let held = '';
  for await (const chunk of chunks) {
    const text = held + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let cut = text.lastIndexOf('<');
    if (cut < 0 || text.indexOf('>', cut) >= 0) cut = text.length;
    const at = text.lastIndexOf(open, cut);
    if (at >= 0 && text.indexOf(close, at) < 0 && !closesItself(text, at)) cut = at;
    held = text.slice(cut);
    if (cut) yield fix(text.slice(0, cut));
  }
  const rest = held + decoder.end();
  if (rest) yield fix(rest);
}

/** Whether the tag at `at` is whole and ends in "/>" (an element without content). */
const closesItself = (text: string, at: number) => {
  const end = text.indexOf('>', at);
  return end > 0 && text[end - 1] === '/';
};

/** Characters Excel writes escaped in a shared string (_x000D_ a carriage return, _x0009_ a tab) as
 *  XML character references, as the whole reader reads them (exceljs text-xform); one XML cannot hold
 *  (a control character) stays as it is written. */
const unescapeText = (xml: string) =>
  xml.indexOf('_x') < 0
    ? xml
    : xml.replace(/_x([0-9A-F]{4})_/g, (m, h: string) => {
        const c = parseInt(h, 16);
        return c === 9 || c === 10 || c === 13 || (c >= 0x20 && (c < 0xd800 || c > 0xdfff) && c < 0xfffe) ? `&#x${h};` : m;
      });

const dropPhonetics = (xml: string) => (xml.indexOf('<rPh') < 0 ? xml : xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, ''));

const joinInline = (xml: string) =>
  xml.indexOf('<is>') < 0
    ? xml
    : xml.replace(/<is>([\s\S]*?)<\/is>/g, (_, inner: string) => {
        let text = '';
        for (const m of dropPhonetics(inner).matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += m[1];
        return `<is><t>${text}</t></is>`;
      });

/**
 * The rows of a roster's worksheet, a batch at a time: streamed (streamedRows), or, for a workbook
 * laid out otherwise or one the streaming reader cannot open, read whole by readXlsxTable (which names
 * what is wrong with a broken one). Each row has at least as many cells as the first row, which
 * is the header.
 */
export async function* xlsxRowBatches(bytes: Uint8Array, name: string, sheet: string | undefined, progress?: (read: number, total: number) => void): AsyncGenerator<string[][]> {
  let started = false;
  let want: string | undefined;
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
    if (e instanceof ReadWhole) want = e.sheet;
  }
  const { readXlsxTable } = await import('../lazy/xlsx');
  // the sheet the workbook names, by its name: exceljs reads only sheets stored as
  // xl/worksheets/sheetN.xml, and the whole reading, not seeing one stored otherwise, took the next
  // sheet along (or the one after it, by number) for it
  const t = await readXlsxTable(bytes, name, want ?? sheet).catch((e: unknown) => {
    // (a FieldError naming the sheet, made by the whole reader's chunk: its own class in the bin)
    if (want !== undefined && typeof (e as { field?: unknown } | undefined)?.field === 'string') throw new InputError(`${name}: cannot read the sheet ${JSON.stringify(want)} (stored in a way this reader does not read): save the workbook again as .xlsx, or export the sheet as CSV`);
    throw e;
  });
  for (let i = 0; i < t.rows.length; i += 1000) {
    yield t.rows.slice(i, i + 1000);
    progress?.(Math.min(t.rows.length, i + 1000), t.rows.length);
  }
}
