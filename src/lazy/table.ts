// Tables on a terminal, fitted to its width. cli-table3 draws the box and wraps the cells; this
// module decides the column widths: every column at full width when the table fits (or with --wide);
// otherwise the least needed columns (Source, then How / Why / Reason) move into a numbered footnote
// list under the table, and the widest text columns wrap inside their column until the table fits.
// Numbers never wrap. Built as its own lazy bundle (dist/lazy/table.js): --json and --csv never load it.
import type CliTable3 from 'cli-table3';
import stringWidth from './text-width';

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
}

export interface TableSpec {
  head: string[];
  rows: string[][];
  /** columns aligned right (numbers): never wrapped */
  right?: number[];
  title?: string;
  /** columns that may move into footnotes on a narrow terminal, the least needed first.
   *  Default: the columns headed Source, then How / Why / Reason, then Basis. */
  footnote?: number[];
}

export interface TableEnv {
  /** the terminal's width in columns; Infinity keeps every column at full width (--wide) */
  width: number;
  paint?: Paint;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string) => s.replace(ANSI, '');
/** Display width: wide (East Asian) characters count two, combining marks and colour codes none. */
export const displayWidth = (s: string): number => stringWidth(s);
const cellWidth = (s: string) => Math.max(0, ...s.split('\n').map(displayWidth));
const longestWord = (s: string) => Math.max(0, ...plain(s).split(/\s+/).map(displayWidth));

/** The order in which columns leave the table for the footnotes when it is too wide: the heads, in
 *  lower case (compared with the head lowered, not with /^source$/i and the like: each regular
 *  expression is compiled at its first use, four of them at every table that does not fit). */
const FOOTNOTE_ORDER = [['source'], ['how', 'why', 'how / why', 'amount / why'], ['reason'], ['basis']];

function defaultFootnotes(head: string[]): number[] {
  const out: number[] = [];
  const lower = head.map((h) => plain(h).trim().toLowerCase());
  for (const names of FOOTNOTE_ORDER) lower.forEach((h, i) => i > 0 && names.includes(h) && !out.includes(i) && out.push(i));
  return out;
}

/** Break a word wider than `w` into pieces of at most `w` columns (so cli-table3 never truncates). */
function breakWord(word: string, w: number): string[] {
  const out: string[] = [];
  let cur = '';
  let cw = 0;
  for (const ch of word) {
    const x = displayWidth(ch);
    if (cw + x > w && cur) out.push(cur), (cur = ''), (cw = 0);
    cur += ch;
    cw += x;
  }
  if (cur) out.push(cur);
  return out;
}

/** Word-wrap text to `w` columns (the first line to `first` columns when given); words wider than
 *  the line are broken. Colour codes are kept only on lines that need no wrapping. */
export function wrapText(s: string, w: number, first = w): string[] {
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let lim = out.length ? w : first;
    if (displayWidth(para) <= lim) {
      out.push(para);
      continue;
    }
    let cur = '';
    let cw = 0;
    for (const word0 of plain(para).split(/\s+/)) {
      if (!word0) continue;
      for (const word of displayWidth(word0) > Math.min(w, lim) ? breakWord(word0, Math.min(w, lim)) : [word0]) {
        const ww = displayWidth(word);
        if (cw && cw + 1 + ww <= lim) (cur += ' ' + word), (cw += 1 + ww);
        else {
          if (cw) out.push(cur), (lim = w);
          cur = word;
          cw = ww;
        }
      }
    }
    out.push(cur);
  }
  return out;
}

/** Wrap a paragraph to the width; continuation lines are indented by `indent` spaces. */
export function wrapParagraph(s: string, width: number, indent = 0): string {
  if (!Number.isFinite(width) || displayWidth(s) <= width) return s;
  const lines = wrapText(s, Math.max(10, width - indent), width);
  return lines.map((l, i) => (i ? ' '.repeat(indent) + l : l)).join('\n');
}

interface Layout {
  keep: number[];
  moved: number[];
  widths: Map<number, number>;
}

