// Article V.8, the Association's released time: at most so many days, and the written notice before it.
// Pure: rules and inputs in; the check, the figures and sources out.
import { Big, dec, plain, type Dec } from '../../core/money';
import { FieldError, RulesError } from '../../core/errors';
import { formatDate } from '../../core/date';
import { cite, citeShort, type Source } from '../source';
import { reading, type Reading } from '../readings';
import type { Agreement } from '../types';
import { part } from '../part';
import { findDeadline, parseDateTime } from '../deadlines/deadlines';

export interface ReleasedTimeResult {
  usedDays: Dec;
  requestDays: Dec;
  maxDays: Dec;
  /** days left after the request, 0 when over */
  leftDays: Dec;
  /** days over the maximum, 0 when within */
  overDays: Dec;
  ok: boolean;
  reason: string;
  notice?: { notified: string; starts: string; latest: string; ok: boolean; how: string; source: Source };
  readings: Reading[];
  sources: Source[];
}

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** V.8: at most 30 days of released time; written notice at least 48 hours (2 days) before. */
export function releasedTime(a: Agreement, x: { usedDays: Dec; requestDays: Dec; notified?: string; starts?: string }): ReleasedTimeResult {
  const r = part(a, 'leaves').releasedTime;
  if (!r) throw new RulesError(`the rules of ${a.meta.id} have no releasedTime in leaves.yaml`);
  if (x.usedDays.lt(0) || x.requestDays.lt(0)) throw new FieldError(x.usedDays.lt(0) ? 'used' : 'request', 'days of released time cannot be negative');
  const max = dec(r.maxDays);
  const total = x.usedDays.plus(x.requestDays);
  const ok = total.lte(max);
  const left = ok ? max.minus(total) : new Big(0);
  const overBy = ok ? new Big(0) : total.minus(max);
  const readings: Reading[] = [];
  const add = (x: Reading | undefined) => x && readings.push(x);
  add(reading(r.readings, 'released-time-period'));
  const sources: Source[] = [cite(r.cite)];
  let notice: ReleasedTimeResult['notice'];
  if ((x.notified === undefined) !== (x.starts === undefined)) throw new FieldError(x.notified === undefined ? 'notified' : 'starts', 'the notice check needs both {notified} and {starts}');
  if (x.notified !== undefined && x.starts !== undefined) {
    if (!r.noticeDeadline) throw new RulesError(`the rules of ${a.meta.id} name no noticeDeadline for releasedTime in leaves.yaml`);
    const d = findDeadline(a, r.noticeDeadline);
    if (d.kind !== 'period' || d.unit !== 'hours') throw new RulesError(`leaves.yaml releasedTime names ${r.noticeDeadline}, which is not a period in hours of deadlines.yaml`);
    const n = parseDateTime(x.notified, 'notified');
    const s = parseDateTime(x.starts, 'starts');
    const both = n.timeGiven && s.timeGiven;
    let okN: boolean;
    let latest: string;
    let how: string;
    if (both) {
      const lim = s.day * 1440 + s.minutes - d.days * 60;
      const ld = Math.floor(lim / 1440);
      latest = `${formatDate(ld)} ${hhmm(lim - ld * 1440)}`;
      const gap = s.day * 1440 + s.minutes - (n.day * 1440 + n.minutes);
      okN = gap >= d.days * 60;
      how = `${plain(new Big(gap).div(60))} hours before the start; at least ${d.days} needed`;
    } else {
      const daysNeeded = new Big(d.days).div(24);
      if (!daysNeeded.eq(daysNeeded.round(0))) throw new RulesError(`${d.id}: ${d.days} hours is not a whole number of days, so a date alone cannot be checked; give times of day`);
      const k = Number(daysNeeded.toFixed(0));
      latest = formatDate(s.day - k);
      okN = s.day - n.day >= k;
      how = `${s.day - n.day} calendar days before the start; at least ${k} needed (no time of day on both)`;
    }
    notice = { notified: x.notified, starts: x.starts, latest, ok: okN, how, source: cite(d.cite) };
    add(reading(r.readings, 'released-time-notice-hours'));
    sources.push(cite(d.cite));
  }
  return {
    usedDays: x.usedDays,
    requestDays: x.requestDays,
    maxDays: max,
    leftDays: left,
    overDays: overBy,
    ok,
    reason: `${plain(x.usedDays)} used + ${plain(x.requestDays)} asked = ${plain(total)} of the ${plain(max)} days (${citeShort(r.cite)})`,
    notice,
    readings,
    sources,
  };
}
