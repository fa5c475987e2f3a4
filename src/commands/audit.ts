// cba audit: every row of a payroll roster against the contract, streamed, each row back with its status.
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { InputError } from '../core/errors';
import { Auditor, ROSTER_COLUMNS, rosterIndex, type AuditResult, type RosterIndex } from '../batch/audit';
import { int } from '../cli/parse';
import { csvCell, csvCells, csvLine } from '../cli/output';
import { BatchWriter, IdCounter, escapeControls, inputColumnNames, lineRecord, readCsvLines, type CsvRecord } from '../cli/batch-io';
import type { CsvDelimiter } from '../core/csv';
import { AuditCsvLines } from './audit-csv';
import { formatCents } from '../core/money';
import { declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { parseColumnMap } from '../cli/roster-columns';
import { progressBar } from '../cli/progress';
import { readFileSync } from 'node:fs';

export const DESCRIPTION = 'Check every row of a payroll roster against the contract: ok, underpaid, overpaid or invalid';

export const OPTIONS = {
  tolerance: { flags: '--tolerance <cents>', help: 'difference allowed before a row is off, in cents (default 0)' },
  year: { flags: '--year <yyyy-yy>', help: 'school year for rows without a year column' },
  json: { flags: '--json', help: 'print JSON Lines: one object per row' },
  csv: { flags: '--csv', help: 'print CSV: the input columns plus contract, difference, status, reason' },
  sheet: { flags: '--sheet <name>', help: 'an .xlsx roster: the worksheet, by name or number (default: the first)' },
  columns: { flags: '--columns <map>', help: 'header names of the export: id="Employee ID",paid="Annual Salary" (or a YAML file of such pairs); headers also match ignoring case, spaces and punctuation' },
  problems: { flags: '--problems', help: 'only the rows that are not ok (the summary counts every row); the default on a terminal when the roster is longer than the screen' },
  all: { flags: '--all', help: 'every row, also on a terminal' },
} as const;
export type AuditOptions = OptionsOf<typeof OPTIONS> & { roster: string };

export function register(program: Command, exec: Exec): void {
  declare(program.command('audit').argument('<roster>', 'CSV or .xlsx roster with a header row (- for stdin, CSV)').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => `${examples(['cba audit fixtures/roster/roster.csv', 'cba audit payroll-2005-10.csv --tolerance 1 --csv > findings.csv', 'cat roster.csv | cba audit - --json | jq -c \'select(.status != "ok")\''])}
Columns (header names; others are kept):
  required: id, class, step, paid
  optional: schedule, year, days, fte, stipends, period
  schedule: basic (default), community-day, preschool
  period:   annual (default) or monthly
  stipends: ids separated by spaces or ';', ID:COUNT for several (ltvs:2)
            or BTSA teachers (btsa:3)
  Comma, semicolon or tab separated (read off the header row); headers match
  ignoring case, spaces and punctuation ("Class", "STEP"); other names with
  --columns. Blank rows (all cells empty, as a spreadsheet leaves them) come
  back as "blank" and do not fail the run. An .xlsx workbook is read from its
  first sheet (--sheet for another): dates as dates, numbers as numbers.
`,
    )
    .action((roster: string, o: OptionsOf<typeof OPTIONS>, c: Command) => exec(c, (ctx) => run({ ...o, roster }, ctx)));
}

const W = [12, 12, 12, 12, 10];
/** audit --csv reads as bytes a roster file this long from its start, any other after this many rows */
const BYTES_FROM_SIZE = 1 << 20;
const BYTES_AFTER_ROWS = 20_000;
const AUDIT_COLUMNS = ['contract', 'difference', 'status', 'reason'];

/** A roster file with more lines than the terminal has rows (standard input is never counted). */
function longerThanScreen(file: string, lines: number): boolean {
  if (file === '-') return false;
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size > 64 * 1024 * 1024) return true;
  let n = 0;
  for (const c of readFileSync(file)) if (c === 10 && ++n > lines) return true;
  return false;
}

/** The input cells of a row as JSON members ("name":"value",), under their kept-apart names. */
function inputJson(keys: string[], raw: string[]): string {
  let s = '';
  for (let i = 0; i < keys.length; i++) s += keys[i] + JSON.stringify(raw[i] ?? '') + ',';
  return s;
}
const REASON_AT = 8 + W.reduce((t, w) => t + w + 1, 0);

