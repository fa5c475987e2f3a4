// The one way batch commands read their input and write their output (audit, cost, deadline --input,
// check; later retro and scenario costing):
// - readCsvBatches: a CSV file (a regular file, never a FIFO or a device) or '-' for standard input,
//   header first, then every record back with a row number and, when malformed, the reason; the
//   parser sits behind parseCsvBatches (src/cli/csv-parser.ts); one record is at most LIMITS.csvRecord.
// - BatchWriter: buffered writes that wait for 'drain', and end() that resolves only when the last
//   byte has been handed to the operating system, so the summary and exit code come after the data.
// - write failures (a full disk, a closed stdout) become one OutputError line; EPIPE (the reader
//   stopped early, as `| head` does) ends the run quietly.
import { closeSync, fstatSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/errors';
import { LIMITS, openRegular, readBoundedFile } from '../core/read-bounded';
import { noteInput } from './run-files';
import { CsvSyntaxError, parseCsvBatches, parseCsvLineBatches, type ByteLines } from './csv-parser';
import { CsvParser, lineCells, type CsvDelimiter } from '../core/csv';
import { canonicalHeader, type ColumnMap, type KnownColumns } from './roster-columns';

export interface CsvRecord {
  /** 1-based number of the data row (the header is not counted) */
  row: number;
  /** by header name (a prototype-free object; empty when read with values: false: use raw and the header's indexes) */
  values: Record<string, string>;
  raw: string[];
  error?: string;
  /** every field empty (the rows a spreadsheet leaves at the end of a sheet): error is 'blank row' */
  blank?: boolean;
}

export interface BatchReadOptions {
  values?: boolean;
  stdin?: NodeJS.ReadableStream;
  /** the field delimiter; 'auto' (the default) takes the one the header row holds most of: comma, semicolon or tab */
  delimiter?: CsvDelimiter | 'auto';
  /** roster columns matched ignoring case, spaces and punctuation, and renamed with --columns */
  columns?: { known: KnownColumns; map?: ColumnMap };
  /** an .xlsx input: the worksheet (name or 1-based number); the first when not given */
  sheet?: string;
  /** bytes read so far and the total (0 when unknown: a pipe), after each batch: a progress bar */
  onProgress?: (read: number, total: number) => void;
  /** CSV: the most bytes of input a batch is made from (src/cli/csv-parser.ts batchBytes) */
  batchBytes?: number;
}

/** Header names that occur more than once (compared as written, after trimming). */
export function duplicateNames(header: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const h of header) {
    if (h === '') continue;
    if (seen.has(h)) dup.add(h);
    seen.add(h);
  }
  return [...dup];
}

/** A regular file's bytes, 64 KB at a time, read synchronously into one buffer that is used again for
 *  each chunk (the parser decodes a chunk before asking for the next; a read stream would allocate a
 *  buffer and go through the thread pool and the event loop for every chunk). destroy() closes the
 *  file; bytesRead counts what was read (the progress bar). */
