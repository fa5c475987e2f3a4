// csv-parse as the oracle of the CSV core (src/core/csv.ts), with the options the batch reader used,
// and the core's parser fed a text in pieces cut anywhere: shared by test/core/csv*.test.ts.
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvParser, CsvUnclosedQuote } from '../../src/core/csv';

export const CSV_PARSE_OPTS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true };

/** csv-parse's records, or 'error' where it refuses the input. */
export function theirs(input: string | Buffer): string[][] | 'error' {
  // only whether csv-parse refuses the input counts, not where: its error's stack is not taken (most
  // random inputs leave a quote open, and a stack taken at every refusal was most of the oracle's time)
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse(input, CSV_PARSE_OPTS) as string[][];
  } catch {
    return 'error';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** What the parser gives for the text fed in pieces cut at the given points (records, and in lines
 *  mode lines as text), or 'error' on an unclosed quote; any other error is thrown. */
export function feedInPieces<R extends string | string[]>(p: CsvParser, s: string, cuts: number[]): R[] | 'error' {
  const out: R[] = [];
  let at = 0;
  try {
    for (const k of [...cuts].sort((a, b) => a - b)) {
      p.push(s.slice(at, Math.max(at, k)), out as (string | string[])[]);
      at = Math.max(at, k);
    }
    p.push(s.slice(at), out as (string | string[])[]);
    p.end(out as (string | string[])[]);
  } catch (e) {
    if (!(e instanceof CsvUnclosedQuote)) throw e;
    return 'error';
  }
  return out;
}

/** Random text made of the given pieces (up to 60), as hostile files are. */
export const hostileText = (...pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));
/** Up to six points to cut a text at. */
export const cutPoints = fc.array(fc.nat(400), { maxLength: 6 });
