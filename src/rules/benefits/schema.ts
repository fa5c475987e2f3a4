// Schemas of the employer's costs that follow pay: what the law fixes (rules/<agreement>/benefits.yaml,
// shipped with the rules) and what a county office keeps (a rates file given with --rates).
import * as z from 'zod';
import { Citation, PlainDate, lazyFile } from '../schema';

/** A rate or amount written as decimal text ("8.25"), never a binary float. */
const Pct = z.union([z.number(), z.string()]).refine((v) => /^\d+(\.\d+)?$/.test(String(v).trim()), 'not a rate of 0 or more (a rate cannot be negative): give a percentage like 8.25');
const MoneyText = z.union([z.number(), z.string()]).refine((v) => /^\d+(\.\d{1,2})?$/.test(String(v).trim()), 'not an amount of 0 or more (it cannot be negative): give dollars with at most two decimals, like 446.25');

/** A statute, quoted: the words the figure comes from (not the agreement, so not a `cite`). */
export const Law = z
  .object({
    code: z.string().min(1).describe('e.g. "Education Code", "Internal Revenue Code"'),
    section: z.string().min(1),
    words: z.string().min(8).describe('The words of the statute the figure comes from'),
  })
  .strict();
export type Law = z.infer<typeof Law>;

export const BenefitsFile = lazyFile(() => {
  return z
    .object({
      $schema: z.string().optional(),
      statutory: z
        .array(
          z
            .object({
              id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
              name: z.string().min(1),
              base: z.enum(['creditable', 'all']).describe('creditable compensation only, or every payment'),
              periods: z
                .array(z.object({ from: PlainDate, to: PlainDate.optional(), percent: Pct, law: z.array(Law).min(1), note: z.string().optional() }).strict())
                .min(1),
            })
            .strict(),
        )
        .min(1),
      creditable: z
        .object({
          salary: z.literal(true),
          stipends: z.array(z.string()).describe('stipend ids whose pay is creditable compensation'),
          oneTime: z.literal(false),
          reading: z.string().min(10),
          law: z.array(Law).min(1),
        })
        .strict(),
      health: z
        .object({
          minFte: z.string().regex(/^\d+(\.\d+)?$/),
          eligibilityCite: Citation,
          cap: z.array(z.object({ from: PlainDate, monthly: MoneyText, annual: MoneyText, cite: Citation }).strict()).min(1),
          escalationCite: Citation,
          reading: z.string().min(10),
        })
        .strict(),
    })
    .strict();
});
export type BenefitsFile = z.infer<typeof BenefitsFile>;

/** What a county office keeps: rates that vary by employer, each entry in force from its date. */
export const RatesFile = lazyFile(() => {
  return z
    .object({
      $schema: z.string().optional(),
      employer: z.string().min(1),
      agreement: z.string().min(1).optional(),
      note: z.string().optional(),
      rates: z
        .array(
          z
            .object({
              from: PlainDate,
              unemployment: Pct.optional().describe('unemployment insurance, % of all pay'),
              workersComp: Pct.optional().describe("workers' compensation, % of all pay"),
              healthPremium: MoneyText.optional().describe('monthly medical premium per enrolled member (the employer pays up to the cap)'),
              otherBenefits: MoneyText.optional().describe('monthly dental, vision and life per eligible member (COE paid)'),
              healthCap: MoneyText.optional().describe('monthly capped contribution in force from this date (the health cap escalation), when the office has computed it'),
              source: z.string().optional(),
            })
            .strict(),
        )
        .min(1),
    })
    .strict()
    .superRefine((f, ctx) => {
      f.rates.forEach((r, i) => {
        if (i > 0 && r.from <= f.rates[i - 1].from) ctx.addIssue({ code: 'custom', path: ['rates', i, 'from'], message: 'entries must be in date order, each from a later date' });
      });
    });
});
export type RatesFile = z.infer<typeof RatesFile>;
