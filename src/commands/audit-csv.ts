// cba audit --csv, the common row at the speed of reading it: a line the reader hands over as text
// (readCsvLines with quoted: every quote of it wraps a whole field) is cut by positions, its placement
// found in a memo on the cells' characters (no cell cut out, no record, no result object), its paid
// amount read in place, and its output line written from the placement's ready-made pieces:
//   <the input cells as csvCell writes them>,<contract>,<difference>,<status>,<reason>
// Any line it does not take (another delimiter, a cell csvCell would change, a row short of a required
// cell, a placement not priced yet, a paid amount that is not plain, a period other than annual,
// monthly or empty) goes the general way (lineRecord, Auditor.rowRaw, csvCells), which is the one
// place a row's verdict and output are defined; the placement is learnt from that row (learn), so
// the next rows with it take this way. A placement not seen yet is priced in integer cents from the
// line's cells (teach: Auditor.centsOf, held to the decimal pricing by test/batch/placement-cents.test.ts)
// when that pricing takes it, so its first line takes this way too. Same output, byte for byte
// (test/batch/audit-csv.test.ts).
import type { Auditor, AuditStatus, RosterIndex } from '../batch/audit';
import { auditStatus, reasonText } from '../batch/audit';
import { detached, mix } from '../batch/row-memo';
import type { ByteSink, IdCounter } from '../cli/batch-io';
import { formatCents, parseCentsAt, parseCentsBytes, writeCents } from '../core/money';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

interface Entry {
  /** the placement cells as written (schedule, year, class, step, days, fte, stipends; '' when absent) */
  cells: string[];
  annual: number | null;
  monthly: number | null;
  /** ",<contract>," for the annual and the monthly amount */
  preAnnual: string;
  preMonthly: string;
  /** ",<status>,<reason>\n" by status: ok, underpaid, overpaid; annual then monthly */
  tails: string[];
  next: Entry | undefined;
}

/** An entry as takeBytes keeps it: by the bytes of its placement cells (with their commas), its
 *  amounts, its output pieces as UTF-8, the next of the same hash. */
interface ByteEntry {
  span: Uint8Array;
  annual: number | null;
  monthly: number | null;
  preAnnual: Uint8Array;
  preMonthly: Uint8Array;
  tails: Uint8Array[];
  next: ByteEntry | undefined;
}

/** The UTF-8 bytes of a text (its characters' codes, when it is ASCII). */
function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return new Uint8Array(Buffer.from(s));
    b[i] = c;
  }
  return b;
}

/** Bytes of piece into out at o; the offset after. */
function copyAll(out: Uint8Array, o: number, piece: Uint8Array): number {
  for (let j = 0; j < piece.length; j++) out[o++] = piece[j];
  return o;
}

/** FNV-1a of the bytes from a to b of d, in 30 bits. */
function hashBytes(d: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ d[i], 0x01000193);
  return h & 0x3fffffff;
}

