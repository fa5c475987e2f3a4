// bin/cba.js runs the bundle through a V8 code cache in the user's cache folder: written after the
// first run, used by the next, rewritten when it is damaged or made for another bundle, never in the
// package, and never a reason for a command to fail.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cbaBin, json } from '../helpers/cli';
import { ROOT } from '../helpers/contract';

const args = ['salary', '--class', 'IV', '--step', '13', '--json'];

// The first run into an empty cache folder, made once and shared: each test that starts from it gets
// a copy of the folder it left (a bin run that compiles and writes the cache costs ~0.25 s of CPU).
let firstXdg: { dir: string; run: ReturnType<typeof cbaBin> } | undefined;
function afterFirstRun(): { cache: string; first: ReturnType<typeof cbaBin> } {
  if (!firstXdg) {
    const dir = mkdtempSync(join(tmpdir(), 'cba-xdg-'));
    firstXdg = { dir, run: cbaBin(args, { env: { XDG_CACHE_HOME: dir } }) };
  }
  const cache = mkdtempSync(join(tmpdir(), 'cba-xdg-'));
  cpSync(firstXdg.dir, cache, { recursive: true });
  return { cache, first: firstXdg.run };
}
// likewise the first run with no XDG_CACHE_HOME and an empty home (~/.cache), with the package's
// dist/ as it was before it
let firstHome: { home: string; run: ReturnType<typeof cbaBin>; distBefore: string[] } | undefined;
function afterFirstHomeRun(): { home: string; run: ReturnType<typeof cbaBin>; distBefore: string[] } {
  if (!firstHome) {
    const distBefore = readdirSync(join(ROOT, 'dist')).sort();
    const home = mkdtempSync(join(tmpdir(), 'cba-home-'));
    firstHome = { home, run: cbaBin(args, { env: { XDG_CACHE_HOME: undefined, HOME: home } }), distBefore };
  }
  return firstHome;
}
afterAll(() => {
  if (firstXdg) rmSync(firstXdg.dir, { recursive: true, force: true });
  if (firstHome) rmSync(firstHome.home, { recursive: true, force: true });
});

