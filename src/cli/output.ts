// Rendering: tables on a terminal, --json and --csv for scripts. Data on stdout,
// messages on stderr. Colour is decided once, here.
import type { Dec } from '../core/money';
import { formatMoney } from '../core/money';
import { escapeControls, escapedControl, hasControl } from './batch-io';
import { fieldText } from '../core/errors';

/** daysServed -> --days-served: the flag of an option key (a rule's field). */
export function flagOf(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());
}

/** The streams and environment of one invocation (the process's, or a test's, or cba check's capture). */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  /** stdout is a terminal: tables fit its width, colour may be on */
  isTTY?: boolean;
  /** the terminal's width */
  columns?: number;
  /** stderr is a terminal: progress lines */
  stderrIsTTY?: boolean;
  /** the run is the process's own (the bin), not one of many in a process (a test, cba check): it may
   *  set what holds for the whole process, such as how far V8 lets the heap grow (boundHeapGrowth) */
  ownsProcess?: boolean;
}

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
  /** columns a table or a paragraph may take: the terminal's, COLUMNS, or 80; Infinity with --wide */
  width: number;
  /** the table module, loaded by makeCtx when the output is for a person (not --json or --csv) */
  tables?: typeof import('../lazy/table');
  /** --quiet: nothing on stdout, no warnings or notes */
  quiet?: boolean;
}

/** --no-color, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then whether stdout is a TTY. */
export function decideColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}

/** The width to fit: the terminal's columns, else COLUMNS, else 80. */
export function terminalWidth(io: { isTTY?: boolean; columns?: number; env: Record<string, string | undefined> }): number {
  if (io.isTTY && io.columns && io.columns > 0) return io.columns;
  const c = Number(io.env.COLUMNS);
  return Number.isInteger(c) && c > 0 ? c : 80;
}

export interface CtxOpts {
  /** keep every table column at full width */
  wide?: boolean;
  /** the output is for a person (not --json or --csv): load the table module now */
  tables?: boolean;
}

/** The output context of one run, on the given streams. */
export async function makeCtx(colorFlag: boolean | undefined, io: Io, opts: CtxOpts = {}): Promise<Ctx> {
  const color = decideColor(colorFlag, io.env, io.isTTY);
  const [paint, tables] = await Promise.all([
    color
      ? import('chalk').then(({ Chalk }) => {
          const c = new Chalk({ level: 1 });
          return { bold: c.bold, dim: c.dim, red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan } as Painter;
        })
      : plainPainter,
    opts.tables ? import('../lazy/table') : undefined,
  ]);
  const width = opts.wide ? Infinity : terminalWidth(io);
  return { color, paint, stdout: io.stdout, stderr: io.stderr, isTTY: Boolean(io.isTTY), columns: io.columns, stderrIsTTY: Boolean(io.stderrIsTTY), env: io.env, width, tables };
}

