// The optional rule files of an agreement folder, beyond agreement.yaml and schedules/.
import type { z } from 'zod';
import { RulesError } from '../core/errors';
import { StipendsFile } from './stipends/schema';
import { LeavesFile } from './leaves/schema';
import { CalendarFile, DeadlinesFile } from './deadlines/schema';
import { AdvancementFile } from './advancement/schema';
import { BenefitsFile } from './benefits/schema';
import type { Agreement, PartKind } from './types';
import { hasOwn } from '../core/own';

export interface PartSpec {
  file?: string;
  folder?: string;
  schema: z.ZodTypeAny;
}

export const PART_SCHEMAS: Record<PartKind, PartSpec> = {
  stipends: { file: 'stipends.yaml', schema: StipendsFile },
  leaves: { file: 'leaves.yaml', schema: LeavesFile },
  deadlines: { file: 'deadlines.yaml', schema: DeadlinesFile },
  calendars: { folder: 'calendars', schema: CalendarFile },
  advancement: { file: 'advancement.yaml', schema: AdvancementFile },
  benefits: { file: 'benefits.yaml', schema: BenefitsFile },
};

/** Checks that span files (a stipend base naming a schedule cell that must exist, ...). */
export const CROSS_CHECKS: ((a: Agreement) => void)[] = [
  (a) => {
    const st = a.parts.stipends;
    if (!st) return;
    const sch = a.schedules.filter((s) => s.id === st.base.schedule);
    if (!sch.length) throw new RulesError(`base schedule "${st.base.schedule}" is not a schedule id`, st.file, 'base.schedule');
    for (const s of sch) {
      const row = s.rows.find((r) => r.step === st.base.step);
      const v = row?.[s.basis]?.[st.base.class];
      if (v === undefined) throw new RulesError(`the ${s.id} ${s.year} schedule has no Class ${st.base.class} Step ${st.base.step}`, st.file, 'base');
    }
  },
];

CROSS_CHECKS.push((a) => {
  const lv = a.parts.leaves;
  if (!lv) return;
  lv.sickLeave.printedMaxHours.forEach((p, i) => {
    if (!hasOwn(a.meta.assignments, p.assignment))
      throw new RulesError(`assignment "${p.assignment}" is not one of agreement.yaml's assignments`, lv.file, `sickLeave.printedMaxHours[${i}].assignment`);
  });
});

CROSS_CHECKS.push((a) => {
  const adv = a.parts.advancement;
  if (!adv) return;
  adv.plans.forEach((p, i) => {
    for (const id of p.schedules) {
      const s = a.schedules.find((x) => x.id === id);
      if (!s) throw new RulesError(`schedule "${id}" is not a schedule id`, adv.file, `plans[${i}].schedules`);
      p.classification.classes.forEach((c, j) => {
        if (!s.classes.includes(c.class)) throw new RulesError(`class ${c.class} is not a class of the ${id} schedule`, adv.file, `plans[${i}].classification.classes[${j}].class`);
      });
    }
  });
});

CROSS_CHECKS.push((a) => {
  (a.meta.positions ?? []).forEach((p, i) => {
    if (!a.schedules.some((s) => s.id === p.schedule)) throw new RulesError(`schedule "${p.schedule}" is not a schedule id`, 'agreement.yaml', `positions[${i}].schedule`);
  });
});

export function crossCheck(a: Agreement): void {
  for (const c of CROSS_CHECKS) c(a);
}
