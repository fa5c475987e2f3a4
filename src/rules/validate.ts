// Reading and validating rules files: YAML with line numbers, zod with paths.
// Loaded only when the compiled cache is stale or --rules is given.
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type * as Yaml from 'yaml';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { RulesError } from '../core/errors';
import { LIMITS, readBoundedFile } from '../core/read-bounded';
import { createHash } from 'node:crypto';
import { AgreementFile, ScheduleFile } from './schema';
import { PART_SCHEMAS, crossCheck } from './parts';
import type { Agreement, PartKind, Schedule } from './types';
import { hasOwn } from '../core/own';
import { blockDepthOver, flowDepthOver } from '../core/yaml-depth';
import { fastYaml } from '../core/fast-yaml';

/** The yaml package, loaded at its first use (a chunk of its own in the CLI, dist/lazy/yaml.cjs): the
 *  fast reader reads the rules files, so a run validating an edited one needs it only for a file that
 *  reader declines or to name the line of a value the schema refuses (its load, ~115 KB, was a sixth
 *  of the validator's). */
let yamlPackage: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  return (yamlPackage ??= require('yaml') as typeof Yaml);
}

/** The YAML parser for the CLI's other files (roster --columns maps), so it stays out of the start-up bundle. */
export function parseYaml(text: string, options: Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions & Yaml.ToJSOptions): unknown {
  return yaml().parse(text, options);
}

function pathText(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += (s ? '.' : '') + String(p);
  }
  return s || '(top level)';
}

function lineOf(doc: Document, lc: LineCounter, path: PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (yaml().isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

let readLog: Map<string, string> | undefined;
/** While set, every rules file read is logged with the hash of its bytes (the rules cache's key). */
export function logReads(log: Map<string, string> | undefined): void {
  readLog = log;
}

/** Files validated before, as a stale rules cache holds them: `${kind}\0${sha256 of the bytes}` -> a
 *  copy of the validator's output for those bytes (see validatedInCache in load.ts), or undefined when
 *  it cannot be had (then the file is read and checked). */
export type Validated = Map<string, () => unknown>;
let validated: Validated | undefined;
let hashedStill: ((file: string) => string | undefined) | undefined;
/** While set, a rules file whose bytes (hashed as they are read now) the map holds for its kind is
 *  not parsed or validated again: the same bytes give the same data and passed before. Every read,
 *  bound and check around it (and every check across files) runs as before. `still` gives the hash
 *  of a file this process read already and whose stat has not changed since (the rules cache's
 *  check read it): a file it knows and the map holds is not read again. */
export function reuseValidated(known: Validated | undefined, still?: (file: string) => string | undefined): void {
  validated = known;
  hashedStill = known ? still : undefined;
}

/** The text of a rules file (bounded, and logged while logReads is set), with the hash of its bytes
 *  when it was logged or may be reused. */
function readText(file: string, shown: string): { text: string; hash?: string } {
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(file, shown, LIMITS.rulesFile, 'a rules file');
  } catch (e) {
    throw new RulesError((e as Error).message.slice(shown.length + 2), shown);
  }
  const hash = readLog || validated?.size ? createHash('sha256').update(bytes).digest('base64url') : undefined;
  if (hash !== undefined) readLog?.set(file, hash);
  return { text: bytes.toString('utf8'), hash };
}

/** A YAML text's data, and its parsed document with the lines of its nodes (to name the line of a
 *  value the schema refuses), made when first asked for. */
type Parsed = { data: unknown; located: () => { doc: Document; lc: LineCounter } };

export function readYaml(file: string, shown: string, given?: string): Parsed {
  return parseYamlText(given ?? readText(file, shown).text, shown);
}

function parseYamlText(text: string, shown: string): Parsed {
  const deep = flowDepthOver(text, LIMITS.yamlDepth) || blockDepthOver(text, LIMITS.yamlDepth);
  if (deep) throw new RulesError(`nested more than ${LIMITS.yamlDepth} levels deep (YAML)`, shown, `line ${deep}`);
  // the plain shapes the rules files are written in, read by the fast reader (exactly the data the yaml
  // package gives with the options below, or undefined for anything else: then the yaml package reads
  // it, and names the line of any problem); the document with its lines only when a value is refused
  const fast = fastYaml(text, { maxAliases: LIMITS.yamlAliases, maxDepth: LIMITS.yamlDepth });
  if (fast !== undefined) {
    const path = depthOver(fast, LIMITS.yamlDepth);
    if (path) throw new RulesError(`nested more than ${LIMITS.yamlDepth} levels deep (YAML)`, shown, path);
    let located: { doc: Document; lc: LineCounter } | undefined;
    return { data: fast, located: () => (located ??= yamlDocument(text, shown)) };
  }
  const { data, doc, lc } = yamlDocument(text, shown);
  return { data, located: () => ({ doc, lc }) };
}

/** The text read by the yaml package: its data, document and line counter. */
function yamlDocument(text: string, shown: string): { data: unknown; doc: Document; lc: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  let data: unknown;
  let doc: Document;
  try {
    // anchors, aliases and << merge keys are accepted (alias expansion bounded below)
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: true });
    if (doc.errors.length) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line ?? lc.linePos(err.pos[0]).line;
      const msg = /call stack/i.test(err.message) ? `nested more than ${LIMITS.yamlDepth} levels deep` : err.message.split('\n')[0];
      throw new RulesError(`${msg} (YAML syntax)`, shown, `line ${line}`);
    }
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    if (e instanceof RulesError) throw e;
    const m = (e as Error).message ?? String(e);
    if (/alias/i.test(m)) throw new RulesError(`more than ${LIMITS.yamlAliases} expansions of YAML aliases (*name); write the values out`, shown);
    if (e instanceof RangeError) throw new RulesError(`nested more than ${LIMITS.yamlDepth} levels deep (YAML)`, shown);
    throw new RulesError(`cannot read the YAML: ${m.split('\n')[0]}`, shown);
  }
  const path = depthOver(data, LIMITS.yamlDepth);
  if (path) throw new RulesError(`nested more than ${LIMITS.yamlDepth} levels deep (YAML)`, shown, path);
  return { data, doc, lc };
}

