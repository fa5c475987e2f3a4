// Article XVII, part-time employment with full retirement credit: the conditions (2.A age, 2.B years of
// full-time service, 2.E the minimum), the pay (2.D pro rata; 1 retirement on the full-time salary;
// 3 health as full time) and the dates of 4. Pure: rules and inputs in; checks, figures and sources out.
import { dec, plain, round, type Dec } from '../../core/money';
import { FieldError, RulesError } from '../../core/errors';
import { formatDate, fromParts, isLeapYear, toParts, type DayNumber } from '../../core/date';
import { cite, type Source } from '../source';
import { reading, type Reading } from '../readings';
import type { Agreement } from '../types';
import { part } from '../part';
import { findDeadline } from '../deadlines/deadlines';
import { salary, type SalaryResult } from '../schedules/salary';

/** One condition: met, not met, or not checked (an input not given). */
export interface Condition {
  id: string;
  label: string;
  status: 'met' | 'not met' | 'not checked';
  value: string;
  need: string;
  reason: string;
  sources: Source[];
}

export interface PartTimeRetirementInput {
  /** the first day of the reduced workload */
  reduction: DayNumber;
  born?: DayNumber;
  fullTimeYears?: Dec;
  precedingFullTimeYears?: Dec;
  /** the part-time share, 0 < fte < 1 */
  fte?: Dec;
  /** or: the part-time days of service and the contract days of the final full-time year (XVII.2.E) */
  days?: Dec;
  finalYearDays?: Dec;
  class?: string;
  step?: number;
  schedule?: string;
  year?: string;
}

export interface PartTimeRetirementResult {
  eligible: boolean;
  /** every condition was checked (all inputs given) */
  complete: boolean;
  conditions: Condition[];
  dates: { id: string; label: string; date: DayNumber; source: Source }[];
  pay?: { fullSalary: SalaryResult; partSalary: SalaryResult; fte: Dec; sources: Source[] };
  readings: Reading[];
  sources: Source[];
}

/** The day a person born on `born` reaches `years` of age; February 29 falls on March 1 in a common year. */
export function birthdayAt(born: DayNumber, years: number): DayNumber {
  const { y, m, d } = toParts(born);
  const yy = y + years;
  if (m === 2 && d === 29 && !isLeapYear(yy)) return fromParts(yy, 3, 1);
  return fromParts(yy, m, d);
}

/** Whole years of age on `day`. */
function ageOn(born: DayNumber, day: DayNumber): number {
  const b = toParts(born);
  let n = toParts(day).y - b.y;
  while (n > 0 && birthdayAt(born, n) > day) n--;
  return n;
}

/** The last date with this month and day on or before `day`. */
function lastOnOrBefore(day: DayNumber, month: number, dom: number): DayNumber {
  const { y } = toParts(day);
  const here = fromParts(y, month, dom);
  return here <= day ? here : fromParts(y - 1, month, dom);
}

