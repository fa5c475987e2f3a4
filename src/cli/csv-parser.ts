// The seam between the batch reader (src/cli/batch-io.ts) and the CSV parsing core (src/core/csv.ts,
// quote-aware and fast). Contract: raw records (arrays of cells, the header included) in batches, one
// batch per chunk read; any mix of CRLF, LF and CR line endings (each becomes one record end; inside
// a quoted field a line break reads as \n); a leading BOM dropped; a record longer than maxRecord
// characters refused (CsvSyntaxError with tooLong), so a file of zeros or an unclosed quote cannot
// grow without bound; an unclosed quote refused with the record it opened in. The input is read by
// its own async iteration, which follows the stream's pace (a slow consumer holds the reading back).
import { CsvDecoder, CsvParser, CsvUnclosedQuote, type CsvDelimiter } from '../core/csv';

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    message: string,
    /** 1-based record (the header is record 1) */
    readonly record: number | undefined,
    readonly tooLong = false,
  ) {
    super(message);
  }
}

export interface CsvParseOptions {
  /** the longest record accepted, in characters */
  maxRecord: number;
  /** the field delimiter, or 'auto' to read it off the header row (comma when not given) */
  delimiter?: CsvDelimiter | 'auto';
  /** with a reader of bytes: the bytes the parser is given at least after a line that reader did not
   *  take, at first (1024; twice as many each time the lines not taken come close together) */
  slice?: number;
  /** the most bytes a batch is read from (the batch runs on to the end of the line where it falls):
   *  for a consumer that computes much for each row while it holds the batch (retro), so that the
   *  batch's records die young instead of being moved to the old heap, where they pile up as garbage
   *  until a full collection (100,000 rows: 90 MB moved there with a batch a 64 KB read, 14 MB with 4 KB) */
  batchBytes?: number;
}

/** Line ends of any kind as \n, a \r at the end of a piece held back until the next shows whether a \n follows. */
class LineEnds {
  private cr = false;
  /** nothing held back: the next piece reads on its own */
  clean(): boolean {
    return !this.cr;
  }
  write(text: string, final: boolean): string {
    if (this.cr) (text = '\r' + text), (this.cr = false);
    if (!final && text.endsWith('\r')) {
      text = text.slice(0, -1);
      this.cr = true;
    }
    return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
  }
}

type CsvInput = AsyncIterable<Buffer | string> | Iterable<Buffer> | NodeJS.ReadableStream;

/** A reader of whole lines as bytes (audit --csv: src/commands/audit-csv.ts takeBytes), which takes
 *  the lines of `data` from `p` on, one a record, as far as the first it does not take or the end of
 *  the last complete line; returns the offset where it stopped, and in `taken` how many it took. It
 *  takes only a line the parser would hand over as that line's text (lines mode with simple quotes),
 *  so the records are the same. */
export interface ByteLines {
  takeBytes(data: Buffer, p: number): number;
  taken: number;
}

export function parseCsvBatches(input: CsvInput, opts: CsvParseOptions): AsyncGenerator<string[][]> {
  return parseWith(input, opts, new CsvParser(opts.delimiter ?? ',')) as AsyncGenerator<string[][]>;
}

/** As parseCsvBatches, with a parser made in lines mode (`new CsvParser(delimiter, { lines: true })`):
 *  a record after the header whose line holds no quote comes as the line's text, not yet cut into
 *  cells (parser.delimiter cuts it); every other record as its cells. */
/** With `bytes` (asked after each piece, as it is made once the header is read): while the input is
 *  UTF-8 and the parser stands at the start of a record with nothing held, the lines go to bytes()
 *  before any decoding, and a batch is then the number of records it took (their output written by
 *  it); from the first line it does not take, the parser reads again, until it stands clean again. */
export function parseCsvLineBatches(input: CsvInput, opts: CsvParseOptions, parser: CsvParser, bytes?: () => ByteLines | undefined): AsyncGenerator<(string | string[])[] | number> {
  return parseWith(input, opts, parser, bytes);
}

