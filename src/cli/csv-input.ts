// Streaming CSV input (the quote-aware parser of src/core/csv.ts, csv-parse's behaviour): a file or '-' for stdin, with a header row. Every record comes
// back, including malformed ones (as an error), so batch work never drops a row. Records come in
// batches (all those parsed from one chunk), which keeps the per-row cost down on large files.
import { createReadStream, existsSync } from 'node:fs';
import { InputError } from '../core/errors';
import { CsvDecoder, CsvParser, CsvUnclosedQuote } from '../core/csv';

export interface CsvRecord {
  /** 1-based number of the data row (the header is not counted) */
  row: number;
  /** by header name (empty when read with values: false; use raw and the header's indexes) */
  values: Record<string, string>;
  raw: string[];
  error?: string;
}

export async function* readCsvBatches(file: string, flag: string, opts: { values?: boolean; stdin?: NodeJS.ReadableStream } = {}): AsyncGenerator<{ header: string[] } | CsvRecord[]> {
  const withValues = opts.values !== false;
  if (file !== '-' && !existsSync(file)) throw new InputError(`${flag} ${file}: no such file (give a CSV file, or - for standard input)`);
  const input: NodeJS.ReadableStream = file === '-' ? (opts.stdin ?? process.stdin) : createReadStream(file, { highWaterMark: 1 << 16 });
  const parser = new CsvParser();
  const decoder = new CsvDecoder();
  let header: string[] | undefined;
  let n = 0;
  const records = (raws: string[][]): CsvRecord[] => {
    const batch: CsvRecord[] = [];
    const nh = header!.length;
    for (const raw of raws) {
      const values: Record<string, string> = {};
      if (withValues) for (let i = 0; i < nh; i++) values[header![i]] = raw[i] ?? '';
      const r: CsvRecord = { row: ++n, values, raw };
      if (raw.length === 1 && raw[0] === '') r.error = 'blank line';
      else if (raw.length !== nh) r.error = `${raw.length} fields where the header has ${nh}`;
      batch.push(r);
    }
    return batch;
  };
  // the header (the first record), then every record parsed from one chunk, as one batch
  function* batches(raws: string[][]): Generator<{ header: string[] } | CsvRecord[]> {
    if (!header && raws.length) {
      header = raws[0].map((h) => h.trim());
      if (!header.length || header.every((h) => !h)) throw new InputError(`${flag} ${file}: the first line must be a header row naming the columns`);
      yield { header };
      raws = raws.slice(1);
    }
    if (raws.length) yield records(raws);
  }
  const unclosed = (e: unknown) => {
    if (!(e instanceof CsvUnclosedQuote)) return e;
    const where = e.record === 1 ? 'the header row' : `row ${e.record - 1}`;
    return new InputError(`${flag} ${file}: a quoted field in ${where} is never closed; close it with " (a " inside quotes is written "")`);
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const raws: string[][] = [];
    parser.push(decoder.write(chunk), raws);
    yield* batches(raws);
  }
  const raws: string[][] = [];
  try {
    parser.push(decoder.end(), raws);
    parser.end(raws);
  } catch (e) {
    yield* batches(raws);
    throw unclosed(e);
  }
  yield* batches(raws);
  if (!header) throw new InputError(`${flag} ${file}: the file is empty; the first line must be a header row`);
}

/** One record at a time (small inputs: cost, batch deadlines). */
export async function* readCsv(file: string, flag: string, stdin?: NodeJS.ReadableStream): AsyncGenerator<{ header: string[] } | CsvRecord> {
  for await (const b of readCsvBatches(file, flag, { stdin })) {
    if (Array.isArray(b)) yield* b;
    else yield b;
  }
}
