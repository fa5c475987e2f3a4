// Deadlines of the agreement on the office's calendar: the grievance chain of Article X and every
// other dated duty. Pure: calendars and rules in (already read), dates and sources out.
import { FieldError, InputError } from '../../core/errors';
import { addMonths, daysInMonth, formatDate, fromParts, parseDate, parseRange, toParts, weekday, WEEKDAY_SHORT, MONTH_NAMES, schoolYearRange, schoolYearOf, schoolYearStarting, type DayNumber } from '../../core/date';
import {
  addOpenDays, buildCalendar, countedOpenDays, countedOpenDaysBefore, CoverageError, isOpen, openDaysBetween, subtractOpenDays, withClosures,
  type CalendarSegment, type Closure, type OpenCalendar,
} from '../../core/busdays';
import { nearest } from '../../core/suggest';
import { cite, citeRef, citeShort, type Source } from '../source';
import { reading, type Reading } from '../readings';
import type { CalendarFile, ClosuresFile, DeadlineRule, FixedRule, GrievanceStepRule } from './schema';
import type { Agreement } from '../types';
import { part } from '../part';

export type Unit = DeadlineRule['unit'];

const WD: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function closuresOf(list: CalendarFile['closures']): Closure[] {
  const out: Closure[] = [];
  for (const c of list) {
    if ('date' in c) out.push({ day: parseDate(c.date), name: c.name, source: c.source });
    else for (let d = parseDate(c.from); d <= parseDate(c.to); d++) out.push({ day: d, name: c.name, source: c.source });
  }
  return out;
}

export function segmentOf(f: CalendarFile & { file?: string }): CalendarSegment {
  return {
    first: parseDate(f.from),
    last: parseDate(f.to),
    openWeekdays: f.openWeekdays.map((w) => WD[w]),
    closures: closuresOf(f.closures),
    label: f.file ?? f.year ?? `${f.from}..${f.to}`,
    isDefault: f.default,
  };
}

export interface CalendarOptions {
  /** calendar files replacing the agreement's own */
  calendars?: (CalendarFile & { file?: string })[];
  /** extra closures layered on top */
  closures?: (ClosuresFile & { file?: string })[];
  /** extend coverage with weekdays-only years, with a warning */
  beyondCoverage?: boolean;
}

/** A holiday on the same month and day every year (July 4), read from the default calendars. */
export interface FixedHoliday {
  name: string;
  month: number;
  day: number;
}

/**
 * The fixed-date holidays of the Education Code defaults, read from the loaded calendar files: a
 * closure of a default file whose nominal date (the date, or the one its note says was moved) has the
 * same month and day in every file that has it, and is in at least two.
 */
export function fixedDateHolidays(files: CalendarFile[]): FixedHoliday[] {
  const seen = new Map<string, Set<string>>();
  for (const f of files) {
    if (!f.default) continue;
    for (const c of f.closures) {
      if (!('date' in c)) continue;
      const nominal = /^(\d{4}-\d{2}-\d{2}) is a/.exec(c.note ?? '')?.[1] ?? c.date;
      const md = nominal.slice(5);
      if (!seen.has(c.name)) seen.set(c.name, new Set());
      seen.get(c.name)!.add(md + '|' + f.from);
    }
  }
  const out: FixedHoliday[] = [];
  for (const [name, set] of seen) {
    const mds = new Set([...set].map((x) => x.split('|')[0]));
    if (mds.size !== 1 || set.size < 2) continue;
    const [m, d] = [...mds][0].split('-').map(Number);
    out.push({ name, month: m, day: d });
  }
  return out.sort((x, y) => x.month - y.month || x.day - y.day);
}

/** The closures of fixed-date holidays between two days: Saturday observed Friday, Sunday observed Monday. */
export function observedHolidays(h: FixedHoliday[], first: DayNumber, last: DayNumber): Closure[] {
  const out: Closure[] = [];
  for (let y = toParts(first).y - 1; y <= toParts(last).y + 1; y++)
    for (const x of h) {
      const nominal = fromParts(y, x.month, x.day);
      const wd = weekday(nominal);
      const d = wd === 6 ? nominal - 1 : wd === 0 ? nominal + 1 : nominal;
      if (d >= first && d <= last) out.push({ day: d, name: `${x.name} (fixed date, beyond the calendars)` });
    }
  return out;
}

