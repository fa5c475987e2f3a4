// Open-day arithmetic on plain day numbers with a precomputed index: the Nth open day after a
// trigger is one array lookup (numpy.busday_offset(trigger, n, roll='backward') semantics for the
// trigger day: it never counts, open or not).
import type { DayNumber } from './date';
import { weekday } from './date';

export interface Closure {
  day: DayNumber;
  name: string;
  source?: string;
}

export interface CalendarSegment {
  first: DayNumber;
  last: DayNumber;
  /** open weekdays, 0 = Sunday */
  openWeekdays: number[];
  closures: Closure[];
  /** where it came from (a file, "weekdays only beyond coverage") */
  label: string;
  isDefault?: boolean;
}

export interface OpenCalendar {
  first: DayNumber;
  last: DayNumber;
  /** open day numbers, ascending */
  openDays: Int32Array;
  /** rank[d - first] = number of open days before d */
  rank: Int32Array;
  closed: Map<DayNumber, string>;
  segments: CalendarSegment[];
}

export class CoverageError extends Error {}

export function buildCalendar(segments: CalendarSegment[]): OpenCalendar {
  const segs = [...segments].sort((x, y) => x.first - y.first);
  for (let i = 1; i < segs.length; i++) {
    if (segs[i].first <= segs[i - 1].last) throw new CoverageError(`calendars overlap: ${segs[i - 1].label} and ${segs[i].label}`);
    if (segs[i].first !== segs[i - 1].last + 1) throw new CoverageError(`calendars leave a gap between ${segs[i - 1].label} and ${segs[i].label}`);
  }
  const first = segs[0].first;
  const last = segs[segs.length - 1].last;
  const closed = new Map<DayNumber, string>();
  for (const s of segs) for (const c of s.closures) closed.set(c.day, c.name);
  const n = last - first + 1;
  const rank = new Int32Array(n + 1);
  const open: number[] = [];
  let si = 0;
  for (let i = 0; i < n; i++) {
    const d = first + i;
    while (d > segs[si].last) si++;
    rank[i] = open.length;
    if (segs[si].openWeekdays.includes(weekday(d)) && !closed.has(d)) open.push(d);
  }
  rank[n] = open.length;
  return { first, last, openDays: Int32Array.from(open), rank, closed, segments: segs };
}

export function isOpen(cal: OpenCalendar, d: DayNumber): boolean {
  if (d < cal.first || d > cal.last) throw new CoverageError(`outside the loaded calendars`);
  return cal.rank[d - cal.first + 1] > cal.rank[d - cal.first];
}

/** Number of open days before d (d may be last + 1). */
function rankOf(cal: OpenCalendar, d: DayNumber): number {
  return cal.rank[d - cal.first];
}

/** The Nth open day after the trigger (the trigger itself never counts). */
export function addOpenDays(cal: OpenCalendar, trigger: DayNumber, n: number): DayNumber {
  if (trigger + 1 < cal.first || trigger > cal.last) throw new CoverageError('the trigger date is outside the loaded calendars');
  const k = rankOf(cal, trigger + 1) + n - 1;
  if (k >= cal.openDays.length) throw new CoverageError('the count runs past the last date the loaded calendars cover');
  return cal.openDays[k];
}

/** The Nth open day before the target (the target itself never counts). */
export function subtractOpenDays(cal: OpenCalendar, target: DayNumber, n: number): DayNumber {
  if (target < cal.first || target > cal.last + 1) throw new CoverageError('the date is outside the loaded calendars');
  const k = rankOf(cal, target) - n;
  if (k < 0) throw new CoverageError('the count runs before the first date the loaded calendars cover');
  return cal.openDays[k];
}

/** The open days counted from the trigger to the Nth. */
export function countedOpenDays(cal: OpenCalendar, trigger: DayNumber, n: number): DayNumber[] {
  const k = rankOf(cal, trigger + 1);
  return Array.from(cal.openDays.subarray(k, k + n));
}

export function countedOpenDaysBefore(cal: OpenCalendar, target: DayNumber, n: number): DayNumber[] {
  const k = rankOf(cal, target);
  return Array.from(cal.openDays.subarray(k - n, k));
}

/** Open days after a up to and including b, for "due in N office days". */
export function openDaysBetween(cal: OpenCalendar, a: DayNumber, b: DayNumber): number {
  const lo = Math.max(a + 1, cal.first);
  const hi = Math.min(b + 1, cal.last + 1);
  return hi > lo ? rankOf(cal, hi) - rankOf(cal, lo) : 0;
}

/** The same calendar with more days closed (a grievant's recess, a winter break). */
export function withClosures(cal: OpenCalendar, extra: Closure[]): OpenCalendar {
  if (!extra.length) return cal;
  const segs = cal.segments.map((s) => ({ ...s, closures: [...s.closures] }));
  for (const c of extra) {
    const s = segs.find((x) => c.day >= x.first && c.day <= x.last);
    if (s) s.closures.push(c);
  }
  return buildCalendar(segs);
}

/** Batch: the due date of many triggers at once (one lookup each). */
export function addOpenDaysMany(cal: OpenCalendar, triggers: Int32Array, n: number, out: Int32Array): void {
  const { rank, openDays, first } = cal;
  const len = openDays.length;
  for (let i = 0; i < triggers.length; i++) {
    const t = triggers[i];
    const k = rank[t + 1 - first] + n - 1;
    out[i] = t + 1 < first || t - first >= rank.length - 1 || k >= len ? -2147483648 : openDays[k];
  }
}
