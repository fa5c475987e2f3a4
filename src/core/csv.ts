// A fast, quote-aware CSV parser with csv-parse's behaviour under the options the batch reader used
// with it (relax_quotes, relax_column_count, bom, empty lines kept), tested against csv-parse on the
// same hostile inputs (test/core/csv.test.ts):
// - a byte order mark at the very start is dropped (UTF-8, or UTF-16LE which is then decoded as such);
// - the record delimiter is the first \r\n, \n or \r met outside quotes (or right after a closing
//   quote), and only that one ends records from then on: in a file that starts with \n line ends, a
//   lone \r is part of a field, as csv-parse has it;
// - a field that starts with " is quoted: "" inside it is one ", line breaks and commas are data; the
//   quote closes before a comma, the record delimiter, a NUL or the end; a quote closed before
//   anything else is kept with the text around it ("ab"c reads as "ab"c); a " inside an unquoted
//   field is an ordinary character;
// - an empty line is a record of one empty field; a final line without a line break is a record;
// - a quote still open at the end of the input is an error (CsvUnclosedQuote), after every record
//   before it has been delivered.
// Pure: text in, records out; the reader decodes bytes (CsvDecoder below) and does the I/O.
// Speed: whole lines without a quote are cut with indexOf and split (native); records with plain quoted
// fields are cut with indexOf field by field; anything else goes through a character loop that copies
// runs of ordinary characters with slice.
import type { StringDecoder } from 'node:string_decoder';

export class CsvUnclosedQuote extends Error {
  constructor(
    /** 1-based number of the record (counting the header) in which the quote opened */
    readonly record: number,
  ) {
    super(`a quoted field opened in record ${record} is never closed (a " is missing, or a stray " starts the field)`);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The field delimiters a payroll export uses; 'auto' picks the one the header row holds most of. */
export type CsvDelimiter = ',' | ';' | '\t';

/** The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie or none). */
export function detectDelimiter(line: string): CsvDelimiter {
  const count: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) count[c]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t'] as const) if (count[d] > count[best]) best = d;
  return best;
}

export class CsvParser {
  /** the field delimiter, once known */
  private d: CsvDelimiter = ',';
  private dc = COMMA;
  private auto: boolean;
  /** what delimiter the input turned out to use */
  get delimiter(): CsvDelimiter {
    return this.d;
  }

  /** lines mode: a record after the first whose line holds no quote comes out as that line's text,
   *  uncut (the caller splits it on the delimiter when it needs the cells); any other record as cells */
  private readonly lines: boolean;
  /** with lines: a line whose quotes are all simple (simpleQuotes) comes as its text too (lineCells cuts it) */
  private readonly quoted: boolean;

  constructor(delimiter: CsvDelimiter | 'auto' = ',', opts: { lines?: boolean; quoted?: boolean } = {}) {
    this.auto = delimiter === 'auto';
    if (delimiter !== 'auto') this.setDelimiter(delimiter);
    this.lines = opts.lines === true;
    this.quoted = this.lines && opts.quoted === true;
  }

  private setDelimiter(d: CsvDelimiter): void {
    this.d = d;
    this.dc = d.charCodeAt(0);
  }

  private buf = '';
  private started = false;
  /** the record delimiter: '' until found, then '\n', '\r\n' or '\r' */
  private rd = '';
  private quoting = false;
  private wasQuoting = false;
  private escaping = false;
  private field = '';
  private record: string[] = [];
  /** records delivered so far */
  records = 0;
  private quoteRecord = 0;

  /** Feed the next piece of text; completed records are appended to out (in lines mode, a plain line
   *  as its text). */
  push(text: string, out: (string | string[])[]): void {
    this.buf = this.buf ? this.buf + text : text;
    this.run(false, out);
  }

  /** Characters held for the record not complete yet (the batch reader bounds one record with it). */
  pendingLength(): number {
    let n = this.buf.length + this.field.length;
    for (const f of this.record) n += f.length;
    return n;
  }

  /** Lines mode with simple quotes, comma-separated, past the header, at the start of a record with
   *  nothing of a record held: the text not parsed yet (the start of the next record, or ''), handed
   *  back to the caller, who reads on from there itself (src/cli/csv-parser.ts, lines as bytes) and
   *  counts the records it takes with skipRecords. Otherwise undefined, and the parser keeps it. */
  detachRest(): string | undefined {
    if (!this.quoted || this.d !== ',' || this.rd !== '\n' || this.records === 0) return undefined;
    if (this.quoting || this.wasQuoting || this.escaping || this.field !== '' || this.record.length !== 0) return undefined;
    const rest = this.buf;
    this.buf = '';
    return rest;
  }

  /** Records the caller read itself (after detachRest), counted as delivered. */
  skipRecords(n: number): void {
    this.records += n;
  }

  /** The input is complete: deliver the last record, or throw CsvUnclosedQuote. */
  end(out: (string | string[])[]): void {
    this.run(true, out);
  }