/** Decide which columns stay and how wide each is. */
export function layout(spec: TableSpec, width: number): Layout {
  const n = spec.head.length;
  const all = [...Array(n).keys()];
  const natural = all.map((i) => Math.max(cellWidth(spec.head[i]), ...spec.rows.map((r) => cellWidth(r[i] ?? ''))));
  const right = new Set(spec.right ?? []);
  const frame = (k: number) => 3 * k + 1;
  // the narrowest a column may be: numbers never wrap; text wraps down to a width that still reads
  const min = all.map((i) => (right.has(i) ? natural[i] : Math.min(natural[i], Math.max(displayWidth(plain(spec.head[i])), Math.min(longestWord(spec.rows.map((r) => r[i] ?? '').join(' ')), 16), 8))));
  // the width below which a column would rather go to the footnotes than wrap
  const comfort = all.map((i) => (right.has(i) ? natural[i] : Math.min(natural[i], Math.max(min[i], 20))));
  const sum = (ix: number[], w: number[]) => ix.reduce((t, i) => t + w[i], 0);
  if (!Number.isFinite(width) || sum(all, natural) + frame(n) <= width) return { keep: all, moved: [], widths: new Map(all.map((i) => [i, natural[i]])) };

  const order = [...(spec.footnote ?? defaultFootnotes(spec.head))];
  // last resort: any other column but the first, rightmost first
  for (let i = n - 1; i > 0; i--) if (!order.includes(i)) order.push(i);
  let keep = all;
  const moved: number[] = [];
  // a row gets a footnote mark " [n]" only when one of its moved cells has text
  const marked = () => moved.length > 0 && spec.rows.some((r) => moved.some((i) => plain(r[i] ?? '').trim() !== ''));
  const fits = (w: number[]) => sum(keep, w) + frame(keep.length) + (marked() ? 4 : 0) <= width;
  while (!fits(comfort) && order.length) {
    const k = order.shift()!;
    moved.push(k);
    keep = keep.filter((i) => i !== k);
  }
  // shrink the widest text column, one column at a time, down to its minimum
  const w = [...natural];
  const marker = marked() ? 5 : 0; // room for " [nn]" in the first column
  w[keep[0]] += marker;
  const budget = width - frame(keep.length);
  let total = sum(keep, w);
  while (total > budget) {
    let k = -1;
    for (const i of keep) if (!right.has(i) && w[i] > min[i] + (i === keep[0] ? marker : 0) && (k < 0 || w[i] > w[k])) k = i;
    if (k < 0) break; // cannot fit: the terminal is narrower than the numbers
    w[k]--;
    total--;
  }
  // room was kept for a two-digit mark " [nn]"; with fewer than ten marks " [n]" is one narrower,
  // which `fits` counted on: give that column back rather than overflow the width
  if (total > budget && marker > 0) {
    const marks = spec.rows.filter((r) => moved.some((i) => plain(r[i] ?? '').trim() !== '')).length;
    const spare = Math.min(marker - (3 + String(marks).length), total - budget);
    if (spare > 0) w[keep[0]] -= spare;
  }
  return { keep, moved: moved.sort((a, b) => a - b), widths: new Map(keep.map((i) => [i, w[i]])) };
}

const noPaint: Paint = { bold: (s) => s, dim: (s) => s };

/** cli-table3, loaded (its modules run, @colors/colors' styles made) only for a table drawSimple does
 *  not draw: none of the one-answer commands' tables needs it (a third of a millisecond of each start). */
let Table: typeof CliTable3 | undefined;
function cliTable3(): typeof CliTable3 {
  // its module.exports is the class (as `import Table from 'cli-table3'` read it); the bundle takes it in
  return (Table ??= require('cli-table3') as typeof CliTable3);
}

