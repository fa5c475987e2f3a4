import * as z from 'zod';
import { Citation, Readings, Rounding, lazyFile } from '../schema';

const Degree = z.enum(['none', 'aa', 'bachelor', 'master', 'doctorate']);
export const AdvancementFile = lazyFile(() => {
  const Requirement = z
    .object({
      degree: Degree,
      unitsAfterBachelor: z.number().nonnegative().optional(),
      unitsAfterMaster: z.number().nonnegative().optional(),
      unitsAfterAa: z.number().nonnegative().optional(),
      eceUnits: z.number().nonnegative().optional(),
      degreeIn: z.enum(['ece']).optional().describe('the degree itself is in Early Childhood Education/Child Development (pre-school Class II: "AA degree in Early Childhood Education/Child Development")'),
    })
    .strict();

  const Plan = z
    .object({
      schedules: z.array(z.string()).min(1),
      stepAdvance: z
        .object({
          minPercent: z.number().positive().max(100),
          thresholdRounding: Rounding.extend({ note: z.string().optional() }).strict(),
          printedThreshold: z.number().int().positive().optional(),
          maxStepsPerYear: z.number().int().positive(),
          cite: Citation,
          asOfCite: Citation,
          oneStepCite: Citation,
          printedThresholdCite: Citation.optional(),
        })
        .strict(),
      classChange: z.object({ quarters: z.array(z.string().regex(/^\d{2}-\d{2}$/)).min(1), cite: Citation }).strict(),
      classification: z
        .object({
          cite: Citation,
          classes: z.array(z.object({ class: z.string(), alternatives: z.array(Requirement).min(1), cite: Citation }).strict()).min(1),
        })
        .strict(),
      placement: z
        .object({
          stepsPerYear: z.number().int().positive(),
          relatedYearsPerStep: z.number().int().positive().optional(),
          maxSteps: z.number().int().positive(),
          cite: Citation,
          related: z.array(z.object({ id: z.string(), name: z.string(), cite: Citation }).strict()).optional(),
          readings: Readings.describe('How cba reads the placement rules ("may be granted" for related experience), printed with the credit'),
          minimumSalary: z.object({ amount: z.number().positive(), minDegree: Degree, cite: Citation }).strict().optional(),
        })
        .strict(),
    })
    .strict();

  return z
    .object({
      $schema: z.string().optional(),
      degrees: z.array(Degree).min(2).describe('degrees from lowest to highest'),
      plans: z.array(Plan).min(1),
      readings: Readings,
    })
    .strict();
});
export type AdvancementFile = z.infer<typeof AdvancementFile>;
export type AdvancementPlan = AdvancementFile['plans'][number];
export type Degree = z.infer<typeof Degree>;
