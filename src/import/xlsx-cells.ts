// A worksheet cell as text, for both readers of .xlsx (the whole workbook: src/import/xlsx.ts; streamed:
// src/import/xlsx-stream.ts), so that both give the same text for the same cell.
import { Big } from '../core/money';
import { tryParseDate } from '../core/date';

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function numberText(v: number, fmt: string | undefined, where: () => string, notes: string[]): string {
  if (!Number.isFinite(v)) return String(v);
  const raw = String(v);
  if (/e/i.test(raw)) return raw;
  const places = (raw.split('.')[1] ?? '').length;
  if (places <= 4) return raw;
  const shown = /\.(0+)/.exec(fmt ?? '')?.[1].length ?? (/^[#,$0\s]*0[^.]*$/.test(fmt ?? '') ? 0 : 2);
  const r = new Big(raw).round(shown, Big.roundHalfUp).toFixed(shown);
  notes.push(`${where()}: ${raw} read as ${r} (the ${shown} decimals its format shows)`);
  return r;
}

/**
 * A date cell stored as ISO 8601 text (`<c t="d"><v>2009-07-01T00:00:00</v></c>`, as LibreOffice and
 * strict-OOXML writers may store dates) as the text a serial date cell gives: its calendar date,
 * YYYY-MM-DD. A time of day is left out, as it is from a serial date with one (40000.75 reads as
 * 2009-07-06), and a zone offset too: the date as written, not moved to another zone. Text that is no
 * calendar date (a time of day alone, 2009-02-30) stays as written.
 */
export function isoDateText(text: string): string {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/.exec(text);
  return m && tryParseDate(m[1]) !== null ? m[1] : text;
}

/** A cell reference's column (1 = A) and row, or the reason it is none. */
function reference(ref: string): { col: number; row: number } {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
  if (!m) throw new Error(`"${ref}" is not a cell reference`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: +m[2] };
}

/**
 * Where a worksheet row and its cells are, for both readers (the whole workbook's: src/import/xlsx.ts,
 * streamed: src/import/xlsx-stream.ts). The places are optional in the standard (ECMA-376 18.3.1.73
 * row, 18.3.1.4 c: r): a row without its number is the row after the one before (row 1 first), or
 * the row its cells name; a cell without its reference is the column after the cell before it in its
 * row (A first). `r` is the row's r, `cells` its cells' r in the order stored, `last` the row before's
 * number (0 before the first). The row's number, and the column of each cell when some has no r (else
 * undefined: each cell's r says it). What cannot be placed is an Error naming it: a row not below the
 * row before (two rows in one place, or out of order), a cell placed at or left of the cell before it
 * in a row with cells without references (two values for one place), cells of a row stored without
 * its number naming different rows, a place that is no row number or cell reference.
 */
export function placeRow(r: string | undefined, cells: (string | undefined)[], last: number): { number: number; cols?: number[] } {
  let n: number;
  if (r !== undefined) {
    if (!/^[1-9]\d{0,6}$/.test(r)) throw new Error(`"${r}" is not a row number`);
    n = +r;
  } else {
    const named = cells.find((c) => c !== undefined);
    n = named === undefined ? last + 1 : reference(named).row;
  }
  if (n <= last) throw new Error(`row ${n} is stored after row ${last}: a sheet's rows go top to bottom, each once`);
  const unplaced = cells.includes(undefined);
  if (r !== undefined && !unplaced) return { number: n };
  const cols: number[] = [];
  let prev = 0;
  for (const c of cells) {
    let col = prev + 1;
    if (c !== undefined) {
      const at = reference(c);
      if (r === undefined && at.row !== n) throw new Error(`row ${n}, stored without its number, has cells of row ${at.row} (${c})`);
      col = at.col;
    }
    if (unplaced && col <= prev) throw new Error(`${colName(col - 1)}${n} is stored after ${colName(prev - 1)}${n}, and a cell without its reference takes the place after the one before: a row's cells go left to right, each once`);
    cols.push(col);
    prev = col;
  }
  return { number: n, cols };
}

/** A text cell (t="s") whose shared string the workbook does not have, for both readers. */
export const noSharedString = (n: unknown) => new Error(`a cell names shared string ${String(n)}, which the workbook does not have`);

export interface XlsxCell {
  value: unknown;
  numFmt?: string;
}

/** A cell as text: a formula's cached result, rich text joined, a date as YYYY-MM-DD, a number as
 *  its shortest decimal (or at the decimals its format shows: numberText). */
export function cellText(cell: XlsxCell, r: number, c: number, notes: string[]): string {
  let v: unknown = cell.value;
  // (a formula never calculated has no result: nothing, not "[object Object]")
  if (v && typeof v === 'object' && ('result' in (v as object) || 'formula' in (v as object) || 'sharedFormula' in (v as object))) v = (v as { result?: unknown }).result;
  if (v && typeof v === 'object' && 'richText' in (v as object)) v = (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  if (v && typeof v === 'object' && 'text' in (v as object)) v = (v as { text: unknown }).text;
  if (v && typeof v === 'object' && 'error' in (v as object)) v = String((v as { error: unknown }).error);
  // (an empty shared string <si/> is {} to the whole reader: nothing, not "[object Object]")
  if (v === null || v === undefined || (typeof v === 'object' && !(v instanceof Date) && !Object.keys(v).length)) return '';
  if (typeof v === 'number') return numberText(v, cell.numFmt, () => `${colName(c - 1)}${r}`, notes);
  if (v instanceof Date) {
    // a number in a date format that is no date Excel shows (not a number, or past 9999-12-31: the
    // year +010113): #NUM!, as an error cell reads, which the row's date column then refuses
    const iso = Number.isNaN(v.getTime()) ? '' : v.toISOString();
    return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : '#NUM!';
  }
  return String(v);
}
