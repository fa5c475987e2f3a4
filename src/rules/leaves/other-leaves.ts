// Article XIII, the leaves paid around an outside payment and the quotas: industrial accident pay with
// the temporary disability indemnity (2.D, 2.G), jury and witness fees (5.C-D), catastrophic leave pay
// with the member's own credits first (12.E-F) and the pro-rata return of donations (12.I), the
// sabbatical quota (8.D), unpaid personal leave (10). Pure: rules and inputs in; figures, checks and
// sources out.
import { Big, dec, round, plain, percent, formatMoney, type Dec } from '../../core/money';
import { FieldError, RulesError } from '../../core/errors';
import { formatDate, type DayNumber } from '../../core/date';
import { cite, citeShort, type Source } from '../source';
import { reading, uniqueReadings, type Reading } from '../readings';
import type { Agreement } from '../types';
import { part } from '../part';
import type { LimitCheck } from './limit';

/** One figure of a leave's pay: days, hours or money, with how it was worked and where it comes from. */
export interface LeaveLine {
  id: string;
  label: string;
  value: Dec;
  unit: 'money' | 'days' | 'hours' | 'calendar days' | 'members' | 'yes/no';
  how: string;
  sources: Source[];
}

export interface LeavePay {
  id: string;
  label: string;
  lines: LeaveLine[];
  readings: Reading[];
  sources: Source[];
}

function need<T>(x: T | undefined, what: string, a: Agreement): T {
  if (x === undefined) throw new RulesError(`the rules of ${a.meta.id} have no ${what} in leaves.yaml`);
  return x;
}
const m = (x: Dec) => formatMoney(x);
const ZERO = new Big(0);

/**
 * XIII.2.D and 2.G: for a month of industrial accident or illness leave, the member is paid the
 * salary due less the temporary disability indemnity, so that the two together are not more than the
 * full salary; the indemnity checks are endorsed to the Office, which pays the full salary warrant.
 */
export function industrialPay(a: Agreement, x: { salaryDue: Dec; salaryHow: string; salarySource?: Source; indemnity: Dec }): LeavePay {
  const r = need(part(a, 'leaves').industrialPay, 'industrialPay', a);
  if (x.indemnity.lt(0)) throw new FieldError('indemnity', `{indemnity} ${plain(x.indemnity)}: the indemnity received cannot be negative`);
  const S = x.salaryDue;
  const T = x.indemnity;
  const over = T.gt(S);
  const office = over ? ZERO : S.minus(T);
  const total = office.plus(over ? S : T);
  const pay = cite(r.payCite);
  const lines: LeaveLine[] = [
    { id: 'salaryDue', label: 'Salary due for the month', value: S, unit: 'money', how: x.salaryHow, sources: x.salarySource ? [x.salarySource] : [] },
    { id: 'indemnity', label: 'Temporary disability indemnity (endorsed to the Office)', value: T, unit: 'money', how: 'the indemnity checks received for the month', sources: [cite(r.endorseCite)] },
    {
      id: 'officePortion',
      label: 'Office portion of the salary',
      value: office,
      unit: 'money',
      how: over ? `the indemnity ${m(T)} is more than the salary due ${m(S)}: the Office adds nothing` : `${m(S)} salary due - ${m(T)} indemnity = ${m(office)}`,
      sources: [pay],
    },
    {
      id: 'memberReceives',
      label: 'Member receives for the month',
      value: total,
      unit: 'money',
      how: over ? `the payment is not more than the full salary: ${m(S)}` : `${m(office)} Office portion + ${m(T)} indemnity = ${m(total)}, not more than the full salary ${m(S)}`,
      sources: [pay],
    },
  ];
  return {
    id: 'industrial-pay',
    label: 'Industrial accident or illness leave pay',
    lines,
    readings: uniqueReadings([reading(r.readings, 'industrial-pay-less-indemnity'), reading(r.readings, 'industrial-day-charged')]),
    sources: [pay, cite(r.endorseCite), cite(r.reductionCite)],
  };
}