  private run(final: boolean, out: (string | string[])[]): void {
    const s = this.buf;
    const n = s.length;
    let pos = 0;
    if (!this.started) {
      if (n === 0 && !final) return;
      if (this.auto) {
        // the delimiter is read off the header row: wait for its line end (or the end of the input)
        const nl = s.search(/[\r\n]/);
        if (nl < 0 && !final) return;
        this.setDelimiter(detectDelimiter(nl < 0 ? s : s.slice(0, nl)));
      }
      if (s.charCodeAt(0) === 0xfeff) pos = 1;
      this.started = true;
    }
    // a position is handled only with two characters after it (a closing quote looks past itself
    // for \r\n), or at the end
    const limit = final ? n : n - 2;
    let q = -1; // the next quote at or after pos (n: none), for the fast path
    let run = -1; // start of the run of ordinary characters appended to the field, or -1
    let field = this.field;
    let record = this.record;
    let rd = this.rd;
    while (pos < limit) {
      // fast path: at the start of a record, whole lines without a quote
      if (rd && run < 0 && field === '' && record.length === 0 && !this.quoting && !this.wasQuoting) {
        let rest = false;
        for (;;) {
          const e = s.indexOf(rd, pos);
          if (e < 0) {
            // the rest is the start of a line whose end is still to come: it waits in buf for the
            // next piece (then this path takes the whole line), unless the input ends here or it is
            // long (the character loop then takes it, as the batch reader bounds a record's length)
            rest = !final && n - pos <= 4096;
            break;
          }
          if (q < pos) {
            q = s.indexOf('"', pos);
            if (q < 0) q = n;
          }
          if (q > e) {
            out.push(this.lines && this.records > 0 ? s.slice(pos, e) : s.slice(pos, e).split(this.d));
            pos = e + rd.length;
          } else if (this.quoted && this.records > 0 && simpleQuotes(s, pos, e, q, this.dc)) {
            out.push(s.slice(pos, e));
            pos = e + rd.length;
          } else {
            const p = fastRecord(s, pos, e, rd, out, this.d);
            if (p < 0) break;
            pos = p;
          }
          this.records++;
        }
        if (pos >= limit || rest) break;
      }
      // the character loop, until one record is complete or the text runs out
      let done = false;
      while (pos < limit && !done) {
        const c = s.charCodeAt(pos);
        if (!this.quoting && !rd && (c === LF || c === CR)) rd = this.rd = c === LF ? '\n' : s.charCodeAt(pos + 1) === LF ? '\r\n' : '\r';
        if (this.escaping) {
          this.escaping = false;
          if (run < 0) run = pos;
          pos++;
          continue;
        }
        if (this.quoting) {
          if (c !== QUOTE) {
            if (run < 0) run = pos;
            pos++;
            continue;
          }
          if (run >= 0) (field += s.slice(run, pos)), (run = -1);
          const p1 = pos + 1;
          if (p1 < n && s.charCodeAt(p1) === QUOTE) {
            // "" inside quotes: skip this one, the next is data
            this.escaping = true;
            pos = p1;
            continue;
          }
          this.quoting = false;
          this.wasQuoting = true;
          if (p1 >= n) {
            pos = p1;
            continue;
          }
          const nc = s.charCodeAt(p1);
          let atRd = false;
          if (nc === LF || nc === CR) {
            if (!rd) rd = this.rd = nc === LF ? '\n' : s.charCodeAt(p1 + 1) === LF ? '\r\n' : '\r';
            atRd = nc === rd.charCodeAt(0) && (rd.length === 1 || s.charCodeAt(p1 + 1) === LF);
          }
          if (nc === 0 || nc === this.dc || atRd) {
            pos = p1;
            continue;
          }
          // closed before something else: the quotes stay, with the text around them
          field = '"' + field;
          run = pos;
          pos = p1;
          continue;
        }
        if (c === QUOTE) {
          if (run >= 0 || field !== '') {
            if (run < 0) run = pos;
          } else {
            this.quoting = true;
            this.quoteRecord = this.records + 1;
          }
          pos++;
          continue;
        }
        if (c === this.dc || (rd && c === rd.charCodeAt(0) && (rd.length === 1 || s.charCodeAt(pos + 1) === LF))) {
          if (run >= 0) (field += s.slice(run, pos)), (run = -1);
          record.push(field);
          field = '';
          this.wasQuoting = false;
          if (c === this.dc) {
            pos++;
            continue;
          }
          out.push(record);
          this.records++;
          record = [];
          pos += rd.length;
          done = true;
          continue;
        }
        if (run < 0) run = pos;
        pos++;
      }
    }
    if (run >= 0) field += s.slice(run, pos);
    if (final) {
      if (this.quoting) {
        this.field = '';
        this.record = [];
        this.buf = '';
        throw new CsvUnclosedQuote(this.quoteRecord);
      }
      if (this.wasQuoting || record.length || field !== '') {
        record.push(field);
        out.push(record);
        this.records++;
      }
      field = '';
      record = [];
      this.wasQuoting = false;
      this.buf = '';
    } else this.buf = pos < n ? s.slice(pos) : '';
    this.field = field;
    this.record = record;
  }
}

/** Whether the line from pos to e (its record delimiter), whose first quote is at q, holds only
 *  simple quotes: each at the start of a field (the line's start or right after a delimiter), closed
 *  by the next quote, which stands right before a delimiter or the line's end. Such a line is one
 *  record whatever follows, and reads as lineCells cuts it: the text between a field's quotes is the
 *  cell (a delimiter in it is text), every other field is the text between delimiters. Anything else
 *  ("" inside quotes, a quote inside a field, a quote left open to the next line) is not simple. */
export function simpleQuotes(s: string, pos: number, e: number, q: number, dc: number): boolean {
  while (q >= 0 && q < e) {
    if (q !== pos && s.charCodeAt(q - 1) !== dc) return false;
    const k = s.indexOf('"', q + 1);
    if (k < 0 || k >= e) return false;
    const a = k + 1;
    if (a !== e && s.charCodeAt(a) !== dc) return false;
    q = s.indexOf('"', a);
  }
  return true;
}

/** The cells of a line the parser handed over as text in lines mode: cut on the delimiter, a field
 *  in simple quotes (simpleQuotes) as the text between them. */
export function lineCells(line: string, d: CsvDelimiter): string[] {
  if (line.indexOf('"') < 0) return line.split(d);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      const k = line.indexOf('"', i + 1);
      out.push(line.slice(i + 1, k));
      if (k + 1 >= line.length) return out;
      i = k + 2;
    } else {
      const j = line.indexOf(d, i);
      if (j < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, j));
      i = j + 1;
    }
  }
}

