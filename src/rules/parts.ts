// The optional rule files of an agreement folder, beyond agreement.yaml and schedules/.
// Each later capability (stipends, leaves, advancement, deadlines, calendars) registers its file here.
import type { z } from 'zod';
import type { Agreement } from './types';

export interface PartSpec {
  file?: string;
  folder?: string;
  schema: z.ZodTypeAny;
}

export const PART_SCHEMAS: Record<string, PartSpec> = {};

/** Checks that span files (a stipend naming a schedule cell that must exist, ...). */
export const CROSS_CHECKS: ((a: Agreement) => void)[] = [];

export function crossCheck(a: Agreement): void {
  for (const c of CROSS_CHECKS) c(a);
}
