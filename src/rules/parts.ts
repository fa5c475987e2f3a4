// The optional rule files of an agreement folder, beyond agreement.yaml and schedules/.
import type { z } from 'zod';
import { RulesError } from '../core/errors';
import { StipendsFile } from './stipend-schema';
import type { Agreement } from './types';

export interface PartSpec {
  file?: string;
  folder?: string;
  schema: z.ZodTypeAny;
}

export const PART_SCHEMAS: Record<string, PartSpec> = {
  stipends: { file: 'stipends.yaml', schema: StipendsFile },
};

/** Checks that span files (a stipend base naming a schedule cell that must exist, ...). */
export const CROSS_CHECKS: ((a: Agreement) => void)[] = [
  (a) => {
    const st = a.parts.stipends as (StipendsFile & { file: string }) | undefined;
    if (!st) return;
    const sch = a.schedules.filter((s) => s.id === st.base.schedule);
    if (!sch.length) throw new RulesError(`base schedule "${st.base.schedule}" is not a schedule id`, st.file, 'base.schedule');
    for (const s of sch) {
      const row = s.rows[st.base.step - 1];
      const v = s.basis === 'annual' ? row?.annual?.[st.base.class] : row?.hourly?.[st.base.class];
      if (v === undefined) throw new RulesError(`the ${s.id} ${s.year} schedule has no Class ${st.base.class} Step ${st.base.step}`, st.file, 'base');
    }
  },
];

export function crossCheck(a: Agreement): void {
  for (const c of CROSS_CHECKS) c(a);
}