describe('the start-up code cache', () => {
  it('is written to $XDG_CACHE_HOME/cba after the first run, used by the next, and the answer is the same', async () => {
    const { cache, first } = afterFirstRun();
    expect(first.code).toBe(0);
    // the code cache (the folder may hold the rules cache too: rules-*.json, src/rules/load.ts)
    const files = readdirSync(join(cache, 'cba')).filter((f) => f.endsWith('.v8'));
    expect(files.length).toBe(1);
    // the bundle of the command (dist/cmd/salary.cjs), the cache of its JSON output
    expect(files[0]).toMatch(new RegExp(`^salary-salary-json-.*-${process.version.replace(/\./g, '\\.')}\\.v8$`));
    const bytes = readFileSync(join(cache, 'cba', files[0]));
    const second = cbaBin(args, { env: { XDG_CACHE_HOME: cache } });
    expect(second.stdout).toBe(first.stdout);
    expect(json(second).annualSalary).toBe(70797);
    // accepted, so not rewritten
    expect(readFileSync(join(cache, 'cba', files[0])).equals(bytes)).toBe(true);
    rmSync(cache, { recursive: true });
  });

  it('a damaged cache is rejected, the command still answers, and the cache is rewritten', async () => {
    const { cache } = afterFirstRun();
    const [f] = readdirSync(join(cache, 'cba')).filter((x) => x.endsWith('.v8'));
    const good = readFileSync(join(cache, 'cba', f));
    const key = good.subarray(0, good.indexOf(10) + 1);
    writeFileSync(join(cache, 'cba', f), Buffer.concat([key, Buffer.alloc(4096, 7)]));
    const r = cbaBin(args, { env: { XDG_CACHE_HOME: cache } });
    expect(r.code).toBe(0);
    expect(json(r).annualSalary).toBe(70797);
    expect(readFileSync(join(cache, 'cba', f)).length).toBeGreaterThan(key.length + 4096);
    rmSync(cache, { recursive: true });
  });

  it('a cache folder that cannot be written costs nothing but the cache; ~/.cache is used without XDG_CACHE_HOME', async () => {
    const { home: first, run: r } = afterFirstHomeRun();
    expect(r.code).toBe(0);
    expect(readdirSync(join(first, '.cache', 'cba')).filter((f) => f.endsWith('.v8')).length).toBe(1);
    const home = mkdtempSync(join(tmpdir(), 'cba-home-'));
    const ro = join(home, 'ro');
    cpSync(join(first, '.cache'), ro, { recursive: true });
    writeFileSync(join(home, 'file'), '');
    const bad = cbaBin(args, { env: { XDG_CACHE_HOME: join(home, 'file') } });
    expect(bad.code).toBe(0);
    expect(bad.stderr).toBe('');
    chmodSync(ro, 0o500);
    expect((cbaBin(args, { env: { XDG_CACHE_HOME: ro } })).code).toBe(0);
    rmSync(home, { recursive: true });
  });

  // From the folder the first salary --json run left (its one cache): a failed salary run (its own
  // output kind, so its own cache if it wrote one), then, with the caches of bundles that are gone or
  // were rebuilt put beside them, schedule --json, whose run writes its own cache: one first run of the
  // schedule bundle (compiling it and writing its cache, ~0.2 s of CPU) read by the two tests below
  let scheduled: Promise<{ before: string[]; afterFailed: string[]; failedCode: number; mine: string; left: string[] }> | undefined;
  const afterSchedule = () =>
    (scheduled ??= (async () => {
      const { cache } = afterFirstRun();
      const env = { XDG_CACHE_HOME: cache };
      const dir = join(cache, 'cba');
      const v8 = () => readdirSync(dir).filter((f) => f.endsWith('.v8'));
      const before = v8();
      const failedCode = cbaBin(['salary', '--class', 'IV', '--step', '99'], { env }).code;
      const afterFailed = v8();
      const [mine] = before;
      const v = process.version;
      // a copy of the package that was removed; an older build of this one (another stamp); an older
      // cba's cache (path, size, time) of a bundle that is gone; a rules cache of a removed install
      writeFileSync(join(dir, `cli-salary-gone-${v}.v8`), `/nowhere/cba/dist/cli.cjs\0//cba-build:0\0${v}\0${process.arch}\nx`);
      writeFileSync(join(dir, `cli-salary-old-${v}.v8`), `${join(ROOT, 'dist', 'cmd', 'salary.cjs')}\0//cba-build:0\0${v}\0${process.arch}\nx`);
      writeFileSync(join(dir, `cli-older-${v}.v8`), `/nowhere/cba/dist/cli.cjs\0${1234}\0${5678.5}\0${v}\0${process.arch}\nx`);
      writeFileSync(join(dir, 'rules-gone.json'), JSON.stringify({ package: '/nowhere/cba', version: 4 }));
      writeFileSync(join(dir, 'rules-mine.json'), JSON.stringify({ package: ROOT, version: 4 }));
      cbaBin(['schedule', '--json'], { env });
      const left = readdirSync(dir).sort();
      rmSync(cache, { recursive: true });
      return { before, afterFailed, failedCode, mine, left };
    })());

  it('each command and output kind has its own cache; a run that fails on bad input writes none', async () => {
    const { before, afterFailed, failedCode, left } = await afterSchedule();
    expect(before.length).toBe(1);
    expect(failedCode).toBe(2);
    expect(afterFailed).toEqual(before);
    const files = left.filter((f) => f.endsWith('.v8'));
    expect(files.map((f) => f.replace(/-[0-9a-z]+-v\d+\.\d+\.\d+\.v8$/, '')).sort()).toEqual(['salary-salary-json', 'schedule-schedule-json']);
  });

  it('writing a cache removes the caches of bundles that are gone or rebuilt, and keeps the current ones', async () => {
    const { mine, left } = await afterSchedule();
    expect(left).toContain(mine);
    expect(left).toContain('rules-mine.json');
    expect(left.filter((f) => /gone|old/.test(f))).toEqual([]);
    expect(left.filter((f) => f.startsWith('schedule-schedule-json-')).length).toBe(1);
  });

  it('nothing is written into the package', async () => {
    // the run with ~/.cache in an empty home (shared with the test above), dist/ listed before it
    const { run, distBefore } = afterFirstHomeRun();
    expect(run.code).toBe(0);
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(distBefore);
    expect(readdirSync(join(ROOT, 'bin')).sort()).toEqual(['cba.js', 'package.json']);
  });
});
