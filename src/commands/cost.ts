// cba cost: what a roster costs a year, on the schedule, with a raise, after movement.
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { dec, type Dec } from '../core/money';
import { COST_CELLS, RosterCoster, raiseSchedule, scheduleYaml, type CostPlace } from '../batch/cost';
import { findSchedule } from '../rules/schedules/schedule';
import { writeUserFile } from '../cli/files';
import { decimal } from '../cli/parse';
import { csvCell, csvLine, jm, money, note, renderTable, warn, write } from '../cli/output';
import { bufferedWriter, lineRecord, readCsvLines, type CsvRecord } from '../cli/batch-io';
import { lineCells, type CsvDelimiter } from '../core/csv';
import { outputPath } from '../cli/run-files';
import { declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { runScenario } from './cost-scenario';
import { parseColumnMap } from '../cli/roster-columns';
import { progressBar } from '../cli/progress';

export const DESCRIPTION = 'What a roster costs a year: on the schedule, with a raise, and after next year\'s step and column movement';

export const OPTIONS = {
  roster: { flags: '--roster <file>', help: 'CSV or .xlsx roster (the columns of cba audit; paid is not needed; days_served and new_class optional)', required: true },
  raise: { flags: '--raise <percent>', help: 'across-the-board raise to cost, e.g. 1 or 4.23' },
  year: { flags: '--year <yyyy-yy>', help: 'school year of the schedule (default: the latest)' },
  schedule: { flags: '--schedule <id>', help: 'with --out-schedule: the schedule to write raised (default: basic)' },
  outSchedule: { flags: '--out-schedule <file>', help: 'write the raised schedule as a YAML schedule file for the next year' },
  scenario: { flags: '--scenario <file>', help: 'a proposal as a scenario YAML file (repeat for several); costs --years school years against the status quo', repeat: true },
  years: { flags: '--years <n>', help: 'with --scenario: school years to cost, from --year (default 3)' },
  rates: { flags: '--rates <file>', help: "with --scenario: the county office's rates file (unemployment, workers' comp, health premiums)" },
  sheet: { flags: '--sheet <name>', help: 'an .xlsx roster: the worksheet, by name or number (default: the first)' },
  columns: { flags: '--columns <map>', help: 'header names of the export: id="Employee ID",class=Column (or a YAML file of such pairs); headers also match ignoring case, spaces and punctuation' },
  json: { flags: '--json', help: 'print JSON (totals and every row)' },
  csv: { flags: '--csv', help: 'print CSV (every row)' },
} as const;
export type CostOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('cost').description(DESCRIPTION), OPTIONS)
    .addHelpText('after', () => examples(['cba cost --roster fixtures/roster/cost-roster.csv --raise 1', 'cba cost --roster roster.csv --raise 4.23 --out-schedule rules/sdcoe-ae-2005-2008/schedules/basic-2006-07.yaml', 'cba cost --roster roster.csv --json', 'cba cost --roster fixtures/bargain/roster3.csv --scenario fixtures/bargain/proposal-a.yaml --scenario fixtures/bargain/proposal-b.yaml --years 3', 'cba cost --roster roster.csv --scenario proposal.yaml --rates county-rates.yaml --csv > per-person.csv']))
    .action((o: CostOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export async function run(o: CostOptions, ctx: RunCtx): Promise<RunResult | void> {
  if (o.scenario) return runScenario({ ...o, scenario: o.scenario }, ctx);
  if (o.years !== undefined || o.rates !== undefined) throw new InputError('--years and --rates go with --scenario <file> (a proposal to cost over school years)');
  return runRaise(o, ctx);
}

/** A roster on the schedule, raised across the board, and after step and column movement. */
async function runRaise(o: CostOptions, { out: ctx, agreement, io }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  const raise = o.raise !== undefined ? dec(decimal(o.raise, 'raise', 'give a percentage, for example 1 or 4.23', true)!) : undefined;
  if (raise && (raise.lt(-50) || raise.gt(100))) throw new InputError(`--raise ${o.raise}: give a percentage between -50 and 100`);
  if (o.outSchedule && !raise) throw new InputError('--out-schedule needs --raise <percent>');
  // an output that is one of the inputs is refused before anything is read or written
  if (o.outSchedule) outputPath(o.outSchedule, '--out-schedule', [o.roster]);
  // Streamed: each row is costed and written as it is read; only the memo of placements and the
  // running totals stay in memory (flat at millions of rows).
  const coster = new RosterCoster(a, { year: o.year, raise });
  const out = bufferedWriter(ctx.stdout);
  const fmt = new Map<Dec, string>(); // the memo's amounts are shared objects: format each once
  const f2 = (x: Dec | undefined) => {
    if (x === undefined) return undefined;
    let t = fmt.get(x);
    if (t === undefined) fmt.set(x, (t = x.toFixed(2)));
    return t;
  };
  let first = true;
  let blank = 0;
  const known = { required: ['id', 'class', 'step'], optional: ['schedule', 'days', 'fte', 'stipends', 'days_served', 'new_class'] } as const;
  const map = o.columns !== undefined ? await parseColumnMap(o.columns, known) : undefined;
  const bar = progressBar(ctx);
  let rows = 0;
  let at: number[] = [];
  let idAt = -1;
  // a row's output after its row number and id, once per distinct placement (rows share the object)
  const tails = new Map<CostPlace, string>();
  const tailOf = (p: CostPlace): string => {
    let t = tails.get(p);
    if (t === undefined) {
      t = o.csv
        ? csvLine([p.error ? 'invalid' : 'ok', f2(p.current), f2(p.raised), f2(p.moved), p.movement, p.error])
        : JSON.stringify({ status: p.error ? 'invalid' : 'ok', current: jm(p.current), raised: jm(p.raised), moved: jm(p.moved), movement: p.movement, reason: p.error }).slice(1);
      if (tails.size >= 50_000) tails.clear();
      tails.set(p, t);
    }
    return t;
  };
  let delimiter: CsvDelimiter = ',';
  let header: string[] = [];
  let width = 0;
  let starts = new Int32Array(0);
  let ends = new Int32Array(0);
  /** Where the cells of a line the reader gave as text are (starts/ends: a quoted cell's text less
   *  its quotes), without cutting them out; false for a line that takes the record's way: not the
   *  header's width, or perhaps blank (no cell starting with a visible ASCII character). */
  const cellsIn = (line: string): boolean => {
    const n = line.length;
    let cell = 0;
    let i = 0;
    let text = false;
    for (;;) {
      if (cell === width) return false;
      let s = i;
      let e: number;
      let next: number;
      if (line.charCodeAt(i) === 34) {
        // a whole quoted cell, no quote inside (the reader's promise)
        s = i + 1;
        e = next = line.indexOf('"', s);
        next++;
      } else {
        e = line.indexOf(delimiter, i);
        if (e < 0) e = n;
        next = e;
      }
      starts[cell] = s;
      ends[cell] = e;
      if (e > s) {
        const f = line.charCodeAt(s);
        if (f > 32 && f < 128) text = true;
      }
      cell++;
      if (next >= n) break;
      i = next + 1;
    }
    return cell === width && text;
  };
  // one row's output line
  const emit = (row: number, id: string, p: CostPlace, recError: string | undefined): string => {
    if (p.error) {
      bar.clear();
      warn(ctx, `row ${row}${id ? ` (${id})` : ''}: not costed: ${p.error}`);
      bar.redraw();
    }
    if (o.csv) return `${row},${csvCell(id)},${recError ? csvLine([p.error ? 'invalid' : 'ok', '', '', '', '', p.error]) : tailOf(p)}`;
    if (o.json) {
      const s = `${first ? '' : ',\n'}{"row":${row},"id":${JSON.stringify(id)},${recError ? JSON.stringify({ status: 'invalid', reason: p.error }).slice(1) : tailOf(p)}`;
      first = false;
      return s;
    }
    return '';
  };
  for await (const b of readCsvLines(o.roster, '--roster', { quoted: true, stdin: o.roster === '-' ? io.stdin : undefined, sheet: o.sheet, columns: { known, map }, onProgress: (read, total) => bar.update(read, total, rows) })) {
    if (!Array.isArray(b)) {
      header = b.header;
      delimiter = b.delimiter;
      width = header.length;
      starts = new Int32Array(width);
      ends = new Int32Array(width);
      at = COST_CELLS.map((c) => b.header.indexOf(c));
      idAt = b.header.indexOf('id');
      if (o.csv) await out.write(csvLine(['row', 'id', 'status', 'current', 'raised', 'moved', 'movement', 'reason']));
      if (o.json) await out.write('{\n"rows": [\n');
      continue;
    }
    let chunk = '';
    for (const item of b) {
      const row = ++rows;
      let rec: CsvRecord;
      if (typeof item === 'string') {
        if (cellsIn(item)) {
          // the row's placement looked up in place; its cells cut out only when not seen yet
          const id = idAt < 0 ? '' : item.slice(starts[idAt], ends[idAt]);
          chunk += emit(row, id, coster.rowInLine(item, starts, ends, at) ?? coster.rowAt(lineCells(item, delimiter), at), undefined);
          continue;
        }
        rec = lineRecord(item, delimiter, row, header);
      } else rec = item;
      if (rec.blank) {
        // the blank rows a spreadsheet leaves: back with their status, not costed, not a failure
        blank++;
        if (o.csv) chunk += csvLine([rec.row, '', 'blank', '', '', '', '', 'blank row']);
        else if (o.json) {
          chunk += (first ? '' : ',\n') + JSON.stringify({ row: rec.row, id: '', status: 'blank', reason: 'blank row' });
          first = false;
        }
        continue;
      }
      const id = idAt < 0 ? '' : rec.raw[idAt] ?? '';
      chunk += emit(rec.row, id, coster.rowAt(rec.raw, at, rec.error), rec.error);
    }
    if (chunk) await out.write(chunk);
  }
  bar.done();
  const res = coster.totals();
  if (o.json) {
    const j = {
      year: res.year,
      raisePercent: res.raisePercent ? Number(res.raisePercent.toFixed()) : null,
      members: res.counted,
      invalid: res.invalid,
      blank,
      current: jm(res.current),
      raised: res.raised ? jm(res.raised) : null,
      raiseCost: res.raised ? jm(res.raised.minus(res.current)) : null,
      movement: jm(res.moved),
      movementCost: jm(res.moved.minus(res.current)),
      notes: res.notes,
    };
    await out.write(`${first ? '' : '\n'}],\n${JSON.stringify(j, null, 2).slice(2)}\n`);
  }
  await out.end();
  if (o.outSchedule && raise) {
    const s = findSchedule(a, o.schedule, res.year);
    const up = raiseSchedule(a, s, raise);
    writeUserFile(o.outSchedule, `# Generated by cba cost --raise ${raise.toFixed()} from ${s.file}: ${s.name} ${s.year} raised by ${raise.toFixed()}%.\n# Check every cell against the adopted schedule before relying on it.\n` + scheduleYaml(up), '--out-schedule', [o.roster, s.file]);
    note(ctx, `wrote the ${up.id} ${up.year} schedule (${s.year} + ${raise.toFixed()}%) to ${o.outSchedule}; in a rules folder it is chosen with --year ${up.year}`);
  }
  // a row left out of the totals fails the run (exit 1), whatever the format
  const failed = res.invalid > 0;
  if (o.json || o.csv) return { failed };
  const t = [
    [`On the ${res.year} schedule`, money(res.current), ''],
    ...(res.raised ? [[`With a ${res.raisePercent!.toFixed()}% raise`, money(res.raised), money(res.raised.minus(res.current))]] : []),
    ['After step and column movement', money(res.moved), money(res.moved.minus(res.current))],
  ];
  write(ctx, await renderTable(ctx, { title: `Annual cost of ${res.counted} members${res.invalid ? ` (${res.invalid} rows not costed)` : ''}`, head: ['', 'Total', 'Difference'], rows: t, right: [1, 2] }));
  for (const n of res.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
  if (blank) note(ctx, `${blank} blank row${blank === 1 ? '' : 's'} skipped`);
  return { failed };
}
