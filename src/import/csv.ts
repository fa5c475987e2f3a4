// Reading a schedule typed or exported as CSV into a table of text cells: any delimiter (comma,
// semicolon, tab, pipe; detected), a UTF-8 byte-order mark, CRLF or LF lines, quoted cells with
// doubled quotes and line breaks inside. Pure: text in, rows of cells out.
import { InputError } from '../core/errors';

const DELIMITERS = [',', ';', '\t', '|'] as const;

function splitRows(text: string, delim: string, strict = true): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      cell = '';
    } else if (ch === delim) {
      row.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
    } else cell += ch;
  }
  if (quoted && strict) throw new InputError(`a quoted cell is never closed (line ${rows.length + 1}): check for a stray " in the file`);
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The delimiter that splits the most lines into the same number (> 1) of fields. */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 20000);
  let best: { d: string; score: number } = { d: ',', score: -1 };
  for (const d of DELIMITERS) {
    const rows = splitRows(sample, d, false).filter((r) => r.some((c) => c.trim() !== ''));
    const counts = new Map<number, number>();
    for (const r of rows) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    const top = Math.max(0, ...counts.values());
    const width = [...counts.entries()].find(([, n]) => n === top)?.[0] ?? 0;
    const score = top * 1000 + width;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

export interface CsvTable {
  rows: string[][];
  delimiter: string;
}

export function readCsvText(text: string, delimiter?: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw new InputError('this file holds binary data, not CSV text: export the sheet as CSV (or give the .xlsx file)');
  const d = delimiter ?? detectDelimiter(text);
  const rows = splitRows(text, d);
  return { rows, delimiter: d };
}
