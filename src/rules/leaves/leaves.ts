// Article XIII: sick leave accrual and balance, extended absence (differential pay), and the
// limits of the other leaves. Pure: rules and inputs in; figures, checks and sources out.
import { Big, dec, round, plain, percent, formatMoney, type Dec } from '../../core/money';
import { FieldError } from '../../core/errors';
import { cite, citeRef, citeShort, type Source } from '../source';
import { reading, uniqueReadings, type Reading } from '../readings';
import type { Agreement } from '../types';
import { part } from '../part';
import { own } from '../../core/own';
import { industrialAllowed } from './other-leaves';
import type { LimitCheck } from './limit';

export interface LeaveQty {
  value: Dec;
  unit: 'days' | 'hours';
}

/** "12", "12d", "12 days", "81h", "81 hours" -> a quantity; plain numbers are days. */

export interface AccrualInput {
  daysWorked?: string | number;
  assignment?: string;
  hoursPerDay?: string;
  allowHours?: boolean;
  fte?: string;
}

export interface Accrual {
  daysWorked: Dec;
  daysWorkedGiven: boolean;
  assignment?: string;
  hoursPerDay: Dec;
  fte: Dec;
  /** exact days before the cap and part time */
  ratioDays: Dec;
  capped: boolean;
  /** exact accrued days (after cap and FTE) */
  days: Dec;
  daysShown: Dec;
  hoursShown: Dec;
  how: string[];
  sources: Source[];
  readings: Reading[];
  warnings: string[];
}

export function resolveHoursPerDay(a: Agreement, input: AccrualInput): { hpd: Dec; assignment?: string; readings: Reading[]; source?: Source } {
  const readings: Reading[] = [];
  if (input.hoursPerDay !== undefined && input.assignment !== undefined)
    throw new FieldError('assignment', `{assignment} ${input.assignment} with {hoursPerDay} ${input.hoursPerDay}: give one of them (an assignment sets the hours of its day)`);
  if (input.hoursPerDay !== undefined) {
    let h: Dec;
    try {
      h = dec(input.hoursPerDay);
    } catch {
      throw new FieldError('hoursPerDay', `{hoursPerDay} ${JSON.stringify(input.hoursPerDay)}: not a number of hours, for example 6.75`);
    }
    if (h.lte(0) || h.gt(24)) throw new FieldError('hoursPerDay', `{hoursPerDay} ${input.hoursPerDay}: a day has more than 0 and at most 24 hours`);
    const match = Object.entries(a.meta.assignments).find(([, x]) => dec(x.hoursPerDay).eq(h));
    if (!match && !input.allowHours)
      throw new FieldError('hoursPerDay',
        `{hoursPerDay} ${input.hoursPerDay}: the agreement has days of ${Object.values(a.meta.assignments).map((x) => x.hoursPerDay).join(', ')} hours; add {allowHours} to use another figure`,
      );
    const allowed = match ? undefined : reading(a.parts.leaves?.readings, 'hours-per-day-allowed', { hours: plain(h) });
    if (allowed) readings.push(allowed);
    return { hpd: h, assignment: match?.[0], readings, source: match ? cite(match[1].cite) : undefined };
  }
  const key = input.assignment ?? Object.keys(a.meta.assignments)[0];
  const asg = own(a.meta.assignments, key);
  if (!asg) throw new FieldError('assignment', `{assignment} ${key}: choose one of ${Object.keys(a.meta.assignments).join(', ')}`);
  return { hpd: dec(asg.hoursPerDay), assignment: key, readings, source: cite(asg.cite) };
}

export function parseFteText(v: string | undefined): Dec {
  if (v === undefined) return dec(1);
  let f: Dec;
  try {
    f = dec(v);
  } catch {
    throw new FieldError('fte', `{fte} ${JSON.stringify(v)}: not a number; give the fraction of full time, for example 0.6`);
  }
  if (f.lte(0) || f.gt(1)) throw new FieldError('fte', `{fte} ${v}: must be more than 0 and at most 1 (full time)`);
  return f;
}