export interface LoadedCalendar {
  cal: OpenCalendar;
  warnings: string[];
  notes: string[];
}

export function officeCalendar(a: Agreement, o: CalendarOptions = {}): LoadedCalendar {
  const files = o.calendars ?? a.parts.calendars ?? [];
  if (!files.length) throw new FieldError('calendar', `no office calendar: the agreement ${a.meta.id} has no calendars/ folder; give {calendar} <file>`);
  let segs = files.map(segmentOf);
  const warnings: string[] = [];
  const notes: string[] = [];
  if (segs.some((s) => s.isDefault)) {
    const adopted = files.find((f) => f.default)?.cite;
    const r = reading(a.parts.deadlines?.readings, 'default-office-calendar', { adopted: adopted ? ` (Article ${citeRef(adopted)})` : '' });
    if (r) notes.push(r.text);
  }
  if (o.beyondCoverage) {
    const sorted = [...segs].sort((x, y) => x.first - y.first);
    const lo = sorted[0].first;
    const hi = sorted[sorted.length - 1].last;
    const wk = [1, 2, 3, 4, 5];
    const fixed = fixedDateHolidays(files);
    const before = { first: lo - 3 * 366, last: lo - 1 };
    const after = { first: hi + 1, last: hi + 3 * 366 };
    segs = [
      { ...before, openWeekdays: wk, closures: observedHolidays(fixed, before.first, before.last), label: 'weekdays only (before coverage)' },
      ...segs,
      { ...after, openWeekdays: wk, closures: observedHolidays(fixed, after.first, after.last), label: 'weekdays only (beyond coverage)' },
    ];
    warnings.push(
      `outside ${formatDate(lo)} to ${formatDate(hi)} the calendar is weekdays only ({allowBeyondCoverage})` +
        (fixed.length
          ? `, closed on the fixed-date holidays of the loaded calendars' Education Code defaults (${fixed.map((h) => `${h.name}, ${MONTH_NAMES[h.month - 1].slice(0, 3)} ${h.day}`).join('; ')}; a Saturday one observed the Friday before, a Sunday one the Monday after); holidays on a weekday rule (Labor Day, Thanksgiving, the Monday holidays) are not counted`
          : ', with no holidays'),
    );
  }
  let cal: OpenCalendar;
  try {
    cal = buildCalendar(segs);
  } catch (e) {
    throw new InputError(`office calendar: ${(e as Error).message}`);
  }
  const extra = (o.closures ?? []).flatMap((f) => closuresOf(f.closures));
  if (extra.length) {
    cal = withClosures(cal, extra);
    notes.push(`Extra closures layered on the calendar: ${(o.closures ?? []).map((f) => f.name ?? f.file ?? 'closures').join(', ')}.`);
  }
  return { cal, warnings, notes };
}

function coverage(cal: OpenCalendar, e: unknown, what: string): never {
  if (e instanceof CoverageError)
    throw new FieldError('calendar', `${what}: ${e.message} (${formatDate(cal.first)} to ${formatDate(cal.last)}); add the school year's calendar under rules/.../calendars/, give {calendar}, or allow weekdays only with {allowBeyondCoverage}`);
  throw e;
}

export interface DueDate {
  due: DayNumber;
  counted?: DayNumber[];
  moved?: { from: DayNumber; reason: string };
  closedNote?: string;
}

/** One period counted from a date in its unit. */
export function countPeriod(cal: OpenCalendar, from: DayNumber, days: number, unit: Unit, direction: 'after' | 'before', rollToOpen = false, what = 'deadline'): DueDate {
  try {
    return countPeriodRaw(cal, from, days, unit, direction, rollToOpen, what);
  } catch (e) {
    return coverage(cal, e, what);
  }
}

