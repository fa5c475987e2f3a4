// Reading user-given rules-like files (calendars, closures) with the validator: named file, line, problem.
import { LIMITS, readBoundedText } from '../core/read-bounded';
import { noteInput, writeFileAtomic } from './run-files';
import { InputError } from '../core/errors';
import type { z } from 'zod';
import { officeCalendar, type CalendarOptions, type LoadedCalendar } from '../rules/deadlines/deadlines';
import type { Agreement } from '../rules/types';

export async function readValidated<T extends z.ZodTypeAny>(file: string, flag: string, pick: (m: typeof import('../rules/all-schemas')) => T): Promise<z.infer<T> & { file: string }> {
  const text = readBoundedText(file, `${flag} ${file}`, LIMITS.calendarFile, `a ${flag} file`);
  noteInput(file);
  const [{ validateFile }, schemas] = await Promise.all([import('../rules/validate'), import('../rules/all-schemas')]);
  try {
    return { ...(validateFile(pick(schemas), file, file, text) as object), file } as z.infer<T> & { file: string };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/** Write a file the user asked for (--ics, --out-schedule): refused when it is one of the run's inputs,
 *  written to a temporary file and renamed into place (src/cli/run-files.ts); a path that cannot be
 *  written is bad input. */
export function writeUserFile(file: string, text: string, flag: string, alsoInputs: string[] = []): void {
  writeFileAtomic(file, text, flag, alsoInputs);
}

const ownCalendars = new WeakMap<Agreement, Map<boolean, LoadedCalendar>>();

/** The office calendar: the agreement's calendars/, or --calendar files instead, with --closures layered on. */
export async function calendarFor(a: Agreement, o: { calendar?: string[]; closures?: string[]; allowBeyondCoverage?: boolean }): Promise<LoadedCalendar> {
  // the agreement's own calendar is built once per run (cba check runs thousands of cases)
  if (!o.calendar?.length && !o.closures?.length) {
    let byAgreement = ownCalendars.get(a);
    if (!byAgreement) ownCalendars.set(a, (byAgreement = new Map()));
    const key = Boolean(o.allowBeyondCoverage);
    let c = byAgreement.get(key);
    if (!c) byAgreement.set(key, (c = officeCalendar(a, { beyondCoverage: o.allowBeyondCoverage })));
    return { ...c, warnings: [...c.warnings], notes: [...c.notes] };
  }
  const opts: CalendarOptions = { beyondCoverage: o.allowBeyondCoverage };
  if (o.calendar?.length) opts.calendars = await Promise.all(o.calendar.map((f) => readValidated(f, '--calendar', (m) => m.CalendarFile)));
  if (o.closures?.length) opts.closures = await Promise.all(o.closures.map((f) => readValidated(f, '--closures', (m) => m.ClosuresFile)));
  return officeCalendar(a, opts);
}