/** The table as text (no trailing newline), the footnotes under it. */
export function renderTable(spec: TableSpec, env: TableEnv): string {
  if (env.paint === undefined) {
    const text = renderPlain(spec, env.width);
    if (text !== undefined) return text;
  }
  const paint = env.paint ?? noPaint;
  const { keep, moved, widths } = layout(spec, env.width);
  const right = new Set(spec.right ?? []);
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  const rows = spec.rows.map((r) => {
    const cells = keep.map((i) => r[i] ?? '');
    if (moved.length) {
      const parts = moved.filter((i) => plain(r[i] ?? '').trim() !== '').map((i) => `${plain(spec.head[i]) || 'Note'}: ${plain(r[i])}`);
      if (parts.length) {
        const key = parts.join('\n');
        let k = noteIndex.get(key);
        if (k === undefined) {
          notes.push(key);
          k = notes.length;
          noteIndex.set(key, k);
        }
        cells[0] = `${cells[0]} [${k}]`;
      }
    }
    return cells;
  });
  const colWidths = keep.map((i) => widths.get(i)! + 2);
  // pre-wrap the text columns so a word wider than its column is broken, not truncated
  const body = rows.map((cells) => cells.map((c, j) => (right.has(keep[j]) ? c : wrapText(c, colWidths[j] - 2).join('\n'))));
  const compact = !body.some((cells) => cells.some((c) => c.includes('\n')));
  const aligns = keep.map((i) => right.has(i));
  const headCells = keep.map((i, j) => (right.has(i) ? spec.head[i] : wrapText(spec.head[i], colWidths[j] - 2).join('\n'))).map((h) => paint.bold(h));
  const simple = drawSimple(headCells, body, colWidths, aligns, compact);
  if (simple !== undefined) return finish(simple);
  const t = new (cliTable3())({
    head: headCells,
    colWidths,
    colAligns: keep.map((i) => (right.has(i) ? 'right' : 'left')),
    wordWrap: true,
    wrapOnWordBoundary: true,
    // a rule between rows only when some row takes several lines
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact },
  });
  t.push(...body);
  return finish(t.toString());

  function finish(table: string): string {
    let text = table;
    if (paint !== noPaint) text = text.replace(/[\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c\u2500\u2502]+/g, (m) => paint.dim(m)); // the box characters (┌┐└┘├┤┬┴┼─│), escaped: a source all ASCII is a one-byte string, faster to load
    const out: string[] = [];
    if (spec.title) out.push(paint.bold(wrapParagraph(spec.title, env.width)));
    out.push(text);
    notes.forEach((note, k) => {
      const tag = `[${k + 1}] `;
      const w = Number.isFinite(env.width) ? Math.max(10, env.width - tag.length) : Infinity;
      const lines = Number.isFinite(w) ? wrapText(note, w) : note.split('\n');
      lines.forEach((l, j) => out.push((j === 0 ? tag : ' '.repeat(tag.length)) + l));
    });
    return out.join('\n');
  }
}

// one line of printable ASCII: one column a character, nothing for cli-table3 or wrapText to rewrite
const PLAIN_LINE = /^[\x20-\x7e]*$/;

/** renderTable without colour for a table of plain cells that fits without wrapping: every cell
 *  and head one line of printable ASCII (its width its length), no cell of spaces only, and each
 *  column, after the columns that go to the footnotes (layout's order and rule) have gone, as wide
 *  as its widest cell. The same text as renderTable's way through layout, wrapText and drawSimple
 *  (test/cli/table.test.ts holds the two equal), measured once a cell in loops: that way was most of
 *  `cba schedule`'s own start-up (eighty rows of eight cells). Any other table: undefined. */
