// Picking a schedule and a cell of it (Appendix A).
import { FieldError } from '../../core/errors';
import type { Agreement, Schedule } from '../types';
import { hasOwn } from '../../core/own';

export function scheduleIds(a: Agreement): string[] {
  return [...new Set(a.schedules.map((s) => s.id))];
}

export function scheduleYears(a: Agreement, id?: string): string[] {
  return [...new Set(a.schedules.filter((s) => !id || s.id === id).map((s) => s.year))].sort();
}

/** The key of a schedule's row holding its main values: annual salaries, daily or hourly rates. */
/** How an annual cell of a schedule raised by a percentage is rounded: the agreement's `rounding.annualCell`
 *  (whole dollars for the shipped agreement, whose schedules print whole dollars), else its pay rounding. */
export function annualCellRounding(a: Agreement) {
  return a.meta.rounding.annualCell ?? a.meta.rounding.pay;
}

export function mainKey(s: Pick<Schedule, 'basis'>): 'annual' | 'daily' | 'hourly' {
  return s.basis;
}

/** The schedules of one id in a school year, earliest effective first. */
export function schedulesInYear(a: Agreement, id: string, year: string): Schedule[] {
  return a.schedules.filter((x) => x.id === id && x.year === year).sort((x, y) => (x.effective < y.effective ? -1 : x.effective > y.effective ? 1 : 0));
}

/** The schedule by id and school year; the latest year when none is given. A year holding several
 *  (a mid-year change) gives the first of them: the one in force when the year starts. */
export function findSchedule(a: Agreement, id?: string, year?: string): Schedule {
  const sid = id ?? a.meta.defaultSchedule;
  const ofId = a.schedules.filter((s) => s.id === sid);
  if (!a.schedules.length)
    throw new FieldError('rules', `the ${a.meta.id} rules have no salary schedule yet: import one with cba rules import schedule <file.csv|.xlsx|.pdf> {rules} <folder>`);
  if (!ofId.length) throw new FieldError('schedule', `{schedule} ${sid}: no such schedule; choose one of ${scheduleIds(a).join(', ')}`);
  if (year !== undefined) {
    if (!/^\d{4}-\d{2}$/.test(year)) throw new FieldError('year', `{year} ${year}: write a school year as YYYY-YY, for example 2005-06`);
    const inYear = schedulesInYear(a, sid, year);
    if (!inYear.length)
      throw new FieldError('year',
        `{year} ${year}: the ${sid} schedule has no ${year} table in the rules (it has ${scheduleYears(a, sid).join(', ')}); add schedules/${sid}-${year}.yaml to cover it`,
      );
    return inYear[0];
  }
  return ofId.reduce((best, s) => (s.year > best.year || (s.year === best.year && s.effective > best.effective) ? s : best));
}

/** The rows of a class, in order: those with a main value for it. */
function classRows(s: Schedule, cls: string) {
  const key = mainKey(s);
  return s.rows.filter((r) => r[key] && hasOwn(r[key], cls));
}

export function lastStep(s: Schedule, cls: string): number {
  const rows = classRows(s, cls);
  return rows.length ? rows[rows.length - 1].step : 0;
}

export function firstStep(s: Schedule, cls: string): number {
  const rows = classRows(s, cls);
  return rows.length ? rows[0].step : 0;
}

/** The step after `step` on the schedule for this class, capped at its last step: step numbers the
 *  schedule skips (longevity 15, 20, 25) are still steps, each one year, paid at the plateau. */
export function nextStep(s: Schedule, cls: string, step: number): number {
  return Math.min(step + 1, lastStep(s, cls));
}

/** Accept "iv", "IV", "Class IV", "ba+45"; return the class as written on the schedule. */
export function normalizeClass(s: Schedule, input: string): string {
  const t = input.trim().replace(/\s+/g, ' ');
  if (!t) throw new FieldError('class', `{class} is empty: give one of the classes of the ${s.name} ${s.year}: ${s.classes.join(', ')}`);
  const fold = (x: string) => x.toLowerCase().replace(/\s+/g, ' ');
  const found = s.classes.find((c) => fold(c) === fold(t)) ?? s.classes.find((c) => fold(c) === fold(t.replace(/^(class|column|col\.?)\s+/i, '')));
  if (!found) {
    throw new FieldError('class',
      `{class} ${input}: the ${s.name} ${s.year} has no class ${t}; its classes are ${s.classes.join(', ')}`,
    );
  }
  return found;
}

export interface Cell {
  schedule: Schedule;
  cls: string;
  /** the step asked for */
  step: number;
  /** the printed step it is paid at: the step itself, or the highest printed step below it (a plateau) */
  printedStep: number;
  /** the step's label as printed, when it has one */
  label?: string;
  annual?: number;
  daily?: number;
  hourly?: number;
}

export function getCell(s: Schedule, clsInput: string, step: number): Cell {
  const cls = normalizeClass(s, clsInput);
  const rows = classRows(s, cls);
  const first = rows[0].step;
  const last = rows[rows.length - 1].step;
  if (!Number.isInteger(step) || step < first || step > last) {
    throw new FieldError('step',
      `{step} ${step}: class ${cls} of the ${s.name} ${s.year} has steps ${first} to ${last}; give a whole number in that range`,
    );
  }
  let row = rows[0];
  for (const r of rows) if (r.step <= step) row = r;
  return {
    schedule: s,
    cls,
    step,
    printedStep: row.step,
    ...(row.label !== undefined ? { label: row.label } : {}),
    annual: row.annual?.[cls],
    daily: row.daily?.[cls],
    hourly: row.hourly?.[cls],
  };
}

/** The value of a cell on the schedule's basis. */
export function mainValue(c: Cell): number {
  return c.schedule.basis === 'annual' ? c.annual! : c.schedule.basis === 'daily' ? c.daily! : c.hourly!;
}
