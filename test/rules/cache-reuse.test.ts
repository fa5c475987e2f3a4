// A run that finds the rules cache stale (a rules file edited, added or removed) validates again only
// the files whose bytes the cache was not made from: every other file's data is the validator's
// output the cache holds for those bytes (by kind and sha256). Proved here: the cache gives back, for
// every shipped file, exactly what the validator makes of it; an edited file (a same-size edit, a
// refused value, bytes of one kind put in a file of another) is read and checked as without the
// cache, with the same data or the same error.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defaultRulesRoot, packageRoot, readCache, shippedCacheFile, validateRootLogged, validatedInCache } from '../../src/rules/load';
import { validateFile, type Validated } from '../../src/rules/validate';
import { AgreementFile, ScheduleFile } from '../../src/rules/schema';
import { PART_SCHEMAS } from '../../src/rules/parts';
import { AGREEMENT_DIR } from '../helpers/contract';
import type { PartKind } from '../../src/rules/types';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('base64url');
const AGREEMENT = relative(defaultRulesRoot(), AGREEMENT_DIR);

/** The kind a file of the agreement folder is validated as, and its schema. */
function kindOf(rel: string) {
  if (rel === 'agreement.yaml') return { kind: 'agreement', schema: AgreementFile };
  if (rel.startsWith('schedules/')) return { kind: 'schedule', schema: ScheduleFile };
  const kind = (Object.keys(PART_SCHEMAS) as PartKind[]).find((k) => PART_SCHEMAS[k].folder ? rel.startsWith(`${PART_SCHEMAS[k].folder}/`) : rel === PART_SCHEMAS[k].file)!;
  return { kind, schema: PART_SCHEMAS[kind].schema };
}

function shippedKnown(): Validated {
  const known: Validated = new Map();
  validatedInCache(defaultRulesRoot(), readCache(shippedCacheFile())!, known);
  return known;
}

async function outcome(root: string, known?: Validated): Promise<string> {
  try {
    return JSON.stringify((await validateRootLogged(root, packageRoot(), known)).set.agreements);
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe('a stale rules cache: the files it was made from are not validated again', () => {
  it("gives back, for every shipped rules file, the validator's own output for its bytes (a fresh copy at each call)", () => {
    const known = shippedKnown();
    const files = readCache(shippedCacheFile())!.cache.fingerprint.map(([f]) => f);
    expect(files.length).toBe(13);
    expect(known.size).toBe(files.length);
    for (const f of files) {
      const abs = join(defaultRulesRoot(), f);
      const { kind, schema } = kindOf(relative(AGREEMENT_DIR, abs));
      const get = known.get(`${kind}\0${sha(abs)}`);
      expect(get, f).toBeDefined();
      const data = get!() as Record<string, unknown>;
      expect(data, f).toStrictEqual(validateFile(schema, abs, f));
      data.$schema = 'changed by a caller';
      expect((get!() as Record<string, unknown>).$schema).not.toBe('changed by a caller');
    }
  });

  it('uses the data it holds for bytes it knows (and only for the kind they were validated as)', async () => {
    const schedule = join(AGREEMENT_DIR, 'schedules', 'basic-2005-06.yaml');
    const data = validateFile(ScheduleFile, schedule, 'basic-2005-06.yaml');
    const known: Validated = new Map([[`schedule\0${sha(schedule)}`, () => ({ ...data, district: 'as the cache holds it' })]]);
    const [a] = (await validateRootLogged(AGREEMENT_DIR, packageRoot(), known)).set.agreements;
    expect(a.schedules.find((s) => s.file.endsWith('basic-2005-06.yaml'))!.district).toBe('as the cache holds it');
    const other: Validated = new Map([[`stipends\0${sha(schedule)}`, () => ({ ...data, district: 'as the cache holds it' })]]);
    const [b] = (await validateRootLogged(AGREEMENT_DIR, packageRoot(), other)).set.agreements;
    expect(b.schedules.find((s) => s.file.endsWith('basic-2005-06.yaml'))!.district).toBe(data.district);
  });

  it('an edited file is read and checked as without the cache: a same-size edit, a refused value, bytes of another kind', async () => {
    const known = shippedKnown();
    const root = mkdtempSync(join(tmpdir(), 'cba-cache-reuse-'));
    try {
      cpSync(AGREEMENT_DIR, join(root, AGREEMENT), { recursive: true });
      const schedule = join(root, AGREEMENT, 'schedules', 'basic-2005-06.yaml');
      const text = readFileSync(schedule, 'utf8');
      expect(await outcome(root, known)).toBe(await outcome(root));
      writeFileSync(schedule, text.replace('IV: 70797', 'IV: 70798')); // same size
      const edited = await outcome(root, known);
      expect(edited).toBe(await outcome(root));
      expect(edited).toContain('"IV":70798');
      expect(edited).not.toContain('"IV":70797');
      writeFileSync(schedule, text.replace('IV: 70797', 'IV: -1'));
      const refused = await outcome(root, known);
      expect(refused).toBe(await outcome(root));
      expect(refused).toMatch(/^RulesError: .*basic-2005-06\.yaml: rows\[12\]\.annual\.IV \(line \d+\): a salary or rate must be positive/);
      // a calendar's bytes (known as a calendar) as the leaves file: refused as leaves
      writeFileSync(schedule, text);
      cpSync(join(root, AGREEMENT, 'calendars', '2005-06.yaml'), join(root, AGREEMENT, 'leaves.yaml'));
      const wrongKind = await outcome(root, known);
      expect(wrongKind).toBe(await outcome(root));
      expect(wrongKind).toMatch(/^RulesError: .*leaves\.yaml/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
