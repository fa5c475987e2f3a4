// Effective-dated schedules: which schedule of an id is in force on a date, and how a school year
// in which the schedule changes is split into parts. Pure: rules in, dates and weights out.
//
// A schedule is in force from its effective date to the day before the next schedule of the same
// id takes effect, or to its `until`, and at the latest to the end of its school year (June 30).
// Reading (the agreement states no weighting for a mid-year change): a year's pay is paid in the
// agreement's monthly warrants (parameters.monthsPerYear: 12 from July, 10 from September), each
// month at the schedule in force, a month split between two schedules by its calendar days; with
// --weighting days, by the calendar days of the school year instead.
import { Big, dec, type Dec } from '../../core/money';
import { FieldError } from '../../core/errors';
import { daysInMonth, formatDate, fromParts, parseDate, schoolYearRange, toParts } from '../../core/date';
import { scheduleIds } from './schedule';
import type { Agreement, Schedule } from '../types';

export type Weighting = 'months' | 'days';

export interface InForce {
  schedule: Schedule;
  from: string;
  to: string;
}

/** The dates each schedule of an id is in force, in order. */
export function coverage(a: Agreement, id: string): InForce[] {
  const list = a.schedules.filter((s) => s.id === id).sort((x, y) => (x.effective < y.effective ? -1 : x.effective > y.effective ? 1 : 0));
  return list.map((s, i) => {
    const yearEnd = `${+s.year.slice(0, 4) + 1}-06-30`;
    const next = list[i + 1];
    let to = s.until ?? yearEnd;
    if (next && next.effective <= to) to = formatDate(parseDate(next.effective) - 1);
    return { schedule: s, from: s.effective, to };
  });
}

/** "2006-07-01 to 2006-12-31, 2007-01-01 to 2007-06-30" with touching ranges merged. */
export function coveredText(c: InForce[]): string {
  const merged: { from: string; to: string }[] = [];
  for (const x of c) {
    const last = merged[merged.length - 1];
    if (last && parseDate(x.from) === parseDate(last.to) + 1) last.to = x.to;
    else merged.push({ from: x.from, to: x.to });
  }
  return merged.map((m) => `${m.from} to ${m.to}`).join(', ');
}

/** The schedule of an id in force on a date; a date outside every schedule names the dates covered. */
export function scheduleAsOf(a: Agreement, id: string | undefined, date: string): Schedule {
  const sid = id ?? a.meta.defaultSchedule;
  parseDate(date, 'asOf');
  const c = coverage(a, sid);
  if (!c.length) throw new FieldError('schedule', `{schedule} ${sid}: no such schedule; choose one of ${scheduleIds(a).join(', ')}`);
  const hit = c.find((x) => x.from <= date && date <= x.to);
  if (!hit) throw new FieldError('asOf', `{asOf} ${date}: no ${sid} schedule is in force on that date; the rules cover ${coveredText(c)}`);
  return hit.schedule;
}

export interface YearPart extends InForce {
  /** the share of the year's pay at this schedule, exact */
  weight: Dec;
  /** how the weight was counted */
  how: string;
}

/** The parts of a school year by the schedules in force, weighted; the year must be covered whole. */
export function yearParts(a: Agreement, id: string, year: string, weighting: Weighting = 'months'): YearPart[] {
  const { first, last } = schoolYearRange(year);
  const y0 = formatDate(first);
  const y1 = formatDate(last);
  const c = coverage(a, id);
  const parts = c
    .filter((x) => x.to >= y0 && x.from <= y1)
    .map((x) => ({ ...x, from: x.from < y0 ? y0 : x.from, to: x.to > y1 ? y1 : x.to }));
  // the whole year covered, without holes
  let day = first;
  for (const p of parts) {
    if (parseDate(p.from) !== day) break;
    day = parseDate(p.to) + 1;
  }
  if (day !== last + 1)
    throw new FieldError('year', 
      `{year} ${year}: the ${id} schedules do not cover the whole school year (${y0} to ${y1}); they cover ${coveredText(c) || 'nothing'}: add the schedule in force from ${formatDate(day)}, or give {asOf} <date>`,
    );
  if (weighting === 'days') {
    const total = last - first + 1;
    return parts.map((p) => {
      const n = parseDate(p.to) - parseDate(p.from) + 1;
      return { ...p, weight: dec(n).div(total), how: `${n} of the ${total} calendar days of ${year}` };
    });
  }
  const months = a.meta.parameters.monthsPerYear.value;
  if (months !== 12 && months !== 10) throw new FieldError('weighting', `the agreement pays ${months} warrants a year: weigh the parts of ${year} with {weighting} days`);
  const y = +year.slice(0, 4);
  const paid: { y: number; m: number }[] = [];
  for (let k = 12 - months; k < 12; k++) paid.push({ y: k < 6 ? y : y + 1, m: ((6 + k) % 12) + 1 });
  return parts.map((p) => {
    let w = new Big(0);
    const pf = parseDate(p.from);
    const pt = parseDate(p.to);
    let whole = 0;
    const partial: string[] = [];
    for (const { y: yy, m } of paid) {
      const mFirst = fromParts(yy, m, 1);
      const mLast = fromParts(yy, m, daysInMonth(yy, m));
      const lo = Math.max(pf, mFirst);
      const hi = Math.min(pt, mLast);
      if (hi < lo) continue;
      const n = hi - lo + 1;
      const dim = daysInMonth(yy, m);
      w = w.plus(dec(n).div(dim));
      if (n === dim) whole++;
      else partial.push(`${n}/${dim} of ${toParts(mFirst).y}-${String(m).padStart(2, '0')}`);
    }
    return { ...p, weight: w.div(months), how: `${whole}${partial.length ? ` + ${partial.join(' + ')}` : ''} of the ${months} monthly warrants` };
  });
}