export async function run(o: AuditOptions, { out: ctx, agreement, io }: RunCtx): Promise<RunResult> {
  const roster = o.roster;
  const a = await agreement();
  const tol = int(o.tolerance, 'tolerance', 'give whole cents, for example {tolerance} 1') ?? 0;
  const auditor = new Auditor(a, tol, { year: o.year });
  const out = new BatchWriter(ctx.stdout);
  const ids = new IdCounter();
  let idAt = -1;
  let names: string[] = [];
  let keys: string[] = [];
  const bar = progressBar(ctx);
  const counts: Record<string, number> = { ok: 0, underpaid: 0, overpaid: 0, invalid: 0, blank: 0 };
  if (o.problems && o.all) throw new InputError('give --problems or --all, not both');
  const problemsOnly = o.problems || (!o.all && !o.json && !o.csv && ctx.isTTY && longerThanScreen(roster, Number(ctx.env.LINES) || 24));
  // a roster has few placements: their contract amounts and reasons recur, and are written once each
  const contracts = new Map<number, string>();
  const contractText = (c: number): string => {
    let t = contracts.get(c);
    if (t === undefined) {
      if (contracts.size >= 50_000) contracts.clear();
      contracts.set(c, (t = formatCents(c)));
    }
    return t;
  };
  const reasons = new Map<string, string>();
  const reasonCell = (r: string): string => {
    let t = reasons.get(r);
    if (t === undefined) {
      if (reasons.size >= 50_000) reasons.clear();
      reasons.set(r, (t = csvCell(r)));
    }
    return t;
  };
  let header: string[] = [];
  let rows = 0;
  let idx: Record<string, number> = {};
  let at: RosterIndex | undefined;
  const map = o.columns !== undefined ? await parseColumnMap(o.columns, ROSTER_COLUMNS) : undefined;
  let delimiter: CsvDelimiter = ',';
  // --csv: the common line written by positions, without a record (src/commands/audit-csv.ts)
  let fast: AuditCsvLines | undefined;
  // and, not to a terminal (where rows make way for the progress bar), read and written as bytes:
  // each batch of the lines it took so is their count. Only for a long roster: the byte reader runs
  // slowly until V8 has optimised it, and costs more than it saves below about 20,000 rows (a
  // 2,000-row roster took 0.26 s of CPU against 0.22 s by text): bytes from the start for a file of
  // 1 MB or more, else (standard input, a short file) once 20,000 rows have gone by text.
  // (CBA_AUDIT_BYTES_AFTER=<rows> moves that point: the tests send short rosters through bytes with it)
  const after = /^\d+$/.test(io.env.CBA_AUDIT_BYTES_AFTER ?? '') ? Number(io.env.CBA_AUDIT_BYTES_AFTER) : undefined;
  const longFile = after === undefined && roster !== '-' && (statSync(roster, { throwIfNoEntry: false })?.size ?? 0) >= BYTES_FROM_SIZE;
  const bytesAfter = after ?? BYTES_AFTER_ROWS;
  const bytes = () => (fast !== undefined && !ctx.isTTY && (longFile || rows >= bytesAfter) ? fast : undefined);
  for await (const b of readCsvLines(roster, 'roster', { quoted: true, bytes, stdin: roster === '-' ? io.stdin : undefined, sheet: o.sheet, columns: { known: ROSTER_COLUMNS, map }, onProgress: (read, total) => bar.update(read, total, rows) })) {
    if (typeof b === 'number') {
      rows += b;
      await out.write('');
      continue;
    }
    if (!Array.isArray(b)) {
      header = b.header;
      delimiter = b.delimiter;
      idx = Object.fromEntries(header.map((h, i) => [h, i]));
      at = rosterIndex(header);
      idAt = header.indexOf('id');
      if (o.csv) {
        fast = new AuditCsvLines(header.length, delimiter, at, auditor, tol, ids, contractText, reasonCell);
        if (!fast.on) fast = undefined;
        else fast.bytesTo(out, problemsOnly);
      }
      // input columns named like the audit's own (row, contract, status, ...) are kept apart as input_<name>
      // CSV keeps the export's own header names (it goes back to payroll); JSON uses ours (scripts read .id, .paid)
      names = inputColumnNames(o.csv ? b.original : header, o.csv ? AUDIT_COLUMNS : ['row', ...AUDIT_COLUMNS]);
      keys = names.map((n) => JSON.stringify(n) + ':');
      if (o.csv) await out.write(csvLine([...names, ...AUDIT_COLUMNS]));
      else if (!o.json) await out.write(['row'.padEnd(7), 'id'.padEnd(W[0]), 'paid'.padStart(W[1]), 'contract'.padStart(W[2]), 'difference'.padStart(W[3]), ' status'.padEnd(W[4]), 'reason'].join(' ') + '\n');
      continue;
    }
    let chunk = '';
    for (let k = 0; k < b.length; k++) {
      if (fast !== undefined) {
        // the lines fast takes (it counts their statuses), as far as the first it does not
        chunk += fast.take(b, k, problemsOnly);
        rows += fast.stop - k;
        k = fast.stop;
        if (k === b.length) break;
      }
      const item = b[k];
      rows++;
      const r: CsvRecord = typeof item === 'string' ? lineRecord(item, delimiter, rows, header) : item;
      const raw = r.raw;
      if (idAt >= 0 && !r.error) ids.add(raw[idAt] ?? '');
      const res: AuditResult | { status: 'blank'; reason: string; contract?: undefined; difference?: undefined } = r.blank ? { status: 'blank', reason: 'blank row' } : r.error ? { status: 'invalid', reason: r.error } : auditor.rowRaw(raw, at!);
      counts[res.status]++;
      if (fast && !r.error) fast.learn(raw);
      if (problemsOnly && (res.status === 'ok' || res.status === 'blank')) continue;
      const contract = res.contract === undefined ? '' : contractText(res.contract);
      const diff = res.difference === undefined ? '' : formatCents(res.difference);
      if (o.json) chunk += `{"row":${r.row},${inputJson(keys, raw)}` + JSON.stringify({ contract: res.contract === undefined ? null : res.contract / 100, difference: res.difference === undefined ? null : res.difference / 100, status: res.status, reason: res.reason || null }).slice(1) + '\n';
      else if (o.csv) {
        // the input cells (each escaped), then the audit's: amounts are plain decimals, status a word
        chunk += `${csvCells(raw, header.length)},${contract},${diff},${res.status},${reasonCell(res.reason)}\n`;
      }
      else {
        const st = res.status === 'ok' || res.status === 'blank' ? res.status : res.status === 'invalid' ? ctx.paint.yellow(res.status) : ctx.paint.red(res.status);
        const f = (c: string) => (idx[c] === undefined ? '' : escapeControls(raw[idx[c]] ?? ''));
        const line = [String(r.row).padEnd(7), f('id').slice(0, W[0]).padEnd(W[0]), f('paid').slice(0, W[1]).padStart(W[1]), contract.padStart(W[2]), diff.padStart(W[3]), ' ' + st + ' '.repeat(Math.max(0, W[4] - 1 - res.status.length))].join(' ');
        const reason = escapeControls(res.reason);
        // a reason too long for the width goes under the row, wrapped and indented
        chunk += reason && ctx.tables && REASON_AT + reason.length > ctx.width ? `${line.trimEnd()}\n${ctx.tables.wrapText(reason, ctx.width - 8).map((l) => '        ' + l).join('\n')}\n` : `${line} ${reason}\n`;
      }
    }
    if (bar.on && ctx.isTTY && chunk) {
      // rows to the terminal the bar is on: erase it, write them out, draw it again under them
      bar.clear();
      await out.write(chunk);
      await out.flush();
      bar.redraw();
    } else await out.write(chunk);
  }
  await out.end();
  bar.done();
  if (fast) (counts.ok += fast.ok), (counts.underpaid += fast.underpaid), (counts.overpaid += fast.overpaid);
  const off = counts.underpaid + counts.overpaid + counts.invalid;
  const dups = ids.duplicates ? `; ${ids.duplicates} repeated id${ids.duplicates === 1 ? '' : 's'} (a row whose id an earlier row has)` : '';
  const blank = counts.blank ? `, ${counts.blank} blank` : '';
  const shown = problemsOnly ? ` (only the ${off} not ok are listed${o.problems ? '' : '; --all lists every row'})` : '';
  ctx.stderr.write(`${rows} rows: ${counts.ok} ok, ${counts.underpaid} underpaid, ${counts.overpaid} overpaid, ${counts.invalid} invalid${blank}${dups}${shown}\n`);
  return { failed: off > 0 };
}
