import * as z from 'zod';
import { Citation, Readings, lazyFile } from '../schema';

export const StipendsFile = lazyFile(() => {
  const Money = z.number().nonnegative();
  const DecText = z.string().regex(/^\d+(\.\d+)?$/, 'a printed amount, as text: "1061.96"');

  const Amount = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('percent'), percent: z.number().positive().max(100) }).strict(),
    z.object({ kind: z.literal('flat'), annual: Money }).strict(),
    z
      .object({ kind: z.literal('per-count'), first: Money, additional: Money, min: z.number().int().positive(), max: z.number().int().positive(), unit: z.string() })
      .strict()
      .refine((a) => a.min <= a.max, { message: 'min is above max', path: ['min'] }),
    z
      .object({
        kind: z.literal('per-day-by-hours'),
        tiers: z
          .array(z.object({ amount: Money, minHours: z.number().nonnegative().optional(), maxHours: z.number().positive().optional(), cite: Citation }).strict())
          .min(1),
        overlap: z.object({ hours: z.number().positive(), pays: Money }).strict().optional().describe('The hours that fall in two tiers and the tier they are read as paying (the reading four-hours-overlap says so)'),
      })
      .strict(),
    z.object({ kind: z.literal('hourly'), rate: Money }).strict(),
    z
      .object({
        kind: z.literal('hourly-of-daily-rate'),
        beyondDay: z
          .object({
            hours: z.number().nonnegative().describe('time beyond the regular work day is paid only past this many hours on a day'),
            atLeast: z.boolean().describe('true: reaching the hours is enough ("two hours beyond"); false: more than them ("more than two hours")'),
            cite: Citation,
          })
          .strict(),
        alsoCite: Citation.optional(),
      })
      .strict()
      .describe("Time beyond the work year or day, paid by the hour at the member's daily rate / the hours of the normal work day"),
    z
      .object({ kind: z.literal('hourly-capped-at-daily-rate'), maxDays: z.number().int().positive(), conditionCite: Citation.optional() })
      .strict()
      .describe('Days paid by the hour at the daily rate / the hours of the work day, each day at most the daily rate, up to maxDays a year'),
    z.object({ kind: z.literal('daily-rate') }).strict().describe("Days paid at the member's daily rate"),
  ]);

  const Eligibility = z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('service-milestones'),
        milestones: z.array(z.number().int().positive()).min(1),
        classes: z.array(z.string()).min(1),
        requiresRating: z.enum(['meets']),
        cite: Citation,
        keepCite: Citation,
      })
      .strict()
      .refine((e) => e.milestones.every((m, i) => i === 0 || m > e.milestones[i - 1]), { message: 'milestones must increase', path: ['milestones'] }),
    z.object({ kind: z.literal('july-first-after-award'), event: z.string(), cite: Citation }).strict(),
    z
      .object({
        kind: z.literal('site-list'),
        sites: z.array(z.string().min(1)).min(1),
        cite: Citation,
        endCite: Citation,
        criteria: z
          .object({
            minMiles: z.number().positive().describe('the least distance from the administrative offices a remote site may be'),
            milesCite: Citation,
            ruralCite: Citation,
            paidCite: Citation.describe('the sentence that pays the stipend to members assigned to the listed sites'),
          })
          .strict()
          .optional()
          .describe('The criteria a site must meet to be designated; the stipend is paid for the designated sites'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('min-contract-days'),
        days: z.number().int().positive(),
        cite: Citation,
        appointment: z
          .object({
            maxConsecutiveYears: z.number().int().positive(),
            consecutiveCite: Citation,
            probationaryCite: Citation,
            exceptionCite: Citation.describe('the consultation an exception needs first'),
          })
          .strict()
          .optional()
          .describe('Limits on the appointment itself (head teachers)'),
      })
      .strict(),
  ]);

  return z
    .object({
      $schema: z.string().optional(),
      base: z
        .object({
          schedule: z.string(),
          class: z.string(),
          step: z.number().int().positive(),
          cite: Citation,
          formerBasis: z
            .object({
              schedule: z.string().describe('the schedule percentage stipends were based on before'),
              lastYear: z.string().regex(/^\d{4}-\d{2}$/).describe('the last school year a member already receiving such a stipend keeps it'),
              cite: Citation,
            })
            .strict()
            .optional()
            .describe('A former basis kept for a time by members already receiving a stipend on it (for example the community day schedule, for one year only)'),
        })
        .strict(),
      readings: Readings,
      stipends: z
        .array(
          z
            .object({
              id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a stable kebab-case id'),
              name: z.string().min(1),
              amount: Amount,
              cite: Citation,
              countCite: Citation.optional(),
              printed: z.object({ annual: DecText, monthly: DecText.optional(), cite: Citation }).strict().optional(),
              eligibility: Eligibility.optional(),
            })
            .strict(),
        )
        .min(1),
    })
    .strict()
    .superRefine((f, ctx) => {
      const seen = new Set<string>();
      f.stipends.forEach((s, i) => {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['stipends', i, 'id'], message: `stipend id ${s.id} appears twice` });
        seen.add(s.id);
      });
    });
});
export type StipendsFile = z.infer<typeof StipendsFile>;
export type StipendRule = StipendsFile['stipends'][number];
