import * as z from 'zod';
import { Citation, PlainDate, Readings, SchoolYear, lazyFile } from '../schema';

const Weekday = z.enum(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
const Closure = z.union([
  z.object({ date: PlainDate, name: z.string().min(1), source: z.string().optional(), note: z.string().optional() }).strict(),
  z.object({ from: PlainDate, to: PlainDate, name: z.string().min(1), source: z.string().optional(), note: z.string().optional() }).strict().refine((c) => c.from <= c.to, { message: 'a closure range ends before it starts', path: ['to'] }),
]);

export const CalendarFile = lazyFile(() => {
  return z
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
});
export type CalendarFile = z.infer<typeof CalendarFile>;

/** Extra closures layered on the calendars (a winter break): dates or ranges. */
export const ClosuresFile = z.object({ $schema: z.string().optional(), name: z.string().optional(), closures: z.array(Closure).min(1) }).strict();
export type ClosuresFile = z.infer<typeof ClosuresFile>;

export const DeadlinesFile = lazyFile(() => {
  const Unit = z.enum(['office-days', 'working-days', 'calendar-days', 'weeks', 'months', 'hours']);
  const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day written HH:MM (24-hour), like 07:00 or 15:00');
  const MonthDay = z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).strict();

  return z
    .object({
      $schema: z.string().optional(),
      readings: Readings.describe('readings of the grievance article, printed where they are applied: section-7-4 (how the grievance article\'s "For purposes of Section 7.4" is read), recess-all (the recess extends every time line of the chain), recess-grievant-only (the narrower reading), issuance-is-receipt (the receipt of the Level III decision taken as its issuance, {{date}})'),
      counting: z
        .object({
          cite: Citation,
          dayCite: Citation,
          forfeitCite: Citation,
          recessCite: Citation,
          automaticAppealCite: Citation,
        })
        .strict(),
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
            days: z.number().int().nonnegative().describe('0 only with a time of day or an anchor: the deadline is on the (anchored) trigger day itself'),
            unit: Unit,
            direction: z.enum(['after', 'before']),
            from: z.string(),
            rollToOpen: z.boolean().optional().describe('move a calendar-day deadline that lands on a closed day to the next open day'),
            time: TimeOfDay.optional().describe('the deadline is this time of day on the due date (for example "not later than 7:00 a.m.")'),
            timeRelation: z.enum(['not-later-than', 'before']).optional().describe('"not later than" the time (at it) or "prior to" it (before it); default not-later-than'),
            anchor: z.enum(['last-open-day-of-previous-month']).optional().describe('move the trigger first: the last day the office is open in the month before the trigger\'s month'),
            reading: z.string().optional().describe('how an ambiguous sentence is read; printed with the result'),
            cite: Citation,
          })
          .strict()
          .refine((d) => d.days > 0 || d.time !== undefined || d.anchor !== undefined, { message: 'days must be positive unless a time of day or an anchor is given', path: ['days'] })
          .refine((d) => d.unit !== 'hours' || d.time === undefined, { message: 'an hours period has no time of day', path: ['time'] }),
      ),
      fixed: z.array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            name: z.string(),
            month: z.number().int().min(1).max(12),
            day: z.number().int().min(1).max(31),
            relation: z.enum(['by', 'before', 'window']).optional().describe('"by" the date (on or before it, the default), "prior to"/"before" it (the day before is the last), or a window that opens on `opens`'),
            opens: MonthDay.extend({ exclusive: z.boolean().optional().describe('"after March 1st": the window opens the day after') }).strict().optional(),
            calendarYear: z.number().int().optional().describe('the one calendar year the date applies to (for example the year the agreement expires)'),
            everyYears: z.number().int().positive().optional().describe('due once every N years (for example every two years), counted from the date of the last one (cba deadline --since)'),
            reading: z.string().optional(),
            cite: Citation,
          })
          .strict()
          .refine((f) => (f.relation === 'window') === (f.opens !== undefined), { message: 'a window (relation: window) needs opens, and only a window has one', path: ['opens'] }),
      ),
      excluded: z
        .array(Citation.extend({ reason: z.string().min(8).describe('why this sentence with a time limit is not a deadline entry') }).strict())
        .optional()
        .describe('sentences of the agreement with a time limit that are deliberately not deadlines, each with its reason'),
    })
    .strict()
    .superRefine((f, ctx) => {
      const ids = new Set<string>();
      const all = [...f.grievance.map((g) => g.id), ...f.deadlines.map((d) => d.id), ...f.fixed.map((d) => d.id)];
      const seen = new Set<string>();
      (f.excluded ?? []).forEach((x, i) => {
        if (seen.has(x.quote)) ctx.addIssue({ code: 'custom', path: ['excluded', i, 'quote'], message: 'this sentence is excluded twice' });
        seen.add(x.quote);
      });
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
});
export type DeadlinesFile = z.infer<typeof DeadlinesFile>;
export type GrievanceStepRule = DeadlinesFile['grievance'][number];
export type DeadlineRule = DeadlinesFile['deadlines'][number];
export type FixedRule = DeadlinesFile['fixed'][number];
