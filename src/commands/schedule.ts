// cba schedule: a whole salary schedule of Appendix A, per class and step.
import type { Command } from 'commander';
import { scheduleTableText, type ScheduleCellText } from '../rules/schedules/salary';
import { csvLine, printJson, renderTable, write, type Painter } from '../cli/output';
import { groupMoney } from '../core/money';
import { cite, citeShort } from '../rules/source';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx } from '../cli/command';
import { examples } from '../cli/help';
import { InputError } from '../core/errors';
import { positionList } from '../rules/schedules/positions';
import { sourceText } from '../cli/sources';

export const DESCRIPTION = 'A whole salary schedule of Appendix A: annual salary and daily rate per class and step';

export const OPTIONS = {
  schedule: { flags: '--schedule <id>', help: 'basic, community-day or preschool (default: basic)' },
  year: { flags: '--year <yyyy-yy>', help: 'school year (default: the latest in the rules); with a mid-year change, the schedule in force when the year starts' },
  asOf: { flags: '--as-of <date>', help: 'the schedule in force on this date (YYYY-MM-DD)' },
  positions: { flags: '--positions', help: 'list the positions and the schedule each is paid on' },
  ...JSON_OPTION,
  csv: { flags: '--csv', help: 'print CSV (one row per cell)' },
} as const;
export type ScheduleOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('schedule').description(DESCRIPTION), OPTIONS)
    .addHelpText('after', () => examples(['cba schedule', 'cba schedule --positions', 'cba schedule --schedule preschool', 'cba schedule --schedule community-day --csv > cds.csv', 'cba schedule --json | jq ".cells[0]"']))
    .action((o: ScheduleOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export async function run(o: ScheduleOptions, { out: ctx, agreement }: RunCtx): Promise<void> {
  const a = await agreement();
  if (o.positions) {
    if (o.schedule !== undefined || o.year !== undefined || o.asOf !== undefined) throw new InputError('--positions lists every position; give it without --schedule, --year or --as-of');
    const list = positionList(a);
    if (!list.length) throw new InputError(`the agreement ${a.meta.id} lists no positions (agreement.yaml positions)`);
    if (o.json) return printJson(ctx, { agreement: a.meta.id, positions: list.map((p) => ({ position: p.position, schedule: p.schedule, source: p.source })) });
    if (o.csv) return write(ctx, [csvLine(['position', 'schedule', 'source']), ...list.map((p) => csvLine([p.position, p.schedule, sourceText(p.source)]))].join('').trimEnd());
    return write(ctx, await renderTable(ctx, { head: ['Position', 'Schedule', 'Source'], rows: list.map((p) => [p.position, p.schedule, sourceText(p.source)]) }));
  }
  const { schedule: s, cells } = scheduleTableText(a, o.schedule, o.year, o.asOf);
  const hourly = s.basis === 'hourly';
  if (o.json) {
    return printJson(ctx, {
      agreement: a.meta.id,
      schedule: s.id,
      name: s.name,
      year: s.year,
      effective: s.effective,
      basis: s.basis,
      classes: s.classes,
      source: cite(s.cite, { file: s.file }),
      ...(s.note ? { note: s.note } : {}),
      cells: cells.map((c) => ({
        class: c.class,
        step: c.step,
        ...(hourly ? { hourlyRate: num(c.hourlyRate) } : {}),
        annualSalary: Number(c.annual),
        dailyRate: Number(c.dailyRate),
        ...(c.printedDailyRate ? { printedDailyRate: Number(c.printedDailyRate), dailyRateDiffers: c.differs } : {}),
      })),
    });
  }
  if (o.csv) {
    let out = csvLine(['class', 'step', ...(hourly ? ['hourly_rate'] : []), 'annual_salary', 'daily_rate', ...(hourly ? [] : ['printed_daily_rate'])]);
    for (const c of cells)
      out += csvLine([c.class, c.step, ...(hourly ? [c.hourlyRate!] : []), c.annual, c.dailyRate, ...(hourly ? [] : [c.printedDailyRate ?? ''])]);
    return write(ctx, out.trimEnd());
  }
  const rows = tableRows(s.classes, cells, hourly, ctx.paint);
  const title = `${s.name} ${s.year}, effective ${s.effective}${hourly ? ` (hourly rates; daily pay below)` : ' (annual salary; daily rate below)'}`;
  write(ctx, await renderTable(ctx, { title, head: ['Step', ...s.classes.map((c) => (/^(class|column|col\.?)\s/i.test(c) ? c : `Class ${c}`))], rows, right: s.classes.map((_, i) => i + 1) }));
  const differ = cells.filter((c) => c.differs);
  if (differ.length)
    write(
      ctx,
      `* printed daily rate differs from annual / ${a.meta.parameters.baseYearDays.value} rounded half-up (${citeShort(a.meta.parameters.baseYearDays.cite)}): ` +
        differ.map((c) => `Class ${c.class} Step ${c.step} printed ${money(c.printedDailyRate)}, rule ${money(c.dailyRate)}`).join('; '),
    );
  if (s.note) write(ctx, ctx.paint.dim(`Note: ${s.note}`));
}

/** The table's rows: a step's figures by class, then its daily rates (a function of its own, so the
 *  loop V8 compiles as it runs is this one and not all of run). */
function tableRows(classes: string[], cells: ScheduleCellText[], hourly: boolean, paint: Painter): string[][] {
  // each step's cells by class (the first of a step and class, as a search would find it)
  const byStep = new Map<number, Map<string, ScheduleCellText>>();
  for (const c of cells) {
    let m = byStep.get(c.step);
    if (!m) byStep.set(c.step, (m = new Map()));
    if (!m.has(c.class)) m.set(c.class, c);
  }
  const rows: string[][] = [];
  for (const [st, ofStep] of byStep) {
    const main: string[] = [String(st)];
    const sub: string[] = [''];
    for (const cl of classes) {
      const c = ofStep.get(cl);
      if (!c) {
        main.push('');
        sub.push('');
        continue;
      }
      if (hourly) {
        main.push(money(c.hourlyRate));
        sub.push(paint.dim(money(c.dailyRate) + '/d'));
      } else {
        main.push(money(c.annual));
        sub.push(c.differs ? paint.yellow(`${money(c.printedDailyRate)}*`) : paint.dim(money(c.dailyRate)));
      }
    }
    rows.push(main, sub);
  }
  return rows;
}

/** A figure as shown (its text to the cent) grouped with commas, as output's money() prints a decimal. */
function money(t: string | undefined): string {
  return t === undefined ? '' : groupMoney(t);
}

/** A figure as shown, for JSON: the number its text reads as (output's jm() of the decimal). */
function num(t: string | undefined): number | undefined {
  return t === undefined ? undefined : Number(t);
}