/** Whether the bytes from a to b of d are those of text (ASCII). */
function bytesAre(d: Uint8Array, a: number, b: number, text: Uint8Array): boolean {
  if (b - a !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (d[a + i] !== text[i]) return false;
  return true;
}
/** The length of the well-formed UTF-8 character at i of d (a lead byte of 0xC2 or more, as Node's
 *  decoder reads it to one character: no overlong form, no surrogate, none past U+10FFFF), all of it
 *  before end; 0 for anything else (DEL, a stray or missing continuation byte, a cut character),
 *  which the decoder would read otherwise (as U+FFFD) and so goes to the parser. */
function utf8Length(d: Uint8Array, i: number, end: number): number {
  const c = d[i];
  if (c < 0xc2 || c > 0xf4) return 0;
  if (c < 0xe0) return i + 1 < end && (d[i + 1] & 0xc0) === 0x80 ? 2 : 0;
  if (i + 2 >= end) return 0;
  const c1 = d[i + 1];
  if ((c1 & 0xc0) !== 0x80 || (d[i + 2] & 0xc0) !== 0x80) return 0;
  if (c < 0xf0) return (c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) ? 0 : 3;
  if (i + 3 >= end || (d[i + 3] & 0xc0) !== 0x80) return 0;
  return (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f) ? 0 : 4;
}

/** The well-formed UTF-8 character at i of d copied to out at o: its length, or 0 (nothing copied;
 *  utf8Length). */
function copyUtf8(d: Uint8Array, i: number, end: number, out: Uint8Array, o: number): number {
  const k = utf8Length(d, i, end);
  for (let j = 0; j < k; j++) out[o + j] = d[i + j];
  return k;
}

/** The longest line takeBytes cuts (a longer one goes to the parser). */
const LONGEST = 8192;
const MONTHLY = new Uint8Array([109, 111, 110, 116, 104, 108, 121]);
const ANNUAL = new Uint8Array([97, 110, 110, 117, 97, 108]);

export class AuditCsvLines {
  /** the status of the last line taken, and the lines taken by status */
  status: AuditStatus = 'ok';
  ok = 0;
  underpaid = 0;
  overpaid = 0;
  private readonly st: Int32Array;
  private readonly en: Int32Array;
  /** the columns of the placement, in the order of Entry.cells (-1: the input has no such column) */
  private readonly keyAt: number[];
  private memo = new Map<number, Entry>();
  /** the placement columns of the input, when they stand next to each other: their first and last
   *  position (else -1), the quoted-field bits that must be clear, and the entries by their text */
  private readonly spanFrom: number = -1;
  private readonly spanTo: number = -1;
  private readonly spanMask: number = 0;
  private spans = new Map<string, Entry>();
  private size = 0;
  /** takeBytes: the entries kept by the bytes of their cells (by hash),
   *  the rows the last call took, where it writes, the end of the line cut, its quoted fields, where
   *  its output ends, and room for the longest output pieces */
  private bmemo = new Map<number, ByteEntry>();
  taken = 0;
  private sink: ByteSink | undefined;
  private problemsOnly = false;
  private next = 0;
  private quoted = 0;
  /** the fields of the line just cut that hold a character beyond ASCII, and those that must not:
   *  the id (counted by its bytes as by its characters only when they are the same), the placement
   *  cells (kept by their bytes as Latin-1 text), paid and period */
  private wide = 0;
  private readonly narrowMask: number = 0;
  private written = 0;
  private longestPieces = 0;
  /** whether lines can be taken at all (a comma-separated input with every required column) */
  readonly on: boolean;

  constructor(
    private readonly width: number,
    delimiter: string,
    private readonly at: RosterIndex,
    private readonly auditor: Auditor,
    private readonly tolerance: number,
    private readonly ids: IdCounter,
    private readonly contractText: (cents: number) => string,
    private readonly reasonCell: (reason: string) => string,
  ) {
    this.st = new Int32Array(width);
    this.en = new Int32Array(width);
    this.keyAt = [at.schedule, at.year, at.class, at.step, at.days, at.fte, at.stipends];
    this.on = delimiter === ',' && at.id >= 0 && at.class >= 0 && at.step >= 0 && at.paid >= 0;
    const cols = this.keyAt.filter((j) => j >= 0).sort((x, y) => x - y);
    if (cols[cols.length - 1] - cols[0] === cols.length - 1 && cols[cols.length - 1] < 30) {
      this.spanFrom = cols[0];
      this.spanTo = cols[cols.length - 1];
      for (const j of cols) this.spanMask |= 1 << j;
    }
    for (const j of [...this.keyAt, at.id, at.paid, at.period]) if (j >= 0) this.narrowMask |= j < 31 ? 1 << j : 0x40000000;
  }

  /** where the last take stopped: the index of the first item it did not take, or the batch's length */
  stop = 0;

  /** The output of the items of a batch from index k on, as far as the first one this class does not
   *  take (this.stop). A small loop of its own: the command's run, a long async function, is slower
   *  to optimise and was deoptimised again by its rarer paths. */
  take(batch: readonly unknown[], k: number, problemsOnly: boolean): string {
    let out = '';
    const n = batch.length;
    for (; k < n; k++) {
      const item = batch[k];
      if (typeof item !== 'string') break;
      const line = this.line(item);
      if (line === undefined) break;
      if (!problemsOnly || this.status !== 'ok') out += line;
    }
    this.stop = k;
    return out;
  }

  /** The output line of a data line (with its line break), or undefined for the general way. */
  line(line: string): string | undefined {
    const st = this.st, en = this.en, width = this.width;
    const n = line.length;
    // the fields: content from st to en (inside the quotes of a quoted one); asIs while every cell
    // goes out as csvCell writes it unchanged; input: the line as csvCell writes its cells (the line
    // itself, or without the quotes around fields), built as far as `from`
    let f = 0, i = 0, asIs = true, quoted = 0;
    let input = '', from = 0;
    for (;;) {
      if (f === width) return undefined;
      let a = i, b: number;
      if (line.charCodeAt(i) === QUOTE) {
        a = i + 1;
        b = line.indexOf('"', a);
        i = b + 1;
        quoted |= f < 31 ? 1 << f : 0x40000000;
        if (asIs) {
          const c = line.indexOf(',', a);
          if (c >= 0 && c < b) asIs = false;
        }
        input += line.slice(from, a - 1) + line.slice(a, b);
        from = i;
      } else {
        b = line.indexOf(',', i);
        if (b < 0) b = n;
        i = b;
      }
      if (asIs && b > a) {
        const c0 = line.charCodeAt(a), c1 = line.charCodeAt(b - 1);
        // csvCell's own test of a cell it writes as it is (no edge space, no formula start)
        if (c0 <= 32 || c1 <= 32 || c0 === 61 || c0 === 43 || c0 === 45 || c0 === 64) asIs = false;
      }
      st[f] = a;
      en[f] = b;
      f++;
      if (i >= n) break;
      i++;
    }
    if (f !== width || !asIs) return undefined;
    const at = this.at;
    // the required cells as written (rowFast: not empty), the period
    if (en[at.id] === st[at.id] || en[at.class] === st[at.class] || en[at.step] === st[at.step] || en[at.paid] === st[at.paid]) return undefined;
    let monthly = false;
    if (at.period >= 0) {
      const a = st[at.period], len = en[at.period] - a;
      if (len !== 0) {
        // the cell as a string compared whole (startsWith on a line cut from a chunk cost more)
        const p = line.slice(a, a + len);
        if (p === 'monthly') monthly = true;
        else if (p !== 'annual') return undefined;
      }
    }
    // the placement: by the text of its cells when they stand together unquoted (a string cut out and
    // looked up whole: hashing and comparing it by characters in JavaScript cost twice as much), else
    // by their characters
    const byText = this.spanFrom >= 0 && (quoted & this.spanMask) === 0;
    const e = (byText ? this.spans.get(line.slice(st[this.spanFrom], en[this.spanTo])) : this.find(line)) ?? this.teach(line, byText);
    if (e === undefined) return undefined;
    const contract = monthly ? e.monthly : e.annual;
    if (contract === null) return undefined;
    const paid = parseCentsAt(line, st[at.paid], en[at.paid]);
    if (paid === null) return undefined;
    const status = auditStatus(paid, contract, this.tolerance);
    this.status = status;
    if (status === 'ok') this.ok++;
    else if (status === 'underpaid') this.underpaid++;
    else this.overpaid++;
    this.ids.addRange(line, st[at.id], en[at.id]);
    if (from > 0) input += line.slice(from);
    else input = line;
    return input + (monthly ? e.preMonthly : e.preAnnual) + formatCents(paid - contract) + e.tails[(monthly ? 3 : 0) + (status === 'ok' ? 0 : status === 'underpaid' ? 1 : 2)];
  }

  /** The lines of an input read as bytes (csv-parser.ts ByteLines), written to the sink given by
   *  bytesTo: the lines this class takes, as far as the first it does not (the parser reads that one
   *  on). A line it takes here is printable ASCII (so its text is its bytes) with quotes only around
   *  whole fields, as the parser hands it to line() as text, and it goes out as line() writes it: its
   *  fields cut in one pass (cut), its placement found by the bytes of its cells (findBytes), the
   *  pieces of the output copied as bytes. A placement not kept as bytes yet is found or priced as
   *  line() would (learnBytes); a line with placement cells in quotes goes through line() itself. */
  takeBytes(d: Buffer, p: number): number {
    const st = this.st, en = this.en, at = this.at, sink = this.sink!;
    let taken = 0;
    for (;;) {
      // room for the longest line cut here and the longest pieces after it
      const room = LONGEST + this.longestPieces;
      if (sink.len + room > sink.out.length) sink.room(room);
      const out = sink.out;
      const e = this.cut(d, p, out, sink.len);
      if (e < 0) break;
      const next = this.next;
      // a character beyond ASCII only where the line is written as it was read (a name, a note)
      if ((this.wide & this.narrowMask) !== 0) break;
      // the required cells as written (not empty), the period: '', annual or monthly
      if (en[at.id] === st[at.id] || en[at.class] === st[at.class] || en[at.step] === st[at.step] || en[at.paid] === st[at.paid]) break;
      let monthly = false;
      if (at.period >= 0) {
        const a = st[at.period], len = en[at.period] - a;
        if (bytesAre(d, a, a + len, MONTHLY)) monthly = true;
        else if (len !== 0 && !bytesAre(d, a, a + len, ANNUAL)) break;
      }
      const byText = this.spanFrom >= 0 && (this.quoted & this.spanMask) === 0;
      const sa = byText ? st[this.spanFrom] : 0, sb = byText ? en[this.spanTo] : 0;
      let entry = byText ? this.findBytes(d, sa, sb) : undefined;
      if (byText && entry === undefined) {
        // a placement not kept as bytes yet: as line() finds or prices it
        entry = this.learnBytes(d, sa, sb);
        if (entry === undefined) break;
      }
      if (entry === undefined) {
        // placement cells in quotes: line() on the line's text (decoded as the reader decodes it)
        const text = this.line(d.toString(this.wide === 0 ? 'latin1' : 'utf8', p, e));
        if (text === undefined) break;
        if (!this.problemsOnly || this.status !== 'ok') {
          const buf = sink.room(text.length * 3);
          sink.len += buf.write(text, sink.len);
        }
        taken++;
        p = next;
        continue;
      }
      const contract = monthly ? entry.monthly : entry.annual;
      if (contract === null) break;
      const paid = parseCentsBytes(d, st[at.paid], en[at.paid]);
      if (paid === null) break;
      const status = auditStatus(paid, contract, this.tolerance);
      this.status = status;
      if (status === 'ok') this.ok++;
      else if (status === 'underpaid') this.underpaid++;
      else this.overpaid++;
      this.ids.addBytes(d, st[at.id], en[at.id]);
      taken++;
      if (!this.problemsOnly || status !== 'ok') {
        // after the input cells as csvCell writes them (cut wrote them), the audit's
        const pre = monthly ? entry.preMonthly : entry.preAnnual;
        const tail = entry.tails[(monthly ? 3 : 0) + (status === 'ok' ? 0 : status === 'underpaid' ? 1 : 2)];
        let o = copyAll(out, this.written, pre);
        o = writeCents(out, o, paid - contract);
        sink.len = copyAll(out, o, tail);
      }
      p = next;
    }
    this.taken = taken;
    return p;
  }

  /** Where takeBytes writes, and whether it writes only the lines not ok (--problems). */
  bytesTo(sink: ByteSink, problemsOnly: boolean): void {
    this.sink = sink;
    this.problemsOnly = problemsOnly;
  }

  /** The fields of the line from p, as line() cuts its text, into st and en, and the line as csvCell
   *  writes its cells (without the quotes around fields) into out from o, as far as this.written:
   *  the end of its text (the line break after it ends at this.next), with this.quoted the fields
   *  that were in quotes; -1 when line() would not take it (a field csvCell changes, more or fewer
   *  fields than the header), the parser would not hand it over as text (a quote inside a field, ""
   *  inside quotes, a line break inside quotes), it holds a control character or bytes that are not
   *  well-formed UTF-8 (this.wide: the fields with characters beyond ASCII, copied as they are), it
   *  is longer than LONGEST, or its line break is not in d yet. */
  private cut(d: Buffer, p: number, out: Uint8Array, o: number): number {
    const st = this.st, en = this.en, width = this.width, end = Math.min(d.length, p + LONGEST);
    let i = p, f = 0, quoted = 0, wide = 0;
    for (;;) {
      if (f === width) return -1;
      let a = i, b = i, c = 0;
      // a quoted field runs to the next quote, with no comma inside (csvCell would quote it again);
      // a plain one to a comma or the line's end, with no quote
      const inQuotes = i < end && d[i] === QUOTE;
      if (inQuotes) a = b = i + 1;
      const stop = inQuotes ? QUOTE : COMMA, refused = inQuotes ? COMMA : QUOTE;
      for (; b < end; b++) {
        c = d[b];
        if (c === stop || (!inQuotes && (c === LF || c === CR))) break;
        if (c < 32 || c === refused) return -1;
        if (c > 126) {
          const k = copyUtf8(d, b, end, out, o);
          if (k === 0) return -1;
          (o += k), (b += k - 1), (wide |= f < 31 ? 1 << f : 0x40000000);
          continue;
        }
        out[o++] = c;
      }
      if (inQuotes) {
        if (b >= end) return -1;
        i = b + 1;
        quoted |= f < 31 ? 1 << f : 0x40000000;
      } else i = b;
      if (b > a) {
        // csvCell's own test of a cell it writes as it is (no edge space, no formula start)
        const c0 = d[a], c1 = d[b - 1];
        if (c0 === 32 || c1 === 32 || c0 === 61 || c0 === 43 || c0 === 45 || c0 === 64) return -1;
      }
      st[f] = a;
      en[f] = b;
      f++;
      if (i >= end) return -1;
      c = d[i];
      if (c === COMMA) {
        out[o++] = COMMA;
        i++;
        continue;
      }
      // the line's end: \n, or \r\n (the reader's line ends; a lone \r is one too, left to the parser)
      if (c === LF) this.next = i + 1;
      else if (c === CR && i + 1 < end && d[i + 1] === LF) this.next = i + 2;
      else return -1;
      break;
    }
    if (f !== width) return -1;
    this.quoted = quoted;
    this.wide = wide;
    this.written = o;
    return i;
  }

  /** The entry kept as bytes for the cells from a to b of d (the placement columns, with their commas). */
  private findBytes(d: Buffer, a: number, b: number): ByteEntry | undefined {
    let e = this.bmemo.get(hashBytes(d, a, b));
    while (e !== undefined && !bytesAre(d, a, b, e.span)) e = e.next;
    return e;
  }

  /** The entry of the placement cells from a to b of d (the line just cut), as line() finds it (by
   *  their text) or prices it (teach), kept as bytes; undefined when it is not priced in cents. */
  private learnBytes(d: Buffer, a: number, b: number): ByteEntry | undefined {
    const text = d.toString('latin1', a, b);
    let e = this.spans.get(text);
    if (e === undefined) {
      const st = this.st, en = this.en, keyAt = this.keyAt;
      const cells: string[] = [];
      for (let k = 0; k < 7; k++) cells.push(keyAt[k] < 0 ? '' : d.toString('latin1', st[keyAt[k]], en[keyAt[k]]));
      const p = this.auditor.centsOf(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]);
      if (p === undefined) return undefined;
      e = this.keep(cells, p.annualCents, p.monthlyCents, p.how, false, text);
    }
    return this.keepBytes(d, a, b, e);
  }

  /** Keep entry e as bytes, by the cells from a to b of d, with its output pieces as UTF-8. */
  private keepBytes(d: Buffer, a: number, b: number, e: Entry): ByteEntry {
    const h = hashBytes(d, a, b);
    const span = new Uint8Array(b - a);
    for (let i = a; i < b; i++) span[i - a] = d[i];
    const pre = [bytesOf(e.preAnnual), bytesOf(e.preMonthly)];
    const tails = e.tails.map(bytesOf);
    for (const t of tails) this.longestPieces = Math.max(this.longestPieces, 24 + pre[0].length + pre[1].length + t.length);
    const k: ByteEntry = { span, annual: e.annual, monthly: e.monthly, preAnnual: pre[0], preMonthly: pre[1], tails, next: this.bmemo.get(h) };
    this.bmemo.set(h, k);
    return k;
  }

  private hash(line: string): number {
    const st = this.st, en = this.en, keyAt = this.keyAt;
    let h = 0x811c9dc5;
    for (let k = 0; k < 7; k++) {
      const j = keyAt[k];
      if (j < 0) continue;
      for (let i = st[j], end = en[j]; i < end; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ 0x1f, 0x01000193);
    }
    return h & 0x3fffffff;
  }

  /** The placement of the line just cut, when learnt. */
  private find(line: string): Entry | undefined {
    const st = this.st, en = this.en, keyAt = this.keyAt;
    let e = this.memo.get(this.hash(line));
    while (e !== undefined) {
      let k = 0;
      for (; k < 7; k++) {
        const j = keyAt[k];
        if (j < 0) continue;
        const cell = e.cells[k];
        if (en[j] - st[j] !== cell.length || !line.startsWith(cell, st[j])) break;
      }
      if (k === 7) return e;
      e = e.next;
    }
    return undefined;
  }

  /** A placement not seen yet, priced in integer cents from the cells of the line just cut
   *  (Auditor.centsOf: the figures the general way would find) and kept; undefined when that pricing
   *  does not take it (the line goes the general way, which prices it and teaches it by learn). */
  private teach(line: string, byText: boolean): Entry | undefined {
    const st = this.st, en = this.en, keyAt = this.keyAt;
    const cells: string[] = [];
    for (let k = 0; k < 7; k++) {
      const j = keyAt[k];
      cells.push(j < 0 ? '' : detached(line.slice(st[j], en[j])));
    }
    const p = this.auditor.centsOf(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]);
    if (p === undefined) return undefined;
    // kept where the lines like this one look it up: by the text of the cells, or by the cells
    return byText ? this.keep(cells, p.annualCents, p.monthlyCents, p.how, false, line.slice(st[this.spanFrom], en[this.spanTo])) : this.keep(cells, p.annualCents, p.monthlyCents, p.how, true, undefined);
  }

  /** After the general way audited a row (its cells raw): keep its placement when it was priced. */
  learn(raw: string[]): void {
    if (!this.on) return;
    const p = this.auditor.cachedPlacement(raw, this.at);
    if (!p) return;
    const cells = this.keyAt.map((j) => (j < 0 ? '' : detached(raw[j] ?? '')));
    let h = 0x811c9dc5;
    for (let k = 0; k < 7; k++) if (this.keyAt[k] >= 0) h = mix(h, cells[k]);
    h &= 0x3fffffff;
    for (let e = this.memo.get(h); e; e = e.next) if (e.cells.every((c, k) => c === cells[k])) return;
    // by the text of the cells joined with commas, as an unquoted line holds them (a cell with a comma
    // or a quote is never unquoted in a line this class takes: such a placement is found by find)
    let text: string | undefined;
    if (this.spanFrom >= 0) {
      const span = raw.slice(this.spanFrom, this.spanTo + 1);
      if (span.every((c) => c.indexOf(',') < 0 && c.indexOf('"') < 0)) text = span.join(',');
    }
    this.keep(cells, p.annualCents, p.monthlyCents, p.how, true, text);
  }

  /** A placement kept: by its cells (in keyAt's order, detached: find), and by `text`, the cells from
   *  spanFrom to spanTo joined with commas as a line holds them unquoted (the lookup by text). */
  private keep(cells: string[], annual: number | null, monthly: number | null, how: string, byCells: boolean, text: string | undefined): Entry {
    if (this.size >= 50_000) (this.memo.clear(), this.spans.clear(), this.bmemo.clear(), (this.size = 0));
    const tails: string[] = [];
    for (const m of [false, true]) {
      const reason = this.reasonCell(reasonText(how, m));
      tails.push(',ok,\n', `,underpaid,${reason}\n`, `,overpaid,${reason}\n`);
    }
    const pre = (c: number | null) => (c === null ? '' : `,${this.contractText(c)},`);
    const e: Entry = { cells, annual, monthly, preAnnual: pre(annual), preMonthly: pre(monthly), tails, next: undefined };
    if (byCells) {
      let h = 0x811c9dc5;
      for (let k = 0; k < 7; k++) if (this.keyAt[k] >= 0) h = mix(h, cells[k]);
      h &= 0x3fffffff;
      e.next = this.memo.get(h);
      this.memo.set(h, e);
    }
    if (text !== undefined) this.spans.set(detached(text), e);
    this.size++;
    return e;
  }
}