export class FileChunks implements Iterable<Buffer> {
  bytesRead = 0;
  private closed = false;
  constructor(
    private readonly fd: number,
    private readonly size = 1 << 16,
  ) {}
  *[Symbol.iterator](): Iterator<Buffer> {
    const buf = Buffer.allocUnsafe(this.size);
    try {
      while (!this.closed) {
        const n = readSync(this.fd, buf, 0, buf.length, null);
        if (n === 0) break;
        this.bytesRead += n;
        // a piece too short to tell the encoding is kept by the decoder: it gets its own copy
        yield n < 3 ? Buffer.from(buf.subarray(0, n)) : buf.subarray(0, n);
      }
    } finally {
      this.destroy();
    }
  }
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Open a batch input: '-' is standard input, anything else must be a regular file. */
export function openBatchInput(file: string, flag: string, stdin?: NodeJS.ReadableStream): NodeJS.ReadableStream | FileChunks {
  // process.stdin only for '-': asking for it builds a stream (and loads Node's stream modules)
  if (file === '-') return stdin ?? process.stdin;
  const { fd } = openRegular(file, `${flag} ${file}`);
  noteInput(file);
  return new FileChunks(fd);
}

/** The values of every record read with values: false (one shared, frozen, empty object). */
const NO_VALUES: Record<string, string> = Object.freeze(Object.create(null));

const WORKBOOK_REFUSED: Record<string, string> = {
  '.xls': 'the old .xls format is not read: save the workbook as .xlsx, or export the sheet as CSV',
  '.ods': '.ods is not read: save the sheet as .xlsx or CSV',
  '.numbers': '.numbers is not read: save the sheet as .xlsx or CSV',
};

/** An .xlsx workbook, by its first bytes (a zip archive: PK 3 4) or its name. */
function isWorkbook(file: string, label: string): boolean {
  const ext = extname(file).toLowerCase();
  if (WORKBOOK_REFUSED[ext]) throw new InputError(`${label}: ${WORKBOOK_REFUSED[ext]}`);
  const { fd } = openRegular(file, label);
  const head = Buffer.alloc(4);
  let n = 0;
  try {
    n = readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const zip = n === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if ((ext === '.xlsx' || ext === '.xlsm') && !zip) throw new InputError(`${label}: not an .xlsx workbook (it does not start as one): save it again as .xlsx, or export the sheet as CSV`);
  if (zip && ext !== '.xlsx' && ext !== '.xlsm' && ext !== '') throw new InputError(`${label}: a zip archive, not a ${ext} file: give an .xlsx workbook or a CSV`);
  return zip;
}

/** The rows of the input, a batch at a time: CSV through the streaming parser, an .xlsx workbook's
 *  sheet through exceljs (its own lazy bundle, loaded only for a workbook): each cell as text, a date
 *  cell as YYYY-MM-DD, a number as its shortest decimal (src/import/xlsx.ts). */
async function* rawBatches(file: string, flag: string, label: string, opts: BatchReadOptions, lines?: CsvParser, bytes?: () => ByteLines | undefined): AsyncGenerator<(string | string[])[] | number> {
  if (file !== '-' && isWorkbook(file, `${flag} ${file}`)) {
    const bytes = readBoundedFile(file, `${flag} ${file}`, LIMITS.workbook, 'an .xlsx roster');
    noteInput(file);
    const { xlsxRowBatches } = await import('../lazy/xlsx-stream');
    // the header's width: cells right of it that are empty are not fields (a sheet's used range runs
    // wide); a row shorter than the header is filled out with empty cells
    let width = -1;
    for await (const rows of xlsxRowBatches(bytes, label, opts.sheet, opts.onProgress)) {
      if (width < 0) {
        width = rows[0].length;
        while (width > 0 && rows[0][width - 1].trim() === '') width--;
      }
      yield rows.map((r) => {
        let w = r.length;
        while (w > width && r[w - 1].trim() === '') w--;
        const cut = w === r.length ? r : r.slice(0, w);
        while (cut.length < width) cut.push('');
        return cut;
      });
    }
    return;
  }
  if (opts.sheet !== undefined) throw new InputError(`--sheet ${opts.sheet}: ${file === '-' ? 'standard input' : file} is a CSV file, which has no sheets; --sheet is for an .xlsx workbook`);
  const input = openBatchInput(file, flag, opts.stdin) as (NodeJS.ReadableStream | FileChunks) & { bytesRead?: number };
  const total = file === '-' ? stdinSize(input as NodeJS.ReadableStream) : sizeOf(file);
  let first = true;
  const parseOpts = { maxRecord: LIMITS.csvRecord, delimiter: opts.delimiter ?? 'auto', batchBytes: opts.batchBytes } as const;
  for await (const raws of lines ? parseCsvLineBatches(input, parseOpts, lines, bytes) : parseCsvBatches(input, parseOpts)) {
    // (the first record is always cells, in lines mode too)
    if (first && typeof raws !== 'number' && raws.length && ((raws[0] as string[])[0] ?? '').startsWith('PK\u0003\u0004')) throw new InputError(`${label}: an .xlsx workbook on standard input; give its file name instead of -`);
    first = false;
    yield raws;
    opts.onProgress?.(input.bytesRead ?? 0, total);
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Standard input's size when it is a regular file (`< roster.csv`); 0 for a pipe or a terminal. */
function stdinSize(input: NodeJS.ReadableStream): number {
  try {
    const fd = (input as { fd?: number }).fd;
    if (typeof fd !== 'number') return 0;
    const st = fstatSync(fd);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

/** The header row checked (a name, none twice) and, with opts.columns, matched to the roster's columns. */
function headerOf(raw: string[], label: string, opts: BatchReadOptions): { header: string[]; original: string[] } {
  let header = raw.map((h) => h.trim());
  // blank cells at the header's end name no column (a sheet's used range one column wider: Excel's
  // CSV gives a trailing delimiter, the workbook a styled empty cell): the header ends at its last name
  let w = header.length;
  while (w > 1 && header[w - 1] === '') w--;
  if (w < header.length) header = header.slice(0, w);
  if (!header.length || header.every((h) => !h)) throw new InputError(`${label}: the first line must be a header row naming the columns`);
  const dup = duplicateNames(header);
  if (dup.length) throw new InputError(`${label}: the header names ${dup.map((d) => JSON.stringify(d)).join(', ')} more than once; give each column once`);
  const original = header;
  if (opts.columns) {
    const canon = canonicalHeader(header, opts.columns.known, opts.columns.map, label);
    const clash = duplicateNames(canon);
    if (clash.length) throw new InputError(`${label}: more than one column reads as ${clash.join(', ')} (${original.filter((_h, i) => clash.includes(canon[i])).map((h) => JSON.stringify(h)).join(', ')}); name the one to use with --columns`);
    header = canon;
  }
  return { header, original };
}

/** A data record: its row number, values by name (withValues), and why it is not a row (blank, too few or many fields). */
function recordOf(raw: string[], row: number, header: string[], withValues: boolean): CsvRecord {
  let values = NO_VALUES;
  if (withValues) {
    values = Object.create(null);
    for (let i = 0; i < header.length; i++) values[header[i]] = raw[i] ?? '';
  }
  const r: CsvRecord = { row, values, raw };
  // blank: every cell empty or spaces (a loop: every() with a callback cost 3x the whole record)
  let blank = true;
  for (let i = 0; i < raw.length; i++)
    if (raw[i].trim() !== '') {
      blank = false;
      break;
    }
  if (blank) (r.error = 'blank row'), (r.blank = true);
  else if (raw.length !== header.length) {
    // past the header: empty cells are not data (a trailing delimiter, a styled empty cell) and are
    // left out; a value is a shifted row (or a column the header does not name), named by its column
    const past = raw.length > header.length ? pastHeader(raw, header.length) : -1;
    if (past < 0 && raw.length > header.length) raw.length = header.length;
    else if (past >= 0) r.error = `${JSON.stringify(shortText(raw[past].trim()))} in column ${past + 1} (${columnLetters(past)}), past the header's ${header.length} columns (a shifted row, or a column the header does not name)`;
    else r.error = `${raw.length} fields where the header has ${header.length}`;
  }
  return r;
}

/** The index of the first cell past the header's width that is not empty (or spaces), -1 for none. */
function pastHeader(raw: string[], width: number): number {
  for (let i = width; i < raw.length; i++) if (raw[i].trim() !== '') return i;
  return -1;
}

/** A cell's text as a reason quotes it: at most 40 characters. */
function shortText(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '\u2026' : s;
}

/** A 0-based column index as a spreadsheet's letters (0 = A, 26 = AA). */
function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A parse failure or a failed read as the one line the user sees (anything else as it is). */
function readFailure(e: unknown, label: string): unknown {
  if (e instanceof CsvSyntaxError) {
    const where = e.record === 1 ? 'the header row' : e.record !== undefined ? `row ${e.record - 1}` : 'a row';
    if (e.tooLong) return new InputError(`${label}: ${where} is longer than the ${LIMITS.csvRecord / 1024} KB allowed for one record (an unclosed quote, or not a CSV file)`);
    return new InputError(`${label}: a quoted field in ${where} is never closed; close it with " (a " inside quotes is written "")`);
  }
  if (e instanceof Error && 'code' in e && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall === 'read')
    return new InputError(`${label}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  return e;
}

export async function* readCsvBatches(file: string, flag: string, opts: BatchReadOptions = {}): AsyncGenerator<{ header: string[]; original: string[] } | CsvRecord[]> {
  const withValues = opts.values !== false;
  const label = `${flag} ${file === '-' ? '- (standard input)' : file}`;
  let header: string[] | undefined;
  let n = 0;
  try {
    for await (const raws of rawBatches(file, flag, label, opts) as AsyncGenerator<string[][]>) {
      const batch: CsvRecord[] = [];
      for (const raw of raws) {
        if (!header) {
          const h = headerOf(raw, label, opts);
          header = h.header;
          yield h;
          continue;
        }
        batch.push(recordOf(raw, ++n, header, withValues));
      }
      if (batch.length) yield batch;
    }
  } catch (e) {
    throw readFailure(e, label);
  }
  if (!header) throw new InputError(`${label}: the file is empty; the first line must be a header row`);
}

/** readCsvBatches for the hottest loops (deadline --input, audit --csv): every item of a batch is the
 *  next row, in order (count them for the row number); with opts.bytes (csv-parser.ts ByteLines), a
 *  batch may instead be the number of rows that taker read and wrote itself, as bytes. A data line holding no quote comes as its text,
 *  uncut: cut it on the header's `delimiter`, or hand it to lineRecord for the record readCsvBatches
 *  would give; every other row as that record. With `quoted`, a line whose quotes are all simple (a
 *  field wholly in quotes, none inside: src/core/csv.ts simpleQuotes) comes as its text too (lineCells
 *  cuts it). Records are read with values: false. */
type LinesHeader = { header: string[]; original: string[]; delimiter: CsvDelimiter };
type LinesOptions = Omit<BatchReadOptions, 'values'> & { quoted?: boolean };
export function readCsvLines(file: string, flag: string, opts?: LinesOptions): AsyncGenerator<LinesHeader | (string | CsvRecord)[]>;
export function readCsvLines(file: string, flag: string, opts: LinesOptions & { bytes: () => ByteLines | undefined }): AsyncGenerator<LinesHeader | (string | CsvRecord)[] | number>;
export async function* readCsvLines(file: string, flag: string, opts: LinesOptions & { bytes?: () => ByteLines | undefined } = {}): AsyncGenerator<LinesHeader | (string | CsvRecord)[] | number> {
  const label = `${flag} ${file === '-' ? '- (standard input)' : file}`;
  const parser = new CsvParser(opts.delimiter ?? 'auto', { lines: true, quoted: opts.quoted });
  let header: string[] | undefined;
  let n = 0;
  try {
    for await (const raws of rawBatches(file, flag, label, opts, parser, opts.bytes)) {
      if (typeof raws === 'number') {
        // rows opts.bytes took (and wrote) itself
        n += raws;
        yield raws;
        continue;
      }
      if (!raws.length) continue;
      if (!header) {
        const h = headerOf(raws[0] as string[], label, opts);
        header = h.header;
        yield { ...h, delimiter: parser.delimiter };
        raws.shift();
      }
      // the parser's own array, its records made CsvRecords in place (a line stays its text)
      const batch = recordsInPlace(raws, n, header);
      n += batch.length;
      if (batch.length) yield batch;
    }
  } catch (e) {
    throw readFailure(e, label);
  }
  if (!header) throw new InputError(`${label}: the file is empty; the first line must be a header row`);
}

/** A batch of the parser in lines mode with its records (cell arrays) made CsvRecords in place, the
 *  first numbered n + 1. A function of its own: as a loop inside readCsvLines, an async generator,
 *  the loop's heat had the optimising compiler compile the whole generator. */
function recordsInPlace(raws: (string | string[])[], n: number, header: string[]): (string | CsvRecord)[] {
  const batch = raws as (string | CsvRecord)[];
  for (let i = 0; i < batch.length; i++) {
    const raw = batch[i];
    if (typeof raw !== 'string') batch[i] = recordOf(raw as unknown as string[], n + i + 1, header, false);
  }
  return batch;
}

/** The record readCsvBatches gives for a line readCsvLines handed over as text. */
export function lineRecord(line: string, delimiter: CsvDelimiter, row: number, header: string[]): CsvRecord {
  return recordOf(lineCells(line, delimiter), row, header, false);
}

/** One record at a time (small inputs: cost, batch deadlines). */
export async function* readCsv(file: string, flag: string, stdin?: NodeJS.ReadableStream, opts: Omit<BatchReadOptions, 'stdin'> = {}): AsyncGenerator<{ header: string[]; original: string[] } | CsvRecord> {
  for await (const b of readCsvBatches(file, flag, { ...opts, stdin })) {
    if (Array.isArray(b)) yield* b;
    else yield b;
  }
}

/** Names for the input columns in an output that adds its own columns: an input column named like
 *  one of ours (row, status, contract, ...) is written as input_<name>, so the two never mix; a blank
 *  header cell after the first (the only names a header may repeat: duplicateNames) as input_<its
 *  column number>, so that each JSON member has a name of its own (the k-th blank was input_ k-1
 *  times over: a sheet 16,384 cells wide never finished). */
export function inputColumnNames(header: string[], ours: readonly string[]): string[] {
  const taken = new Set<string>(ours);
  return header.map((h, i) => {
    let name = h === '' && taken.has('') ? `input_${i + 1}` : h;
    while (taken.has(name)) name = `input_${name}`;
    taken.add(name);
    return name;
  });
}

/** What String.prototype.trim() takes off the ends of a text: white space and line ends (ECMAScript's
 *  WhiteSpace and LineTerminator). */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Ids seen in a batch, in flat memory: a 53-bit hash per id, appended as they come (writes in
 *  order, no random probes into a big table: those were cache misses, 300 ns an id), sorted once
 *  when the count is asked for. 8 bytes an id; two ids share a hash about once in 10^9 batches of
 *  a million rows. */
export class IdCounter {
  private hashes = new Float64Array(1024);
  private size = 0;
  private counted = -1;
  private dups = 0;
  static hash(s: string): number {
    return IdCounter.hashRange(s, 0, s.length);
  }
  /** The hash of the characters from start to end of s (an id inside a line of text, not cut out),
   *  spaces around it left out as trim() leaves them out. */
  static hashRange(s: string, start: number, end: number): number {
    while (start < end && isTrimmed(s.charCodeAt(start))) start++;
    while (end > start && isTrimmed(s.charCodeAt(end - 1))) end--;
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ (end - start);
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    return ((h1 >>> 0) % 0x200000) * 0x100000000 + (h2 >>> 0);
  }
  /** Count one id: the same id with spaces around it (a padded export's "E1 ") is the same id; case
   *  counts. Empty ids (and ids of spaces only) are not counted. */
  add(id: string): void {
    if (id === '' || id.trim() === '') return;
    if (this.size === this.hashes.length) {
      const t = new Float64Array(this.size * 2);
      t.set(this.hashes);
      this.hashes = t;
    }
    this.hashes[this.size++] = IdCounter.hash(id);
  }
  /** Count the id written from start to end of s (an id cell inside a line, not cut out). Empty ids are not counted. */
  addRange(s: string, start: number, end: number): void {
    while (start < end && isTrimmed(s.charCodeAt(start))) start++;
    while (end > start && isTrimmed(s.charCodeAt(end - 1))) end--;
    if (end <= start) return;
    if (this.size === this.hashes.length) {
      const t = new Float64Array(this.size * 2);
      t.set(this.hashes);
      this.hashes = t;
    }
    this.hashes[this.size++] = IdCounter.hashRange(s, start, end);
  }
  /** addRange of the id in bytes b from start to end (an ASCII line read as bytes: the same hash as its text). */
  addBytes(b: Uint8Array, start: number, end: number): void {
    while (start < end && (b[start] === 32 || (b[start] >= 9 && b[start] <= 13))) start++;
    while (end > start && (b[end - 1] === 32 || (b[end - 1] >= 9 && b[end - 1] <= 13))) end--;
    if (end <= start) return;
    if (this.size === this.hashes.length) {
      const t = new Float64Array(this.size * 2);
      t.set(this.hashes);
      this.hashes = t;
    }
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ (end - start);
    for (let i = start; i < end; i++) {
      const c = b[i];
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.hashes[this.size++] = ((h1 >>> 0) % 0x200000) * 0x100000000 + (h2 >>> 0);
  }
  /** How many ids were ones an earlier id had. */
  get duplicates(): number {
    if (this.counted !== this.size) {
      this.dups = countRepeats(this.hashes.subarray(0, this.size));
      this.counted = this.size;
    }
    return this.dups;
  }
}

/** How many of the hashes (whole numbers below 2^53) equal an earlier one: the hashes put in buckets
 *  by their top bits (one pass in order), each bucket's repeats counted on its own (a few hundred
 *  numbers, in the cache); one sort of them all cost half as much again as sorting each bucket. */
export function countRepeats(h: Float64Array): number {
  const n = h.length;
  if (n < 4096) return repeatsSorted(h.slice().sort());
  const bits = Math.min(16, Math.floor(Math.log2(n / 256)));
  const buckets = 2 ** bits, width = 2 ** (53 - bits);
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) starts[Math.floor(h[i] / width) + 1]++;
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  const at = starts.slice(0, buckets);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[at[Math.floor(h[i] / width)]++] = h[i];
  // each bucket's repeats through a small open-addressing table on the hashes' low bits (the bucket
  // is in the cache; sorting each bucket cost ten times as much)
  let table = new Float64Array(64);
  let d = 0;
  for (let b = 0; b < buckets; b++) {
    const from = starts[b], to = starts[b + 1];
    if (to - from < 2) continue;
    let size = 64;
    while (size < 2 * (to - from)) size *= 2;
    if (table.length < size) table = new Float64Array(size);
    table.fill(-1, 0, size);
    const mask = size - 1;
    for (let i = from; i < to; i++) {
      const x = out[i];
      // x >>> 0: the low 32 bits of a whole number below 2^53
      for (let s = (x >>> 0) & mask; ; s = (s + 1) & mask) {
        const y = table[s];
        if (y === -1) {
          table[s] = x;
          break;
        }
        if (y === x) {
          d++;
          break;
        }
      }
    }
  }
  return d;
}

function repeatsSorted(h: Float64Array): number {
  let d = 0;
  for (let i = 1; i < h.length; i++) if (h[i] === h[i - 1]) d++;
  return d;
}

/** Control characters (escape sequences, backspace, carriage return, ...) shown as \xNN, so text
 *  from an input file cannot move the cursor or erase what a table printed. */
export function escapeControls(s: string): string {
  if (!hasControl(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) out += escapedControl(s, i);
  return out;
}

/** Whether a UTF-16 code unit is a control character: C0 (0x00-0x1F), DEL (0x7F) or C1 (0x80-0x9F). */
export const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/** Whether a text holds a control character. */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return true;
  return false;
}

/** The character at i, as \xNN when it is a control character. */
export function escapedControl(s: string, i: number): string {
  const code = s.charCodeAt(i);
  return isControl(code) ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : s[i];
}

let reported = false;
/** Whether the write failure of this process was already reported on stderr (then set it, with `set`). */
export function outputFailureReported(set = false): boolean {
  const was = reported;
  if (set) reported = true;
  return was;
}

/** A write to an output failed (full disk, closed or broken output): one line on stderr, exit 74. */
export class OutputError extends Error {
  override name = 'OutputError';
  readonly exitCode = 74;
}

/** The reader of standard output went away (EPIPE): the run stops quietly. */
export class ReaderGone extends Error {
  override name = 'ReaderGone';
  readonly exitCode = 0;
}

const WHY: Record<string, string> = { ENOSPC: 'no space left on the device', EBADF: 'it is closed', EIO: 'input/output error', EDQUOT: 'disk quota exceeded', EFBIG: 'the file is too large', EACCES: 'permission denied', EROFS: 'read-only file system' };

/** An error from writing (a system error of a write call, or a stream's error event) as OutputError or ReaderGone. */
export function asOutputError(e: unknown, what = 'standard output'): OutputError | ReaderGone | undefined {
  if (e instanceof OutputError || e instanceof ReaderGone) return e;
  const x = e as NodeJS.ErrnoException;
  if (!x || typeof x !== 'object' || typeof x.code !== 'string') return undefined;
  if (x.code === 'EPIPE' || x.code === 'ERR_STREAM_DESTROYED' && x.syscall === undefined) return new ReaderGone('the reader stopped');
  if (x.syscall !== 'write' && x.code !== 'ERR_STREAM_WRITE_AFTER_END') return undefined;
  return new OutputError(`cannot write ${what}: ${WHY[x.code] ?? x.code} (${x.code})`);
}

/** Output written as bytes in place (audit --csv takeBytes): room(n) makes room for n bytes at
 *  `len` in `out` (and returns out); the writer puts them there and moves len on. */
export interface ByteSink {
  out: Buffer;
  len: number;
  room(n: number): Buffer;
}

/** Buffered writes that respect back-pressure (memory stays flat on a slow reader) and report failures.
 *  Text until the first room() call (ByteSink), bytes from then on: text written after it is encoded
 *  into the same bytes, in order. */
export class BatchWriter implements ByteSink {
  private buf = '';
  out: Buffer = Buffer.alloc(0);
  len = 0;
  private bytes = false;
  private failed: OutputError | ReaderGone | undefined;
  private readonly onError = (e: Error) => {
    this.failed ??= asOutputError(e) ?? new OutputError(`cannot write standard output: ${e.message}`);
  };
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly limit = 65536,
  ) {
    stream.on('error', this.onError);
  }
  private check() {
    if (this.failed) throw this.failed;
  }
  async write(s: string): Promise<void> {
    if (this.bytes) {
      if (s) {
        const buf = this.room(s.length * 3);
        this.len += buf.write(s, this.len);
      }
      if (this.len > this.limit) await this.flush();
      return;
    }
    this.buf += s;
    if (this.buf.length > this.limit) await this.flush();
  }
  room(n: number): Buffer {
    if (!this.bytes) {
      // the text written so far goes first
      this.bytes = true;
      const text = this.buf;
      this.buf = '';
      this.out = Buffer.allocUnsafeSlow(Math.max(2 * this.limit, n + text.length * 3));
      this.len = text ? this.out.write(text, 0) : 0;
    }
    if (this.len + n > this.out.length) {
      const b = Buffer.allocUnsafeSlow(Math.max(2 * this.out.length, this.len + n));
      this.out.copy(b, 0, 0, this.len);
      this.out = b;
    }
    return this.out;
  }
  async flush(): Promise<void> {
    this.check();
    let data: string | Buffer;
    const full = this.out;
    if (this.bytes) {
      if (!this.len) return;
      data = full.subarray(0, this.len);
      this.len = 0;
    } else {
      if (!this.buf) return;
      data = this.buf;
      this.buf = '';
    }
    let ok: boolean;
    try {
      ok = this.stream.write(data);
    } catch (e) {
      throw asOutputError(e) ?? e;
    }
    // bytes: the same buffer again when a stream on a file descriptor has handed every byte to the
    // system (a file, a pipe that took it all); else a new one, as the stream holds this one until
    // it is written (any other stream may keep it)
    if (this.bytes && this.out === full) {
      const s = this.stream as NodeJS.WritableStream & { fd?: unknown; writableLength?: number };
      if (typeof s.fd !== 'number' || s.writableLength !== 0) this.out = Buffer.allocUnsafeSlow(full.length);
    }
    if (!ok) await this.waitDrain();
    this.check();
  }
  private waitDrain(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }
  /** Flush everything and wait until the stream has taken the last byte; throws a write failure. */
  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => {
      try {
        this.stream.write('', (e?: Error | null) => {
          if (e) this.onError(e);
          resolve();
        });
      } catch (e) {
        this.onError(e as Error);
        resolve();
      }
    });
    this.stream.off('error', this.onError);
    this.check();
  }
}

/**
 * For a batch command whose every row allocates much (scenario costing: each person priced under every
 * scenario for every year, in exact decimals), run as the process's own: V8 lets the heap grow to
 * about four times its live data between full collections (live ~23 MB, heap to ~150 MB: a peak of
 * 205 MB at 100,000 people, and the same at any size past ~50,000); grown by at most a quarter, it
 * peaks at ~135 MB at the same speed (npm run bench: scenario). V8 reads this flag at each full
 * collection, so setting it once the process runs takes effect.
 */
export function boundHeapGrowth(): void {
  (process.getBuiltinModule('node:v8') as typeof import('node:v8')).setFlagsFromString('--heap-growing-percent=25');
}

/** A BatchWriter on a stream (call end() after the last write: the summary and exit code come after it). */
export function bufferedWriter(stream: NodeJS.WritableStream): BatchWriter {
  return new BatchWriter(stream);
}
