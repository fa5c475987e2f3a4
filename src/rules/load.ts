// Finding the rules and loading them fast: the build validates rules/ and compiles it to
// dist/rules-cache.json (shipped in the package); each run checks the YAML files against a cache
// and uses it only when every hash matches, so an added, removed or edited file is read (and
// validated) on the next run. A run writes, if at all, only to the user's cache folder
// ($XDG_CACHE_HOME/cba or ~/.cache/cba): never into the package, so a read-only install runs at full
// speed from the shipped cache. A --rules folder given at run time is always read and validated
// (a file of it with the very bytes of a shipped one as the build validated it: shippedValidated).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { LIMITS, readBoundedFile } from '../core/read-bounded';
import { latin1Text, readFileBytes, utf8Text } from '../core/file-bytes';
import { dirname, isAbsolute, join, resolve, relative, sep } from 'node:path';
import { FieldError, RulesError } from '../core/errors';
import type { Agreement, RulesSet } from './types';
import type { Validated } from './validate';

const CACHE_VERSION = 6;

/** The package root: the nearest folder above this file holding package.json and rules/. */
let pkgRoot: string | undefined;
export function packageRoot(): string {
  if (pkgRoot !== undefined) return pkgRoot;
  // the CommonJS bundles (bin/cba.js) have their folder as __dirname, which spares Node's URL code
  // (node:url loaded only by the ES module build: a top-level import cost every start-up)
  let d = typeof __dirname === 'string' ? __dirname : dirname(process.getBuiltinModule('node:url').fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'rules'))) return (pkgRoot = d);
    d = dirname(d);
  }
  throw new RulesError('cannot find the package folder holding rules/');
}

export function defaultRulesRoot(): string {
  return join(packageRoot(), 'rules');
}

/** What the cache is keyed on: the list of YAML files under the root and a hash of the bytes of each,
 *  the very bytes the validator parsed (hashed as they were read, so an edit made while a run
 *  rebuilds the cache is seen by the next run). Checked by reading and hashing every file (about a
 *  millisecond for the shipped agreement): a same-size edit with its modification time restored
 *  (cp -p, rsync -a, tar x) is seen too. */
export type Fingerprint = [file: string, sha256: string, stat?: string][];

export function hashBytes(b: Uint8Array): string {
  // node:crypto is loaded only when a file is hashed (loading it costs a start-up several milliseconds)
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(b).digest('base64url');
}

/** A file's identity and times: inode, size, modification and change times (milliseconds to a
 *  quarter of a microsecond; the plain stat, cheaper to make than the bigint one). The change time
 *  cannot be set back by cp -p, rsync -a or tar x (it is the time the inode last changed), so a file
 *  whose stat is what the cache recorded has the bytes that were hashed; any other is hashed. */
function statKey(abs: string): string {
  const st = statSync(abs);
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** The hash of each rules file read by this process, by path, with the file's stat taken before it
 *  was read: while a file's stat is still that one it has those bytes (as a cache trusts the stat it
 *  recorded), so it is not read and hashed again. A run after an edit looked at every file up to four
 *  times: the user's cache, the shipped cache, the validator (for the data the shipped cache holds of
 *  those bytes) and the cache it writes; a file edited since has another stat and is read anew. */
const hashed = new Map<string, [stat: string, hash: string]>();
function hashFile(abs: string, shown: string, stat: string): string {
  const h = hashed.get(abs);
  if (h !== undefined && h[0] === stat) return h[1];
  const now = hashBytes(readBoundedFile(abs, shown, LIMITS.rulesFile));
  hashed.set(abs, [stat, now]);
  return now;
}

/** The hash this process read of a file whose stat has not changed since (see hashed), or undefined. */
function hashedStill(abs: string): string | undefined {
  const h = hashed.get(abs);
  if (h === undefined) return undefined;
  try {
    return statKey(abs) === h[0] ? h[1] : undefined;
  } catch {
    return undefined;
  }
}

