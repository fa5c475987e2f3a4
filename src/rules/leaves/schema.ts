import * as z from 'zod';
import { Citation, Readings as ReadingList, Rounding, lazyFile } from '../schema';

/** The readings of one provision, beside its values (the same { id, text, cite } entries as the family's list). */
const Readings = ReadingList.describe('How cba reads this provision where the agreement leaves it open, printed with the results that apply it');

export const LeavesFile = lazyFile(() => {
  const Param = z.object({ value: z.number().positive(), unit: z.string().optional(), cite: Citation }).strict();

  return z
    .object({
      $schema: z.string().optional(),
      readings: ReadingList,
      sickLeave: z
        .object({
          daysWorkedPerSickDay: Param,
          maxDaysPerYear: Param,
          printedMaxHours: z.array(z.object({ assignment: z.string(), hours: z.number().positive(), cite: Citation }).strict()),
          rounding: Rounding.extend({ note: z.string().optional() }).strict(),
          carryOver: Citation,
          differential: z.object({ percent: z.number().positive().max(100), maxDays: z.number().int().positive(), cite: Citation, onceCite: Citation }).strict(),
        })
        .strict(),
      personalNecessity: z.object({ maxDays: z.number().positive(), cite: Citation }).strict(),
      personalBusiness: z.object({ maxDays: z.number().positive(), cite: Citation }).strict(),
      familyIllness: z.object({ months: z.number().positive().max(12), cite: Citation }).strict(),
      bereavement: z.object({ days: z.number().positive(), extraDays: z.number().nonnegative(), travelMiles: z.number().positive(), cite: Citation }).strict(),
      industrial: z.object({ maxDays: z.number().positive(), cite: Citation, noCarryCite: Citation }).strict(),
      catastrophic: z
        .object({
          minDonationHours: z.number().positive(),
          maxDonationHours: z.number().positive(),
          eligibilityDonationHours: z.number().positive(),
          payPercent: z.number().positive().max(100),
          maxMonths: z.number().int().positive(),
          donationCite: Citation,
          eligibilityCite: Citation,
          payCite: Citation,
        })
        .strict()
        .refine((c) => c.minDonationHours <= c.maxDonationHours, { message: 'minDonationHours is above maxDonationHours', path: ['minDonationHours'] }),
      sabbatical: z
        .object({ yearsRequired: z.number().int().positive(), payPercent: z.number().positive().max(100), returnMultiple: z.number().positive(), cite: Citation, returnCite: Citation })
        .strict(),
      // Optional: an agreement without these provisions leaves them out; the rule says so when asked.
      industrialPay: z.object({ payCite: Citation, reductionCite: Citation, overlapCite: Citation, endorseCite: Citation, readings: Readings }).strict().optional(),
      judicialPay: z.object({ offsetCite: Citation, endorseCite: Citation, retainCite: Citation, readings: Readings }).strict().optional(),
      catastrophicPay: z
        .object({ ownCreditsCite: Citation, ownCreditsPayCite: Citation, returnCite: Citation, irrevocableCite: Citation, returnRounding: Rounding.extend({ note: z.string().optional() }).strict(), readings: Readings })
        .strict()
        .optional(),
      sabbaticalQuota: z.object({ percent: z.number().positive().max(100), rounding: Rounding.extend({ note: z.string().optional() }).strict(), cite: Citation, readings: Readings }).strict().optional(),
      unpaidPersonalLeave: z
        .object({ insuranceAfterDays: z.number().int().positive(), unit: z.literal('calendar days'), insuranceCite: Citation, unpaidCite: Citation, requestDeadline: z.string().optional(), readings: Readings })
        .strict()
        .optional(),
      partTimeRetirement: z
        .object({
          minAge: z.number().int().positive(),
          ageCite: Citation,
          fullTimeYears: z.number().positive(),
          precedingFullTimeYears: z.number().positive(),
          serviceCite: Citation,
          retirementCite: Citation,
          healthCite: Citation,
          noticeDeadline: z.string().optional(),
          meetingDeadline: z.string().optional(),
          readings: Readings,
        })
        .strict()
        .optional(),
      releasedTime: z.object({ maxDays: z.number().positive(), cite: Citation, noticeDeadline: z.string().optional(), readings: Readings }).strict().optional(),
    })
    .strict();
});
export type LeavesFile = z.infer<typeof LeavesFile>;