export function renderPlain(spec: TableSpec, width: number): string | undefined {
  const { head, rows } = spec;
  const n = head.length;
  if (n === 0) return undefined;
  // the widths as if every cell were plain (each is looked at for that after the layout: a table
  // that must wrap is known without it), and which columns have text in some row (a moved one gives
  // its rows a footnote mark)
  const natural: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = head[i];
    if (typeof h !== 'string') return undefined;
    natural.push(h.length);
  }
  const filled: boolean[] = new Array(n).fill(false);
  if (!plainWidths(rows, natural, filled)) return undefined;
  const right: boolean[] = new Array(n).fill(false);
  for (const i of spec.right ?? []) if (i >= 0 && i < n) right[i] = true;
  // layout: every column at full width when the table fits, else columns to the footnotes in order
  let keep: number[] = [];
  for (let i = 0; i < n; i++) keep.push(i);
  const moved: number[] = [];
  let marked = false;
  let total = 0;
  for (let i = 0; i < n; i++) total += natural[i];
  if (Number.isFinite(width) && total + 3 * n + 1 > width) {
    // layout's comfort widths: numbers as they are; text down to what still reads, or 20
    const comfort: number[] = [];
    for (let i = 0; i < n; i++) {
      if (right[i]) comfort.push(natural[i]);
      else {
        const word = longestPlainWord(rows, i);
        const min = Math.min(natural[i], Math.max(head[i].length, Math.min(word, 16), 8));
        comfort.push(Math.min(natural[i], Math.max(min, 20)));
      }
    }
    const order = [...(spec.footnote ?? plainFootnotes(head))];
    if (order.some((i) => !(i >= 0 && i < n))) return undefined;
    for (let i = n - 1; i > 0; i--) if (!order.includes(i)) order.push(i);
    const sumOf = (w: number[]) => {
      let t = 3 * keep.length + 1 + (marked ? 4 : 0);
      for (const i of keep) t += w[i];
      return t;
    };
    while (sumOf(comfort) > width && order.length) {
      const k = order.shift()!;
      moved.push(k);
      keep = keep.filter((i) => i !== k);
      if (filled[k]) marked = true;
    }
    moved.sort((a, b) => a - b);
    if (keep.length === 0) return undefined;
    // no column may narrow (a text column would wrap): else layout and wrapText decide
    if (marked) natural[keep[0]] += 5;
    total = 3 * keep.length + 1;
    for (const i of keep) total += natural[i];
    if (total > width) return undefined;
  }
  if (!plainCells(head, rows)) return undefined;
  // the box, a footnote mark on a row with text in a moved column
  const widths: number[] = [];
  const aligns: boolean[] = [];
  for (const i of keep) widths.push(natural[i]), aligns.push(right[i]);
  const notes: string[] = [];
  const lines = plainLines(head, rows, keep, marked ? moved : [], widths, aligns, notes);
  if (lines === undefined) return undefined;
  const out: string[] = [];
  if (spec.title) out.push(PLAIN_LINE.test(spec.title) ? wrapPlain(spec.title, width) : wrapParagraph(spec.title, width));
  out.push(lines.join('\n'));
  plainNotes(notes, width, out);
  return out.join('\n');
}

/** The footnotes under a plain table, numbered, each line to the width as renderTable wraps them. */
function plainNotes(notes: string[], width: number, out: string[]): void {
  for (let k = 0; k < notes.length; k++) {
    const tag = `[${k + 1}] `;
    const w = Number.isFinite(width) ? Math.max(10, width - tag.length) : Infinity;
    const note = notes[k].split('\n');
    for (let j = 0; j < note.length; j++) {
      // a line longer than its width is wrapped as renderTable wraps it
      const parts = note[j].length <= w ? [note[j]] : wrapText(note[j], w);
      for (let q = 0; q < parts.length; q++) out.push((j === 0 && q === 0 ? tag : ' '.repeat(tag.length)) + parts[q]);
    }
  }
}

/** The widest word (run of characters but spaces) of a column of plain cells: layout's longestWord. */
function longestPlainWord(rows: string[][], i: number): number {
  let word = 0;
  for (const r of rows) {
    const c = r[i];
    if (c.length <= word) continue;
    if (!c.includes(' ')) word = c.length;
    else for (const w of c.split(' ')) if (w.length > word) word = w.length;
  }
  return word;
}

/** renderPlain's box (drawSimple's, compact): the head, a rule, a line a row with a footnote mark
 *  " [k]" on a row with text in a moved column (its note added to notes), the bottom rule; undefined
 *  when a mark is wider than the room kept for it. Loops of their own, in small functions: the ones
 *  V8 compiles as they run. */
