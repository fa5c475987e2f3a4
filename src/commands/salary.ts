// cba salary: annual salary, daily rate, extra days, short calendars and part time (Appendix A, XV.1),
// with stipends added (--stipend) and the perfect-attendance payment.
import type { Command } from 'commander';
import { salary, type SalaryResult } from '../rules/schedules/salary';
import { computeStipends, memberRate, type StipendsTotal } from '../rules/stipends/stipends';
import { payWithStipends, type PayWithStipends } from '../rules/stipends/pay';
import { plain } from '../core/money';
import { InputError } from '../core/errors';
import { JSON_CSV_OPTIONS, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { int, decimal, required } from '../cli/parse';
import { csvLine, jm, money, printJson, renderTable, warn, write, type Ctx } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { citeRef } from '../rules/source';
import { STIPEND_OPTIONS, checkFlagsMatch, stipendInput, stipendJson, strayStipendFlag } from './stipend';
import { uniqueReadings } from '../rules/readings';

export const DESCRIPTION = 'Annual salary, daily rate, extra days, short calendars and part time (Appendix A)';

export const OPTIONS = {
  class: { flags: '-c, --class <class>', help: 'salary class as printed: A, I, II, III, IV, V, VI' },
  step: { flags: '-s, --step <n>', help: 'step on the schedule (1-13)' },
  schedule: { flags: '--schedule <id>', help: 'basic, community-day or preschool (default: basic)' },
  position: { flags: '--position <name>', help: 'the position: picks its schedule (cba schedule --positions lists them)' },
  year: { flags: '--year <yyyy-yy>', help: 'school year (default: the latest schedule); a year whose schedule changes inside it is paid in parts' },
  weighting: { flags: '--weighting <w>', help: 'parts of a year with a mid-year change: months (monthly warrants in force, default) or days (calendar days)' },
  days: { flags: '--days <n>', help: 'work days on the calendar: more than {=baseYearDays} (up to {=maxYearDays}) pays extra days, {=minYearDays} to fewer than {=baseYearDays} is pro rata' },
  fte: { flags: '--fte <x>', help: 'part-time share, 0 < x <= 1' },
  stipend: { flags: '--stipend <ids...>', help: 'add stipends to the pay (ids as in cba stipend --list)' },
  perfectAttendance: { flags: '--perfect-attendance', help: 'show the perfect-attendance payment (one daily rate inclusive of stipends)' },
  ...STIPEND_OPTIONS,
  ...JSON_CSV_OPTIONS,
} as const;
export type SalaryOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('salary').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        'cba salary --class IV --step 13',
        'cba salary --class V --step 13 --stipend ltvs head-teacher --years 21 --rating meets --perfect-attendance',
        'cba salary --class IV --step 13 --days 200 --json',
        'cba salary --rules fixtures/rules/midyear-2006-07 --class IV --step 13 --year 2006-07   # a mid-year raise: the parts added',
        'cba salary --rules fixtures/rules/midyear-2006-07 --class IV --step 13 --as-of 2007-03-15',
        'cba salary --class II --step 5 --fte 0.5',
        'cba salary --schedule preschool --class III --step 4',
        'cba salary --schedule community-day --class V --step 10 --csv',
        'cba salary --position "Resource Specialist" --class III --step 7',
      ]),
    )
    .action((o: SalaryOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export function salaryJson(r: SalaryResult) {
  return {
    agreement: r.agreement,
    year: r.year,
    schedule: r.schedule,
    scheduleName: r.scheduleName,
    effective: r.effective,
    ...(r.position ? { position: { name: r.position.position, schedule: r.position.schedule, source: r.position.source } } : {}),
    class: r.class,
    step: r.step,
    annualSalary: jm(r.annualSalary),
    dailyRate: jm(r.dailyRate),
    ...(r.printedStep !== r.step ? { printedStep: r.printedStep } : {}),
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
    readings: r.readings.map((x) => x.text),
    warnings: r.warnings,
    ...(r.parts ? { parts: r.parts.map((p) => ({ ...p, weight: Number(p.weight.toFixed(10)), annualSalary: jm(p.annualSalary), totalSalary: jm(p.totalSalary), amount: Number(p.amount.toFixed(4)) })) } : {}),
  };
}

function weightingArg(v: unknown): 'months' | 'days' | undefined {
  if (v === undefined) return undefined;
  if (v === 'months' || v === 'days') return v;
  throw new InputError(`--weighting ${String(v)}: give months (the monthly warrants each schedule is in force, the default) or days (calendar days)`);
}

export interface WithStipends {
  st: StipendsTotal;
  pay: PayWithStipends;
  perfectAttendance: boolean;
}

function stipendPart(w: WithStipends) {
  return {
    stipends: w.st.stipends.map(stipendJson),
    stipendTotal: jm(w.pay.stipendAnnual),
    stipendMonthlyTotal: jm(w.pay.stipendMonthly),
    totalPay: jm(w.pay.totalPay),
    monthlyPayWithStipends: jm(w.pay.monthlyPay),
    dailyRateInclusiveOfStipends: jm(w.pay.dailyRateInclusive),
    ...(w.perfectAttendance && w.pay.perfectAttendance
      ? { perfectAttendance: { amount: jm(w.pay.perfectAttendance.amount), how: w.pay.how, source: w.pay.perfectAttendance.source, reading: w.pay.perfectAttendance.reading?.text } }
      : {}),
  };
}

export async function renderSalary(ctx: Ctx, r: SalaryResult, fmt: { json?: boolean; csv?: boolean }, w?: WithStipends) {
  for (const x of r.warnings) warn(ctx, x);
  if (w) {
    r = { ...r, lines: [...r.lines], readings: uniqueReadings([...r.readings, ...w.st.stipends.flatMap((x) => x.readings), ...w.pay.readings]) };
    for (const x of w.st.stipends)
      r.lines.push({ figure: `stipend:${x.id}`, label: `Stipend: ${x.name}${x.count > 1 ? ` x ${x.count}` : ''}${x.eligible === false ? ' (not eligible: 0)' : ''}`, value: x.eligible === false ? x.annual.times(0) : x.annual, unit: 'money', how: `${x.how}; ${x.reason}`, source: x.sources[0] });
    r.lines.push({ figure: 'totalPay', label: 'Total pay with stipends', value: w.pay.totalPay, unit: 'money' });
    r.lines.push({ figure: 'monthlyPayWithStipends', label: 'Monthly pay with stipends', value: w.pay.monthlyPay, unit: 'money' });
    r.lines.push({ figure: 'dailyRateInclusiveOfStipends', label: 'Daily rate inclusive of stipends', value: w.pay.dailyRateInclusive, unit: 'money', how: w.pay.how });
    if (w.perfectAttendance && w.pay.perfectAttendance) {
      r.lines.push({ figure: 'perfectAttendance', label: `Perfect-attendance payment${w.pay.perfectAttendance.source ? ` (${citeRef(w.pay.perfectAttendance.source)})` : ''}`, value: w.pay.perfectAttendance.amount, unit: 'money', how: 'one daily rate inclusive of stipends', source: w.pay.perfectAttendance.source });
      if (w.pay.perfectAttendance.reading) r.readings.push(w.pay.perfectAttendance.reading);
    }
  }
  if (fmt.json) return printJson(ctx, { ...salaryJson(r), ...(w ? stipendPart(w) : {}) });
  if (fmt.csv) {
    let s = csvLine(['figure', 'label', 'value', 'how', 'source']);
    for (const l of r.lines) s += csvLine([l.figure, l.label, l.unit === 'money' ? l.value.toFixed(2) : plain(l.value), l.how ?? '', sourceText(l.source)]);
    return write(ctx, s.trimEnd());
  }
  const title = `${r.scheduleName} ${r.year} (effective ${r.effective}): Class ${r.class}, Step ${r.step}${r.position ? `; ${r.position.position} (Art. ${r.position.source.article}.${r.position.source.section})` : ''}`;
  const rows = r.lines.map((l) => [l.label, l.unit === 'money' ? money(l.value) : plain(l.value), l.how ?? '', sourceText(l.source)]);
  write(ctx, await renderTable(ctx, { title, head: ['Figure', 'Amount', 'How', 'Source'], rows, right: [1] }));
  for (const rd of r.readings) write(ctx, ctx.paint.dim(`Reading: ${rd.text}`));
}

export async function run(o: SalaryOptions, { out: ctx, agreement }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  const r = salary(a, {
    schedule: o.schedule,
    position: o.position,
    year: o.year,
    class: required(o.class, 'class', 'give the salary class, for example {class} IV'),
    step: required(int(o.step, 'step', 'give the step as a whole number, for example {step} 13'), 'step', 'give the step, for example {step} 13'),
    days: int(o.days, 'days', 'give the work days on the calendar, for example {days} 200'),
    fte: decimal(o.fte, 'fte', 'give the fraction of full time, for example {fte} 0.5'),
    asOf: o.asOf,
    weighting: weightingArg(o.weighting),
  });
  let w: WithStipends | undefined;
  let failed = false;
  if (o.stipend?.length) {
    const input = { ...stipendInput({ ...o, year: r.year, class: r.class }), member: memberRate(a, r) };
    checkFlagsMatch(a, o.stipend, input, true);
    const st = computeStipends(a, o.stipend, input);
    failed = st.stipends.some((x) => x.eligible === false);
    w = { st, pay: payWithStipends(a, r, st), perfectAttendance: Boolean(o.perfectAttendance) };
  } else if (o.perfectAttendance) {
    const st = computeStipends(a, [], {});
    w = { st, pay: payWithStipends(a, r, st), perfectAttendance: true };
  } else {
    const stray = strayStipendFlag(o, 'asOf'); // --as-of also picks the schedule in force
    if (stray) throw new InputError(`${stray} is a stipend flag; add --stipend <id> to use it`);
  }
  await renderSalary(ctx, r, o, w);
  return { failed };
}
