import { salary, type SalaryResult } from '../rules/salary';
import { setup } from '../cli/context';
import { intArg, decArg, required } from '../cli/args';
import { csvLine, jm, money, printJson, renderTable, warn, write, type Ctx } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { plain } from '../core/money';
import { InputError } from '../core/errors';
import { computeStipends } from '../rules/stipend';
import { payWithStipends, type PayWithStipends } from '../rules/pay';
import { stipendInput, checkFlagsMatch } from './stipend-input';
import { stipendJson } from './stipend.run';
import { markCheckFailed } from '../cli/check';
import type { StipendsTotal } from '../rules/stipend';

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
    readings: r.readings,
    warnings: r.warnings,
  };
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
      ? { perfectAttendance: { amount: jm(w.pay.perfectAttendance.amount), how: w.pay.how, source: w.pay.perfectAttendance.source, reading: w.pay.perfectAttendance.reading } }
      : {}),
  };
}

export async function renderSalary(ctx: Ctx, r: SalaryResult, fmt: { json?: boolean; csv?: boolean }, w?: WithStipends) {
  for (const x of r.warnings) warn(ctx, x);
  if (w) {
    r = { ...r, lines: [...r.lines], readings: [...r.readings, ...w.pay.readings] };
    for (const x of w.st.stipends)
      r.lines.push({ figure: `stipend:${x.id}`, label: `Stipend: ${x.name}${x.count > 1 ? ` x ${x.count}` : ''}${x.eligible === false ? ' (not eligible: 0)' : ''}`, value: x.eligible === false ? x.annual.times(0) : x.annual, unit: 'money', how: `${x.how}; ${x.reason}`, source: x.sources[0] });
    r.lines.push({ figure: 'totalPay', label: 'Total pay with stipends', value: w.pay.totalPay, unit: 'money' });
    r.lines.push({ figure: 'monthlyPayWithStipends', label: 'Monthly pay with stipends', value: w.pay.monthlyPay, unit: 'money' });
    r.lines.push({ figure: 'dailyRateInclusiveOfStipends', label: 'Daily rate inclusive of stipends', value: w.pay.dailyRateInclusive, unit: 'money', how: w.pay.how });
    if (w.perfectAttendance && w.pay.perfectAttendance) {
      r.lines.push({ figure: 'perfectAttendance', label: 'Perfect-attendance payment (XV.3)', value: w.pay.perfectAttendance.amount, unit: 'money', how: 'one daily rate inclusive of stipends', source: w.pay.perfectAttendance.source });
      r.readings.push(w.pay.perfectAttendance.reading);
    }
  }
  if (fmt.json) return printJson(ctx, { ...salaryJson(r), ...(w ? stipendPart(w) : {}) });
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

export async function action0(o: any, cmd: any) {
      const { a, ctx } = await setup(cmd);
      const r = salary(a, {
        schedule: o.schedule,
        year: o.year,
        class: required(o.class, '--class', 'give the salary class, for example --class IV'),
        step: required(intArg(o.step, '--step', 'give the step as a whole number, for example --step 13'), '--step', 'give the step, for example --step 13'),
        days: intArg(o.days, '--days', 'give the work days on the calendar, for example --days 200'),
        fte: decArg(o.fte, '--fte', 'give the fraction of full time, for example --fte 0.5'),
      });
      let w: WithStipends | undefined;
      if (o.stipend?.length) {
        const input = stipendInput({ ...o, year: r.year, class: r.class });
        checkFlagsMatch(a, o.stipend, input, true);
        const st = computeStipends(a, o.stipend, input);
        if (st.stipends.some((x) => x.eligible === false)) markCheckFailed();
        w = { st, pay: payWithStipends(a, r, st), perfectAttendance: Boolean(o.perfectAttendance) };
      } else if (o.perfectAttendance) {
        const st = computeStipends(a, [], {});
        w = { st, pay: payWithStipends(a, r, st), perfectAttendance: true };
      } else {
        const stray = ['years', 'rating', 'alreadyReceiving', 'awarded', 'site', 'transferred', 'teachers', 'contractDays', 'activityHours', 'activityDays', 'fourHoursPays', 'tutoringHours'].find((k) => o[k] !== undefined);
        if (stray) throw new InputError(`--${stray.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} is a stipend flag; add --stipend <id> to use it`);
      }
      await renderSalary(ctx, r, o, w);
    }