/** countPeriod, throwing CoverageError when the count runs past the calendars. */
export function countPeriodRaw(cal: OpenCalendar, from: DayNumber, days: number, unit: Unit, direction: 'after' | 'before', rollToOpen = false, what = 'deadline'): DueDate {
  if (unit === 'hours') throw new InputError(`${what}: a period in hours is counted from a time of day, not by countPeriod`);
  {
    if (unit === 'office-days' || unit === 'working-days') {
      if (direction === 'after') return { due: addOpenDays(cal, from, days), counted: countedOpenDays(cal, from, days) };
      return { due: subtractOpenDays(cal, from, days), counted: countedOpenDaysBefore(cal, from, days) };
    }
    let due: DayNumber;
    if (unit === 'months') due = addMonths(from, direction === 'after' ? days : -days);
    else {
      const n = unit === 'weeks' ? days * 7 : days;
      due = direction === 'after' ? from + n : from - n;
    }
    const out: DueDate = { due };
    if (due >= cal.first && due <= cal.last && !isOpen(cal, due)) {
      const why = cal.closed.get(due) ?? `a ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekday(due)]}`;
      if (rollToOpen) {
        let d = due;
        while (!isOpen(cal, d)) d += direction === 'after' ? 1 : -1;
        out.moved = { from: due, reason: `${formatDate(due)} is closed (${why}): moved to the next open day` };
        out.due = d;
      } else out.closedNote = `${formatDate(due)} is a day the office is closed (${why}); the agreement does not move this deadline`;
    }
    return out;
  }
}

export const UNIT_TEXT: Record<Unit, string> = {
  'office-days': 'days the office is open',
  'working-days': 'working days (office open days)',
  'calendar-days': 'calendar days',
  weeks: 'weeks',
  months: 'months',
  hours: 'hours',
};

/** A unit of a period in words; days the office is open with the article that defines them (the grievance article's "day"). */
export function unitText(a: Agreement, u: Unit): string {
  return u === 'office-days' ? `${UNIT_TEXT[u]} (${citeRef(part(a, 'deadlines').counting.dayCite)})` : UNIT_TEXT[u];
}

