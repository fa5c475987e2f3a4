// Zod schemas of the rules files. Every value of the contract carries its citation;
// rounding is data on the rule that needs it. Published as JSON Schema in schema/.
import * as z from 'zod';

/** A file's schema built on its first use: a run validates one or two kinds of rules file (a --rules
 *  folder with one file edited, a stale cache), and building every schema at load cost more than
 *  checking the file. It checks exactly as the schema `build` returns (same messages, paths, order). */
export function lazyFile<T extends z.ZodType>(build: () => T): z.ZodLazy<T> {
  return z.lazy(build);
}

const realDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= dim[mo - 1];
};

export const PlainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(realDate, 'this date does not exist on the calendar');

export const SchoolYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'expected a school year written YYYY-YY, like 2005-06')
  .refine((s) => (+s.slice(0, 4) + 1) % 100 === +s.slice(5), 'the two years of a school year must follow each other (2005-06)');

export const Citation = z
  .object({
    article: z.string().min(1).describe('Article (or appendix) of the agreement, e.g. "XV" or "Appendix A"'),
    section: z.string().min(1).optional().describe('Section within the article, e.g. "1" or "4.C"'),
    quote: z.string().min(8).describe('The sentence (or the words) of the agreement this value comes from, word for word'),
    unfilled: z
      .literal(true)
      .optional()
      .describe('Set by `cba rules init` and `cba rules import` where the citation is a placeholder still to be filled in; `cba rules validate` lists it (an error under --strict)'),
  })
  .strict();
export type Citation = z.infer<typeof Citation>;

export const ReadingEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id'),
    text: z
      .string()
      .min(10)
      .describe('The reading as printed with a result. {{name}} stands for a figure of the case (filled in by the rule); {field} for an input (the CLI shows its flag)'),
    cite: Citation.optional().describe('The sentence read'),
  })
  .strict();
export type ReadingEntry = z.infer<typeof ReadingEntry>;

export const Readings = z
  .array(ReadingEntry)
  .refine((l) => new Set(l.map((r) => r.id)).size === l.length, 'reading ids must be unique in a file')
  .optional()
  .describe('How cba reads what the agreement leaves open, printed with every result that applies it (docs/readings.md lists them all)');

export const Rounding = z
  .object({
    mode: z.enum(['half-up', 'half-even', 'down', 'up']),
    unit: z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?$/).refine((s) => /[1-9]/.test(s), 'a rounding unit must be more than 0 (it divides)')]),
  })
  .strict();

const parameter = () =>
  z
    .object({
      value: z.number().nonnegative(),
      unit: z.string().optional(),
      cite: Citation,
      note: z.string().optional(),
    })
    .strict();
export type Parameter = z.infer<ReturnType<typeof parameter>>;
/** A parameter the arithmetic divides by: more than 0. */
const divisor = () => parameter().extend({ value: z.number().positive('must be more than 0 (the pay is divided by it)') }).strict();

