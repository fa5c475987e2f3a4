// Picking a schedule and a cell of it (Appendix A).
import { InputError } from '../core/errors';
import type { Agreement, Schedule } from './types';

export function scheduleIds(a: Agreement): string[] {
  return [...new Set(a.schedules.map((s) => s.id))];
}

export function scheduleYears(a: Agreement, id?: string): string[] {
  return [...new Set(a.schedules.filter((s) => !id || s.id === id).map((s) => s.year))].sort();
}

/** The schedule by id and school year; the latest year when none is given. */
export function findSchedule(a: Agreement, id?: string, year?: string): Schedule {
  const sid = id ?? a.meta.defaultSchedule;
  const ofId = a.schedules.filter((s) => s.id === sid);
  if (!ofId.length) throw new InputError(`--schedule ${sid}: no such schedule; choose one of ${scheduleIds(a).join(', ')}`);
  if (year !== undefined) {
    if (!/^\d{4}-\d{2}$/.test(year)) throw new InputError(`--year ${year}: write a school year as YYYY-YY, for example 2005-06`);
    const s = ofId.find((x) => x.year === year);
    if (!s)
      throw new InputError(
        `--year ${year}: the ${sid} schedule has no ${year} table in the rules (it has ${scheduleYears(a, sid).join(', ')}); add schedules/${sid}-${year}.yaml to cover it`,
      );
    return s;
  }
  return ofId.reduce((best, s) => (s.year > best.year ? s : best));
}

export function lastStep(s: Schedule, cls: string): number {
  const key = s.basis === 'annual' ? 'annual' : 'hourly';
  let n = 0;
  for (const r of s.rows) if (r[key] && cls in r[key]!) n = r.step;
  return n;
}

/** Accept "iv", "IV", "Class IV"; return the class as written on the schedule. */
export function normalizeClass(s: Schedule, input: string): string {
  const t = input.trim().replace(/^class\s+/i, '');
  if (!t) throw new InputError(`--class is empty: give one of the classes of the ${s.name} ${s.year}: ${s.classes.join(', ')}`);
  const found = s.classes.find((c) => c.toLowerCase() === t.toLowerCase());
  if (!found) {
    throw new InputError(
      `--class ${input}: the ${s.name} ${s.year} has no class ${t}; its classes are ${s.classes.join(', ')}`,
    );
  }
  return found;
}

export interface Cell {
  schedule: Schedule;
  cls: string;
  step: number;
  annual?: number;
  daily?: number;
  hourly?: number;
}

export function getCell(s: Schedule, clsInput: string, step: number): Cell {
  const cls = normalizeClass(s, clsInput);
  const last = lastStep(s, cls);
  if (!Number.isInteger(step) || step < 1 || step > last) {
    throw new InputError(
      `--step ${step}: class ${cls} of the ${s.name} ${s.year} has steps 1 to ${last}; give a whole number in that range`,
    );
  }
  const row = s.rows[step - 1];
  return {
    schedule: s,
    cls,
    step,
    annual: row.annual?.[cls],
    daily: row.daily?.[cls],
    hourly: row.hourly?.[cls],
  };
}