/** The path of a value nested deeper than `max` (maps and lists), or ''. */
export function depthOver(data: unknown, max: number): string {
  const stack: [unknown, number, string][] = [[data, 0, '']];
  while (stack.length) {
    const [v, d, p] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return p || '(top level)';
    for (const [k, x] of Object.entries(v as object)) if (x !== null && typeof x === 'object') stack.push([x, d + 1, Array.isArray(v) ? `${p}[${k}]` : p ? `${p}.${k}` : k]);
  }
  return '';
}

export function validateFile<T extends z.ZodTypeAny>(schema: T, file: string, shown: string, text?: string): z.infer<T> {
  return validatePassed(schema, text ?? readText(file, shown).text, shown);
}

/** The files that validated, by schema and text: a process that loads the same bytes again (a second
 *  --rules folder holding copies of the same files, a --rates or --calendar file read by each of
 *  several runs of the in-process test runner) parses and checks them once. Only content that passed
 *  is kept (texts of up to PASSED_TEXT characters: a copy of a large file's data would cost a run that
 *  reads it once more than it saves), and each caller gets a copy of its own. */
const passed = new WeakMap<z.ZodTypeAny, Map<string, unknown>>();
const PASSED_MAX = 256;
const PASSED_TEXT = 256 * 1024;

function validatePassed<T extends z.ZodTypeAny>(schema: T, text: string, shown: string, parsed?: Parsed, once = false): z.infer<T> {
  let seen = passed.get(schema);
  if (seen?.has(text)) return structuredClone(seen.get(text)) as z.infer<T>;
  const data = validateParsed(schema, parsed ?? parseYamlText(text, shown), shown, once);
  if (text.length > PASSED_TEXT) return data;
  if (!seen) passed.set(schema, (seen = new Map()));
  if (seen.size >= PASSED_MAX) seen.clear();
  seen.set(text, structuredClone(data));
  return data;
}

/** readYaml(file, shown), then `look` at its data (a check of the caller's own, named before the
 *  schema's longer message), then validateFile(schema, file, shownToSchema): the same errors in the
 *  same order, the file read and parsed once (and text that passed before neither parsed nor looked at). */
export function validateFileAfter<T extends z.ZodTypeAny>(schema: T, file: string, shown: string, shownToSchema: string, look: (data: unknown) => void): z.infer<T> {
  const { text } = readText(file, shown);
  const before = passed.get(schema);
  if (before?.has(text)) return structuredClone(before.get(text)) as z.infer<T>;
  const parsed = parseYamlText(text, shown);
  look(parsed.data);
  return validatePassed(schema, text, shownToSchema, parsed);
}

function validateRulesFile<T extends z.ZodTypeAny>(schema: T, kind: string, file: string, shown: string): z.infer<T> {
  const still = validated?.size ? hashedStill?.(file) : undefined;
  const known = still === undefined ? undefined : validated?.get(`${kind}\0${still}`)?.();
  if (known !== undefined) {
    readLog?.set(file, still!);
    return known as z.infer<T>;
  }
  const { text, hash } = readText(file, shown);
  // (undefined from the map: the data it held could not be read back; the file is checked instead)
  const before = hash === undefined ? undefined : validated?.get(`${kind}\0${hash}`)?.();
  if (before !== undefined) return before as z.infer<T>;
  return validatePassed(schema, text, shown, undefined, true);
}

/** With `once` (a rules file: a run checks one file of a kind, once), zod's checks run as written
 *  (jitless): its faster compiled check of an object shape is made at the shape's first use with new
 *  Function, which costs a run that checks one schedule more than it saves (3 of 11 ms); the same
 *  checks, issues and order either way. A check file of 10,000 cases keeps the compiled checks. */
