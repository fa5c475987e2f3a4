// cba part-time-retirement: part-time employment with full retirement credit (Article XVII): the
// conditions of 2.A, 2.B and 2.E, the pro-rata pay of 2.D with retirement on the full-time salary (1),
// and the notice and meeting dates of 4.
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { formatDate } from '../core/date';
import { plain } from '../core/money';
import { partTimeRetirement } from '../rules/leaves/part-time-retirement';
import { date, decimalValue, int, rangedDecimal, RANGES } from '../cli/parse';
import { jm, money, printJson, renderTable, warn, write } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { dec } from '../core/money';

export const DESCRIPTION = 'Part-time employment with full retirement credit: who qualifies, the pay and the dates';

export const OPTIONS = {
  reduction: { flags: '--reduction <date>', help: 'first day of the reduced workload (YYYY-MM-DD)', required: true },
  born: { flags: '--born <date>', help: 'date of birth: the age condition' },
  fullTimeYears: { flags: '--full-time-years <n>', help: 'years employed full time in a certificated position' },
  precedingFullTimeYears: { flags: '--preceding-full-time-years <n>', help: 'of them, consecutive full-time years just before the reduction' },
  fte: { flags: '--fte <x>', help: 'the part-time share, 0 < x < 1 (at least the agreement\'s minimum)' },
  days: { flags: '--days <n>', help: 'or: part-time days of service a year ...' },
  finalYearDays: { flags: '--final-year-days <n>', help: '... and the contract days of the final full-time year' },
  class: { flags: '-c, --class <class>', help: 'salary class, for the pay (as cba salary)' },
  step: { flags: '-s, --step <n>', help: 'salary step, for the pay' },
  schedule: { flags: '--schedule <id>', help: 'salary schedule, for the pay' },
  year: { flags: '--year <yyyy-yy>', help: 'school year of the schedule' },
  ...JSON_OPTION,
} as const;
export type PartTimeRetirementOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('part-time-retirement').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        '# does a teacher born 1950-09-14 with 12 full-time years qualify for July 1?',
        'cba part-time-retirement --reduction 2006-07-01 --born 1950-09-14 --full-time-years 12 --preceding-full-time-years 6 --fte 0.5',
        '# the pay at half time, and the retirement base',
        'cba part-time-retirement --reduction 2006-07-01 --fte 0.6 --class IV --step 13',
        'cba part-time-retirement --reduction 2006-07-01 --days 95 --final-year-days 190 --json',
      ]),
    )
    .action((o: PartTimeRetirementOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export async function run(o: PartTimeRetirementOptions, { out: ctx, agreement }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  if ((o.class === undefined) !== (o.step === undefined)) throw new InputError(o.class === undefined ? '--step needs --class for the pay' : '--class needs --step for the pay');
  const years = (v: string | undefined, f: string) => decimalValue(v === undefined ? undefined : rangedDecimal(v, f, 'give years, for example 10', { max: 80, what: 'years (a career)' }), f, 'give years, for example 10');
  const r = partTimeRetirement(a, {
    reduction: date(o.reduction, 'reduction'),
    born: o.born === undefined ? undefined : date(o.born, 'born'),
    fullTimeYears: years(o.fullTimeYears, 'fullTimeYears'),
    precedingFullTimeYears: years(o.precedingFullTimeYears, 'precedingFullTimeYears'),
    fte: decimalValue(o.fte, 'fte', 'give the part-time share, for example 0.5'),
    days: o.days === undefined ? undefined : dec(rangedDecimal(o.days, 'days', 'give days, for example 95', RANGES.daysAYear)!),
    finalYearDays: o.finalYearDays === undefined ? undefined : dec(rangedDecimal(o.finalYearDays, 'finalYearDays', 'give days, for example 190', RANGES.daysAYear)!),
    class: o.class,
    step: int(o.step, 'step', 'give the step as a whole number'),
    schedule: o.schedule,
    year: o.year,
  });
  const unchecked = r.conditions.filter((c) => c.status === 'not checked');
  const warnings = unchecked.length ? [`not checked: ${unchecked.map((c) => c.label.toLowerCase()).join('; ')} (give ${unchecked.map((c) => c.reason.replace(/^give /, '')).join(', ')})`] : [];
  for (const w of warnings) warn(ctx, w);
  const failed = !r.eligible;
  if (o.json) {
    printJson(ctx, {
      agreement: a.meta.id,
      reduction: o.reduction,
      eligible: r.eligible,
      complete: r.complete,
      conditions: r.conditions,
      dates: r.dates.map((d) => ({ id: d.id, label: d.label, date: formatDate(d.date), source: d.source })),
      ...(r.pay
        ? {
            pay: {
              fte: Number(r.pay.fte.toFixed(6)),
              fullTimeSalary: jm(r.pay.fullSalary.totalSalary),
              partTimeSalary: jm(r.pay.partSalary.totalSalary),
              partTimeMonthly: jm(r.pay.partSalary.monthlyPay),
              retirementBase: jm(r.pay.fullSalary.totalSalary),
              healthAsFullTime: true,
              sources: r.pay.sources,
            },
          }
        : {}),
      sources: uniqueSources(r.sources),
      readings: r.readings.map((x) => x.text),
      warnings,
    });
    return { failed };
  }
  const mark = (s: string) => (s === 'met' ? ctx.paint.green(s) : s === 'not met' ? ctx.paint.red(s) : ctx.paint.dim(s));
  const rows: string[][] = r.conditions.map((c) => [c.label, c.value || 'not given', `${mark(c.status)}: ${c.reason}; needed ${c.need}`, sourceText(c.sources[0])]);
  if (r.pay) {
    const p = r.pay;
    rows.push(
      ['Full-time salary', money(p.fullSalary.totalSalary), `Class ${p.fullSalary.class}, Step ${p.fullSalary.step}, ${p.fullSalary.schedule} ${p.fullSalary.year}`, sourceText(p.fullSalary.sources[0])],
      ['Part-time salary (pro rata)', money(p.partSalary.totalSalary), `x ${plain(p.fte)}; ${money(p.partSalary.monthlyPay)} a month`, sourceText(p.sources[0])],
      ['Retirement contributed on', money(p.fullSalary.totalSalary), 'the full-time salary', sourceText(p.sources[1])],
      ['Health and welfare benefits', 'as full time', '', sourceText(p.sources[2])],
    );
  }
  for (const d of r.dates) rows.push([d.label, formatDate(d.date), `before the reduction on ${o.reduction}`, sourceText(d.source)]);
  write(ctx, await renderTable(ctx, { head: ['Condition or figure', 'Value', 'How / why', 'Source'], rows, right: [1] }));
  write(ctx, r.eligible ? (r.complete ? 'Eligible: every condition is met.' : 'No condition failed; some were not checked.') : ctx.paint.red('Not eligible: a condition is not met.'));
  for (const x of r.readings) write(ctx, ctx.paint.dim(`Reading: ${x.text}`));
  return { failed };
}