function plainLines(head: string[], rows: string[][], keep: number[], moved: number[], widths: number[], right: boolean[], notes: string[]): string[] | undefined {
  const noteIndex = new Map<string, number>();
  const lines: string[] = [plainRule('┌', '┬', '┐', widths)];
  const cells: string[] = [];
  for (const i of keep) cells.push(head[i]);
  lines.push(plainLine(cells, widths, right));
  // the rule under the head only above a row (drawSimple draws a table of no rows without it)
  if (rows.length) lines.push(plainRule('├', '┼', '┤', widths));
  for (const r of rows) {
    for (let j = 0; j < keep.length; j++) cells[j] = r[keep[j]];
    if (moved.length) {
      let key = '';
      for (const i of moved) if (r[i] !== '') key += (key ? '\n' : '') + `${head[i] || 'Note'}: ${r[i]}`;
      if (key !== '') {
        let k = noteIndex.get(key);
        if (k === undefined) {
          notes.push(key);
          k = notes.length;
          noteIndex.set(key, k);
        }
        const c = `${cells[0]} [${k}]`;
        if (c.length > widths[0]) return undefined; // a mark of more digits than room was kept for
        cells[0] = c;
      }
    }
    lines.push(plainLine(cells, widths, right));
  }
  lines.push(plainRule('└', '┴', '┘', widths));
  return lines;
}

function plainRule(l: string, m: string, r: string, widths: number[]): string {
  let t = l;
  for (let j = 0; j < widths.length; j++) t += (j ? m : '') + '─'.repeat(widths[j] + 2);
  return t + r;
}

function plainLine(cells: string[], widths: number[], right: boolean[]): string {
  let t = '';
  for (let j = 0; j < widths.length; j++) {
    const c = cells[j];
    const pad = ' '.repeat(widths[j] - c.length);
    t += '│ ' + (right[j] ? pad + c : c + pad) + ' ';
  }
  return t + '│';
}

/** The lengths of a table's cells (natural: the head's already) and which columns have text; false
 *  when a row has not a cell a column or a cell is not text. */
function plainWidths(rows: string[][], natural: number[], filled: boolean[]): boolean {
  const n = natural.length;
  for (let y = 0; y < rows.length; y++) {
    const r = rows[y];
    if (r.length !== n) return false;
    for (let i = 0; i < n; i++) {
      const c = r[i];
      if (c === '') continue;
      if (typeof c !== 'string') return false;
      filled[i] = true;
      if (c.length > natural[i]) natural[i] = c.length;
    }
  }
  return true;
}

/** Every head and cell one line of printable ASCII (its width its length), none of spaces only. */
function plainCells(head: string[], rows: string[][]): boolean {
  for (const h of head) if (!PLAIN_LINE.test(h) || (h !== '' && h.trim() === '')) return false;
  for (const r of rows) for (const c of r) if (c !== '' && (!PLAIN_LINE.test(c) || c.trim() === '')) return false;
  return true;
}

/** defaultFootnotes of a head of printable ASCII, by its lower case (FOOTNOTE_ORDER's words; on
 *  ASCII, what the patterns' i flag matches): no regular expression to compile at start-up. */
const FOOTNOTE_WORDS = [['source'], ['how', 'why', 'how / why', 'amount / why'], ['reason'], ['basis']];
function plainFootnotes(head: string[]): number[] {
  const out: number[] = [];
  const names = head.map((h) => h.trim().toLowerCase());
  for (const words of FOOTNOTE_WORDS) names.forEach((h, i) => i > 0 && words.includes(h) && !out.includes(i) && out.push(i));
  return out;
}

/** wrapParagraph(s, width) of one line of printable ASCII (its width its length, spaces its only
 *  white space): the same lines, without wrapText's regular expressions. */
function wrapPlain(s: string, width: number): string {
  if (!Number.isFinite(width) || s.length <= width) return s;
  if (!(width >= 1)) return wrapParagraph(s, width);
  const w = Math.max(10, width);
  const out: string[] = [];
  let lim = width;
  let cur = '';
  for (const word0 of s.split(' ')) {
    if (!word0) continue;
    const m = Math.min(w, lim);
    for (let at = 0; at < word0.length; at += m) {
      // a word wider than the line in pieces of the line's width (breakWord)
      const word = word0.length > m ? word0.slice(at, at + m) : word0;
      if (cur && cur.length + 1 + word.length <= lim) cur += ' ' + word;
      else {
        if (cur) out.push(cur), (lim = w);
        cur = word;
      }
      if (word0.length <= m) break;
    }
  }
  out.push(cur);
  return out.join('\n');
}

