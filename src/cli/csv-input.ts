// Streaming CSV input (csv-parse): a file or '-' for stdin, with a header row. Every record comes
// back, including malformed ones (as an error), so batch work never drops a row. Records come in
// batches (all those parsed from one chunk), which keeps the per-row cost down on large files.
import { createReadStream, existsSync } from 'node:fs';
import { InputError } from '../core/errors';

export interface CsvRecord {
  /** 1-based number of the data row (the header is not counted) */
  row: number;
  /** by header name (empty when read with values: false; use raw and the header's indexes) */
  values: Record<string, string>;
  raw: string[];
  error?: string;
}

export async function* readCsvBatches(file: string, flag: string, opts: { values?: boolean } = {}): AsyncGenerator<{ header: string[] } | CsvRecord[]> {
  const withValues = opts.values !== false;
  if (file !== '-' && !existsSync(file)) throw new InputError(`${flag} ${file}: no such file (give a CSV file, or - for standard input)`);
  const { parse } = await import('csv-parse');
  const input = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 16 });
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
  input.on('error', (e: Error) => parser.destroy(e));
  input.pipe(parser);
  let header: string[] | undefined;
  let n = 0;
  let failed: Error | undefined;
  let ended = false;
  // 'readable' may fire while this generator is suspended at a yield (the consumer is slow, say a
  // pipe to a slow reader): remember it, or the loop would wait for an event that already came.
  let readable = false;
  let wake: (() => void) | undefined;
  parser.on('readable', () => {
    readable = true;
    wake?.();
  });
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (e) => {
    failed = e;
    wake?.();
  });
  for (;;) {
    readable = false;
    const batch: CsvRecord[] = [];
    let raw: string[] | null;
    while ((raw = parser.read()) !== null) {
      if (!header) {
        header = raw.map((h) => h.trim());
        if (!header.length || header.every((h) => !h)) throw new InputError(`${flag} ${file}: the first line must be a header row naming the columns`);
        yield { header };
        continue;
      }
      const values: Record<string, string> = {};
      if (withValues) for (let i = 0; i < header.length; i++) values[header[i]] = raw[i] ?? '';
      const r: CsvRecord = { row: ++n, values, raw };
      if (raw.length === 1 && raw[0] === '') r.error = 'blank line';
      else if (raw.length !== header.length) r.error = `${raw.length} fields where the header has ${header.length}`;
      batch.push(r);
    }
    if (batch.length) yield batch;
    if (failed) {
      const e = failed as Error & { lines?: number };
      throw new InputError(`${flag} ${file}: the CSV cannot be read past line ${e.lines ?? '?'}: ${e.message}`);
    }
    if (ended) break;
    if (readable) {
      readable = false;
      continue;
    }
    await new Promise<void>((r) => (wake = r));
    wake = undefined;
    readable = false;
  }
  if (!header) throw new InputError(`${flag} ${file}: the file is empty; the first line must be a header row`);
}

/** One record at a time (small inputs: cost, batch deadlines). */
export async function* readCsv(file: string, flag: string): AsyncGenerator<{ header: string[] } | CsvRecord> {
  for await (const b of readCsvBatches(file, flag)) {
    if (Array.isArray(b)) yield* b;
    else yield b;
  }
}
