// The rules through the compiled cache (dist/rules-cache.json, made by the build) are the rules
// validated from the YAML: every part equal and in the same order, each part parsed only when read.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRulesRoot, forgetLoadedRules, loadRules, validateRoot } from '../../src/rules/load';
import { AGREEMENT_DIR } from '../helpers/contract';

describe('the rules cache', () => {
  it('holds the agreement as validated from the YAML; a part is parsed when first read', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cba-rules-cache-'));
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = home;
    try {
      forgetLoadedRules();
      const cached = (await loadRules()).agreements[0];
      forgetLoadedRules();
      // read through the cache: the parts are still to be parsed (an accessor, not a value)
      expect(typeof Object.getOwnPropertyDescriptor(cached.parts, 'stipends')?.get).toBe('function');
      const fresh = (await validateRoot(defaultRulesRoot())).agreements[0];
      expect(Object.keys(cached.parts)).toEqual(Object.keys(fresh.parts));
      expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));
      // once read, a part is a plain value that a caller may replace
      expect(Object.getOwnPropertyDescriptor(cached.parts, 'stipends')?.value).toEqual(fresh.parts.stipends);
      cached.parts.stipends = undefined;
      expect(cached.parts.stipends).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
      forgetLoadedRules();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a --rules copy of the shipped agreement: the files the build validated are its data, an edited one is validated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-rules-copy-'));
    try {
      cpSync(AGREEMENT_DIR, dir, { recursive: true });
      forgetLoadedRules();
      const copy = (await loadRules(dir)).agreements[0];
      forgetLoadedRules();
      // the data the validator makes of the copy's files read afresh (no cache), file names as the run shows them
      const fresh = (await validateRoot(dir)).agreements[0];
      expect(JSON.stringify(copy)).toBe(JSON.stringify(fresh));
      expect(copy.schedules.map((s) => s.file)).toEqual(fresh.schedules.map((s) => s.file));
      // a refused value in an edited file: named with its file and line, as without the shipped cache
      const f = join(dir, 'schedules', 'basic-2005-06.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^effective: .*$/m, 'effective: 2005-13-45'));
      forgetLoadedRules();
      await expect(loadRules(dir)).rejects.toThrow(/basic-2005-06\.yaml.*effective/s);
    } finally {
      forgetLoadedRules();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
