// Rendering: tables on a terminal, --json and --csv for scripts. Data on stdout,
// messages on stderr. Colour is decided once, here.
import type { Dec } from '../core/money';
import { formatMoney } from '../core/money';
import { flagOf, type Io } from './command';
import { escapeControls } from './batch-io';
import { fieldText } from '../core/errors';

/** Text from the rules names fields as {field}; on the command line they are flags. */
export const flags = (text: string) => fieldText(text, flagOf);

export interface Painter {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

export const plainPainter: Painter = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s, cyan: (s) => s };

export interface Ctx {
  color: boolean;
  paint: Painter;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** stdout is a terminal (tables fit its width) */
  isTTY: boolean;
  /** the terminal's width, when it is one */
  columns?: number;
  /** stderr is a terminal (progress lines) */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}

/** --no-color, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then whether stdout is a TTY. */
export function decideColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}

/** The output context of one run, on the given streams. */
export async function makeCtx(colorFlag: boolean | undefined, io: Io): Promise<Ctx> {
  const color = decideColor(colorFlag, io.env, io.isTTY);
  let paint = plainPainter;
  if (color) {
    const { Chalk } = await import('chalk');
    const c = new Chalk({ level: 1 });
    paint = { bold: c.bold, dim: c.dim, red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan };
  }
  return { color, paint, stdout: io.stdout, stderr: io.stderr, isTTY: Boolean(io.isTTY), columns: io.columns, stderrIsTTY: Boolean(io.stderrIsTTY), env: io.env };
}

export function write(ctx: Ctx, text: string): void {
  const t = flags(text);
  ctx.stdout.write(t.endsWith('\n') ? t : t + '\n');
}

export function warn(ctx: Ctx, msg: string): void {
  ctx.stderr.write(`${ctx.color ? ctx.paint.yellow('warning:') : 'warning:'} ${escapeControls(flags(msg))}\n`);
}

export function note(ctx: Ctx, msg: string): void {
  ctx.stderr.write(`${ctx.color ? ctx.paint.dim('note:') : 'note:'} ${flags(msg)}\n`);
}

export function printJson(ctx: Ctx, value: unknown): void {
  write(ctx, JSON.stringify(value, null, 2));
}

export interface TableOpts {
  head: string[];
  rows: string[][];
  /** columns aligned right (numbers) */
  right?: number[];
  title?: string;
}

// A small box table of our own: cli-table3 (with string-width and its emoji tables) cost
// about 12 ms of a 100 ms start, and our cells are plain text with at most ANSI colour.
const ANSI = /\x1b\[[0-9;]*m/g;
const width = (s: string) => s.replace(ANSI, '').length;

export async function renderTable(ctx: Ctx, t: TableOpts): Promise<string> {
  return tableText(ctx, t);
}

/** Word-wrap plain text to a width (ANSI colour is dropped from wrapped cells). */
function wrap(s: string, w: number): string[] {
  if (width(s) <= w) return [s];
  const words = s.replace(ANSI, '').split(/\s+/);
  const out: string[] = [];
  let cur = '';
  for (let word of words) {
    while (word.length > w) {
      if (cur) out.push(cur), (cur = '');
      out.push(word.slice(0, w));
      word = word.slice(w);
    }
    if (!cur) cur = word;
    else if (cur.length + 1 + word.length <= w) cur += ' ' + word;
    else out.push(cur), (cur = word);
  }
  if (cur) out.push(cur);
  return out;
}

/** A cell with its control characters shown escaped (\x1B...), except our own colour codes. */
function safeCell(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f-\x9f]/.test(s) ? s.replace(/(\x1b\[[0-9;]*m)|[^\x1b]+/g, (m, sgr) => (sgr ? m : escapeControls(m))).replace(/\x1b(?!\[[0-9;]*m)/g, '\\x1B') : s;
}

export function tableText(ctx: Ctx, t: TableOpts): string {
  const n = t.head.length;
  t = { ...t, head: t.head.map(safeCell), rows: t.rows.map((r) => r.map((c) => safeCell(c ?? ''))) };
  const w = t.head.map((h, i) => Math.max(width(h), ...t.rows.map((r) => width(r[i] ?? ''))));
  // On a terminal, fit the width by wrapping the widest columns.
  const cols = ctx.isTTY ? ctx.columns : undefined;
  if (cols) {
    const avail = cols - (3 * n + 1);
    const floor = t.head.map((h) => Math.max(10, width(h)));
    let total = w.reduce((x, y) => x + y, 0);
    while (total > avail) {
      let k = -1;
      for (let i = 0; i < n; i++) if (w[i] > floor[i] && (k < 0 || w[i] > w[k])) k = i;
      if (k < 0) break;
      w[k]--;
      total--;
    }
  }
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(Math.max(0, w[i] - width(s)));
    return t.right?.includes(i) ? pad + s : s + pad;
  };
  const line = (l: string, m: string, r: string) => ctx.paint.dim(l + w.map((x) => '─'.repeat(x + 2)).join(m) + r);
  const bar = ctx.paint.dim('│');
  const row = (r: string[]) => {
    const parts = Array.from({ length: n }, (_, i) => wrap(r[i] ?? '', w[i]));
    const h = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: h }, (_, k) => bar + parts.map((p, i) => ' ' + cell(p[k] ?? '', i) + ' ').join(bar) + bar).join('\n');
  };
  const out = [line('┌', '┬', '┐'), row(t.head.map((h) => ctx.paint.bold(h))), line('├', '┼', '┤'), ...t.rows.map(row), line('└', '┴', '┘')];
  return (t.title ? ctx.paint.bold(t.title) + '\n' : '') + out.join('\n');
}

/** A spreadsheet-safe CSV cell: quote when needed; text starting =, +, -, @ (not a number) is escaped. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : String(v);
  if (s === '') return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // fast path: no quote, comma or line break, no leading formula character, no edge whitespace
  if (first > 32 && last > 32 && first !== 61 && first !== 43 && first !== 45 && first !== 64 && !/[",\r\n]/.test(s)) return s;
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

export function money(x: Dec | undefined): string {
  return x === undefined ? '' : formatMoney(x);
}

/** Money for JSON: a number with two decimals of meaning. */
export function jm(x: Dec | undefined): number | undefined {
  return x === undefined ? undefined : Number(x.toFixed(2));
}