export const AgreementFile = lazyFile(() => {
  const Parameter = parameter();
  const Divisor = divisor();
  const RoundingRule = Rounding.extend({ cite: Citation.optional(), note: z.string().optional() }).strict();

  return z
    .object({
      $schema: z.string().optional(),
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id'),
      name: z.string().min(1),
      employer: z.string().min(1),
      association: z.string().min(1),
      term: z.object({ from: PlainDate, to: PlainDate }).strict(),
      source: z.string().min(1).describe('The agreement text, relative to this folder'),
      fixture: z.boolean().optional().describe('true for an invented agreement used only by tests'),
      defaultSchedule: z.string().min(1),
      parameters: z
        .object({
          baseYearDays: Divisor,
          maxYearDays: Divisor,
          minYearDays: Parameter,
          monthsPerYear: Divisor,
        })
        .catchall(Parameter),
      rounding: z
        .object({
          dailyRate: RoundingRule,
          pay: RoundingRule,
          monthly: RoundingRule,
          annualCell: RoundingRule.optional().describe('How an annual cell of a schedule raised by a percentage is rounded (cba cost --raise, scenarios, projections); without it, as pay'),
        })
        .catchall(RoundingRule),
      readings: Readings,
      citations: z
        .record(z.string(), Citation)
        .optional()
        .describe('Named citations of rules that carry no number of their own (part-time pro rata, ...)'),
      positions: z
        .array(
          z
            .object({
              schedule: z.string().min(1).describe('the schedule id the positions are paid on'),
              names: z.array(z.string().min(1)).min(1).describe('the positions, as printed'),
              cite: Citation,
            })
            .strict(),
        )
        .optional()
        .describe('Which positions are paid on which schedule, for cba salary --position'),
      assignments: z.record(
        z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
        z
          .object({
            name: z.string(),
            hoursPerDay: z.number().positive().max(24),
            schedule: z.string().min(1),
            cite: Citation,
          })
          .strict(),
      ),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.term.from > a.term.to) ctx.addIssue({ code: 'custom', path: ['term'], message: 'the term ends before it starts' });
      const p = a.parameters;
      if (p.minYearDays.value > p.baseYearDays.value)
        ctx.addIssue({ code: 'custom', path: ['parameters', 'minYearDays'], message: 'is above baseYearDays' });
      if (p.maxYearDays.value < p.baseYearDays.value)
        ctx.addIssue({ code: 'custom', path: ['parameters', 'maxYearDays'], message: 'is below baseYearDays' });
    })
});
export type AgreementFile = z.infer<typeof AgreementFile>;

export const CellSource = z
  .object({
    text: z.string().describe('the cell exactly as printed or typed, e.g. "$66,282"'),
    page: z.number().int().positive().optional().describe('PDF page, 1-based'),
    sheet: z.string().optional().describe('workbook sheet'),
    ref: z.string().optional().describe('cell reference: "C7" in a workbook, "r7c3" (line, field) in a CSV'),
    ocr: z.literal(true).optional().describe('read by OCR from a scanned page'),
  })
  .strict();