async function* parseWith(input: CsvInput, opts: CsvParseOptions, parser: CsvParser, bytes?: () => ByteLines | undefined): AsyncGenerator<(string | string[])[] | number> {
  const decoder = new CsvDecoder();
  const ends = new LineEnds();
  const tooLong = () => new CsvSyntaxError(`a record longer than ${opts.maxRecord} characters (an unclosed quote, or not a CSV file)`, parser.records + 1, true);
  const unclosed = (e: unknown) => (e instanceof CsvUnclosedQuote ? new CsvSyntaxError(e.message, e.record) : e);
  // lines as bytes: the taker, and the start of a line whose end is still to come (undefined: the
  // parser reads)
  let taker: ByteLines | undefined;
  let carry: Buffer | undefined;
  let slice = opts.slice ?? 1024;
  let finished = false;
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string> | Iterable<Buffer>) {
      let piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      while (piece.length) {
        if (carry !== undefined && taker !== undefined) {
          let data = piece, p = 0, taken = 0;
          if (carry.length) {
            // the line begun in the last piece, completed by this one, on its own (the rest of the
            // piece is not copied after it); all of it after the line when it is not taken
            const nl = piece.indexOf(10);
            const head = nl >= 0 ? Buffer.concat([carry, piece.subarray(0, nl + 1)]) : undefined;
            if (head !== undefined && taker.takeBytes(head, 0) === head.length) (taken = taker.taken), (p = nl + 1);
            else data = Buffer.concat([carry, piece]);
          }
          p = taker.takeBytes(data, p);
          taken += taker.taken;
          if (taken) {
            parser.skipRecords(taken);
            yield taken;
          }
          // a line not complete yet waits for the next piece (copied: the reader uses its buffer
          // again); a complete line not taken, or a long one, goes to the parser with the rest
          if (data.indexOf(10, p) < 0 && data.length - p <= 4096) {
            carry = Buffer.from(data.subarray(p));
            break;
          }
          carry = undefined;
          piece = data.subarray(p);
          // lines not taken close together: longer slices to the parser; far apart: short ones
          slice = taken < 32 ? Math.min(2 * slice, 1 << 16) : taken > 256 ? (opts.slice ?? 1024) : slice;
        }
        // to the parser: all of it, but with a reader of bytes only as far as 3 bytes past a line
        // break (the header's, when one is to come; else the first after `slice` bytes: a batch goes
        // through three async generators, too slow to give each line the reader did not take on its
        // own), so that the lines after it go as bytes again as soon as the parser is clean
        const before = piece;
        let now = piece;
        if (taker !== undefined || (bytes !== undefined && parser.records === 0)) {
          const nl = piece.indexOf(10, taker === undefined ? 0 : Math.min(slice, piece.length));
          if (nl >= 0 && nl + 4 < piece.length) now = piece.subarray(0, nl + 4);
        } else if (opts.batchBytes !== undefined && piece.length > opts.batchBytes) {
          // at least batchBytes (the decoder has its first bytes), cut after a line break
          const nl = piece.indexOf(10, opts.batchBytes);
          if (nl >= 0 && nl + 1 < piece.length) now = piece.subarray(0, nl + 1);
        }
        piece = piece.subarray(now.length);
        const out: (string | string[])[] = [];
        parser.push(ends.write(decoder.write(now), false), out);
        if (out.length) yield out;
        if (parser.pendingLength() > opts.maxRecord) throw tooLong();
        // back to bytes when nothing is held half-read: from the parser's rest, which is the end of
        // what it was given when it reads the same as bytes (read on in the piece itself, no copy;
        // only when the parser took something of it, or the same bytes would come round again)
        taker ??= bytes?.();
        if (taker !== undefined && decoder.clean() && ends.clean()) {
          const rest = parser.detachRest();
          if (rest !== undefined) {
            const b = Buffer.from(rest, 'utf8');
            if (b.length < now.length && b.equals(now.subarray(now.length - b.length))) {
              piece = before.subarray(now.length - b.length);
              carry = Buffer.alloc(0);
            } else carry = b;
          }
        }
      }
    }
    const out: (string | string[])[] = [];
    try {
      // a last line without a line break, held as bytes, goes to the parser
      const held = carry?.length ? decoder.write(carry) : '';
      parser.push(ends.write(held + decoder.end(), true), out);
      if (parser.pendingLength() > opts.maxRecord) throw tooLong();
      parser.end(out);
    } catch (e) {
      if (out.length) yield out;
      throw unclosed(e);
    }
    if (out.length) yield out;
    finished = true;
  } finally {
    // a consumer that stopped early (a closed output, an error): stop reading too
    if (!finished) (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}
