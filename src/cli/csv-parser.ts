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
}

/** Line ends of any kind as \n, a \r at the end of a piece held back until the next shows whether a \n follows. */
class LineEnds {
  private cr = false;
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

export function parseCsvBatches(input: CsvInput, opts: CsvParseOptions): AsyncGenerator<string[][]> {
  return parseWith(input, opts, new CsvParser(opts.delimiter ?? ',')) as AsyncGenerator<string[][]>;
}

/** As parseCsvBatches, with a parser made in lines mode (`new CsvParser(delimiter, { lines: true })`):
 *  a record after the header whose line holds no quote comes as the line's text, not yet cut into
 *  cells (parser.delimiter cuts it); every other record as its cells. */
export function parseCsvLineBatches(input: CsvInput, opts: CsvParseOptions, parser: CsvParser): AsyncGenerator<(string | string[])[]> {
  return parseWith(input, opts, parser);
}

async function* parseWith(input: CsvInput, opts: CsvParseOptions, parser: CsvParser): AsyncGenerator<(string | string[])[]> {
  const decoder = new CsvDecoder();
  const ends = new LineEnds();
  const tooLong = () => new CsvSyntaxError(`a record longer than ${opts.maxRecord} characters (an unclosed quote, or not a CSV file)`, parser.records + 1, true);
  const unclosed = (e: unknown) => (e instanceof CsvUnclosedQuote ? new CsvSyntaxError(e.message, e.record) : e);
  let finished = false;
  try {
    for await (const chunk of input as AsyncIterable<Buffer | string> | Iterable<Buffer>) {
      const out: (string | string[])[] = [];
      parser.push(ends.write(decoder.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk), false), out);
      if (out.length) yield out;
      if (parser.pendingLength() > opts.maxRecord) throw tooLong();
    }
    const out: (string | string[])[] = [];
    try {
      parser.push(ends.write(decoder.end(), true), out);
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
