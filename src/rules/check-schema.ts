import { z } from 'zod';

const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);

export const COMPUTATIONS = ['salary', 'schedule', 'stipend', 'sick-leave', 'deadline', 'step-advance', 'calendar'] as const;

export const CheckFile = z
  .object({
    $schema: z.string().optional(),
    cases: z
      .array(
        z
          .object({
            name: z.string().min(1),
            run: z.enum(COMPUTATIONS),
            args: z.array(z.union([z.string(), z.number()])).optional().describe('positional arguments: stipend ids, a deadline name'),
            input: z.record(z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'an input is named as its CLI flag: class, step, daysServed or days-served'), Value).default({}),
            expect: z.record(z.string(), z.unknown()).optional(),
            exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
            error: z.string().optional().describe('expected error message (a substring), with exitCode 2'),
          })
          .strict()
          .refine((c) => c.expect !== undefined || c.error !== undefined || c.exitCode !== undefined, { message: 'a case needs expect (fields), error or exitCode', path: ['expect'] }),
      )
      .min(1),
  })
  .strict();
export type CheckFile = z.infer<typeof CheckFile>;
export type CheckCase = CheckFile['cases'][number];

export interface FieldFailure {
  field: string;
  expected: unknown;
  actual: unknown;
}

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function same(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' || typeof actual === 'number') {
    const e = typeof expected === 'string' ? Number(expected.replace(/,/g, '')) : expected;
    const a = typeof actual === 'string' ? Number(actual.replace(/,/g, '')) : actual;
    return typeof e === 'number' && typeof a === 'number' && e === a;
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

/** Each expected field (a path such as totalSalary or stipends[0].annual) against the result. Subsets for objects. */
export function compareExpected(expected: Record<string, unknown>, actual: unknown, prefix = ''): FieldFailure[] {
  const out: FieldFailure[] = [];
  for (const [k, e] of Object.entries(expected)) {
    const field = prefix ? `${prefix}.${k}` : k;
    const a = get(actual, k);
    if (e !== null && typeof e === 'object' && !Array.isArray(e)) out.push(...compareExpected(e as Record<string, unknown>, a, field));
    else if (!same(e, a)) out.push({ field, expected: e, actual: a === undefined ? '(missing)' : a });
  }
  return out;
}

/** The case's input as CLI arguments: {daysServed: 150} -> --days-served 150; true -> the bare flag. */
export function toArgv(c: CheckCase): string[] {
  const argv: string[] = [c.run, ...(c.args ?? []).map(String)];
  for (const [k, v] of Object.entries(c.input)) {
    const flag = '--' + k.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());
    if (v === true) argv.push(flag);
    else if (v === false) continue;
    else if (Array.isArray(v)) for (const x of v) argv.push(flag, String(x));
    else argv.push(flag, String(v));
  }
  return argv;
}