/** One record from its start at pos, whose line (as far as the first record delimiter) ends at e,
 *  when it holds nothing unusual: fields plain or quoted (with "" inside), each quote closed before
 *  a comma or the record delimiter. Returns the position after the record, or -1 (nothing consumed)
 *  for the character loop to take it. */
function fastRecord(s: string, pos: number, e: number, rd: string, out: (string | string[])[], d: CsvDelimiter): number {
  const dc = d.charCodeAt(0);
  const n = s.length;
  const rec: string[] = [];
  let i = pos;
  let comma = -1;
  for (;;) {
    if (s.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let val = '';
      for (;;) {
        const k = s.indexOf('"', j);
        if (k < 0 || k + 2 >= n) return -1;
        const nc = s.charCodeAt(k + 1);
        if (nc === QUOTE) {
          val += s.slice(j, k + 1);
          j = k + 2;
          continue;
        }
        val += s.slice(j, k);
        rec.push(val);
        if (nc === dc) {
          i = k + 2;
          break;
        }
        if (nc === rd.charCodeAt(0) && (rd.length === 1 || s.charCodeAt(k + 2) === LF)) {
          out.push(rec);
          return k + 1 + rd.length;
        }
        return -1;
      }
      continue;
    }
    if (e < i) {
      e = s.indexOf(rd, i);
      if (e < 0) return -1;
    }
    if (comma < i) {
      comma = s.indexOf(d, i);
      if (comma < 0) comma = n;
    }
    if (comma < e) {
      rec.push(s.slice(i, comma));
      i = comma + 1;
    } else {
      rec.push(s.slice(i, e));
      out.push(rec);
      return e + rd.length;
    }
  }
}

/** Bytes to text for the parser: UTF-8, or UTF-16LE when the input starts with its byte order mark
 *  (as csv-parse decides, on the first three bytes). */
export class CsvDecoder {
  private dec: StringDecoder | undefined;
  private head: Buffer | undefined;
  private utf8 = false;

  write(chunk: Buffer): string {
    if (!this.dec) {
      const b = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (b.length < 3) {
        this.head = b;
        return '';
      }
      this.head = undefined;
      // loaded here, by a run that decodes a file (a top-level import cost every command's start-up)
      this.utf8 = !(b[0] === 0xff && b[1] === 0xfe);
      this.dec = new (process.getBuiltinModule('node:string_decoder').StringDecoder)(this.utf8 ? 'utf8' : 'utf16le');
      return this.dec.write(b);
    }
    return this.dec.write(chunk);
  }

  /** Whether the input is UTF-8 and no character is held half-read: bytes from here decode on their own. */
  clean(): boolean {
    // lastNeed: the bytes still missing of a character begun (Node's StringDecoder; not in its types)
    return this.utf8 && (this.dec as unknown as { lastNeed?: unknown }).lastNeed === 0;
  }

  end(): string {
    if (!this.dec) {
      const b = this.head ?? Buffer.alloc(0);
      this.head = undefined;
      return b.toString('utf8');
    }
    return this.dec.end();
  }
}

/** A whole text at once (tests, small files). */
export function parseCsv(text: string, delimiter: CsvDelimiter | 'auto' = ','): string[][] {
  const p = new CsvParser(delimiter);
  const out: string[][] = [];
  p.push(text, out);
  p.end(out);
  return out;
}