export function accrual(a: Agreement, input: AccrualInput): Accrual {
  const lv = part(a, 'leaves').sickLeave;
  const RD = part(a, 'leaves').readings;
  const P = a.meta.parameters;
  const R = lv.rounding;
  const { hpd, assignment, readings, source } = resolveHoursPerDay(a, input);
  const given = input.daysWorked !== undefined;
  let dw: Dec;
  try {
    dw = dec(input.daysWorked ?? P.baseYearDays.value);
  } catch {
    throw new FieldError('daysWorked', `{daysWorked} ${JSON.stringify(input.daysWorked)}: not a number of days, for example 190`);
  }
  if (dw.lt(0)) throw new FieldError('daysWorked', `{daysWorked} ${plain(dw)}: days worked cannot be negative`);
  if (dw.gt(P.maxYearDays.value))
    throw new FieldError('daysWorked', `{daysWorked} ${plain(dw)}: a school year has at most ${P.maxYearDays.value} work days (Article ${P.maxYearDays.cite.article}.${P.maxYearDays.cite.section}: "${P.maxYearDays.cite.quote}")`);
  const fte = parseFteText(input.fte);
  const per = dec(lv.daysWorkedPerSickDay.value);
  const max = dec(lv.maxDaysPerYear.value);
  const ratio = dw.div(per);
  const capped = ratio.gt(max);
  const full = capped ? max : ratio;
  const days = full.times(fte);
  const how = [`${plain(dw)} days worked / ${plain(per)} = ${ratio.toFixed(4)}... days`];
  if (capped) how.push(`capped at ${plain(max)} days a year`);
  if (!fte.eq(1)) how.push(`x ${plain(fte)} FTE = ${days.toFixed(4)}... days`);
  how.push(`x ${plain(hpd)} hours a day = ${days.times(hpd).toFixed(4)}... hours`);
  const sources = [cite(lv.daysWorkedPerSickDay.cite), cite(lv.maxDaysPerYear.cite)];
  if (source) sources.push(source);
  if (!fte.eq(1) && a.meta.citations?.partTimeSickLeave) sources.push(cite(a.meta.citations.partTimeSickLeave));
  // An assignment whose sick-leave day the agreement does not state in hours (pre-school here) is valued at its own workday.
  const printed = lv.printedMaxHours.map((p) => p.assignment);
  if (assignment && !printed.includes(assignment)) {
    const asg = a.meta.assignments[assignment];
    const r = reading(RD, 'sick-day-at-workday', {
      assignment: asg.name,
      printed: printed.map((k) => `${a.meta.assignments[k].name.toLowerCase()} (${a.meta.assignments[k].hoursPerDay} h)`).join(' and '),
      ratioCite: citeShort(lv.daysWorkedPerSickDay.cite),
      hours: plain(hpd),
      workdayCite: citeShort(asg.cite),
      maxDays: plain(max),
      maxHours: plain(max.times(hpd)),
    });
    if (r) readings.push(r);
  }
  const warnings: string[] = [];
  const reach = per.times(max);
  const figures = { daysWorked: plain(dw), maxDays: plain(max), reach: plain(reach), perDay: plain(per), maxYearDays: P.maxYearDays.value, earned: ratio.toFixed(2) };
  const r = capped ? undefined : reading(RD, given ? 'accrual-below-cap' : 'accrual-calendar-assumed', figures);
  if (r) readings.push(r);
  return {
    daysWorked: dw,
    daysWorkedGiven: given,
    assignment,
    hoursPerDay: hpd,
    fte,
    ratioDays: ratio,
    capped,
    days,
    daysShown: round(days, R),
    hoursShown: round(days.times(hpd), R),
    how,
    sources,
    readings,
    warnings,
  };
}

export interface BalanceResult {
  carriedDays: Dec;
  usedDays: Dec;
  accruedDays: Dec;
  balanceDays: Dec;
  balanceDaysShown: Dec;
  balanceHoursShown: Dec;
  overdrawn: boolean;
  how: string;
  source: Source;
}

const toDays = (q: LeaveQty | undefined, hpd: Dec) => (q ? (q.unit === 'days' ? q.value : q.value.div(hpd)) : new Big(0));

export function balance(a: Agreement, acc: Accrual, carried?: LeaveQty, used?: LeaveQty): BalanceResult {
  const lv = part(a, 'leaves').sickLeave;
  const c = toDays(carried, acc.hoursPerDay);
  const u = toDays(used, acc.hoursPerDay);
  const b = c.plus(acc.days).minus(u);
  return {
    carriedDays: c,
    usedDays: u,
    accruedDays: acc.days,
    balanceDays: b,
    balanceDaysShown: round(b, lv.rounding),
    balanceHoursShown: round(b.times(acc.hoursPerDay), lv.rounding),
    overdrawn: b.lt(0),
    how: `${c.toFixed(2)} carried + ${acc.days.toFixed(2)} accrued - ${u.toFixed(2)} used`,
    source: cite(lv.carryOver),
  };
}