/** Every YAML file under root, relative, sorted (folders walked; links to folders are not followed). */
function yamlUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The fingerprint of root now: files parsed by the validator keep the hash of what it parsed. */
export function fingerprint(root: string, parsed: Map<string, string> = new Map()): Fingerprint {
  return yamlUnder(root).map((f) => {
    const abs = join(root, f);
    // the stat first, then the bytes: a file edited after the validator read it keeps no stat (the
    // next run hashes it and sees the edit)
    const stat = statKey(abs);
    const now = hashFile(abs, f, stat);
    const p = parsed.get(abs);
    return p !== undefined && p !== now ? [f, p] : [f, now, stat];
  });
}

/** The folders under root ('' for root itself), relative, sorted; links to folders are not followed. */
function foldersUnder(root: string): string[] {
  const out: string[] = [''];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) {
        const p = join(d, e.name);
        out.push(relative(root, p).split(sep).join('/'));
        walk(p);
      }
  };
  walk(root);
  return out.sort();
}

/** Every folder under root with its stat, taken before the files are listed: a file added, removed or
 *  renamed changes its folder's modification and change times, so while every folder's stat is the
 *  one recorded, the files are those listed then and need no listing. Undefined when the folders
 *  changed while they were listed (the next runs list the files). */
export type Folders = [folder: string, stat: string][];
function folderStats(root: string, listFiles: () => void): Folders | undefined {
  try {
    const before = foldersUnder(root);
    const stats: Folders = before.map((f) => [f, statKey(join(root, f))]);
    listFiles();
    return foldersUnder(root).join('\0') === before.join('\0') ? stats : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the files under root are those of the fingerprint (false if not), with same: every file's
 *  stat is the one recorded (else some were hashed: a copied or reinstalled folder), and the stats now
 *  (of the files, and of the folders when they were listed). */
function fingerprintHolds(root: string, fp: Fingerprint, folders?: Folders): { same: boolean; stats: string[]; folders?: Folders } | false {
  try {
    let now: string[] | undefined;
    let listed: Folders | undefined;
    if (folders?.length && folders.every(([f, st]) => statKey(join(root, f)) === st)) now = fp.map((f) => f[0]);
    else listed = folderStats(root, () => (now = yamlUnder(root)));
    now ??= yamlUnder(root);
    if (now.length !== fp.length) return false;
    let same = true;
    const stats: string[] = [];
    for (let i = 0; i < fp.length; i++) {
      if (now[i] !== fp[i][0]) return false;
      const abs = join(root, fp[i][0]);
      const st = statKey(abs); // before the bytes, as in fingerprint()
      stats.push(st);
      if (fp[i][2] !== undefined && st === fp[i][2]) continue;
      same = false;
      if (hashFile(abs, fp[i][0], st) !== fp[i][1]) return false;
    }
    return { same: same && listed === undefined, stats, folders: listed };
  } catch {
    return false; // a file that cannot be read: validation says why
  }
}

export interface Cache {
  /** the package folder of the install that wrote it (user caches only: bin/cba.js removes the
   *  caches of installs that are gone); first in the file, where it reads it */
  package?: string;
  version: number;
  fingerprint: Fingerprint;
  /** the folders' stats when the files were listed: while they hold, the listing is skipped */
  folders?: Folders;
  agreements: CachedAgreement[];
}

/** An agreement in the cache. Its schedules and its parts (stipends, leaves, ...) are lines of their
 *  own after the first (schedules and parts name each one's line, the parts in the order they had),
 *  each parsed only when a command first reads it: deadline, calendar and rules cite read no
 *  schedule, most commands one part or none (the 8.6 KB of schedules on the first line were ~40 KB
 *  of objects in the young generation of every start-up, which several commands end close to
 *  filling). */
export interface CachedAgreement {
  dir: string;
  meta: Agreement['meta'];
  schedules: number;
  files: Agreement['parts']['files'];
  parts: [kind: string, line: number | null][];
  /** where each file's data is: its kind, its name as shown, the line, and its place in the line's
   *  list (-1: the line is that file's alone); read only by a run that finds the cache stale
   *  (validatedInCache), which then parses no line before the validator asks for one */
  sources?: [kind: string, file: string, line: number, index: number][];
}

/** The cache as its file holds it: the first line the Cache (JSON), then a line of JSON per part. */
export interface CacheText {
  cache: Cache;
  lines: CacheLines;
}

/** The part lines of a cache: a list of strings (a cache being made), or the lines of a file read,
 *  each decoded from the file's bytes only when asked for (most commands read one part or none: the
 *  file made one string, ~130 KB, was the largest object of a start-up, in the young generation,
 *  which then filled and was collected in runs that read a part or two). */
export interface CacheLines {
  readonly length: number;
  at(i: number): string | undefined;
}

/** The lines of a file's bytes from `from` on, as the text's split('\n') gives them; each line's end
 *  found when a line up to it is first asked for (a command reads the first few lines). */
class LinesOfBytes implements CacheLines {
  private readonly ends: number[] = [];
  private whole = false;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly from: number,
  ) {}
  /** the ends of the lines up to line i */
  private reach(i: number): void {
    const ends = this.ends;
    while (!this.whole && ends.length <= i) {
      const e = this.bytes.indexOf(10, ends.length === 0 ? this.from : ends[ends.length - 1] + 1);
      if (e < 0) {
        ends.push(this.bytes.length);
        this.whole = true;
      } else ends.push(e);
    }
  }
  get length(): number {
    this.reach(Infinity);
    return this.ends.length;
  }
  at(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0) return undefined;
    this.reach(i);
    if (i >= this.ends.length) return undefined;
    return utf8Text(this.bytes, i === 0 ? this.from : this.ends[i - 1] + 1, this.ends[i]);
  }
}

