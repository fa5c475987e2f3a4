// A bargaining proposal as a scenario file: changes per school year, each with its effective date.
// The status quo is the empty scenario (no years, or years with no changes).
import * as z from 'zod';
import { PlainDate, SchoolYear, lazyFile } from '../rules/schema';

const Num = (what: string) => z.union([z.number(), z.string()]).refine((v) => /^-?\d+(\.\d+)?$/.test(String(v).trim()), `${what}: give a number like 3 or 2.5`);
const NonNeg = (what: string) => z.union([z.number(), z.string()]).refine((v) => /^\d+(\.\d+)?$/.test(String(v).trim()), `${what}: give an amount of 0 or more (it cannot be negative), like 500 or 2.5`);
const Effective = PlainDate.optional().describe('the date the change takes effect; default July 1 of the school year it is listed under');
const Schedules = z.array(z.string().min(1)).min(1).optional().describe('schedule ids; default every schedule of the agreement');
const Classes = z.array(z.string().min(1)).min(1).optional().describe('classes; default every class');
const Note = z.string().optional();

import { KINDS } from './scenario-kinds';
export { KINDS };

const change = () =>
  z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('schedule-percent'), percent: Num('percent'), effective: Effective, schedules: Schedules, note: Note }).strict().describe('every cell raised by a percentage (annual cells rounded half-up to the dollar)'),
  z
    .object({ kind: z.literal('cell-amount'), amount: Num('amount'), effective: Effective, schedules: Schedules, classes: Classes, steps: z.array(z.number().int().positive()).min(1).optional(), note: Note })
    .strict()
    .describe('a dollar amount added to the annual cells (hourly cells: to the hourly rate) of some classes and steps'),
  z
    .object({ kind: z.literal('add-step'), effective: Effective, schedules: Schedules, classes: Classes, percent: NonNeg('percent').optional(), amount: NonNeg('amount').optional(), note: Note })
    .strict()
    .refine((c) => (c.percent === undefined) !== (c.amount === undefined), { message: 'add-step: give percent or amount (over the last step), one of them' })
    .describe('a new last step for each class: the last step plus a percent (rounded half-up to the dollar) or an amount'),
  z
    .object({ kind: z.literal('stipend'), stipend: z.string().min(1), percent: NonNeg('percent').optional(), annual: NonNeg('annual').optional(), effective: Effective, note: Note })
    .strict()
    .refine((c) => (c.percent === undefined) !== (c.annual === undefined), { message: 'stipend: give percent (of the base cell) or annual (flat), one of them' })
    .describe("a stipend's amount: a percent of the base cell (Class IV Step 13) or a flat annual amount"),
  z.object({ kind: z.literal('work-days'), days: z.number().int(), effective: Effective, note: Note }).strict().describe('work days added (or removed, negative) to every calendar, paid at the daily rate'),
  z
    .object({ kind: z.literal('one-time'), percent: NonNeg('percent').optional(), amount: NonNeg('amount').optional(), effective: Effective, note: Note })
    .strict()
    .refine((c) => (c.percent === undefined) !== (c.amount === undefined), { message: 'one-time: give percent (of salary) or amount (per FTE), one of them' })
    .describe('an off-schedule payment: a percent of the annual salary in force on its date, or an amount per FTE; not creditable'),
  z
    .object({ kind: z.literal('health-cap'), monthly: NonNeg('monthly').optional(), annual: NonNeg('annual').optional(), effective: Effective, note: Note })
    .strict()
    .refine((c) => (c.monthly === undefined) !== (c.annual === undefined), { message: 'health-cap: give monthly or annual, one of them' })
    .describe('The capped medical contribution (the health cap), from its effective date'),
]);
export type Change = z.infer<ReturnType<typeof change>>;

export const ScenarioFile = lazyFile(() => {
  const Change = change();
  return z
    .object({
      $schema: z.string().optional(),
      name: z.string().min(1),
      agreement: z.string().min(1).describe('the id of the agreement the scenario applies to (agreement.yaml id)'),
      description: z.string().optional(),
      years: z.record(SchoolYear, z.array(Change)).default({}).describe('changes by school year, e.g. "2006-07": [...]'),
    })
    .strict();
});
export type ScenarioFile = z.infer<typeof ScenarioFile>;