export function partTimeRetirement(a: Agreement, x: PartTimeRetirementInput): PartTimeRetirementResult {
  const r = part(a, 'leaves').partTimeRetirement;
  if (!r) throw new RulesError(`the rules of ${a.meta.id} have no partTimeRetirement in leaves.yaml`);
  const P = a.meta.parameters;
  const conditions: Condition[] = [];
  const readings: Reading[] = [];
  const add = (x: Reading | undefined) => x && readings.push(x);
  add(reading(r.readings, 'part-time-retirement-age'));
  add(reading(r.readings, 'part-time-retirement-service'));
  const red = formatDate(x.reduction);

  // 2.A: the age, before the first day of the reduced workload
  if (x.born !== undefined) {
    if (x.born >= x.reduction) throw new FieldError('born', `{born} ${formatDate(x.born)}: the date of birth must be before the reduction ${red}`);
    const bday = birthdayAt(x.born, r.minAge);
    const ok = bday < x.reduction;
    conditions.push({
      id: 'age',
      label: `Age ${r.minAge} before the reduction in workload`,
      status: ok ? 'met' : 'not met',
      value: `${ageOn(x.born, x.reduction - 1)} on ${formatDate(x.reduction - 1)}`,
      need: `${r.minAge} before ${red}`,
      reason: `born ${formatDate(x.born)}: ${r.minAge} on ${formatDate(bday)}, ${ok ? 'before' : bday === x.reduction ? 'the same day as, not before,' : 'after'} the first day of the reduced workload ${red}`,
      sources: [cite(r.ageCite)],
    });
  } else conditions.push({ id: 'age', label: `Age ${r.minAge} before the reduction in workload`, status: 'not checked', value: '', need: `${r.minAge} before ${red}`, reason: 'give {born} <date of birth>', sources: [cite(r.ageCite)] });

  // 2.B: ten years full time, the five before the reduction among them
  const ft = x.fullTimeYears;
  const pre = x.precedingFullTimeYears;
  if (ft !== undefined && pre !== undefined && pre.gt(ft))
    throw new FieldError('precedingFullTimeYears', `{precedingFullTimeYears} ${plain(pre)} is more than {fullTimeYears} ${plain(ft)}: the years just before the reduction are among the full-time years`);
  const need10 = dec(r.fullTimeYears);
  const need5 = dec(r.precedingFullTimeYears);
  conditions.push(
    ft !== undefined
      ? { id: 'full-time-years', label: 'Full-time years in a position requiring certification', status: ft.gte(need10) ? 'met' : 'not met', value: plain(ft), need: `at least ${plain(need10)}`, reason: `${plain(ft)} full-time years in all`, sources: [cite(r.serviceCite)] }
      : { id: 'full-time-years', label: 'Full-time years in a position requiring certification', status: 'not checked', value: '', need: `at least ${plain(need10)}`, reason: 'give {fullTimeYears}', sources: [cite(r.serviceCite)] },
    pre !== undefined
      ? { id: 'preceding-full-time-years', label: 'Of them, full-time years just before the reduction', status: pre.gte(need5) ? 'met' : 'not met', value: plain(pre), need: `at least ${plain(need5)}`, reason: `${plain(pre)} consecutive full-time years immediately before ${red}`, sources: [cite(r.serviceCite)] }
      : { id: 'preceding-full-time-years', label: 'Of them, full-time years just before the reduction', status: 'not checked', value: '', need: `at least ${plain(need5)}`, reason: 'give {precedingFullTimeYears}', sources: [cite(r.serviceCite)] },
  );

  // 2.E: at least one-half of the days of the final full-time year
  const min = P.partTimeMinimumFte;
  if (!min) throw new RulesError(`the rules of ${a.meta.id} have no parameters.partTimeMinimumFte in agreement.yaml`);
  let fte = x.fte;
  if (x.days !== undefined || x.finalYearDays !== undefined) {
    if (x.fte !== undefined) throw new FieldError('days', '{days} with {fte}: give the part-time share one way, as {fte} or as {days} and {finalYearDays}');
    if (x.days === undefined || x.finalYearDays === undefined) throw new FieldError('days', '{days} and {finalYearDays} go together: the part-time days of service and the contract days of the final full-time year');
    if (x.finalYearDays.lte(0) || x.days.lte(0)) throw new FieldError('days', '{days} and {finalYearDays} must be more than 0');
    fte = x.days.div(x.finalYearDays);
  }
  if (fte !== undefined) {
    if (fte.lte(0) || fte.gte(1)) throw new FieldError(x.fte !== undefined ? 'fte' : 'days', `the part-time share ${plain(round(fte, { mode: 'half-up', unit: '0.0001' }))} must be more than 0 and less than 1 (full time is not a reduction)`);
    const ok = fte.gte(min.value);
    const shown = x.days !== undefined ? `${plain(x.days)} of ${plain(x.finalYearDays!)} days = ${fte.toFixed(4)}` : plain(fte);
    conditions.push({ id: 'minimum', label: 'Part-time share, at least the minimum', status: ok ? 'met' : 'not met', value: shown, need: `at least ${plain(dec(min.value))}`, reason: `${ok ? 'at or above' : 'below'} one-half of the days of the final full-time year`, sources: [cite(min.cite)] });
  } else conditions.push({ id: 'minimum', label: 'Part-time share, at least the minimum', status: 'not checked', value: '', need: `at least ${plain(dec(min.value))}`, reason: 'give {fte}, or {days} and {finalYearDays}', sources: [cite(min.cite)] });

  // 4: the notice and the meeting before the reduction
  const dates: PartTimeRetirementResult['dates'] = [];
  for (const [id, label] of [[r.noticeDeadline, 'Notice of interest to the Personnel Office, no later than'], [r.meetingDeadline, 'Meeting to develop the program, on or before']] as const) {
    if (!id) continue;
    const d = findDeadline(a, id);
    if (d.kind !== 'fixed') throw new RulesError(`leaves.yaml partTimeRetirement names ${id}, which is not a fixed date of deadlines.yaml`);
    dates.push({ id, label, date: lastOnOrBefore(x.reduction, d.month, d.day), source: cite(d.cite) });
  }
  if (dates.length) add(reading(r.readings, 'part-time-retirement-dates'));

  let pay: PartTimeRetirementResult['pay'];
  if (x.class !== undefined && x.step !== undefined) {
    if (fte === undefined) throw new FieldError('fte', 'the part-time pay needs the share: give {fte}, or {days} and {finalYearDays}');
    const fullSalary = salary(a, { class: x.class, step: x.step, schedule: x.schedule, year: x.year });
    const partSalary = salary(a, { class: x.class, step: x.step, schedule: x.schedule, year: x.year, fte });
    const ps = a.meta.citations?.partTime;
    pay = { fullSalary, partSalary, fte, sources: [...(ps ? [cite(ps)] : []), cite(r.retirementCite), cite(r.healthCite)] };
  }
  const failed = conditions.some((c) => c.status === 'not met');
  return {
    eligible: !failed,
    complete: conditions.every((c) => c.status !== 'not checked'),
    conditions,
    dates,
    pay,
    readings,
    sources: [cite(r.ageCite), cite(r.serviceCite), cite(min.cite), ...(pay?.sources ?? []), ...dates.map((d) => d.source)],
  };
}