const LEAD = /^(?:\x1b\[[0-9;]*m)+/;
const TRAIL = /(?:\x1b\[[0-9;]*m)+$/;
/** One line of prose fitted to the width: wrapped, continuation lines indented, its colour kept. */
function fitLine(ctx: Ctx, line: string): string {
  const t = ctx.tables!;
  if (t.displayWidth(line) <= ctx.width) return line;
  const lead = LEAD.exec(line)?.[0] ?? '';
  const trail = TRAIL.exec(line)?.[0] ?? '';
  const bare = line.replace(/\x1b\[[0-9;]*m/g, '');
  const pad = /^ */.exec(bare)![0];
  return t
    .wrapText(bare.slice(pad.length), Math.max(10, ctx.width - pad.length - 2), ctx.width - pad.length)
    .map((l, i) => lead + pad + (i ? '  ' : '') + l + trail)
    .join('\n');
}

/** Text for a person wrapped to the width (unchanged when the output is --json or --csv, or with --wide). */
export function fitText(ctx: Ctx, text: string): string {
  return ctx.tables && Number.isFinite(ctx.width) && text.length > ctx.width ? text.split('\n').map((l) => fitLine(ctx, l)).join('\n') : text;
}

/** Data or text to stdout. Text for a person (when the output is not --json or --csv) is wrapped to the width. */
export function write(ctx: Ctx, text: string): void {
  const t = fitText(ctx, flags(text));
  ctx.stdout.write(t.endsWith('\n') ? t : t + '\n');
}

export function warn(ctx: Ctx, msg: string): void {
  if (ctx.quiet) return;
  // wrapped on a terminal only: a log or a pipe keeps one line per warning, for grep
  const text = ctx.stderrIsTTY ? fitText(ctx, `warning: ${escapeControls(flags(msg))}`) : `warning: ${escapeControls(flags(msg))}`;
  ctx.stderr.write((ctx.color ? ctx.paint.yellow('warning:') + text.slice(8) : text) + '\n');
}

export function note(ctx: Ctx, msg: string): void {
  if (ctx.quiet) return;
  const text = ctx.stderrIsTTY ? fitText(ctx, `note: ${flags(msg)}`) : `note: ${flags(msg)}`;
  ctx.stderr.write((ctx.color ? ctx.paint.dim('note:') + text.slice(5) : text) + '\n');
}

/** A stdout that takes a printed JSON value as data (cba check compares it without printing and
 *  reading it back): its function returns false to have the value printed as text instead. */
export const JSON_TAKER = Symbol('cba.jsonTaker');
type JsonTaker = { [JSON_TAKER]?: (value: unknown) => boolean };

export function printJson(ctx: Ctx, value: unknown): void {
  if ((ctx.stdout as JsonTaker)[JSON_TAKER]?.(value)) return;
  ctx.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export type TableOpts = import('../lazy/table').TableSpec;

/** A table fitted to the width (src/lazy/table.ts: cli-table3, footnotes on a narrow terminal). */
export async function renderTable(ctx: Ctx, t: TableOpts): Promise<string> {
  const tables = ctx.tables ?? (ctx.tables = await import('../lazy/table'));
  // no painter without colour: the table then spares painting its frame with functions that change nothing
  const env = { width: ctx.width, paint: ctx.paint === plainPainter ? undefined : ctx.paint };
  // the cells as they are when every one is text with no control character (each one looked at
  // once by a regular expression: a loop over its characters cost a schedule of 640 cells ~1 M
  // instructions at start-up), else a copy with safeCell's escapes
  if (cleanCells(t.head) && t.rows.every(cleanCells)) return tables.renderTable(t, env);
  return tables.renderTable({ ...t, head: t.head.map(safeCell), rows: t.rows.map((r) => r.map((c) => safeCell(c ?? ''))) }, env);
}

/** A control character (batch-io's isControl: C0, DEL and C1). */
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
function cleanCells(cells: readonly (string | null | undefined)[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c !== 'string' || CONTROL.test(c)) return false;
  }
  return true;
}

/** A cell with its control characters shown escaped (\x1B...), except our own colour codes. */
export function safeCell(s: string): string {
  if (!hasControl(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    const end = sgrEnd(s, i);
    if (end > 0) {
      out += s.slice(i, end);
      i = end;
    } else out += escapedControl(s, i++);
  }
  return out;
}

/** Where a colour code (ESC [ digits and semicolons m) starting at i ends, or -1 when none starts there. */
function sgrEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x1b || s[i + 1] !== '[') return -1;
  let j = i + 2;
  while (j < s.length && ((s[j] >= '0' && s[j] <= '9') || s[j] === ';')) j++;
  return s[j] === 'm' ? j + 1 : -1;
}

/** No quote, comma or line break in s (a loop for the short cells of a roster, a search for long text). */
function plainCell(s: string): boolean {
  if (s.length > 24) return !/[",\r\n]/.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 44 || c === 13 || c === 10) return false;
  }
  return true;
}

/** A spreadsheet-safe CSV cell: quote when needed; text starting =, +, -, @ (not a number) is escaped. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : String(v);
  if (s === '') return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // fast path: no quote, comma or line break, no leading formula character, no edge whitespace
  if (first > 32 && last > 32 && first !== 61 && first !== 43 && first !== 45 && first !== 64 && plainCell(s)) return s;
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** Whether csvCell gives a cell back as it is (its fast path): no quote, comma or line break, no
 *  leading formula character, no edge whitespace. */
function asIs(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  return first > 32 && last > 32 && first !== 61 && first !== 43 && first !== 45 && first !== 64 && plainCell(s);
}

/** The first n cells of a record (missing ones empty) as csvCell writes them, joined with commas: the
 *  input columns of a batch's output line. A record whose cells all go out as they are is joined
 *  natively (one flat string, no per-cell concatenation). */
export function csvCells(raw: string[], n: number): string {
  if (raw.length === n) {
    let i = 0;
    while (i < n && asIs(raw[i])) i++;
    if (i === n) return raw.join(',');
  }
  const cells = new Array<string>(n);
  for (let i = 0; i < n; i++) cells[i] = csvCell(raw[i]);
  return cells.join(',');
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
