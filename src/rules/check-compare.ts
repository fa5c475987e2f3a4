// Comparing a case's expected fields with a command's JSON, and a case's input as CLI arguments.
// No zod here: the CLI loads this at start-up.
import type { CheckCase } from './check-schema';

export const COMPUTATIONS = ['salary', 'schedule', 'stipend', 'sick-leave', 'deadline', 'step-advance', 'calendar'] as const;

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
