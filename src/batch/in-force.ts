// The schedules in force on a day, one per id, labelled with one school year so that salary() and the
// percentage stipends read them as that year's (effective-dated schedules: src/rules/schedules/effective.ts).
import { FieldError } from '../core/errors';
import { formatDate, type DayNumber } from '../core/date';
import { coverage, coveredText } from '../rules/schedules/effective';
import { scheduleIds } from '../rules/schedules/schedule';
import type { Agreement, Schedule } from '../rules/types';

/** For each schedule id, the schedule in force on the day. strict: a day no schedule covers is an error
 *  for the default schedule (other ids are left out); carried: the last schedule before the day stays in
 *  force past its year (projections beyond the rules), and the first one before any. */
export function inForce(a: Agreement, day: DayNumber, mode: 'strict' | 'carried', what = '{effective}'): { schedules: Schedule[]; key: string } {
  const date = formatDate(day);
  const schedules: Schedule[] = [];
  for (const id of scheduleIds(a)) {
    const c = coverage(a, id);
    let hit = c.find((x) => x.from <= date && date <= x.to)?.schedule;
    if (!hit && mode === 'carried') hit = [...c].reverse().find((x) => x.from <= date)?.schedule ?? c[0]?.schedule;
    if (!hit) {
      if (id === a.meta.defaultSchedule) throw new FieldError('effective', `${what} ${date}: no ${id} schedule is in force on that date in the rules (they cover ${coveredText(c)})`);
      continue;
    }
    schedules.push(hit);
  }
  return { schedules, key: schedules.map((s) => `${s.id}@${s.effective}@${s.file}`).join('|') };
}

/** The agreement with only the given schedules, each relabelled as school year `label`. */
export function withSchedules(a: Agreement, schedules: Schedule[], label: string): Agreement {
  return { ...a, schedules: schedules.map((s) => (s.year === label ? s : { ...s, year: label })) };
}

/** Dates inside [first, end) where some schedule takes effect or stops (the day after its last). */
export function scheduleCuts(a: Agreement, first: DayNumber, end: DayNumber, parse: (s: string) => DayNumber): DayNumber[] {
  const out: DayNumber[] = [];
  for (const id of scheduleIds(a))
    for (const x of coverage(a, id)) {
      const f = parse(x.from), t = parse(x.to) + 1;
      if (f > first && f < end) out.push(f);
      if (t > first && t < end) out.push(t);
    }
  return out;
}
