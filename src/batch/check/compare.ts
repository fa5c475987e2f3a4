// Comparing a case's expected fields with a command's JSON. No zod here: the CLI loads this at start-up.

export interface FieldFailure {
  field: string;
  expected: unknown;
  actual: unknown;
}

/** The parts of a path (stipends[0].annual: stipends, 0, annual), worked out once per path. */
const PARTS = new Map<string, string[]>();
function partsOf(path: string): string[] {
  let p = PARTS.get(path);
  if (!p) {
    p = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
    if (PARTS.size < 10_000) PARTS.set(path, p);
  }
  return p;
}

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of partsOf(path)) {
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