const MONTH_SHORT = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "07:00" -> "7:00 a.m.", as the agreement writes times. */
export function clockText(t: string): string {
  const [h, m] = t.split(':').map(Number);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'a.m.' : 'p.m.'}`;
}

/** How a deadline is stated, for lists: "10 working-days before <event>", "by May 15", "between Nov 15 and Mar 1". */
export function whenText(d: AnyDeadline): string {
  if (d.kind === 'fixed') {
    const on = `${MONTH_SHORT[d.month]} ${d.day}${d.calendarYear ? `, ${d.calendarYear}` : ''}`;
    const base = d.relation === 'window' ? `${d.opens!.exclusive ? 'after' : 'between'} ${MONTH_SHORT[d.opens!.month]} ${d.opens!.day} ${d.opens!.exclusive ? 'and by' : 'and'} ${on}` : `${d.relation === 'before' ? 'before' : 'by'} ${on}`;
    return d.everyYears ? `${base}, every ${d.everyYears} years` : base;
  }
  if (d.kind === 'grievance') return `${d.days} ${d.unit} after ${d.from}`;
  const anchor = d.anchor === 'last-open-day-of-previous-month' ? 'the last working day of the month before ' : '';
  const at = d.time ? `${d.timeRelation === 'before' ? 'before' : 'by'} ${clockText(d.time)} ` : '';
  if (d.days === 0) return `${at}on ${anchor}${d.from}`;
  return `${at}${d.days} ${d.unit} ${d.direction} ${anchor}${d.from}`;
}

/** A trigger written YYYY-MM-DD, or with a time of day: YYYY-MM-DDTHH:MM or "YYYY-MM-DD HH:MM". */
/** A date, or a date and time of day; `what` is the field it comes from. */
export function parseDateTime(s: string, what: string): { day: DayNumber; minutes: number; timeGiven: boolean } {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2}))?$/.exec(s.trim());
  if (!m) throw new FieldError(what, `{${what}} ${JSON.stringify(s)}: write a date YYYY-MM-DD, or a date and time YYYY-MM-DDTHH:MM (24-hour), e.g. 2006-01-10T14:30`);
  const day = parseDate(m[1], what);
  if (m[2] === undefined) return { day, minutes: 0, timeGiven: false };
  const h = +m[2];
  const mi = +m[3];
  if (h > 23 || mi > 59) throw new FieldError(what, `{${what}} ${JSON.stringify(s)}: the time of day must be 00:00 to 23:59`);
  return { day, minutes: h * 60 + mi, timeGiven: true };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The last day the office is open in the month before the month of `d` (XVI.3.A(3) "the last working day of the month proceeding the month"). */
export function lastOpenDayOfPreviousMonth(cal: OpenCalendar, d: DayNumber): DayNumber {
  const { y, m } = toParts(d);
  let x = fromParts(y, m, 1) - 1;
  try {
    while (!isOpen(cal, x)) x--;
  } catch (e) {
    return coverage(cal, e, 'last working day of the month');
  }
  return x;
}

// ---------------------------------------------------------------- grievance chain

export interface GrievanceInput {
  occurred: string;
  known?: string;
  /** actual dates by step id (filed, decisions received, appeals...) */
  done?: Record<string, string>;
  /** issuance date of the Level III decision, when it differs from receipt */
  level3Issued?: string;
  resolutionProvided?: string;
  recess?: { from: string; to: string }[];
  /** the narrower reading of X.2.G: a recess extends only the grievant's own time lines */
  recessGrievantOnly?: boolean;
  today?: string;
}

export type StepStatus = 'done' | 'done-late' | 'due' | 'due-today' | 'overdue' | 'missed-by-administration' | 'pending';

export interface GrievanceStep {
  step: string;
  name: string;
  actor: string;
  days: number;
  unit: Unit;
  /** the day the count starts after (the trigger) */
  from: DayNumber;
  fromEvent: string;
  /** the trigger was assumed (the previous step's due date), not an actual date */
  assumed: boolean;
  due: DayNumber;
  actual?: DayNumber;
  status?: StepStatus;
  daysLeft?: number;
  officeDaysLeft?: number;
  note?: string;
  counted: DayNumber[];
  source: Source;
}

/** A step that cannot be counted: its period runs past the last loaded calendar. */
export interface BeyondStep {
  step: string;
  name: string;
  actor: string;
  days: number;
  unit: Unit;
  /** the trigger, when it is known (inside the calendars) */
  from?: DayNumber;
  fromEvent: string;
  reason: string;
  source: Source;
}

export interface GrievanceChain {
  steps: GrievanceStep[];
  /** readings of the article applied to this chain (the Section 7.4 reference, recess, issuance) */
  readings: Reading[];
  /** steps past the last calendar, in chain order, after the computed ones */
  beyond: BeyondStep[];
  notices: string[];
  warnings: string[];
  sources: Source[];
  countingRule: string;
}

const ORDER_HINT = 'dates of a grievance must follow each other (filed, then decision received, then appeal, ...)';

export function grievanceChain(a: Agreement, loaded: LoadedCalendar, input: GrievanceInput): GrievanceChain {
  const R = part(a, 'deadlines');
  const occurred = parseDate(input.occurred, 'occurred');
  const known = input.known !== undefined ? parseDate(input.known, 'known') : undefined;
  if (known !== undefined && known < occurred) throw new FieldError('known', `{known} ${input.known} is before {occurred} ${input.occurred}: one can only learn of an occurrence after it`);
  const stepIds = R.grievance.map((g) => g.id);
  const done = new Map<string, DayNumber>();
  for (const [k, v] of Object.entries(input.done ?? {})) {
    if (!stepIds.includes(k)) {
      const near = nearest(k, stepIds);
      throw new FieldError('done', `{done} ${k}=...: no such step${near.length ? `; did you mean ${near.join(', ')}?` : ''} (steps: ${stepIds.join(', ')})`);
    }
    try {
      done.set(k, parseDate(v, 'done'));
    } catch (e) {
      // name the step too: --done level2-appeal "x" is not a date
      throw e instanceof FieldError ? new FieldError('done', e.template.replace('{done}', `{done} ${k}`)) : e;
    }
  }
  const warnings = [...loaded.warnings];
  const notices: string[] = [];
  const readings: Reading[] = [];
  const sectionReading = reading(R.readings, 'section-7-4');
  if (sectionReading) readings.push(sectionReading);
  let cal = loaded.cal;
  const baseCal = loaded.cal;
  if (input.recess?.length) {
    const extra: Closure[] = [];
    for (const r of input.recess) {
      const { from: f, to: t } = parseRange(r.from, r.to, 'recess');
      for (let d = f; d <= t; d++) extra.push({ day: d, name: 'grievant on scheduled recess or approved leave' });
    }
    cal = withClosures(cal, extra);
    notices.push(`Recess or leave ${input.recess.map((r) => `${r.from}..${r.to}`).join(', ')} is not counted: the time lines are extended on the grievant's request (${citeShort(R.counting.recessCite)}).`);
    const r = reading(R.readings, input.recessGrievantOnly ? 'recess-grievant-only' : 'recess-all');
    if (r) readings.push(r);
  } else if (input.recessGrievantOnly) throw new FieldError('recessGrievantOnly', '{recessGrievantOnly} needs {recess} FROM..TO (the recess whose reading it narrows)');
  const today = input.today !== undefined ? parseDate(input.today, 'today') : undefined;
  // Order of actual dates along the chain.
  const main = R.grievance.filter((g) => g.from !== 'resolution-provided');
  let prevActual: { id: string; day: DayNumber } | undefined;
  for (const g of main) {
    const d = done.get(g.id);
    if (d === undefined) continue;
    if (d < occurred) throw new FieldError('done', `{done} ${g.id}=${formatDate(d)} is before the occurrence ${formatDate(occurred)}; ${ORDER_HINT}`);
    if (prevActual && d < prevActual.day && g.id !== 'arbitration-request')
      throw new InputError(`${g.id} on ${formatDate(d)} is before ${prevActual.id} on ${formatDate(prevActual.day)}: ${ORDER_HINT}`);
    prevActual = { id: g.id, day: d };
  }
  const steps: GrievanceStep[] = [];
  const beyond: BeyondStep[] = [];
  const beyondIds = new Set<string>();
  const byId = new Map<string, GrievanceStep>();
  for (const g of R.grievance) {
    if (beyondIds.has(g.from) && !(g.fromIssued && g.from === 'level3-decision' && input.level3Issued !== undefined)) {
      const prev = beyond.find((b) => b.step === g.from)!;
      beyond.push({ step: g.id, name: g.name, actor: g.actor, days: g.days, unit: g.unit, fromEvent: `${g.fromIssued ? 'issuance' : 'receipt'} of ${prev.name.toLowerCase()}`, reason: `counted from ${g.from}, which is itself beyond the calendar`, source: cite(g.cite) });
      beyondIds.add(g.id);
      continue;
    }
    let from: DayNumber | undefined;
    let fromEvent: string;
    let assumed = false;
    if (g.from === 'occurrence') {
      from = known ?? occurred;
      fromEvent = known !== undefined ? 'when the occurrence could reasonably have been known' : 'the occurrence';
    } else if (g.from === 'resolution-provided') {
      if (input.resolutionProvided === undefined) continue;
      from = parseDate(input.resolutionProvided, 'resolutionProvided');
      fromEvent = 'the Association was provided a copy of the proposed resolution';
    } else {
      const prev = byId.get(g.from)!;
      const actual = g.fromIssued && g.from === 'level3-decision' && input.level3Issued !== undefined ? parseDate(input.level3Issued, 'level3Issued') : prev.actual;
      const issuance = g.fromIssued && input.level3Issued === undefined && prev.actual !== undefined ? reading(R.readings, 'issuance-is-receipt', { date: formatDate(prev.actual) }) : undefined;
      if (issuance) readings.push({ ...issuance, text: `${g.id}: ${issuance.text}` });
      if (actual !== undefined) from = actual;
      else {
        from = prev.due;
        assumed = true;
      }
      fromEvent = `${g.fromIssued ? 'issuance' : 'receipt'} of ${prev.name.toLowerCase()}${assumed ? ' (not yet known: its deadline is assumed)' : ''}`;
    }
    let dd: DueDate;
    try {
      dd = countPeriodRaw(input.recessGrievantOnly && g.actor !== 'grievant' ? baseCal : cal, from, g.days, g.unit, 'after', false, g.id);
    } catch (e) {
      if (!(e instanceof CoverageError)) throw e;
      if (from < cal.first) return coverage(cal, e, g.id);
      beyond.push({
        step: g.id, name: g.name, actor: g.actor, days: g.days, unit: g.unit, from, fromEvent,
        reason: `${g.days} ${unitText(a, g.unit)} after ${formatDate(from)} run past the last calendar loaded (${formatDate(cal.last)}); add that school year's calendar (rules/.../calendars/ or {calendar}), or count weekdays with {allowBeyondCoverage}`,
        source: cite(g.cite),
      });
      const actual = done.get(g.id);
      // a step done on a known date still triggers the next one, though its own deadline is beyond
      if (actual !== undefined) byId.set(g.id, { step: g.id, name: g.name, actor: g.actor, days: g.days, unit: g.unit, from, fromEvent, assumed, due: actual, actual, counted: [], source: cite(g.cite) });
      else beyondIds.add(g.id);
      continue;
    }
    const step: GrievanceStep = { step: g.id, name: g.name, actor: g.actor, days: g.days, unit: g.unit, from, fromEvent, assumed, due: dd.due, counted: dd.counted ?? [], source: cite(g.cite), actual: done.get(g.id) };
    if (step.actual !== undefined) {
      if (step.actual > step.due) {
        step.status = g.actor === 'administration' ? 'missed-by-administration' : 'done-late';
        step.note =
          g.actor === 'administration'
            ? `decided ${formatDate(step.actual)}, after the ${formatDate(step.due)} deadline: the grievant may appeal to the next level automatically (${citeShort(R.counting.automaticAppealCite)})`
            : `done ${formatDate(step.actual)}, after the ${formatDate(step.due)} deadline: a grievant who misses a time limit forfeits the grievance (${citeShort(R.counting.forfeitCite)}) unless the time lines were extended by mutual written agreement`;
        (g.actor === 'administration' ? notices : warnings).push(`${g.id}: ${step.note}`);
      } else step.status = 'done';
    } else if (today !== undefined) {
      if (today > step.due) {
        step.status = g.actor === 'administration' ? 'missed-by-administration' : 'overdue';
        step.note =
          g.actor === 'administration'
            ? `no decision by ${formatDate(step.due)}: the grievant may appeal to the next level automatically (${citeShort(R.counting.automaticAppealCite)}); the appeal is counted from that deadline`
            : `the deadline ${formatDate(step.due)} has passed`;
        (g.actor === 'administration' ? notices : warnings).push(`${g.id}: ${step.note}`);
      } else if (today === step.due) step.status = 'due-today';
      else {
        step.status = 'due';
        step.daysLeft = step.due - today;
        step.officeDaysLeft = openDaysBetween(cal, today, step.due);
      }
    }
    steps.push(step);
    byId.set(g.id, step);
  }
  const c = R.counting;
  const countingRule = reading(R.readings, 'grievance-day-counting', { triggerCite: citeShort(c.cite), dayCite: citeShort(c.dayCite) })?.text ?? '';
  if (beyond.length)
    warnings.push(`${beyond.length} step${beyond.length === 1 ? '' : 's'} (${beyond.map((b) => b.step).join(', ')}) ${beyond.length === 1 ? 'runs' : 'run'} past the last calendar loaded (${formatDate(cal.last)}): marked beyond the calendar; the steps before are counted`);
  const anyAssumed = steps.some((s) => s.assumed);
  if (anyAssumed) notices.push('Where a step has no actual date yet, the next step is counted from its deadline; give actual dates ({filed}, {decisionReceived} {level} N, {done} STEP=DATE) to recompute from where the case really is.');
  return { steps, beyond, readings, notices: [...loaded.notes, ...notices], warnings, sources: [cite(c.cite), cite(c.dayCite), cite(c.forfeitCite), cite(c.automaticAppealCite), ...(input.recess?.length ? [cite(c.recessCite)] : [])], countingRule };
}

