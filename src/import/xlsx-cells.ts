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
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v, cell.numFmt, () => `${colName(c - 1)}${r}`, notes);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
