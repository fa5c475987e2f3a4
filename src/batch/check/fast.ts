// A check file read with JSON.parse is checked here first, without zod: a structural check at least as
// strict as the schema (src/batch/check/schema.ts), which gives the same data when it accepts. A file
// it does not accept goes to the schema, which decides and names the line of each problem.
import { COMPUTATIONS } from './computations';
import type { CheckCase } from './schema';

const CASE_KEYS = new Set(['name', 'run', 'args', 'input', 'expect', 'exitCode', 'error']);
const RUNS = new Set<string>(COMPUTATIONS);
const INPUT_NAME = /^[a-z][a-zA-Z0-9-]*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const isScalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** Depth of nesting below v is at most max (JSON.parse's own objects: no cycles). */
function shallow(v: unknown, max: number): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (max < 0) return false;
  for (const k in v as object) if (!shallow((v as Record<string, unknown>)[k], max - 1)) return false;
  return true;
}

/** The cases of a parsed JSON check file when it certainly fits the schema; undefined to let the schema decide. */
export function fastCheckFile(data: unknown, maxDepth: number): { cases: CheckCase[] } | undefined {
  if (!isRecord(data)) return undefined;
  for (const k in data) if (k !== 'cases' && k !== '$schema') return undefined;
  if (data.$schema !== undefined && typeof data.$schema !== 'string') return undefined;
  const cases = data.cases;
  if (!Array.isArray(cases) || cases.length < 1) return undefined;
  const out: CheckCase[] = [];
  for (const c of cases) {
    if (!isRecord(c)) return undefined;
    for (const k in c) if (!CASE_KEYS.has(k)) return undefined;
    if (typeof c.name !== 'string' || c.name.length < 1 || typeof c.run !== 'string' || !RUNS.has(c.run)) return undefined;
    if (c.args !== undefined && !(Array.isArray(c.args) && c.args.every(isScalar))) return undefined;
    let input = c.input;
    if (input === undefined) input = {};
    else {
      if (!isRecord(input)) return undefined;
      for (const k in input) {
        const v = input[k];
        if (!INPUT_NAME.test(k)) return undefined;
        if (!(isScalar(v) || typeof v === 'boolean' || (Array.isArray(v) && v.every(isScalar)))) return undefined;
      }
    }
    if (c.expect !== undefined && (!isRecord(c.expect) || Object.prototype.hasOwnProperty.call(c.expect, '__proto__') || !shallow(c.expect, maxDepth - 3))) return undefined;
    if (c.exitCode !== undefined && c.exitCode !== 0 && c.exitCode !== 1 && c.exitCode !== 2) return undefined;
    if (c.error !== undefined && typeof c.error !== 'string') return undefined;
    if (c.expect === undefined && c.error === undefined && c.exitCode === undefined) return undefined;
    out.push({ ...(c as object), input } as CheckCase);
  }
  return { cases: out };
}
