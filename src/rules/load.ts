// Finding the rules and loading them fast: the build validates rules/ and compiles it to
// dist/rules-cache.json; each run fingerprints the YAML files and uses the cache only when
// it matches, so an added or edited file is read (and validated) on the next run.
// A --rules folder given at run time is always read and validated.
import { existsSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, RulesError } from '../core/errors';
import type { Agreement, RulesSet } from './types';

const CACHE_VERSION = 2;

/** The package root: the nearest folder above this file holding package.json and rules/. */
export function packageRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'rules'))) return d;
    d = dirname(d);
  }
  throw new RulesError('cannot find the package folder holding rules/');
}

export function defaultRulesRoot(): string {
  return join(packageRoot(), 'rules');
}

/** What the cache is keyed on: every YAML file under the root by name, size and modification time
 *  (as make decides what to rebuild), and every folder's modification time (a file added or removed
 *  changes it). Checking it costs a few stat calls, where hashing the contents cost milliseconds. */
export interface Fingerprint {
  files: [string, number, number][];
  dirs: [string, number][];
}

export function fingerprint(root: string): Fingerprint {
  const fp: Fingerprint = { files: [], dirs: [] };
  const walk = (d: string) => {
    fp.dirs.push([relative(root, d), Math.trunc(statSync(d).mtimeMs)]);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const st = statSync(p);
        fp.files.push([relative(root, p), st.size, Math.trunc(st.mtimeMs)]);
      }
    }
  };
  walk(root);
  return fp;
}

function fingerprintHolds(root: string, fp: Fingerprint): boolean {
  try {
    for (const [d, m] of fp.dirs) if (Math.trunc(statSync(join(root, d)).mtimeMs) !== m) return false;
    for (const [f, size, m] of fp.files) {
      const st = statSync(join(root, f));
      if (st.size !== size || Math.trunc(st.mtimeMs) !== m) return false;
    }
    return true;
  } catch {
    return false;
  }
}

interface Cache {
  version: number;
  fingerprint: Fingerprint;
  agreements: (Omit<Agreement, 'dir'> & { dir: string })[];
}

function cacheFile(): string {
  return join(packageRoot(), 'dist', 'rules-cache.json');
}

/** Validate every agreement under root (heavy: loads yaml and zod). */
export async function validateRoot(root: string): Promise<RulesSet> {
  const { findAgreementDirs, loadAgreementDir } = await import('./validate');
  const base = process.cwd();
  const dirs = findAgreementDirs(root);
  return { root, agreements: dirs.map((d) => loadAgreementDir(d, base)) };
}

/** Write the compiled cache of the default rules root (the build calls this). */
export async function writeRulesCache(): Promise<string> {
  const root = defaultRulesRoot();
  const set = await validateRoot(root);
  const cache: Cache = {
    version: CACHE_VERSION,
    fingerprint: fingerprint(root),
    agreements: set.agreements.map((a) => ({ ...a, dir: relative(root, a.dir).split(sep).join('/') })),
  };
  const file = cacheFile();
  writeFileSync(file, JSON.stringify(cache));
  return file;
}

const memo = new Map<string, RulesSet>();

/** The rules to compute with: the default root through the cache, or a given folder validated now. */
export async function loadRules(rulesDir?: string): Promise<RulesSet> {
  const root = rulesDir ? resolve(rulesDir) : defaultRulesRoot();
  const hit = memo.get(root);
  if (hit) return hit;
  if (rulesDir && (!existsSync(root) || !statSync(root).isDirectory()))
    throw new InputError(`--rules ${rulesDir}: no such folder; give the folder holding agreement.yaml (or folders of them)`);
  let set: RulesSet | undefined;
  if (!rulesDir) {
    try {
      const cache = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Cache;
      if (cache.version === CACHE_VERSION && fingerprintHolds(root, cache.fingerprint))
        set = { root, agreements: cache.agreements.map((a) => ({ ...a, dir: join(root, a.dir) })) };
    } catch {
      /* no cache or unreadable: validate below */
    }
    if (!set) {
      set = await validateRoot(root);
      try {
        await writeRulesCache();
      } catch {
        /* a read-only install: bypass the cache */
      }
    }
  } else set = await validateRoot(root);
  memo.set(root, set);
  return set;
}

/** Pick the agreement: by id, or the only one. */
export function pickAgreement(set: RulesSet, id?: string): Agreement {
  if (id) {
    const a = set.agreements.find((x) => x.meta.id === id);
    if (!a) throw new InputError(`--agreement ${id}: no such agreement; available: ${set.agreements.map((x) => x.meta.id).join(', ')}`);
    return a;
  }
  if (set.agreements.length === 1) return set.agreements[0];
  const real = set.agreements.filter((a) => !a.meta.fixture);
  if (real.length === 1) return real[0];
  throw new InputError(`several agreements under ${set.root}; choose one with --agreement (${set.agreements.map((x) => x.meta.id).join(', ')})`);
}

export async function loadAgreement(opts: { rules?: string; agreement?: string } = {}): Promise<Agreement> {
  return pickAgreement(await loadRules(opts.rules), opts.agreement);
}