export const ScheduleFile = lazyFile(() => {
  const Divisor = divisor();
  const ClassName = z
    .string()
    .min(1, 'a class name cannot be empty')
    .max(60, 'a class name is at most 60 characters')
    .refine((c) => c === c.trim() && !/[\r\n\t]/.test(c), 'a class name is written on one line, without leading or trailing spaces')
    .describe('The class (column) as printed: "IV", "BA+45", "Class I", "MA+60"');
  const Amount = z.number().positive('a salary or rate must be positive');
  const Cells = z.record(ClassName, Amount);
  const Printed = z.record(ClassName, CellSource);
  const BASIS_KEY = { annual: 'annual', daily: 'daily', hourly: 'hourly' } as const;

  return z
    .object({
      $schema: z.string().optional(),
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id'),
      name: z.string().min(1),
      year: SchoolYear,
      effective: PlainDate,
      until: PlainDate.optional().describe('The last day this schedule is in force, when the agreement says; otherwise until the next schedule of the same id takes effect, or the end of its school year'),
      district: z.string().min(1).optional().describe('The employer as the schedule prints it'),
      boardApproved: PlainDate.optional().describe('The date the board approved the schedule, when printed'),
      source: z
        .object({
          file: z.string().min(1).describe('base name of the file the schedule was imported from'),
          kind: z.enum(['csv', 'xlsx', 'pdf']),
          sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
          sheet: z.string().optional(),
          pages: z.array(z.number().int().positive()).optional(),
        })
        .strict()
        .optional()
        .describe('Set by `cba rules import schedule`: the file every cell was read from (see each row\'s printed)'),
      assignment: z.string().min(1).describe('Key of agreement.yaml assignments: gives the hours per day'),
      basis: z.enum(['annual', 'daily', 'hourly']).describe('What the cells are: annual salaries, daily rates (annual = daily x days) or hourly rates (daily = hourly x hours per day)'),
      days: Divisor.optional().describe("The schedule's own day count when it states one (pre-school: 184); else the agreement's baseYearDays"),
      cite: Citation,
      note: z.string().min(1).optional().describe('Said with every figure read from this schedule (a schedule the agreement does not print, how its cells were made)'),
      derivedFrom: z
        .object({ schedule: z.string(), year: SchoolYear, raisePercent: z.number(), rounding: Rounding, note: z.string().optional() })
        .strict()
        .optional()
        .describe('Set when the file was produced by raising another schedule (cba cost --out-schedule)'),
      classes: z.array(ClassName).min(1),
      rows: z
        .array(
          z
            .object({
              step: z.number().int().positive().describe('The step number; numbers may skip (longevity steps 15, 20, 25): a step not printed is paid at the highest printed step below it'),
              label: z.string().min(1).optional().describe('The step as printed, when not the bare number ("L1", "25+")'),
              years: z.number().nonnegative().optional().describe('Years of service the step stands for, when the schedule labels steps by years'),
              annual: Cells.optional(),
              daily: Cells.optional(),
              hourly: Cells.optional(),
              printed: z
                .object({ annual: Printed.optional(), daily: Printed.optional(), hourly: Printed.optional() })
                .strict()
                .optional()
                .describe('Each cell as it was read from the source file (text, page, sheet, cell)'),
            })
            .strict(),
        )
        .min(1),
    })
    .strict()
    .superRefine((s, ctx) => {
      const seen = new Set<string>();
      s.classes.forEach((c, i) => {
        if (seen.has(c)) ctx.addIssue({ code: 'custom', path: ['classes', i], message: `class ${c} is listed twice` });
        seen.add(c);
      });
      const { first, last } = (() => {
        const y = +s.year.slice(0, 4);
        return { first: `${y}-07-01`, last: `${y + 1}-06-30` };
      })();
      if (s.effective < first || s.effective > last)
        ctx.addIssue({ code: 'custom', path: ['effective'], message: `${s.effective} is outside school year ${s.year} (${first} to ${last})` });
      if (s.until !== undefined && (s.until < s.effective || s.until > last))
        ctx.addIssue({ code: 'custom', path: ['until'], message: `${s.until} must fall between the effective date ${s.effective} and the end of school year ${s.year} (${last})` });
      const main = BASIS_KEY[s.basis];
      const firstRow = new Map<string, number>();
      s.rows.forEach((r, i) => {
        if (i > 0 && r.step <= s.rows[i - 1].step)
          ctx.addIssue({ code: 'custom', path: ['rows', i, 'step'], message: `steps must increase down the schedule; step ${r.step} follows step ${s.rows[i - 1].step}` });
        for (const other of ['annual', 'daily', 'hourly'] as const) {
          if (other === main || (s.basis === 'annual' && other === 'daily')) continue;
          if (r[other]) ctx.addIssue({ code: 'custom', path: ['rows', i, other], message: `a schedule on a${s.basis === 'annual' ? 'n' : ''} ${s.basis} basis has no ${other} cells` });
        }
        const cells = r[main] ?? {};
        for (const c of Object.keys(cells)) {
          if (!seen.has(c)) ctx.addIssue({ code: 'custom', path: ['rows', i, main, c], message: `class ${c} is not in classes [${s.classes.join(', ')}]` });
        }
        if (s.basis === 'annual' && r.daily) {
          for (const c of Object.keys(r.daily))
            if (!(c in cells)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'daily', c], message: `a daily rate for class ${c} step ${r.step} without its annual salary` });
          for (const c of Object.keys(cells))
            if (!(c in r.daily)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'daily', c], message: `missing cell: class ${c} step ${r.step} has an annual salary but no printed daily rate` });
        }
        for (const [k, m] of Object.entries(r.printed ?? {}))
          for (const c of Object.keys(m ?? {}))
            if (!(c in (r[k as 'annual'] ?? {}))) ctx.addIssue({ code: 'custom', path: ['rows', i, 'printed', k, c], message: `printed text for class ${c} step ${r.step} with no ${k} value` });
        for (const c of seen) {
          if (!(c in cells)) continue;
          if (!firstRow.has(c)) firstRow.set(c, i);
        }
      });
      for (const c of s.classes)
        if (!firstRow.has(c)) ctx.addIssue({ code: 'custom', path: ['classes'], message: `class ${c} has no cells` });
    })
});
export type ScheduleFile = z.infer<typeof ScheduleFile>;