// ---------------------------------------------------------------- other deadlines

export type AnyDeadline = ({ kind: 'period' } & DeadlineRule) | ({ kind: 'fixed' } & FixedRule) | ({ kind: 'grievance' } & GrievanceStepRule);

export function allDeadlines(a: Agreement): AnyDeadline[] {
  const R = part(a, 'deadlines');
  return [...R.grievance.map((g) => ({ kind: 'grievance' as const, ...g })), ...R.deadlines.map((d) => ({ kind: 'period' as const, ...d })), ...R.fixed.map((f) => ({ kind: 'fixed' as const, ...f }))];
}

export function findDeadline(a: Agreement, name: string): AnyDeadline {
  const all = allDeadlines(a);
  const d = all.find((x) => x.id === name);
  if (!d) {
    const near = nearest(name, [...all.map((x) => x.id), 'grievance', 'list']);
    throw new InputError(`unknown deadline "${name}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (cba deadline list shows them all)`);
  }
  return d;
}

export interface SingleDeadline {
  id: string;
  name: string;
  days?: number;
  unit?: Unit | 'date';
  direction?: 'after' | 'before';
  from?: DayNumber;
  /** the trigger's time of day (hours periods) */
  fromTime?: string;
  fromEvent?: string;
  due: DayNumber;
  /** the deadline's time of day, when the agreement gives one (7:00 a.m.) or the period is in hours */
  dueTime?: string;
  /** "not later than" the time (at it), or "prior to" it */
  timeRelation?: 'not-later-than' | 'before';
  /** a window's first day (fixed windows) */
  opens?: DayNumber;
  /** the fixed date's relation: by, before (the day before is the last), window */
  relation?: 'by' | 'before' | 'window';
  counted?: DayNumber[];
  notes: string[];
  readings: Reading[];
  warnings: string[];
  source: Source;
}

