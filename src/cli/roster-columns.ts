// Roster headers as payroll systems export them: "Class", "STEP", "fte " and "Days_Served" are the
// columns class, step, fte and days_served (case, spaces and punctuation do not matter); other names
// are given with --columns id="Employee ID",paid="Annual Salary", or a small YAML/JSON file of the
// same pairs that a county office keeps beside its exports.
import { InputError } from '../core/errors';
import { LIMITS, readBoundedText } from '../core/read-bounded';

/** The columns a roster-reading command knows: required ones must be found, optional ones may be. */
export interface KnownColumns {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/** our column -> the header as the export writes it */
export type ColumnMap = Map<string, string>;

/** What a header name is compared by: letters and digits, lower case. */
export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * `id="Employee ID",paid="Annual Salary"` (or `id=EmpID`), or the name of a YAML/JSON file of such pairs.
 * Async because the YAML parser is loaded only for a file (it lives in the lazy validate chunk, not
 * in the start-up bundle every command compiles).
 */
export async function parseColumnMap(spec: string, known: KnownColumns): Promise<ColumnMap> {
  const all = [...known.required, ...known.optional];
  const map: ColumnMap = new Map();
  const add = (ours: string, theirs: string, where: string) => {
    const k = ours.trim();
    if (!all.includes(k)) throw new InputError(`--columns ${where}: ${JSON.stringify(k)} is not a roster column; the columns are ${all.join(', ')}`);
    if (!theirs.trim()) throw new InputError(`--columns ${where}: give the header name for ${k}, as in ${k}="Employee ID"`);
    map.set(k, theirs.trim());
  };
  if (!spec.includes('=')) {
    const text = readBoundedText(spec, `--columns ${spec}`, LIMITS.rulesFile);
    const { parseYaml } = await import('../rules/validate');
    let doc: unknown;
    try {
      doc = parseYaml(text, { maxAliasCount: LIMITS.yamlAliases });
    } catch (e) {
      throw new InputError(`--columns ${spec}: not a YAML or JSON map of column: "Header name" (${(e as Error).message.split('\n')[0]})`);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`--columns ${spec}: write one line per column, such as  id: Employee ID`);
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new InputError(`--columns ${spec}: ${k} must name one header, as text`);
      add(k, String(v), spec);
    }
    return map;
  }
  // pairs separated by commas; a value may be quoted ("Employee ID", with "" for a quote inside)
  const re = /\s*([^=,]+?)\s*=\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/y;
  let at = 0;
  while (at < spec.length) {
    re.lastIndex = at;
    const m = re.exec(spec);
    if (!m || re.lastIndex === at) throw new InputError(`--columns ${spec}: write column=Header pairs separated by commas, e.g. id="Employee ID",paid="Annual Salary"`);
    add(m[1], m[2] !== undefined ? m[2].replace(/""/g, '"') : m[3], spec);
    at = re.lastIndex;
  }
  return map;
}

/**
 * The header with the known columns under their own names: a header named in the map, or equal to a
 * known column once case, spaces and punctuation are set aside, takes that column's name. Other
 * headers are kept as written. A missing required column (or a mapped header that is not there)
 * is bad input, with the columns found and the way to name them.
 */
export function canonicalHeader(header: readonly string[], known: KnownColumns, map: ColumnMap | undefined, label: string): string[] {
  const out = [...header];
  const taken = new Map<string, number>();
  const keyed = header.map(columnKey);
  if (map)
    for (const [ours, theirs] of map) {
      const i = keyed.indexOf(columnKey(theirs));
      if (i < 0) throw new InputError(`${label}: --columns names ${ours}=${JSON.stringify(theirs)}, but the header has no such column; it has ${header.map((h) => JSON.stringify(h)).join(', ')}`);
      out[i] = ours;
      taken.set(ours, i);
    }
  for (const ours of [...known.required, ...known.optional]) {
    if (taken.has(ours)) continue;
    const k = columnKey(ours);
    const i = keyed.findIndex((h, j) => h === k && ![...taken.values()].includes(j));
    if (i >= 0) {
      out[i] = ours;
      taken.set(ours, i);
    }
  }
  const missing = known.required.filter((c) => !taken.has(c));
  if (missing.length) {
    const example = missing.map((c) => `${c}="<header>"`).join(',');
    throw new InputError(
      `${label}: no column for ${missing.join(', ')} (needed: ${known.required.join(', ')}; found: ${header.map((h) => JSON.stringify(h)).join(', ')}); headers match ignoring case, spaces and punctuation, or name them with --columns ${example}`,
    );
  }
  return out;
}
