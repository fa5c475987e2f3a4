import type { Command } from 'commander';
// cba retro: streams the roster through the retro calculator; every row back once.
import { InputError } from '../core/errors';
import { dec, formatMoney, type Dec } from '../core/money';
import { dateOrder, decimal } from '../cli/parse';
import { fieldText } from '../core/errors';
import { csvLine, fitText, flags, jm, note, type Ctx } from '../cli/output';
import { readCsvBatches } from '../cli/csv-input';
import { bufferedWriter, loadRates, withBenefits } from './bargain-io';
import { boundHeapGrowth } from '../cli/batch-io';
import { RetroCalculator, RETRO_COLUMNS, type RetroPeriod, type RetroPerson } from '../batch/retro';
import { parseColumnMap } from '../cli/roster-columns';
import { declare, flagOf, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Retroactive pay after a settlement: each person and pay period, paid vs owed, with employer costs';

export const OPTIONS = {
  roster: { flags: '--roster <file>', help: 'CSV or .xlsx roster (- for stdin, CSV): id, class, step; schedule, days, fte, stipends, start, end, paid optional', required: true },
  effective: { flags: '--effective <date>', help: 'the date the new rates take effect (YYYY-MM-DD)', required: true },
  paidThrough: { flags: '--paid-through <date>', help: 'the last day already paid at the old rates (YYYY-MM-DD)', required: true },
  raise: { flags: '--raise <percent>', help: 'the settlement as a raise of every cell (default: the schedule the rules have in force from --effective)' },
  periods: { flags: '--periods <n>', help: 'pay periods a year: 12 (monthly, July to June; the default, as the agreement pays /12) or 10 (September to June)' },
  rates: { flags: '--rates <file>', help: "the county office's rates file (unemployment, workers' comp) for the employer costs" },
  salaryCode: { flags: '--salary-code <code>', help: 'pay code of the salary retro in --csv (default RETRO-SAL)' },
  stipendCode: { flags: '--stipend-code <code>', help: 'pay code of the stipend retro in --csv (default RETRO-STIP)' },
  dateFormat: { flags: '--date-format <order>', help: 'how the roster writes start and end: ISO (2005-11-21, the default, always read), MDY (11/21/2005) or DMY (21/11/2005); a date that is not one in that order is the row\'s error, never a guess' },
  sheet: { flags: '--sheet <name>', help: 'an .xlsx roster: the worksheet, by name or number (default: the first)' },
  columns: { flags: '--columns <map>', help: 'header names of the export: id="Employee ID",class=Column (or a YAML file of such pairs); headers also match ignoring case, spaces and punctuation' },
  json: { flags: '--json', help: 'print JSON: every person with every period, and the totals' },
  csv: { flags: '--csv', help: 'print CSV for a payroll import: one line per person and pay code' },
} as const;
export type RetroOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('retro').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => `${examples([
        'cba retro --roster fixtures/bargain/retro3.csv --effective 2005-07-01 --paid-through 2006-01-31 --raise 4',
        'cba retro --roster roster.csv --effective 2006-07-01 --paid-through 2007-02-28 --csv > retro-import.csv',
        'cba retro --roster roster.csv --effective 2005-07-01 --paid-through 2006-01-31 --raise 4 --periods 10 --json',
        'cba retro --roster export.xlsx --date-format MDY --effective 2005-07-01 --paid-through 2006-01-31 --raise 4',
      ])}
Columns: id, class, step (required); schedule, days, fte, stipends (as cba
audit), start and end (dates worked inside the year), paid (what a full period
paid at the old rates, when not the old schedule's).
Exit 1 when any row could not be computed (it comes back with its reason),
2 for bad options.
`,
    )
    .action((o: RetroOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

// batches of about 4 KB of roster (~130 rows): each row's pay is worked out over every period in
// exact decimals, and a batch of 64 KB (~2,000 rows) lived through two young collections, its records
// then moved to the old heap as garbage: peak 164 MB at 100,000 rows against 110 MB at 20,000; with
// 4 KB 100 and 99 MB, output byte-identical (npm run bench: retro)
const RETRO_BATCH_BYTES = 4096;

/** The exact salary and stipend retro of a person's periods (to 4 decimals, as --csv writes them) and
 *  the periods employed in: worked out once for the periods of a remembered row, which every row of
 *  the same placement and amount shares (RetroCalculator.person). */
const sums = new WeakMap<readonly RetroPeriod[], { salary: string; stipends: string; n: number }>();
function exactSums(periods: readonly RetroPeriod[]): { salary: string; stipends: string; n: number } {
  let e = sums.get(periods);
  if (e === undefined) {
    const sum = (k: 'salary' | 'stipends') => periods.reduce((t, x) => t.plus(k === 'salary' ? x.differenceExact.minus(x.stipendsExact) : x.stipendsExact), dec(0));
    e = { salary: sum('salary').toFixed(4), stipends: sum('stipends').toFixed(4), n: periods.filter((x) => !x.fraction.eq(0)).length };
    sums.set(periods, e);
  }
  return e;
}

const f2 = (x: Dec | undefined) => (x === undefined ? '' : x.toFixed(2));
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

function personJson(r: RetroCalculator, p: RetroPerson) {
  if (p.status !== 'ok') return { row: p.row, id: p.id, status: p.status, reason: p.reason };
  return {
    row: p.row,
    id: p.id,
    status: 'ok',
    paid: jm(p.paid),
    owed: jm(p.owed),
    retro: jm(p.retro),
    retroExact: p.retroExact!.toFixed(6),
    salary: jm(p.salary),
    stipends: jm(p.stipends),
    creditable: jm(p.creditable),
    employer: Object.fromEntries(r.keys.map((k) => [k, jm(p.costs![k])])),
    employerTotal: jm(p.employerTotal),
    periods: p.periods!.map((x) => ({ period: x.period, fraction: x.fraction.eq(1) ? 1 : x.fraction.toFixed(6), paid: jm(x.paid), owed: jm(x.owed), owedExact: x.owedExact.toFixed(6), difference: jm(x.difference), differenceExact: x.differenceExact.toFixed(6), salary: jm(x.salary), stipends: jm(x.stipends) })),
  };
}

const W = [8, 12, 12, 12, 12, 12, 10, 8];

function tableLine(ctx: Ctx, p: RetroPerson): string {
  if (p.status !== 'ok') return fitText(ctx, [String(p.row).padEnd(7), p.id.padEnd(W[0]), ''.padStart(W[1]), ''.padStart(W[2]), ''.padStart(W[3]), ...(narrow(ctx) ? [] : [''.padStart(W[4])]), ''.padStart(W[5]), (p.status === 'blank' ? ctx.paint.dim(p.status.padEnd(W[6])) : ctx.paint.red(p.status.padEnd(W[6]))), p.reason].join(' ')) + '\n';
  const n = p.periods!.filter((x) => !x.fraction.eq(0)).length;
  const note = `${n} period${n === 1 ? '' : 's'}`;
  // narrower than the full line: the exact sum and the note go on a second, indented line
  if (narrow(ctx)) return [String(p.row).padEnd(7), p.id.padEnd(W[0]), formatMoney(p.paid!).padStart(W[1]), formatMoney(p.owed!).padStart(W[2]), formatMoney(p.retro!).padStart(W[3]), formatMoney(p.employerTotal!).padStart(W[5]), 'ok'].join(' ') + `\n        exact ${p.retroExact!.toFixed(4)}; ${note}\n`;
  return [String(p.row).padEnd(7), p.id.padEnd(W[0]), formatMoney(p.paid!).padStart(W[1]), formatMoney(p.owed!).padStart(W[2]), formatMoney(p.retro!).padStart(W[3]), p.retroExact!.toFixed(4).padStart(W[4]), formatMoney(p.employerTotal!).padStart(W[5]), 'ok'.padEnd(W[6]), note].join(' ') + '\n';
}

const FULL_LINE = 7 + W.slice(0, 7).reduce((t, w) => t + w + 1, 0) + 10;
const narrow = (ctx: Ctx) => ctx.width < FULL_LINE;

export async function run(o: RetroOptions, { out: ctx, agreement, io }: RunCtx): Promise<RunResult> {
  const a = await withBenefits(await agreement(), (m) => note(ctx, m));
  const raise = o.raise !== undefined ? dec(decimal(o.raise, 'raise', 'give a percentage, for example 4 or 4.23', true)!) : undefined;
  if (raise && (raise.lte(-50) || raise.gt(100))) throw new InputError(`--raise ${o.raise}: give a percentage between -50 and 100`);
  const periods = o.periods === undefined ? undefined : o.periods.trim() === '12' ? 12 : o.periods.trim() === '10' ? 10 : undefined;
  if (o.periods !== undefined && !periods) throw new InputError(`--periods ${JSON.stringify(o.periods)}: give 12 (monthly, July to June) or 10 (September to June)`);
  const rates = await loadRates(o.rates);
  const calc = new RetroCalculator(a, { effective: o.effective, paidThrough: o.paidThrough, periods, raise, rates, dateOrder: dateOrder(o.dateFormat) });
  const codes = { salary: o.salaryCode ?? 'RETRO-SAL', stipends: o.stipendCode ?? 'RETRO-STIP' };
  const out = bufferedWriter(ctx.stdout);
  let rows = 0;
  let firstJson = true;
  // every row allocates much (its periods in exact decimals): a heap kept near its live data, as
  // scenario costing's, when the run is the process's own (1,000,000 rows: peak 267-288 -> ~147 MB)
  if (io.ownsProcess) boundHeapGrowth();
  const map = o.columns !== undefined ? await parseColumnMap(o.columns, RETRO_COLUMNS) : undefined;
  for await (const b of readCsvBatches(o.roster, '--roster', { stdin: io.stdin, sheet: o.sheet, columns: { known: RETRO_COLUMNS, map }, batchBytes: RETRO_BATCH_BYTES })) {
    if (!Array.isArray(b)) {
      if (o.csv) await out.write(csvLine(['row', 'id', 'pay_code', 'amount', 'exact', 'from', 'through', 'periods', 'status', 'reason']));
      else if (o.json) await out.write(`{\n"agreement": ${JSON.stringify(a.meta.id)},\n"effective": ${JSON.stringify(o.effective)},\n"paidThrough": ${JSON.stringify(o.paidThrough)},\n"periods": ${JSON.stringify(calc.periods.map((p) => p.period))},\n"rows": [\n`);
      else if (narrow(ctx)) await out.write(['row'.padEnd(7), 'id'.padEnd(W[0]), 'paid'.padStart(W[1]), 'owed'.padStart(W[2]), 'retro'.padStart(W[3]), 'employer'.padStart(W[5]), 'status'].join(' ') + '\n');
      else await out.write(['row'.padEnd(7), 'id'.padEnd(W[0]), 'paid'.padStart(W[1]), 'owed'.padStart(W[2]), 'retro'.padStart(W[3]), 'exact'.padStart(W[4]), 'employer'.padStart(W[5]), 'status'.padEnd(W[6]), 'note'].join(' ') + '\n');
      continue;
    }
    let chunk = '';
    for (const r of b) {
      rows++;
      const p = calc.person(r);
      if (p.reason) p.reason = fieldText(p.reason, flagOf); // a reason may name an option ({dateFormat})
      if (o.csv) {
        const from = calc.periods[0].first, thru = calc.periods[calc.periods.length - 1].last;
        if (p.status !== 'ok') chunk += csvLine([p.row, p.id, '', '', '', from, thru, '', p.status, p.reason]);
        else {
          const e = exactSums(p.periods!);
          chunk += csvLine([p.row, p.id, codes.salary, f2(p.salary), e.salary, from, thru, e.n, 'ok', '']);
          if ((r.values.stipends ?? '').trim()) chunk += csvLine([p.row, p.id, codes.stipends, f2(p.stipends), e.stipends, from, thru, e.n, 'ok', '']);
        }
      } else if (o.json) {
        chunk += (firstJson ? '' : ',\n') + JSON.stringify(personJson(calc, p));
        firstJson = false;
      } else chunk += tableLine(ctx, p);
    }
    await out.write(chunk);
  }
  const T = calc.totals;
  if (o.json)
    await out.write(
      `\n],\n"totals": ${JSON.stringify({ persons: T.persons, invalid: T.invalid, blank: T.blank, paid: jm(T.paid), owed: jm(T.owed), retro: jm(T.retro), retroExact: T.retroExact.toFixed(6), salary: jm(T.salary), stipends: jm(T.stipends), creditable: jm(T.creditable), employer: Object.fromEntries(calc.keys.map((k) => [k, jm(T.costs[k])])), employerTotal: jm(T.employerTotal) })},\n"notes": ${flags(JSON.stringify(calc.notes))}\n}\n`,
    );
  else if (!o.csv) {
    await out.write(
      '\n' + fitText(ctx, `Retro ${formatMoney(T.retro)} to ${T.persons} ${T.persons === 1 ? 'person' : 'people'} (exact ${T.retroExact.toFixed(4)}), ${calc.periods.length} ${calc.periodsPerYear === 12 ? 'monthly' : 'ten-month'} periods ${calc.periods[0].period} to ${calc.periods[calc.periods.length - 1].period}; employer costs ${formatMoney(T.employerTotal)} (${calc.keys.map((k) => `${snake(k).replace(/_/g, ' ')} ${formatMoney(T.costs[k])}`).join(', ')})`) + '\n',
    );
    for (const n of calc.notes) await out.write(fitText(ctx, ctx.paint.dim(`Note: ${flags(n)}`)) + '\n');
  }
  await out.end();
  ctx.stderr.write(`${rows} rows: ${T.persons} computed, ${T.invalid} not computed${T.blank ? `, ${T.blank} blank` : ''}; retro ${formatMoney(T.retro)}, employer costs ${formatMoney(T.employerTotal)}\n`);
  return { failed: T.invalid > 0 };
}