/** A reading's text as a note, or none when the agreement states no such reading. */
const texts = (r: Reading | undefined): string[] => (r ? [r.text] : []);

export function computeDeadline(a: Agreement, loaded: LoadedCalendar, name: string, input: { from?: string; year?: string; since?: string }): SingleDeadline {
  const d = findDeadline(a, name);
  const RD = a.parts.deadlines?.readings;
  if (d.kind === 'fixed') {
    if (input.from !== undefined) throw new FieldError('year', `${d.id} is a fixed date of the year (${whenText(d)}); give {year} YYYY-YY, not {from}`);
    let year = input.year;
    if (d.calendarYear !== undefined) {
      const only = schoolYearOf(fromParts(d.calendarYear, d.month, 1));
      if (year !== undefined && year !== only) throw new FieldError('year', `${d.id} applies only in ${d.calendarYear} (${whenText(d)}): give {year} ${only} or leave {year} out`);
      year = only;
    }
    if (year === undefined) throw new FieldError('year', `${d.id} is a fixed date of each year: give {year}, for example {year} 2005-06`);
    const { first } = schoolYearRange(year);
    const y0 = toParts(first).y;
    const dateOf = (month: number, day: number) => {
      const y = y0 + (month >= 7 ? 0 : 1);
      return fromParts(y, month, Math.min(day, daysInMonth(y, month)));
    };
    const on = dateOf(d.month, d.day);
    const relation = d.relation ?? 'by';
    const due = relation === 'before' ? on - 1 : on;
    const notes: string[] = [];
    const readings: Reading[] = d.reading ? [{ id: d.id, text: d.reading, source: cite(d.cite) }] : [];
    let opens: DayNumber | undefined;
    if (relation === 'window') {
      opens = dateOf(d.opens!.month, d.opens!.day) + (d.opens!.exclusive ? 1 : 0);
      notes.push(`The window runs from ${formatDate(opens)} to ${formatDate(due)}, both included.`);
    }
    if (relation === 'before') notes.push(...texts(reading(RD, 'prior-to-day-before', { date: `${MONTH_NAMES[d.month - 1]} ${d.day}`, due: formatDate(due) })));
    if (d.everyYears) {
      if (input.since === undefined) notes.push(`Due once every ${d.everyYears} years: give {since} YYYY-YY (the first year of the cycle) to check whether ${year} is one of them.`);
      else {
        const s0 = toParts(schoolYearRange(input.since).first).y;
        const k = y0 - s0;
        if (k < 0) throw new FieldError('since', `{since} ${input.since} is after {year} ${year}: the cycle starts on or before the year asked for`);
        notes.push(k % d.everyYears === 0 ? `${year} is a year of the cycle that started in ${input.since} (every ${d.everyYears} years).` : `${year} is not a year of the cycle that started in ${input.since}: the next is ${schoolYearStarting(y0 + d.everyYears - (k % d.everyYears))}.`);
      }
    }
    if (due >= loaded.cal.first && due <= loaded.cal.last && !isOpen(loaded.cal, due))
      notes.push(...texts(reading(RD, 'fixed-date-not-moved', { due: formatDate(due), weekday: WEEKDAY_SHORT[weekday(due)], closed: loaded.cal.closed.has(due) ? ` (${loaded.cal.closed.get(due)})` : '' })));
    return { id: d.id, name: d.name, unit: 'date', relation, due, ...(opens !== undefined ? { opens } : {}), notes, readings, warnings: [], source: cite(d.cite) };
  }
  if (input.year !== undefined) throw new FieldError('year', `{year} applies to the fixed dates of the year; ${d.id} counts from a date: give {from}`);
  if (input.from === undefined) throw new FieldError('from', `${d.id}: give {from} <date> (${d.kind === 'period' ? d.from : 'the trigger'})`);
  const direction = d.kind === 'period' ? d.direction : 'after';
  const notes = [...loaded.notes];
  const readings: Reading[] = d.kind === 'period' && d.reading ? [{ id: d.id, text: d.reading, source: cite(d.cite) }] : [];
  const base = { id: d.id, name: d.name, days: d.days, unit: d.unit, direction, fromEvent: d.from, warnings: loaded.warnings, source: cite(d.cite) };
  if (d.unit === 'hours') {
    const t = parseDateTime(input.from, 'from');
    let total = t.day * 1440 + t.minutes + (direction === 'after' ? 1 : -1) * d.days * 60;
    const due = Math.floor(total / 1440);
    total -= due * 1440;
    if (!t.timeGiven)
      notes.push(`No time of day given with {from}: counted from the start of ${formatDate(t.day)} (00:00), the safe side; give {from} ${formatDate(t.day)}THH:MM for the exact time.`);
    notes.push(...texts(reading(RD, 'hours-on-the-clock', { hours: d.days })));
    return { ...base, from: t.day, fromTime: hhmm(t.minutes), due, dueTime: hhmm(total), notes, readings };
  }
  let from = parseDate(input.from, 'from');
  if (d.kind === 'period' && d.anchor === 'last-open-day-of-previous-month') {
    const anchored = lastOpenDayOfPreviousMonth(loaded.cal, from);
    notes.push(`The month of ${formatDate(from)}: the last working day of the month before it is ${formatDate(anchored)} (office open days).`);
    from = anchored;
  }
  const dd = d.days === 0 ? { due: from } as DueDate : countPeriod(loaded.cal, from, d.days, d.unit, direction, d.kind === 'period' ? d.rollToOpen : false, d.id);
  if (dd.closedNote) notes.push(dd.closedNote);
  if (dd.moved) notes.push(dd.moved.reason);
  if (d.unit === 'working-days' && d.days > 0) notes.push(...texts(reading(RD, 'working-days-office-open')));
  if (direction === 'before' && d.days > 0) notes.push(`Counted back from ${formatDate(from)}: the latest date that leaves ${d.days} ${d.unit.replace('-', ' ')} before it.`);
  const timed = d.kind === 'period' && d.time !== undefined ? { dueTime: d.time, timeRelation: d.timeRelation ?? ('not-later-than' as const) } : {};
  return { ...base, from, due: dd.due, ...timed, counted: dd.counted, notes, readings };
}