function toCached(a: Agreement, root: string, lines: string[]): CachedAgreement {
  const schedules = lines.push(asciiJson(a.schedules)) - 1;
  const sources: NonNullable<CachedAgreement['sources']> = a.schedules.map((s, i) => ['schedule', s.file, schedules, i]);
  const parts = Object.entries(a.parts).flatMap(([k, v]): [string, number | null][] => {
    if (k === 'files') return [[k, null]];
    if (v === undefined) return [];
    const line = lines.push(asciiJson(v)) - 1;
    for (const [i, x] of (Array.isArray(v) ? v : [v]).entries()) if (typeof x?.file === 'string') sources.push([k, x.file, line, Array.isArray(v) ? i : -1]);
    return [[k, line]];
  });
  return { dir: relative(root, a.dir).split(sep).join('/'), meta: a.meta, schedules, files: a.parts.files, parts, sources };
}

function fromCached(c: CachedAgreement, root: string, lines: CacheLines): Agreement {
  const parts = {} as Record<string, unknown>;
  for (const [k, line] of c.parts) {
    if (line === null) {
      parts[k] = c.files;
      continue;
    }
    lazyLine(parts, k, lines, line);
  }
  const agreement = { dir: join(root, c.dir), meta: c.meta } as Agreement;
  lazyLine(agreement, 'schedules', lines, c.schedules);
  agreement.parts = parts as unknown as Agreement['parts'];
  return agreement;
}

