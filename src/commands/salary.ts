import type { Command } from 'commander';
import { salary, type SalaryResult } from '../rules/salary';
import { setup, examples } from '../cli/context';
import { intArg, decArg, required } from '../cli/args';
import { csvLine, jm, money, printJson, renderTable, warn, write, type Ctx } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { plain } from '../core/money';

export function salaryJson(r: SalaryResult) {
  return {
    agreement: r.agreement,
    year: r.year,
    schedule: r.schedule,
    scheduleName: r.scheduleName,
    effective: r.effective,
    class: r.class,
    step: r.step,
    annualSalary: jm(r.annualSalary),
    dailyRate: jm(r.dailyRate),
    printedDailyRate: jm(r.printedDailyRate),
    dailyRateDiffers: r.printedDailyRate !== undefined && !r.printedDailyRate.eq(r.dailyRate),
    ...(r.hourlyRate ? { hourlyRate: jm(r.hourlyRate) } : {}),
    hoursPerDay: Number(plain(r.hoursPerDay)),
    monthlyPay: jm(r.monthlyPay),
    baseDays: r.baseDays,
    days: r.days,
    extraDays: r.extraDays,
    extraDaysPay: jm(r.extraDaysPay),
    fte: Number(plain(r.fte)),
    totalSalary: jm(r.totalSalary),
    figures: r.lines.map((l) => ({ figure: l.figure, label: l.label, value: l.unit === 'money' ? jm(l.value) : Number(plain(l.value)), how: l.how, source: l.source })),
    sources: uniqueSources(r.sources),
    readings: r.readings,
    warnings: r.warnings,
  };
}

export async function renderSalary(ctx: Ctx, r: SalaryResult, fmt: { json?: boolean; csv?: boolean }, extra?: object) {
  for (const w of r.warnings) warn(ctx, w);
  if (fmt.json) return printJson(ctx, { ...salaryJson(r), ...extra });
  if (fmt.csv) {
    let s = csvLine(['figure', 'label', 'value', 'how', 'source']);
    for (const l of r.lines) s += csvLine([l.figure, l.label, l.unit === 'money' ? l.value.toFixed(2) : plain(l.value), l.how ?? '', sourceText(l.source)]);
    return write(ctx, s.trimEnd());
  }
  const title = `${r.scheduleName} ${r.year} (effective ${r.effective}): Class ${r.class}, Step ${r.step}`;
  const rows = r.lines.map((l) => [l.label, l.unit === 'money' ? money(l.value) : plain(l.value), l.how ?? '', sourceText(l.source)]);
  write(ctx, await renderTable(ctx, { title, head: ['Figure', 'Amount', 'How', 'Source'], rows, right: [1] }));
  for (const rd of r.readings) write(ctx, ctx.paint.dim(`Reading: ${rd}`));
}

export function register(program: Command) {
  program
    .command('salary')
    .description('Annual salary, daily rate, extra days, short calendars and part time (Appendix A, Article XV.1)')
    .option('-c, --class <class>', 'salary class as printed: A, I, II, III, IV, V, VI')
    .option('-s, --step <n>', 'step on the schedule (1-13)')
    .option('--schedule <id>', 'basic, community-day or preschool (default: basic)')
    .option('--year <yyyy-yy>', 'school year of the schedule (default: the latest in the rules)')
    .option('--days <n>', 'work days on the calendar: 191-225 pays extra days, 123-189 is pro rata')
    .option('--fte <x>', 'part-time share, 0 < x <= 1')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText(
      'after',
      examples([
        'cba salary --class IV --step 13',
        'cba salary --class IV --step 13 --days 200 --json',
        'cba salary --class II --step 5 --fte 0.5',
        'cba salary --schedule preschool --class III --step 4',
        'cba salary --schedule community-day --class V --step 10 --csv',
      ]),
    )
    .action(async (o, cmd) => {
      const { a, ctx } = await setup(cmd);
      const r = salary(a, {
        schedule: o.schedule,
        year: o.year,
        class: required(o.class, '--class', 'give the salary class, for example --class IV'),
        step: required(intArg(o.step, '--step', 'give the step as a whole number, for example --step 13'), '--step', 'give the step, for example --step 13'),
        days: intArg(o.days, '--days', 'give the work days on the calendar, for example --days 200'),
        fte: decArg(o.fte, '--fte', 'give the fraction of full time, for example --fte 0.5'),
      });
      await renderSalary(ctx, r, o);
    });
}
