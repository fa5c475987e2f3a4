import { z } from 'zod';
import { Citation, PlainDate, SchoolYear } from './schema';

const Weekday = z.enum(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
const Closure = z.union([
  z.object({ date: PlainDate, name: z.string().min(1), source: z.string().optional(), note: z.string().optional() }).strict(),
  z.object({ from: PlainDate, to: PlainDate, name: z.string().min(1), source: z.string().optional(), note: z.string().optional() }).strict().refine((c) => c.from <= c.to, { message: 'a closure range ends before it starts', path: ['to'] }),
]);

export const CalendarFile = z
  .object({
    $schema: z.string().optional(),
    year: SchoolYear.optional(),
    from: PlainDate,
    to: PlainDate,
    openWeekdays: z.array(Weekday).min(1),
    default: z.boolean().optional().describe('true while the file is the Education Code default, not the adopted holiday schedule'),
    cite: Citation.optional(),
    closures: z.array(Closure),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.from > c.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the calendar ends before it starts' });
    c.closures.forEach((x, i) => {
      const lo = 'date' in x ? x.date : x.from;
      const hi = 'date' in x ? x.date : x.to;
      if (lo < c.from || hi > c.to) ctx.addIssue({ code: 'custom', path: ['closures', i], message: `closure ${lo}${hi !== lo ? '..' + hi : ''} is outside the calendar's ${c.from} to ${c.to}` });
    });
  });
export type CalendarFile = z.infer<typeof CalendarFile>;

/** Extra closures layered on the calendars (a winter break): dates or ranges. */
export const ClosuresFile = z.object({ $schema: z.string().optional(), name: z.string().optional(), closures: z.array(Closure).min(1) }).strict();
export type ClosuresFile = z.infer<typeof ClosuresFile>;

const Unit = z.enum(['office-days', 'working-days', 'calendar-days', 'weeks', 'months']);

export const DeadlinesFile = z
  .object({
    $schema: z.string().optional(),
    counting: z.object({ cite: Citation, dayCite: Citation, forfeitCite: Citation, recessCite: Citation, automaticAppealCite: Citation }).strict(),
    grievance: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            name: z.string(),
            actor: z.enum(['grievant', 'administration', 'association', 'both']),
            days: z.number().int().positive(),
            unit: Unit,
            from: z.string(),
            fromIssued: z.boolean().optional(),
            cite: Citation,
          })
          .strict(),
      )
      .min(1),
    deadlines: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          name: z.string(),
          days: z.number().int().positive(),
          unit: Unit,
          direction: z.enum(['after', 'before']),
          from: z.string(),
          rollToOpen: z.boolean().optional().describe('move a calendar-day deadline that lands on a closed day to the next open day'),
          cite: Citation,
        })
        .strict(),
    ),
    fixed: z.array(
      z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), cite: Citation }).strict(),
    ),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    const all = [...f.grievance.map((g) => g.id), ...f.deadlines.map((d) => d.id), ...f.fixed.map((d) => d.id)];
    all.forEach((id) => {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path: [], message: `deadline id ${id} appears twice` });
      ids.add(id);
    });
    const steps = new Set(f.grievance.map((g) => g.id));
    f.grievance.forEach((g, i) => {
      if (g.from !== 'occurrence' && g.from !== 'resolution-provided' && !steps.has(g.from))
        ctx.addIssue({ code: 'custom', path: ['grievance', i, 'from'], message: `from "${g.from}" is neither occurrence, resolution-provided nor a step id` });
    });
  });
export type DeadlinesFile = z.infer<typeof DeadlinesFile>;
export type GrievanceStepRule = DeadlinesFile['grievance'][number];
export type DeadlineRule = DeadlinesFile['deadlines'][number];
export type FixedRule = DeadlinesFile['fixed'][number];
