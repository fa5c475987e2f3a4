// Reading user-given rules-like files (calendars, closures) with the validator: named file, line, problem.
import { existsSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors';
import type { z } from 'zod';
import { officeCalendar, type CalendarOptions, type LoadedCalendar } from '../rules/deadlines/deadlines';
import type { Agreement } from '../rules/types';

export async function readValidated<T extends z.ZodTypeAny>(file: string, flag: string, pick: (m: typeof import('../rules/all-schemas')) => T): Promise<z.infer<T> & { file: string }> {
  if (!existsSync(file)) throw new InputError(`${flag} ${file}: no such file`);
  const [{ validateFile }, schemas] = await Promise.all([import('../rules/validate'), import('../rules/all-schemas')]);
  try {
    return { ...(validateFile(pick(schemas), file, file) as object), file } as z.infer<T> & { file: string };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/** Write a file the user asked for (--ics, --out-schedule); a path that cannot be written is bad input. */
export function writeUserFile(file: string, text: string, flag: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${flag} ${file}: cannot write the file (${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : code ?? String(e)})`);
  }
}

/** The office calendar: the agreement's calendars/, or --calendar files instead, with --closures layered on. */
export async function calendarFor(a: Agreement, o: { calendar?: string[]; closures?: string[]; allowBeyondCoverage?: boolean }): Promise<LoadedCalendar> {
  const opts: CalendarOptions = { beyondCoverage: o.allowBeyondCoverage };
  if (o.calendar?.length) opts.calendars = await Promise.all(o.calendar.map((f) => readValidated(f, '--calendar', (m) => m.CalendarFile)));
  if (o.closures?.length) opts.closures = await Promise.all(o.closures.map((f) => readValidated(f, '--closures', (m) => m.ClosuresFile)));
  return officeCalendar(a, opts);
}