/** XIII.2.F: leave that overlaps into the next fiscal year is what was left unused for the same injury. */
export function industrialAllowed(a: Agreement, priorYearDays: Dec | undefined, renews = false): { allowed: Dec; reason: string; sources: Source[]; readings: Reading[] } {
  const lv = part(a, 'leaves');
  const max = dec(lv.industrial.maxDays);
  if (priorYearDays === undefined) return { allowed: max, reason: `at most ${plain(max)} days in one fiscal year for the same accident; not accumulated`, sources: [cite(lv.industrial.cite), cite(lv.industrial.noCarryCite)], readings: [] };
  const r = need(lv.industrialPay, 'industrialPay', a);
  if (priorYearDays.gt(max)) throw new FieldError('industrialPriorYear', `{industrialPriorYear} ${plain(priorYearDays)}: at most ${plain(max)} days of industrial leave could be used for the same injury (${citeShort(lv.industrial.cite)})`);
  if (renews)
    return { allowed: max, reason: `a new fiscal year: the ${plain(max)} days start again for the same injury (${plain(priorYearDays)} used the year before are not added)`, sources: [cite(lv.industrial.cite), cite(r.overlapCite)], readings: uniqueReadings([reading(r.readings, 'industrial-renews')]) };
  const left = max.minus(priorYearDays);
  return {
    allowed: left,
    reason: `the leave overlaps into the next fiscal year: only the unused leave for the same injury, ${plain(max)} - ${plain(priorYearDays)} used in the previous fiscal year = ${plain(left)} days (the ${plain(max)} days are not renewed)`,
    sources: [cite(r.overlapCite), cite(lv.industrial.cite)],
    readings: uniqueReadings([reading(r.readings, 'industrial-overlap-not-renewed')]),
  };
}

/**
 * XIII.5.C-D: Office compensation for jury or witness duty is the regular compensation less the jury
 * or witness fees (which the member endorses to the Office); per diem and travel are the member's.
 */
export function judicialPay(a: Agreement, x: { days: Dec; dailyRate: Dec; dailyRateSource?: Source; fees: Dec; travel?: Dec }): LeavePay {
  const r = need(part(a, 'leaves').judicialPay, 'judicialPay', a);
  const R = a.meta.rounding.pay;
  if (x.days.lte(0)) throw new FieldError('juryDays', `{juryDays} ${plain(x.days)}: give the days of the leave, more than 0`);
  const regularExact = x.days.times(x.dailyRate);
  const regular = round(regularExact, R);
  const over = x.fees.gt(regular);
  const office = over ? ZERO : regular.minus(x.fees);
  const offset = cite(r.offsetCite);
  const lines: LeaveLine[] = [
    {
      id: 'regularCompensation',
      label: 'Regular compensation for the days of the leave',
      value: regular,
      unit: 'money',
      how: `${plain(x.days)} days x ${m(x.dailyRate)} daily rate = ${regularExact.eq(regular) ? m(regular) : `${regularExact.toFixed(4)}..., rounded ${R.mode} to ${m(regular)}`}`,
      sources: x.dailyRateSource ? [x.dailyRateSource] : [],
    },
    { id: 'fees', label: 'Jury or witness fees (endorsed to the Office)', value: x.fees, unit: 'money', how: 'the fee checks, without per diem or travel', sources: [cite(r.endorseCite)] },
    {
      id: 'officeCompensation',
      label: 'Office compensation',
      value: office,
      unit: 'money',
      how: over ? `the fees ${m(x.fees)} are more than the regular compensation ${m(regular)}: the Office adds nothing` : `${m(regular)} regular - ${m(x.fees)} fees = ${m(office)}; with the fees, ${m(regular)}, not more than the regular compensation`,
      sources: [offset],
    },
  ];
  if (x.travel !== undefined)
    lines.push({ id: 'travelRetained', label: 'Per diem and travel (kept by the member)', value: x.travel, unit: 'money', how: 'not offset against the Office compensation', sources: [cite(r.retainCite)] });
  return {
    id: 'judicial-pay',
    label: 'Judicial and official appearance leave pay',
    lines,
    readings: uniqueReadings([reading(r.readings, 'jury-regular-compensation')]),
    sources: [offset, cite(r.endorseCite), cite(r.retainCite)],
  };
}

/**
 * XIII.12.E-F: catastrophic leave is paid at the half-pay sick leave rate, after the member has used
 * the leave credits he/she continues to accrue (paid as sick leave, in full).
 */