// a character cli-table3 would not draw as it is: a control character but ESC (colour codes are
// looked at on their own), a space other than the plain one
const UNPLAIN = /[\x00-\x1a\x1c-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
// a colour code as cli-table3 reads one (its utils.codeRegex)
const CODE = /\x1b\[((?:\d*;){0,5}\d*)m/g;
// the styles cli-table3 keeps track of across the lines of a cell, by the code that sets or ends each
const STYLE: Record<string, [string, boolean]> = {};
for (const [name, on, off] of [['bold', 1, 22], ['italics', 3, 23], ['underline', 4, 24], ['inverse', 7, 27], ['strikethrough', 9, 29]] as const) {
  STYLE[`\x1b[${on}m`] = [name, true];
  STYLE[`\x1b[${off}m`] = [name, false];
}

/** Does a line leave every style its colour codes set ended, as cli-table3 reads them (utils.readState)?
 *  Then it draws the line as it is; else it ends them at the end of the line and sets them again on
 *  the next. Our painter's codes (chalk's bold, dim, red, ...) always end what they set. */
function codesClosed(l: string): boolean {
  const on = new Set<string>();
  let fg = '';
  let bg = '';
  for (const m of l.matchAll(CODE)) {
    const code = m[1] ? parseInt(m[1].split(';')[0]) : 0;
    if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) fg = m[0];
    else if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) bg = m[0];
    else if (code === 0) (on.clear(), (fg = ''), (bg = ''));
    else if (Object.prototype.hasOwnProperty.call(STYLE, m[0])) {
      const [name, set] = STYLE[m[0]];
      if (set) on.add(name);
      else on.delete(name);
    }
  }
  return on.size === 0 && (fg === '' || fg === '\x1b[39m') && (bg === '' || bg === '\x1b[49m');
}

/** The width of a line cli-table3 would draw as it is, else -1: no control character, no whitespace
 *  but spaces, something besides spaces (an empty or blank line it drops), within its column, and
 *  colour codes only that leave what they set ended (a coloured table is drawn here too). */
function drawnWidth(l: string, width: number): number {
  if (UNPLAIN.test(l)) return -1;
  let text = l;
  if (l.includes('\x1b')) {
    text = l.replace(CODE, '');
    if (text.includes('\x1b') || !codesClosed(l)) return -1;
  }
  if (text.trim() === '') return -1;
  const w = displayWidth(text);
  return w <= width ? w : -1;
}

/** The box cli-table3 draws (its default characters, one space of padding, top-aligned cells, a rule
 *  under the head and, unless compact, between rows), drawn directly when every line of every cell
 *  already fits its column and holds nothing cli-table3 would rewrite (colour codes that end what they
 *  set, as a coloured table on a terminal has, included): cli-table3 builds and merges an options
 *  object per cell, the most of a one-answer command's time on a table of 200 cells. Any other
 *  table: undefined, and cli-table3 draws it (test/cli/table.test.ts holds the two equal). */
export function drawSimple(head: string[], body: string[][], widths: number[], right: boolean[], compact: boolean): string | undefined {
  const rows = [head, ...body];
  const split: string[][][] = [];
  // the width of each line, measured once
  const measured: number[][][] = [];
  for (const r of rows) {
    if (r.length !== widths.length) return undefined;
    const cells: string[][] = [];
    const cellWidths: number[][] = [];
    for (let j = 0; j < r.length; j++) {
      const lines = r[j] === '' ? [] : r[j].includes('\n') ? r[j].split('\n') : [r[j]];
      const ws: number[] = [];
      for (const l of lines) {
        const w = drawnWidth(l, widths[j] - 2);
        if (w < 0) return undefined;
        ws.push(w);
      }
      cells.push(lines);
      cellWidths.push(ws);
    }
    split.push(cells);
    measured.push(cellWidths);
  }
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const out: string[] = [rule('┌', '┬', '┐')];
  split.forEach((cells, y) => {
    if (y > 0 && (!compact || y === 1)) out.push(rule('├', '┼', '┤'));
    const height = Math.max(1, ...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      let line = '';
      for (let j = 0; j < cells.length; j++) {
        const text = cells[j][k] ?? '';
        const padding = ' '.repeat(widths[j] - 2 - (measured[y][j][k] ?? 0));
        line += '│ ' + (right[j] ? padding + text : text + padding) + ' ';
      }
      out.push(line + '│');
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