export interface AbsenceResult {
  absenceDays: number;
  availableDays: Dec;
  fullPayDays: Dec;
  differentialDays: Dec;
  unpaidDays: Dec;
  priorDifferentialDays: number;
  differentialPercent: number;
  dailyRate?: Dec;
  fullPay?: Dec;
  differentialPay?: Dec;
  unpaidPay?: Dec;
  totalPay?: Dec;
  how: string[];
  sources: Source[];
  readings: Reading[];
}

export function extendedAbsence(a: Agreement, input: { absenceDays: number; availableDays: Dec; priorDifferentialDays?: number; dailyRate?: Dec }): AbsenceResult {
  const lv = part(a, 'leaves').sickLeave;
  const RD = part(a, 'leaves').readings;
  const d = lv.differential;
  const n = input.absenceDays;
  if (!Number.isInteger(n) || n < 0) throw new FieldError('absence', `{absence} ${n}: give whole school days of absence, 0 or more`);
  const prior = input.priorDifferentialDays ?? 0;
  if (!Number.isInteger(prior) || prior < 0 || prior > d.maxDays)
    throw new FieldError('priorDifferentialDays', `{priorDifferentialDays} ${prior}: give whole days of differential pay already used in this continuous absence, 0 to ${d.maxDays}`);
  const avail = input.availableDays.lt(0) ? new Big(0) : input.availableDays;
  const full = avail.lt(n) ? avail : dec(n);
  const rest = dec(n).minus(full);
  const diffMax = dec(d.maxDays - prior);
  const diff = rest.lt(diffMax) ? rest : diffMax;
  const unpaid = rest.minus(diff);
  const how = [
    `${n} school days: ${full.toFixed(2)} at full pay from the sick leave balance of ${input.availableDays.toFixed(2)} days`,
    `then ${diff.toFixed(2)} at ${d.percent}% differential pay (at most ${d.maxDays} days${prior ? `, ${prior} already used in this continuous absence` : ''})`,
    `then ${unpaid.toFixed(2)} unpaid`,
  ];
  const res: AbsenceResult = {
    absenceDays: n,
    availableDays: input.availableDays,
    fullPayDays: full,
    differentialDays: diff,
    unpaidDays: unpaid,
    priorDifferentialDays: prior,
    differentialPercent: d.percent,
    how,
    sources: [cite(d.cite), cite(d.onceCite)],
    readings: uniqueReadings([reading(RD, 'partial-day-paid'), reading(RD, 'one-increment', { maxDays: d.maxDays, onceCite: citeShort(d.onceCite) })]),
  };
  if (input.dailyRate) {
    const R = a.meta.rounding.pay;
    res.dailyRate = input.dailyRate;
    res.fullPay = round(full.times(input.dailyRate), R);
    res.differentialPay = round(diff.times(input.dailyRate).times(percent(d.percent)), R);
    res.unpaidPay = new Big(0);
    res.totalPay = res.fullPay.plus(res.differentialPay);
    // worked as paid: the exact days (a partial day of balance is paid for its part), then the rounding
    const work = (days: Dec, pct: number | null, paid: Dec) => {
      const exact = pct === null ? days.times(input.dailyRate!) : days.times(input.dailyRate!).times(percent(pct));
      const dd = days.eq(round(days, { mode: 'half-up', unit: 0.01 })) ? days.toFixed(2) : `${days.toFixed(6)}...`;
      return `${dd} x ${formatMoney(input.dailyRate!)}${pct === null ? '' : ` x ${pct}%`} = ${exact.eq(paid) ? formatMoney(paid) : `${exact.toFixed(4)}..., rounded ${R.mode} to ${formatMoney(paid)}`}`;
    };
    how.push(`pay: ${work(full, null, res.fullPay)}; ${work(diff, d.percent, res.differentialPay)}`);
  }
  return res;
}

export type { LimitCheck } from './limit';