export function catastrophicPay(a: Agreement, x: { days: Dec; ownCreditDays: Dec; dailyRate?: Dec; dailyRateSource?: Source }): LeavePay {
  const lv = part(a, 'leaves');
  const r = need(lv.catastrophicPay, 'catastrophicPay', a);
  const cat = lv.catastrophic;
  const R = a.meta.rounding.pay;
  if (x.days.lte(0)) throw new FieldError('catastrophicDays', `{catastrophicDays} ${plain(x.days)}: give the days of leave, more than 0`);
  const own = x.ownCreditDays.lt(x.days) ? x.ownCreditDays : x.days;
  const donated = x.days.minus(own);
  const lines: LeaveLine[] = [
    { id: 'ownCreditDays', label: 'Own leave credits used first (full pay)', value: own, unit: 'days', how: `${plain(x.ownCreditDays)} days of credits accrued during the leave; ${plain(own)} of the ${plain(x.days)} days`, sources: [cite(r.ownCreditsCite), cite(r.ownCreditsPayCite)] },
    { id: 'catastrophicDays', label: `Catastrophic leave days (${cat.payPercent}% pay)`, value: donated, unit: 'days', how: `${plain(x.days)} - ${plain(own)} = ${plain(donated)}`, sources: [cite(cat.payCite)] },
  ];
  if (x.dailyRate) {
    const d = x.dailyRate;
    const fullExact = own.times(d);
    const full = round(fullExact, R);
    const halfExact = donated.times(d).times(percent(cat.payPercent));
    const half = round(halfExact, R);
    const w = (exact: Dec, paid: Dec) => (exact.eq(paid) ? m(paid) : `${exact.toFixed(4)}..., rounded ${R.mode} to ${m(paid)}`);
    lines.push(
      { id: 'ownCreditPay', label: 'Pay for the own credits', value: full, unit: 'money', how: `${plain(own)} x ${m(d)} = ${w(fullExact, full)}`, sources: [cite(r.ownCreditsPayCite), ...(x.dailyRateSource ? [x.dailyRateSource] : [])] },
      { id: 'catastrophicPay', label: 'Pay for the catastrophic leave', value: half, unit: 'money', how: `${plain(donated)} x ${m(d)} x ${cat.payPercent}% = ${w(halfExact, half)}`, sources: [cite(cat.payCite)] },
      { id: 'totalPay', label: 'Pay for the leave', value: full.plus(half), unit: 'money', how: `${m(full)} + ${m(half)}`, sources: [] },
    );
  }
  return {
    id: 'catastrophic-pay',
    label: 'Catastrophic leave pay',
    lines,
    readings: uniqueReadings([reading(r.readings, 'catastrophic-half-pay-rate')]),
    sources: [cite(cat.payCite), cite(r.ownCreditsCite), cite(r.ownCreditsPayCite)],
  };
}

export interface DonorShare {
  donor: string;
  donated: Dec;
  exact: Dec;
  returned: Dec;
}

/**
 * XIII.12.I: when the program is cancelled, the hours left are returned to the donors pro rata to what
 * each donated. Each share is cut to the rounding unit and the units left over go, one each, to the
 * largest cut remainders (first donor first on a tie), so the shares add up to the hours returned.
 */
export function catastrophicReturn(a: Agreement, x: { hours: Dec; donors: [string, Dec][] }): { shares: DonorShare[]; how: string; readings: Reading[]; sources: Source[] } {
  const r = need(part(a, 'leaves').catastrophicPay, 'catastrophicPay', a);
  if (x.donors.length === 0) throw new FieldError('donor', '{donor} is needed: give each donor and the hours donated, for example {donor} smith=13.5');
  const seen = new Set<string>();
  for (const [id, h] of x.donors) {
    if (seen.has(id)) throw new FieldError('donor', `{donor} ${id}: named twice; give each donor once with the total hours donated`);
    seen.add(id);
    if (h.lte(0)) throw new FieldError('donor', `{donor} ${id}=${plain(h)}: the hours donated must be more than 0`);
  }
  const total = x.donors.reduce((s, [, h]) => s.plus(h), new Big(0));
  if (x.hours.gt(total)) throw new FieldError('catastrophicReturn', `{catastrophicReturn} ${plain(x.hours)} hours: more than the ${plain(total)} hours donated; only what remains of the donations is returned`);
  const unit = dec(r.returnRounding.unit);
  const exact = x.donors.map(([, h]) => x.hours.times(h).div(total));
  const cut = exact.map((e) => round(e, { mode: 'down', unit: r.returnRounding.unit }));
  let left = Number(x.hours.minus(cut.reduce((s, c) => s.plus(c), new Big(0))).div(unit).toFixed(0));
  const order = exact.map((e, i) => ({ i, rem: e.minus(cut[i]) })).sort((p, q) => (q.rem.cmp(p.rem) || p.i - q.i));
  const returned = [...cut];
  for (const o of order) {
    if (left <= 0) break;
    returned[o.i] = returned[o.i].plus(unit);
    left--;
  }
  return {
    shares: x.donors.map(([donor, donated], i) => ({ donor, donated, exact: exact[i], returned: returned[i] })),
    how: `each donor: ${plain(x.hours)} hours left x hours donated / ${plain(total)} hours donated in all`,
    readings: uniqueReadings([reading(r.readings, 'catastrophic-return-pro-rata')]),
    sources: [cite(r.returnCite), cite(r.irrevocableCite)],
  };
}

