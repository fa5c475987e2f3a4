// The loaded rules of one agreement: plain data, JSON-serialisable (the build caches it).
import type { AgreementFile, ScheduleFile } from './schema';

export type Schedule = ScheduleFile & { file: string };

export interface Agreement {
  /** absolute path of the agreement folder */
  dir: string;
  meta: AgreementFile;
  schedules: Schedule[];
  /** Further rule sets (stipends, leaves, advancement, deadlines, calendars), by file kind. */
  parts: Partial<Record<string, unknown>> & { files: Record<string, string> };
}

export interface RulesSet {
  root: string;
  agreements: Agreement[];
}
