// Streaming CSV input (csv-parse): a file or '-' for stdin, with a header row. Every record comes
// back, including malformed ones (as an error), so batch work never drops a row.
import { createReadStream, existsSync } from 'node:fs';
import { InputError } from '../core/errors';

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
  raw: string[];
  error?: string;
}

export async function* readCsv(file: string, flag: string): AsyncGenerator<{ header: string[] } | CsvRecord> {
  if (file !== '-' && !existsSync(file)) throw new InputError(`${flag} ${file}: no such file (give a CSV file, or - for standard input)`);
  const { parse } = await import('csv-parse');
  const input = file === '-' ? process.stdin : createReadStream(file);
  const parser = input.pipe(parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, info: true, trim: false }));
  let header: string[] | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const raw = rec.record;
      if (!header) {
        header = raw.map((h) => h.trim());
        if (!header.length || header.every((h) => !h)) throw new InputError(`${flag} ${file}: the first line must be a header row naming the columns`);
        yield { header };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((h, i) => (values[h] = raw[i] ?? ''));
      const r: CsvRecord = { line: rec.info.lines, values, raw };
      if (raw.length === 1 && raw[0] === '') r.error = 'blank line';
      else if (raw.length !== header.length) r.error = `${raw.length} fields where the header has ${header.length}`;
      yield r;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${flag} ${file}: the CSV cannot be read past line ${(e as { lines?: number }).lines ?? '?'}: ${(e as Error).message}`);
  }
  if (!header) throw new InputError(`${flag} ${file}: the file is empty; the first line must be a header row`);
}