/** XIII.8.D: at most 2% of the certificated unit members on sabbatical at any time, to the nearest whole number. */
export function sabbaticalQuota(a: Agreement, x: { unitMembers: number; onSabbatical: number }): { check: LimitCheck; readings: Reading[] } {
  const q = need(part(a, 'leaves').sabbaticalQuota, 'sabbaticalQuota', a);
  if (!Number.isInteger(x.unitMembers) || x.unitMembers <= 0) throw new FieldError('unitMembers', `{unitMembers} ${x.unitMembers}: give the number of certificated unit members, a whole number above 0`);
  if (!Number.isInteger(x.onSabbatical) || x.onSabbatical < 0) throw new FieldError('onSabbatical', `{onSabbatical} ${x.onSabbatical}: give the members on sabbatical at that time (counting the one asked for), a whole number`);
  const exact = dec(x.unitMembers).times(percent(q.percent));
  const max = round(exact, q.rounding);
  const check: LimitCheck = {
    id: 'sabbatical-quota',
    label: 'Members on sabbatical at one time',
    requested: dec(x.onSabbatical),
    allowed: max,
    unit: 'members',
    ok: dec(x.onSabbatical).lte(max),
    reason: `${q.percent}% of ${x.unitMembers} unit members = ${plain(exact)}, to the nearest whole number (a half up) = ${plain(max)}`,
    sources: [cite(q.cite)],
  };
  return { check, readings: uniqueReadings([reading(q.readings, 'sabbatical-quota-nearest')]) };
}

/** XIII.10: unpaid personal leave, its length in calendar days, and the insurance at the member's expense. */
export function unpaidPersonalLeave(a: Agreement, x: { from: DayNumber; to: DayNumber; authorizedPay?: boolean }): LeavePay {
  const u = need(part(a, 'leaves').unpaidPersonalLeave, 'unpaidPersonalLeave', a);
  if (x.to < x.from) throw new FieldError('personalLeave', `{personalLeave} ${formatDate(x.from)}..${formatDate(x.to)}: the last day is before the first`);
  const days = x.to - x.from + 1;
  const insurance = days > u.insuranceAfterDays;
  const lines: LeaveLine[] = [
    { id: 'calendarDays', label: 'Personal leave of absence', value: dec(days), unit: 'calendar days', how: `${formatDate(x.from)} to ${formatDate(x.to)}, both days counted`, sources: [] },
    {
      id: 'pay',
      label: 'Office pay during the leave',
      value: ZERO,
      unit: 'money',
      how: x.authorizedPay ? 'pay expressly authorized by the Superintendent: not computed here' : 'without compensation (unless expressly authorized by the Superintendent)',
      sources: [cite(u.unpaidCite)],
    },
    {
      id: 'insuranceAtOwnExpense',
      label: 'May stay in the Office insurance at own expense',
      value: dec(insurance ? 1 : 0),
      unit: 'yes/no',
      how: insurance ? `${days} calendar days, more than ${u.insuranceAfterDays}` : `${days} calendar days, not more than ${u.insuranceAfterDays}: the agreement does not speak to insurance on a shorter leave`,
      sources: [cite(u.insuranceCite)],
    },
  ];
  return {
    id: 'unpaid-personal-leave',
    label: 'Unpaid personal leave',
    lines,
    readings: uniqueReadings([reading(u.readings, 'personal-leave-over-30-days'), u.requestDeadline ? { id: 'request-deadline', text: `The request's deadline before the first day: cba deadline ${u.requestDeadline} --from ${formatDate(x.from)}` } : undefined]),
    sources: [cite(u.unpaidCite), cite(u.insuranceCite)],
  };
}
