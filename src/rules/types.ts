// The loaded rules of one agreement: plain data, JSON-serialisable (the build caches it).
import type { AgreementFile, ScheduleFile } from './schema';
import type { StipendsFile } from './stipends/schema';
import type { LeavesFile } from './leaves/schema';
import type { CalendarFile, DeadlinesFile } from './deadlines/schema';
import type { AdvancementFile } from './advancement/schema';
import type { BenefitsFile } from './benefits/schema';

/** A rules file as loaded: its content and the file it came from (as shown in messages). */
export type Loaded<T> = T & { file: string };

export type Schedule = Loaded<ScheduleFile>;

/** The optional rule files of an agreement folder, one entry per family (the YAML file's name). */
export interface Parts {
  stipends?: Loaded<StipendsFile>;
  leaves?: Loaded<LeavesFile>;
  deadlines?: Loaded<DeadlinesFile>;
  advancement?: Loaded<AdvancementFile>;
  benefits?: Loaded<BenefitsFile>;
  /** calendars/: one file per school year */
  calendars?: Loaded<CalendarFile>[];
}
export type PartKind = keyof Parts;

export interface Agreement {
  /** absolute path of the agreement folder */
  dir: string;
  meta: AgreementFile;
  schedules: Schedule[];
  /** Further rule sets (stipends, leaves, advancement, deadlines, calendars), by family; files names the files read. */
  parts: Parts & { files: Partial<Record<PartKind, string>> };
}

export interface RulesSet {
  root: string;
  agreements: Agreement[];
}