function validateParsed<T extends z.ZodTypeAny>(schema: T, { data, located }: Parsed, shown: string, once = false): z.infer<T> {
  let r: z.ZodSafeParseResult<z.infer<T>>;
  try {
    r = schema.safeParse(data, once ? { jitless: true } : undefined);
  } catch (e) {
    throw new RulesError(`cannot be checked: ${(e as Error).message ?? String(e)}`, shown);
  }
  if (!r.success) {
    const issue = r.error.issues[0];
    const { doc, lc } = located();
    const line = lineOf(doc, lc, issue.path);
    const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more problem${r.error.issues.length > 2 ? 's' : ''})` : '';
    throw new RulesError(`${issue.message}${more}`, shown, `${pathText(issue.path)}${line ? ` (line ${line})` : ''}`);
  }
  return r.data;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Load and validate one agreement folder (the one holding agreement.yaml). */
export function loadAgreementDir(dir: string, shownBase: string): Agreement {
  try {
    return loadAgreementDirUnsafe(dir, shownBase);
  } catch (e) {
    // any failure while loading rules names the folder (a RulesError names its file and key already)
    if (e instanceof Error && (e.name === 'RulesError' || e.name === 'InputError')) throw e;
    throw new RulesError(`cannot be loaded: ${(e as Error)?.message ?? String(e)}`, relative(shownBase, dir) || dir);
  }
}

function loadAgreementDirUnsafe(dir: string, shownBase: string): Agreement {
  const shown = (f: string) => relative(shownBase, f) || f;
  const metaFile = join(dir, 'agreement.yaml');
  const meta = validateRulesFile(AgreementFile, 'agreement', metaFile, shown(metaFile));
  const schedules: Schedule[] = [];
  for (const f of yamlFiles(join(dir, 'schedules'))) {
    const s = validateRulesFile(ScheduleFile, 'schedule', f, shown(f));
    if (!hasOwn(meta.assignments, s.assignment))
      throw new RulesError(`assignment "${s.assignment}" is not one of agreement.yaml's assignments (${Object.keys(meta.assignments).join(', ')})`, shown(f), 'assignment');
    const dup = schedules.find((o) => o.id === s.id && o.effective === s.effective);
    if (dup) throw new RulesError(`a second ${s.id} schedule effective ${s.effective} (the first is ${dup.file}); schedules of one id take effect on different dates`, shown(f), 'effective');
    const over = schedules.find((o) => o.id === s.id && ((o.effective < s.effective && o.until !== undefined && o.until >= s.effective) || (s.effective < o.effective && s.until !== undefined && s.until >= o.effective)));
    if (over) {
      const [x, y] = over.effective < s.effective ? [{ ...over, file: over.file }, { ...s, file: shown(f) }] : [{ ...s, file: shown(f) }, { ...over, file: over.file }];
      throw new RulesError(`overlapping effective dates: the ${s.id} schedule of ${x.file} runs ${x.effective} to ${x.until}, past ${y.effective} when ${y.file} takes effect`, shown(f), 'until');
    }
    schedules.push({ ...s, file: shown(f) });
  }
  // a new agreement (cba rules init) has no schedule yet: it validates, and the commands say to import one
  if (schedules.length) {
    for (const [key, a] of Object.entries(meta.assignments))
      if (!schedules.some((s) => s.id === a.schedule))
        throw new RulesError(`assignment "${key}" names schedule "${a.schedule}", which no file under schedules/ has`, shown(metaFile), `assignments.${key}.schedule`);
    if (!schedules.some((s) => s.id === meta.defaultSchedule))
      throw new RulesError(`defaultSchedule "${meta.defaultSchedule}" is not a schedule id`, shown(metaFile), 'defaultSchedule');
  }
  const srcFile = join(dir, meta.source);
  if (!existsSync(srcFile) || !statSync(srcFile).isFile())
    throw new RulesError(`the agreement's source text ${meta.source} is missing`, shown(metaFile), 'source');

  const parts: Agreement['parts'] = { files: {} };
  for (const kind of Object.keys(PART_SCHEMAS) as PartKind[]) {
    const spec = PART_SCHEMAS[kind];
    const files = spec.folder ? yamlFiles(join(dir, spec.folder)) : existsSync(join(dir, spec.file!)) ? [join(dir, spec.file!)] : [];
    if (!files.length) continue;
    const loaded = files.map((f) => ({ ...(validateRulesFile(spec.schema, kind, f, shown(f)) as object), file: shown(f) }));
    // the schema of each kind validated the content: it is that kind's type
    Object.assign(parts, { [kind]: spec.folder ? loaded : loaded[0] });
    parts.files[kind] = files.map(shown).join(', ');
  }
  const agreement: Agreement = { dir, meta, schedules, parts };
  crossCheck(agreement);
  return agreement;
}

/** The agreement folders under a rules root: the root itself, or its sub-folders. */
export function findAgreementDirs(root: string): string[] {
  if (existsSync(join(root, 'agreement.yaml'))) return [root];
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new RulesError(`no such rules folder: ${root}`);
  const dirs = readdirSync(root)
    .sort()
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, 'agreement.yaml')));
  if (!dirs.length) throw new RulesError(`no agreement.yaml in ${root} or its sub-folders`);
  return dirs;
}