/** o[k] as the JSON of a line, parsed when first read (then an ordinary property). */
function lazyLine(o: object, k: string, lines: CacheLines, line: number): void {
  const settle = (value: unknown) => Object.defineProperty(o, k, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(o, k, {
    enumerable: true,
    configurable: true,
    get() {
      const v = JSON.parse(lines.at(line)!);
      settle(v);
      return v;
    },
    set: settle,
  });
}

/** The cache in a file, or undefined when it is of another version (seen before it is parsed). */
export function readCache(file: string): CacheText | undefined {
  // the bytes (outside V8's heap), each line made a string only when read
  const bytes = readFileBytes(file);
  if (versionIn(latin1Text(bytes, 0, 4096)) !== String(CACHE_VERSION)) return undefined;
  const nl = bytes.indexOf(10);
  return { cache: JSON.parse(utf8Text(bytes, 0, nl < 0 ? bytes.length : nl)) as Cache, lines: nl < 0 ? [] : new LinesOfBytes(bytes, nl + 1) };
}

/** The digits after the first `"version":` followed by digits (/"version":(\d+)/, without compiling
 *  a regular expression at every start). */
function versionIn(head: string): string | undefined {
  const at = '"version":';
  for (let i = head.indexOf(at); i >= 0; i = head.indexOf(at, i + 1)) {
    let j = i + at.length;
    while (j < head.length && head.charCodeAt(j) >= 48 && head.charCodeAt(j) <= 57) j++;
    if (j > i + at.length) return head.slice(i + at.length, j);
  }
  return undefined;
}

function cacheText({ cache, lines }: CacheText): string {
  return [asciiJson(cache), ...Array.from({ length: lines.length }, (_, i) => lines.at(i))].join('\n');
}

/** The compiled rules cache the build writes and the package ships. */
export function shippedCacheFile(): string {
  return join(packageRoot(), 'dist', 'rules-cache.json');
}

/** Where a run keeps its compiled rules cache (the one place that says so): the user's cache folder,
 *  $XDG_CACHE_HOME/cba, else ~/.cache/cba (as bin/cba.js keeps the code cache), one file per install
 *  (named by a hash of the package folder); '' when neither is set to an absolute folder. */
export function cacheFile(): string {
  const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(process.env.HOME, '.cache') : '');
  if (!base || !isAbsolute(base)) return '';
  const pkg = packageRoot();
  let h = 5381;
  for (let i = 0; i < pkg.length; i++) h = ((h * 33) ^ pkg.charCodeAt(i)) >>> 0;
  return join(base, 'cba', `rules-${h.toString(36)}.json`);
}

/** Validate every agreement under root (heavy: loads yaml and zod), with the hash of every file parsed;
 *  a file whose bytes `known` holds (validatedInCache) is not parsed or checked again, nor read when
 *  `still` (hashedStill: the default folder, whose files the cache check read) gives its hash. */
export async function validateRootLogged(root: string, base = process.cwd(), known?: Validated, still?: (file: string) => string | undefined): Promise<{ set: RulesSet; parsed: Map<string, string> }> {
  const { findAgreementDirs, loadAgreementDir, logReads, reuseValidated } = await import('./validate');
  const parsed = new Map<string, string>();
  logReads(parsed);
  reuseValidated(known, still);
  try {
    const dirs = findAgreementDirs(root);
    return { set: { root, agreements: dirs.map((d) => loadAgreementDir(d, base)) }, parsed };
  } finally {
    logReads(undefined);
    reuseValidated(undefined);
  }
}

/** What a rules cache of root (one that no longer holds: a file was edited, added or removed) says of
 *  each file it was made from: the validator's output for the bytes it hashed, by kind and hash, into
 *  `into` (entries already there kept). The cache holds each file's output as the agreement has it:
 *  agreement.yaml's as meta, each schedule and part with the file it came from added (`file`, a key
 *  no rules file may have at its top level: every file schema is strict), in the order read. A file
 *  edited since is hashed anew by the validator and found under no entry. */
export function validatedInCache(root: string, { cache, lines }: CacheText, into: Validated): void {
  const base = packageRoot();
  const hashOf = new Map<string, string>();
  for (const [f, h] of cache.fingerprint) if (typeof f === 'string' && typeof h === 'string') hashOf.set(relative(base, join(root, f)), h);
  const add = (kind: string, shown: unknown, data: unknown, withFile: boolean) => {
    const h = typeof shown === 'string' ? hashOf.get(shown) : undefined;
    if (h === undefined || data === null || typeof data !== 'object' || into.has(`${kind}\0${h}`)) return;
    into.set(`${kind}\0${h}`, () => {
      const copy = structuredClone(data) as Record<string, unknown>;
      if (withFile) delete copy.file;
      return copy;
    });
  };
  for (const c of cache.agreements) {
    add('agreement', relative(base, join(root, c.dir, 'agreement.yaml')), c.meta, false);
    if (Array.isArray(c.sources)) {
      // each file's data parsed from its line only when the validator asks for it (a fresh copy at each
      // call, as structuredClone gave): no line is parsed up front, and none copied
      for (const [kind, shown, line, index] of c.sources) {
        const h = typeof shown === 'string' ? hashOf.get(shown) : undefined;
        if (typeof kind !== 'string' || h === undefined || !Number.isInteger(line) || !Number.isInteger(index) || into.has(`${kind}\0${h}`)) continue;
        into.set(`${kind}\0${h}`, () => {
          try {
            const v = JSON.parse(lines.at(line)!) as unknown;
            const x = (index < 0 ? v : Array.isArray(v) ? v[index] : undefined) as Record<string, unknown> | undefined;
            if (x === null || typeof x !== 'object' || Array.isArray(x) || x.file !== shown) return undefined;
            delete x.file;
            return x;
          } catch {
            return undefined; // not as written: the validator reads and checks the file
          }
        });
      }
      continue;
    }
    for (const s of JSON.parse(lines.at(c.schedules)!) as Agreement['schedules']) add('schedule', s.file, s, true);
    for (const [kind, line] of c.parts) {
      if (line === null) continue;
      const v = JSON.parse(lines.at(line)!) as { file?: unknown } | { file?: unknown }[];
      for (const x of Array.isArray(v) ? v : [v]) add(kind, x?.file, x, true);
    }
  }
}

