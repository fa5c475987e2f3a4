// The rules through the compiled cache (dist/rules-cache.json, made by the build) are the rules
// validated from the YAML: every part equal and in the same order, each part parsed only when read.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRulesRoot, forgetLoadedRules, loadRules, validateRoot } from '../../src/rules/load';

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
});