/** A deadline counted from a date, as a batch of trigger dates uses it: grievance is its first step. */
export type CountedDeadline = Exclude<AnyDeadline, { kind: 'fixed' }>;

export function countedDeadline(a: Agreement, name: string): CountedDeadline {
  const rule = name === 'grievance' ? { ...part(a, 'deadlines').grievance[0], kind: 'grievance' as const } : findDeadline(a, name);
  if (rule.kind === 'fixed') throw new InputError(`${rule.id} is a fixed date of the year; a batch needs a deadline counted from a date`);
  if (rule.kind === 'period' && (rule.unit === 'hours' || rule.anchor !== undefined || rule.days === 0))
    throw new FieldError('from', `${rule.id} is counted ${rule.unit === 'hours' ? 'in hours from a time of day' : 'from an anchored or same-day trigger'}; compute it one at a time with {from}, not {input}`);
  return rule;
}

/** The due date of a counted deadline from a trigger date, with further days closed (a recess) not counted. */
export function dueFrom(cal: OpenCalendar, rule: CountedDeadline, trigger: DayNumber, closed: { from: DayNumber; to: DayNumber }[] = []): DayNumber {
  const direction = rule.kind === 'period' ? rule.direction : 'after';
  let c = cal;
  if (closed.length) {
    // each range clipped to the calendars' coverage (days outside it cannot move a due date counted
    // inside it), each day once: a range of 0001-01-01..9999-12-31 costs no more than the calendar
    const shut = new Uint8Array(cal.last - cal.first + 1);
    for (const r of closed) if (r.to >= cal.first && r.from <= cal.last) shut.fill(1, Math.max(r.from, cal.first) - cal.first, Math.min(r.to, cal.last) - cal.first + 1);
    const extra: Closure[] = [];
    for (let i = 0; i < shut.length; i++) if (shut[i]) extra.push({ day: cal.first + i, name: 'recess' });
    c = withClosures(cal, extra);
  }
  return (rule.unit === 'office-days' || rule.unit === 'working-days') && direction === 'after'
    ? addOpenDays(c, trigger, rule.days)
    : countPeriod(c, trigger, rule.days, rule.unit, direction, rule.kind === 'period' ? rule.rollToOpen : false).due;
}