export async function validateRoot(root: string): Promise<RulesSet> {
  return (await validateRootLogged(root)).set;
}

/** JSON with every character beyond ASCII escaped (\u2019): text all ASCII is read into a one-byte
 *  string, which parses faster than the two-byte string one such character makes of the whole file. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Write the cache atomically: a temporary file of this process, renamed over the old one, so a
 *  reader never sees half a file and two first runs at once each leave a whole, valid cache. */
function saveCache(root: string, set: RulesSet, parsed: Map<string, string>, file = cacheFile()): string {
  if (!file) return file;
  const lines: string[] = [];
  let fp: Fingerprint = [];
  const folders = folderStats(root, () => (fp = fingerprint(root, parsed)));
  const cache: Cache = {
    package: file === shippedCacheFile() ? undefined : packageRoot(),
    version: CACHE_VERSION,
    fingerprint: fp,
    folders,
    agreements: set.agreements.map((a) => toCached(a, root, lines)),
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    writeFileSync(tmp, cacheText({ cache, lines }), { flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return file;
}

/** Write the compiled cache of the default rules root (the build calls this). */
export async function writeRulesCache(): Promise<string> {
  const root = defaultRulesRoot();
  const { set, parsed } = await validateRootLogged(root, packageRoot());
  return saveCache(root, set, parsed, shippedCacheFile());
}

const memo = new Map<string, RulesSet>();

/** Forget the rules read so far in this process (the in-process test runner, between invocations),
 *  or with keepShipped all but the package's own rules folder, which no run edits (a run that names
 *  another folder, or CBA_RULES, reads that one again: a test may edit it between runs). */
export function forgetLoadedRules(keepShipped = false): void {
  if (!keepShipped) return memo.clear();
  const shipped = defaultRulesRoot();
  for (const k of [...memo.keys()]) if (k !== shipped) memo.delete(k);
}

/** What the shipped cache says of the files the build validated (see validatedInCache), for a --rules
 *  folder: a file there with the very bytes of a shipped one (a copy of the agreement with one file
 *  edited, a folder set up from the shipped rules) gives the same data and passed the same checks, so
 *  it is read and hashed but not parsed or checked again; every other file is, and every check across
 *  files runs as before. Read once a process while the cache file's stat holds. */
let shipped: { stat: string; known: Validated } | undefined;
function shippedValidated(): Validated | undefined {
  try {
    const file = shippedCacheFile();
    const stat = statKey(file);
    if (shipped?.stat !== stat) {
      const known: Validated = new Map();
      const read = readCache(file);
      if (read && read.cache.version === CACHE_VERSION && Array.isArray(read.cache.fingerprint)) validatedInCache(defaultRulesRoot(), read, known);
      shipped = { stat, known };
    }
    return shipped.known;
  } catch {
    return undefined; // no shipped cache, or not as this build writes it: validate every file
  }
}

/** The rules to compute with: the default root through the cache, or a given folder validated now
 *  (its files with the bytes of shipped ones taken as the build validated them: shippedValidated). */
export async function loadRules(rulesDir?: string): Promise<RulesSet> {
  const root = rulesDir ? resolve(rulesDir) : defaultRulesRoot();
  const hit = memo.get(root);
  if (hit) return hit;
  if (rulesDir && (!existsSync(root) || !statSync(root).isDirectory()))
    throw new FieldError('rules', `{rules} ${rulesDir}: no such folder; give the folder holding agreement.yaml (or folders of them)`);
  let set: RulesSet | undefined;
  if (!rulesDir) {
    // the user's cache first (written by an earlier run of this install), then the shipped one
    const mine = cacheFile();
    let staleMine = false;
    // what the stale caches say of the files they were made from (the shipped cache's, made by this
    // very build, is the only one read for it: a user's cache may be an older build's)
    const known: Validated = new Map();
    for (const file of mine ? [mine, shippedCacheFile()] : [shippedCacheFile()]) {
      try {
        if (file === mine && !existsSync(file)) continue; // (a failed read costs an error and its stack)
        const read = readCache(file);
        const holds = read && read.cache.version === CACHE_VERSION && Array.isArray(read.cache.fingerprint) ? fingerprintHolds(root, read.cache.fingerprint, read.cache.folders) : false;
        if (!holds) {
          if (file === mine) staleMine = true;
          else if (read)
            try {
              validatedInCache(root, read, known);
            } catch {
              known.clear(); // a cache not as this build writes it: validate every file
            }
          continue;
        }
        const { cache, lines } = read!;
        set = { root, agreements: cache.agreements.map((a) => fromCached(a, root, lines)) };
        // the shipped cache holds as it is: a stale cache of the user's (the rules were edited, then
        // put back, or rebuilt) would only be read in vain at every start
        if (staleMine && holds.same)
          try {
            rmSync(mine, { force: true });
          } catch {
            /* a cache folder that cannot be written: read in vain */
          }
        if (!holds.same && mine) {
          // same bytes, new inodes or times (an install, a copy): record the stats in the user's cache,
          // so later runs skip hashing and listing
          const tmp = `${mine}.${process.pid}.tmp`;
          try {
            mkdirSync(dirname(mine), { recursive: true });
            const fp: Fingerprint = cache.fingerprint.map(([f, h], i) => [f, h, holds.stats[i]]);
            writeFileSync(tmp, cacheText({ cache: { package: packageRoot(), ...cache, fingerprint: fp, folders: holds.folders }, lines }), { flag: 'wx' });
            renameSync(tmp, mine);
          } catch {
            rmSync(tmp, { force: true }); // a cache folder that cannot be written: hash each run
          }
        }
        break;
      } catch {
        /* no cache or unreadable: the next, else validate below */
      }
    }
    if (!set) {
      // file names shown relative to the package folder (rules/...), wherever the run started
      const v = await validateRootLogged(root, packageRoot(), known, hashedStill);
      set = v.set;
      try {
        saveCache(root, set, v.parsed);
      } catch {
        /* a cache folder that cannot be written: bypass the cache */
      }
    }
  } else set = (await validateRootLogged(root, process.cwd(), shippedValidated())).set;
  memo.set(root, set);
  return set;
}

/** Pick the agreement: by id, or the only one. */
export function pickAgreement(set: RulesSet, id?: string): Agreement {
  if (id) {
    const a = set.agreements.find((x) => x.meta.id === id);
    if (!a) throw new FieldError('agreement', `{agreement} ${id}: no such agreement; available: ${set.agreements.map((x) => x.meta.id).join(', ')}`);
    return a;
  }
  if (set.agreements.length === 1) return set.agreements[0];
  const real = set.agreements.filter((a) => !a.meta.fixture);
  if (real.length === 1) return real[0];
  throw new FieldError('agreement', `several agreements under ${set.root}; choose one with {agreement} (${set.agreements.map((x) => x.meta.id).join(', ')})`);
}

export async function loadAgreement(opts: { rules?: string; agreement?: string } = {}): Promise<Agreement> {
  return pickAgreement(await loadRules(opts.rules), opts.agreement);
}