export interface LimitInput {
  personalNecessity?: Dec;
  personalBusiness?: Dec;
  familyIllness?: Dec;
  bereavement?: Dec;
  outOfState?: boolean;
  travelMiles?: Dec;
  industrial?: Dec;
  /** industrial leave days used for the same injury in the previous fiscal year (XIII.2.F) */
  industrialPriorYear?: Dec;
  /** the other reading of XIII.2.A/F: the days start again in the new fiscal year */
  industrialRenews?: boolean;
  donateHours?: Dec;
  donatedHours?: Dec;
  catastrophicMonths?: Dec;
  sabbaticalYears?: Dec;
  sabbaticalMonths?: Dec;
  annualSalary?: Dec;
  /** the sick leave balance available (carried + accrued - used, days), when known: personal necessity
   * and family illness leave are drawn from it (XIII.3.B) */
  availableDays?: Dec;
}

export function checkLimits(a: Agreement, acc: Accrual, x: LimitInput): LimitCheck[] {
  const lv = part(a, 'leaves');
  const out: LimitCheck[] = [];
  const push = (c: Omit<LimitCheck, 'ok'> & { ok?: boolean }) => out.push({ ok: c.requested.lte(c.allowed), ...c });
  if (x.personalBusiness !== undefined) {
    const max = dec(lv.personalBusiness.maxDays);
    push({ id: 'personal-business', label: 'Personal business', requested: x.personalBusiness, allowed: max, unit: 'days', reason: `at most ${plain(max)} days of personal necessity leave a year may be personal business`, sources: [cite(lv.personalBusiness.cite)] });
  }
  if (x.personalNecessity !== undefined || x.personalBusiness !== undefined) {
    const max = dec(lv.personalNecessity.maxDays);
    const pn = x.personalNecessity ?? x.personalBusiness!;
    if (x.personalNecessity !== undefined && x.personalBusiness !== undefined && x.personalBusiness.gt(x.personalNecessity))
      throw new FieldError('personalBusiness', `{personalBusiness} ${plain(x.personalBusiness)} is more than {personalNecessity} ${plain(x.personalNecessity)}: personal business days are part of personal necessity leave (${citeRef(lv.personalBusiness.cite)})`);
    const avail = x.availableDays === undefined ? undefined : x.availableDays.lt(0) ? new Big(0) : x.availableDays;
    const byBalance = avail !== undefined && avail.lt(max);
    const allowed = byBalance ? round(avail!, lv.sickLeave.rounding) : max;
    push({
      id: 'personal-necessity',
      label: 'Personal necessity (including personal business)',
      requested: pn,
      allowed,
      unit: 'days',
      reason: byBalance
        ? `at most ${plain(max)} days a year of accumulated sick leave, and only what is accumulated: ${avail!.toFixed(4)}... days available`
        : `at most ${plain(max)} days a year of sick leave for personal necessity${avail === undefined ? ' (the balance is not known: give {balance}, {used} or {daysWorked} to check it too)' : ''}`,
      sources: [cite(lv.personalNecessity.cite)],
    });
  }
  if (x.familyIllness !== undefined) {
    // what the member accrues in six months: the year's accrual x 6/12 (reading)
    const six = acc.days.times(lv.familyIllness.months).div(12);
    const avail = x.availableDays === undefined ? undefined : x.availableDays.lt(0) ? new Big(0) : x.availableDays;
    const byBalance = avail !== undefined && avail.lt(six);
    const allowed = round(byBalance ? avail! : six, lv.sickLeave.rounding);
    push({
      id: 'family-illness',
      label: "Illness of a child, parent or spouse",
      requested: x.familyIllness,
      allowed,
      unit: 'days',
      reason: byBalance
        ? `only the accrued and available sick leave: ${avail!.toFixed(4)}... days, less than the ${lv.familyIllness.months}-month accrual (${six.toFixed(4)}...)`
        : `at most what the member accrues in ${lv.familyIllness.months} months: ${acc.days.toFixed(4)}... days a year x ${lv.familyIllness.months}/12${avail === undefined ? ' (the balance is not known: give {balance}, {used} or {daysWorked} to check it too)' : ''}`,
      sources: [cite(lv.familyIllness.cite)],
    });
  }
  if (x.bereavement !== undefined) {
    const travel = Boolean(x.outOfState) || (x.travelMiles !== undefined && x.travelMiles.gte(lv.bereavement.travelMiles));
    const allowed = dec(lv.bereavement.days + (travel ? lv.bereavement.extraDays : 0));
    push({
      id: 'bereavement',
      label: 'Bereavement',
      requested: x.bereavement,
      allowed,
      unit: 'days',
      reason: travel ? `${lv.bereavement.days} days + ${lv.bereavement.extraDays} for out-of-state travel or travel of ${lv.bereavement.travelMiles} miles or more` : `${lv.bereavement.days} days (5 with out-of-state travel or ${lv.bereavement.travelMiles} miles or more: {outOfState} or {travelMiles})`,
      sources: [cite(lv.bereavement.cite)],
    });
  }
  if (x.industrial !== undefined) {
    const ind = industrialAllowed(a, x.industrialPriorYear, x.industrialRenews);
    push({ id: 'industrial', label: 'Industrial accident or illness (same accident, this fiscal year)', requested: x.industrial, allowed: ind.allowed, unit: 'days', reason: ind.reason, sources: ind.sources, readings: ind.readings, extra: { remainingDays: Number(plain(ind.allowed.minus(x.industrial).lt(0) ? new Big(0) : ind.allowed.minus(x.industrial))) } });
  } else if (x.industrialPriorYear !== undefined) throw new FieldError('industrialPriorYear', '{industrialPriorYear} applies with {industrial}: give the days of industrial leave this fiscal year too');
  const cat = lv.catastrophic;
  if (x.donateHours !== undefined) {
    const ok = x.donateHours.gte(cat.minDonationHours) && x.donateHours.lte(cat.maxDonationHours);
    out.push({ id: 'catastrophic-donation', label: 'Catastrophic leave donation', requested: x.donateHours, allowed: dec(cat.maxDonationHours), unit: 'hours', ok, reason: `a donation is ${cat.minDonationHours} to ${cat.maxDonationHours} hours in a fiscal year`, sources: [cite(cat.donationCite)] });
  }
  if (x.donatedHours !== undefined) {
    const need = dec(cat.eligibilityDonationHours);
    out.push({ id: 'catastrophic-eligibility', label: 'Catastrophic leave: own donation this fiscal year', requested: x.donatedHours, allowed: need, unit: 'hours', ok: x.donatedHours.gte(need), reason: `to receive catastrophic leave the member must have donated at least ${plain(need)} hours in the fiscal year the absence began; paid at the half-pay (${cat.payPercent}%) sick leave rate`, sources: [cite(cat.eligibilityCite), cite(cat.payCite)] });
  }
  if (x.catastrophicMonths !== undefined) {
    const max = dec(cat.maxMonths);
    push({ id: 'catastrophic-months', label: 'Catastrophic leave duration', requested: x.catastrophicMonths, allowed: max, unit: 'months', reason: `donated credits may be used for at most ${cat.maxMonths} consecutive months, paid at ${cat.payPercent}%`, sources: [cite(cat.payCite)] });
  }
  const sab = lv.sabbatical;
  if (x.sabbaticalYears !== undefined) {
    const need = dec(sab.yearsRequired);
    const months = x.sabbaticalMonths ?? dec(12);
    if (months.lte(0) || months.gt(12)) throw new FieldError('sabbaticalMonths', `{sabbaticalMonths} ${plain(months)}: a sabbatical is one year or less (1 to 12 months, ${citeRef(sab.cite)})`);
    const extra: Record<string, string | number> = { leaveMonths: Number(plain(months)), returnMonths: Number(plain(months.times(sab.returnMultiple))) };
    if (x.annualSalary) extra.sabbaticalPay = Number(round(x.annualSalary.times(percent(sab.payPercent)).times(months).div(12), a.meta.rounding.pay).toFixed(2));
    out.push({
      id: 'sabbatical',
      label: 'Sabbatical eligibility (consecutive years with the Office)',
      requested: x.sabbaticalYears,
      allowed: need,
      unit: 'years',
      ok: x.sabbaticalYears.gte(need),
      reason: `eligible after ${sab.yearsRequired} consecutive years; paid ${sab.payPercent}% of salary; must return for ${sab.returnMultiple} x the leave (${plain(months.times(sab.returnMultiple))} months)${extra.sabbaticalPay !== undefined ? `; pay for ${plain(months)} months: ${formatMoney(dec(extra.sabbaticalPay))}` : ''}`,
      sources: [cite(sab.cite), cite(sab.returnCite)],
      extra,
    });
  }
  return out;
}
