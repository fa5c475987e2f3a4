// The eight findings of the trust issue (17), each tried as the report describes it. Those about the
// process itself (standard input from /dev/zero, the rules cache of an installed copy, closed or full
// standard output, a reader that stops early) run the built bin; the others, special files among them
// (under a hang guard), run cba in process.
// Each test fails on the code before the fix (CBA_TEST_ROOT=<an older build> runs them all through
// that checkout's bin) and passes after.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, AGREEMENT_DIR } from '../helpers/contract';
import { cba } from '../helpers/cli';

const FROM = process.env.CBA_TEST_ROOT ?? ROOT;
const BIN = join(FROM, 'bin', 'cba.js');
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `cba-${p}-`));

/** cba in process, with NO_COLOR=1 as the bin runs below (through the bin when CBA_TEST_ROOT names
 *  another checkout). */
function inProcess(args: string[], opts: { env?: Record<string, string> } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (process.env.CBA_TEST_ROOT) return run(args, opts);
  return cba(args, { env: { NO_COLOR: '1', ...opts.env } });
}

/** In process, with the hang guard of run(): a run that does not end in 20 s answers code null. */
function guarded(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<{ code: null; stdout: string; stderr: string }>((resolve) => (timer = setTimeout(() => resolve({ code: null, stdout: '', stderr: 'hung' }), 20_000)));
  return Promise.race([inProcess(args), hung]).finally(() => clearTimeout(timer));
}

/** The bin with a hang guard: a run that does not end in 20 s is killed (code null). Asynchronous, so
 *  the tests of a describe block run side by side. */
function run(args: string[], opts: { bin?: string; env?: Record<string, string>; stdio?: 'closed-stdout' | 'dev-full'; cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, NO_COLOR: '1', ...opts.env };
  // a shell gives the bin the standard output the report names: closed (>&-) or /dev/full
  const [cmd, argv] = opts.stdio
    ? ['sh', ['-c', `"$0" "$@" ${opts.stdio === 'closed-stdout' ? '>&-' : '>/dev/full'}`, process.execPath, opts.bin ?? BIN, ...args]]
    : [process.execPath, [opts.bin ?? BIN, ...args]];
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, argv as string[], { env, cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => c.kill('SIGKILL'), 20_000);
    c.on('error', reject);
    c.on('close', async (code, signal) => {
      clearTimeout(guard);
      resolve({ code: signal ? null : code, stdout, stderr });
    });
  });
}
const oneLine = (s: string) => s.split('\n').filter((l) => l.trim()).length === 1 && !/\n\s+at |internal error/.test(s);

/** The files of from under to as hard links (a copy where linking is refused: another file system),
 *  but those skip names. */
function linkTree(from: string, to: string, skip: (f: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const f = join(from, e.name);
    if (skip(f)) continue;
    if (e.isDirectory()) linkTree(f, join(to, e.name), skip);
    else
      try {
        linkSync(f, join(to, e.name));
      } catch {
        cpSync(f, join(to, e.name));
      }
  }
}

/** The installed copy of the tests of finding 4: one folder for the file, installed anew by each test
 *  (its files removed and copied again: new inodes and times, the shipped rules cache stale), and a
 *  user's cache folder of the test's own ($XDG_CACHE_HOME: no rules cache in it) holding the bin's code
 *  caches of the tests before. A code cache is for a bundle at its path, so a copy at a new path
 *  compiled every bundle its runs load anew, the validator's among them (the four concurrent first
 *  runs: 1.3 s of CPU compiling, 0.9 s with the code cache); the rules cache, the subject here, starts
 *  from the package as shipped in every test. */
const PKG = tmp('pkg');
const CODE = tmp('code-cache');
let lastHome: string | undefined;
function copyPackage(): { pkg: string; bin: string; schedule: string; home: string } {
  const pkg = PKG;
  if (lastHome) for (const f of readdirSync(join(lastHome, 'cba')).filter((f) => f.endsWith('.v8'))) cpSync(join(lastHome, 'cba', f), join(CODE, f));
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg);
  // what the package ships (package.json's files) but the type declarations, which no run reads: the
  // rules, bin and the shipped rules cache copied (new inodes and times, files the tests edit or check
  // are left alone), the bundles of dist/ (8 MB, which no run writes) hard links to the built ones
  const types = join(FROM, 'dist', 'types');
  const shipped = join(FROM, 'dist', 'rules-cache.json');
  for (const p of ['bin', 'rules', 'package.json']) cpSync(join(FROM, p), join(pkg, p), { recursive: true });
  linkTree(join(FROM, 'dist'), join(pkg, 'dist'), (f) => f === types || f === shipped);
  cpSync(shipped, join(pkg, 'dist', 'rules-cache.json'));
  const home = (lastHome = tmp('cache-home'));
  cpSync(CODE, join(home, 'cba'), { recursive: true });
  return { pkg, bin: join(pkg, 'bin', 'cba.js'), schedule: join(pkg, 'rules/sdcoe-ae-2005-2008/schedules/basic-2005-06.yaml'), home };
}
const annual = (r: { stdout: string }) => JSON.parse(r.stdout).annualSalary;
const IV13 = ['salary', '--class', 'IV', '--step', '13', '--json'];

describe.concurrent('finding 2: special files are refused at once, not read forever', () => {
  const d = tmp('special');
  execFileSync('mkfifo', [join(d, 'fifo')]);
  it.each([
    ['check /dev/zero', ['check', '/dev/zero'], '/dev/zero'],
    ['--calendar /dev/zero', ['deadline', 'grievance', '--occurred', '2005-11-18', '--calendar', '/dev/zero'], '/dev/zero'],
    ['audit /dev/zero', ['audit', '/dev/zero'], '/dev/zero'],
    ['cost --roster /dev/zero', ['cost', '--roster', '/dev/zero'], '/dev/zero'],
    ['deadline --input /dev/zero', ['deadline', 'grievance', '--input', '/dev/zero'], '/dev/zero'],
    ['a FIFO as a calendar', ['deadline', 'grievance', '--occurred', '2005-11-18', '--calendar', join(d, 'fifo')], 'fifo'],
  ])('%s: exit 2, one line naming it', async (_n, args, named) => {
    const r = await guarded(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain(named);
  });

  it.each([
    ['check -', ['check', '-']],
    ['audit -', ['audit', '-']],
    ['deadline --input -', ['deadline', 'grievance', '--input', '-']],
  ])('%s with /dev/zero as standard input: exit 2 at the size cap, one line', async (_n, args) => {
    const r = spawnSync('sh', ['-c', `"$0" "$@" < /dev/zero`, process.execPath, BIN, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 10_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/standard input/);
  });

  it.each([['/dev/zero'], ['fifo']])('a schedule in --rules that links to %s: exit 2 naming the schedule', async (target) => {
    const dir = tmp('rules');
    cpSync(AGREEMENT_DIR, dir, { recursive: true });
    const f = join(dir, 'schedules/basic-2005-06.yaml');
    rmSync(f);
    symlinkSync(target === 'fifo' ? join(d, 'fifo') : target, f);
    const r = await guarded(['--rules', dir, ...IV13]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain('basic-2005-06.yaml');
  });

  it('a batch of 20 rows each with the recess 0001-01-01..9999-12-31: every row back, within the hang guard', async () => {
    const f = join(d, 'recess.csv');
    writeFileSync(f, 'id,date,recess\n' + Array.from({ length: 20 }, (_, i) => `G${i},2006-01-09,0001-01-01..9999-12-31`).join('\n') + '\n');
    const r = await guarded(['deadline', 'grievance', '--input', f, '--csv']);
    expect(r.code).not.toBeNull();
    expect(r.stdout.trim().split('\n')).toHaveLength(21);
  });
});

describe.concurrent('finding 3: no output destroys a file', () => {
  it('cost --out-schedule naming the roster is refused; the roster is left whole', async () => {
    const d = tmp('destroy');
    const roster = join(d, 'r.csv');
    cpSync(join(ROOT, 'fixtures/roster/cost-roster.csv'), roster);
    const before = readFileSync(roster, 'utf8');
    const r = await inProcess(['cost', '--roster', roster, '--raise', '1', '--out-schedule', roster]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain('r.csv');
    expect(readFileSync(roster, 'utf8')).toBe(before);
  });

  it('--ics naming the --closures input is refused; the closures file is left whole', async () => {
    const d = tmp('destroy');
    const clo = join(d, 'closures.yaml');
    cpSync(join(ROOT, 'fixtures/closures/winter-break-2005.yaml'), clo);
    const before = readFileSync(clo, 'utf8');
    const r = await inProcess(['deadline', 'grievance', '--occurred', '2005-11-18', '--closures', clo, '--ics', clo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('closures.yaml');
    expect(readFileSync(clo, 'utf8')).toBe(before);
  });

  it('a cba check case that names ics cannot write outside its temporary folder, and does not pass', async () => {
    const d = tmp('destroy');
    const victim = join(d, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const cases = join(d, 'cases.yaml');
    writeFileSync(cases, `cases:\n  - name: writes a file\n    run: deadline\n    args: [grievance]\n    input: { occurred: 2005-11-18, ics: ${JSON.stringify(victim)} }\n    exitCode: 0\n`);
    const r = await inProcess(['check', cases]);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(r.stdout).not.toMatch(/1 passed/);
    expect(r.code).not.toBe(0);
  });

  it('an --out-schedule over an existing file replaces it whole, through a temporary file that does not stay', async () => {
    const d = tmp('atomic');
    const out = join(d, 'next.yaml');
    writeFileSync(out, 'old\n');
    const r = await inProcess(['cost', '--roster', join(ROOT, 'fixtures/roster/cost-roster.csv'), '--raise', '1', '--out-schedule', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Generated by cba cost --raise 1/);
    expect(readdirSync(d)).toEqual(['next.yaml']);
  });
});

describe('finding 4: the rules cache cannot go stale', () => {
  // One installed copy edited twice, its runs shared by the three tests below (a run after an edit
  // parses and checks the edited file again, the others' data taken from the shipped cache by their
  // hash): its first run as installed (from another working folder, the package and the user's cache
  // folder looked at before and after it), then a same-size edit with the modification time
  // restored, then a value the rules refuse.
  interface Installed {
    json: { annualSalary: number; figures: { source: { file: string } }[] };
    shipped: { before: string; after: string; mtimeBefore: number; mtimeAfter: number };
    dist: { before: string[]; after: string[] };
    userCaches: string[];
  }
  let edits: Promise<{ installed: Installed; first: number; times: { mtimeNs: bigint; refNs: bigint; size: number; refSize: number }; edited: number; bad: { code: number | null; stderr: string } }> | undefined;
  const editedCopy = () =>
    (edits ??= (async () => {
      const { pkg, bin, schedule, home } = copyPackage();
      const env = { XDG_CACHE_HOME: home };
      // the copy's first run (new inodes, the shipped cache's stats stale): it writes the cache
      const shippedFile = join(pkg, 'dist', 'rules-cache.json');
      const shippedBefore = readFileSync(shippedFile, 'utf8');
      const mtimeBefore = statSync(shippedFile).mtimeMs;
      const distBefore = readdirSync(join(pkg, 'dist')).sort();
      const firstRun = await run(IV13, { bin, env, cwd: tmp('cwd') }); // from another working folder: source paths stay relative to the package
      const installed: Installed = {
        json: JSON.parse(firstRun.stdout),
        shipped: { before: shippedBefore, after: readFileSync(shippedFile, 'utf8'), mtimeBefore, mtimeAfter: statSync(shippedFile).mtimeMs },
        dist: { before: distBefore, after: readdirSync(join(pkg, 'dist')).sort() },
        userCaches: readdirSync(join(home, 'cba')).filter((f) => /^rules-.*\.json$/.test(f)),
      };
      const first = annual(firstRun);
      const ref = join(pkg, 'times.ref');
      execFileSync('cp', ['-p', schedule, ref]);
      writeFileSync(schedule, readFileSync(schedule, 'utf8').replace('IV: 70797', 'IV: 70798'));
      execFileSync('touch', ['-r', ref, schedule]); // the modification time restored to the nanosecond, as cp -p, rsync -a and tar x leave it
      const times = { mtimeNs: statSync(schedule, { bigint: true }).mtimeNs, refNs: statSync(ref, { bigint: true }).mtimeNs, size: statSync(schedule).size, refSize: statSync(ref).size };
      const edited = annual(await run(IV13, { bin, env }));
      writeFileSync(schedule, readFileSync(schedule, 'utf8').replace('IV: 70798', 'IV: -1'));
      const bad = await run(IV13, { bin, env }); // (--json as the runs before it: their code caches)
      rmSync(pkg, { recursive: true });
      return { installed, first, times, edited, bad };
    })());

  it('a same-size edit with the modification time restored is seen on the next run', async () => {
    const { first, times, edited } = await editedCopy();
    expect(first).toBe(70797);
    expect(times.mtimeNs).toBe(times.refNs);
    expect(times.size).toBe(times.refSize);
    expect(edited).toBe(70798);
  });

  // (was test/e2e/salary-cli.test.ts's: the same installed copy, the same edit)
  it('an edited YAML file under the installed rules/ is used on the next run (the compiled cache is bypassed)', async () => {
    const { first, edited, bad } = await editedCopy();
    expect(first).toBe(70797);
    expect(edited).toBe(70798);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/basic-2005-06\.yaml: rows\[12\]\.annual\.IV \(line \d+\): a salary or rate must be positive/);
  });

  it('a rules file removed or added is seen on the next run (the cache skips listing the files only while every folder is as it was)', async () => {
    const { pkg, bin, home } = copyPackage();
    const cal = ['calendar', '--year', '2007-08', '--json'];
    const env = { XDG_CACHE_HOME: home };
    expect((await run(cal, { bin, env })).code).toBe(0); // the copy's stats recorded in the user's cache
    expect((await run(cal, { bin, env })).code).toBe(0); // through that cache
    const file = join(pkg, 'rules/sdcoe-ae-2005-2008/calendars/2007-08.yaml');
    const text = readFileSync(file, 'utf8');
    rmSync(file);
    const gone = await run(cal, { bin, env });
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/2007-08/);
    writeFileSync(join(pkg, 'rules/sdcoe-ae-2005-2008/calendars/2007-08-copy.yaml'), text);
    expect((await run(cal, { bin, env })).code).toBe(0);
    rmSync(pkg, { recursive: true });
  });

  it('an edit made while a run rebuilds the cache is seen on the next run', async () => {
    const { pkg, bin, schedule, home } = copyPackage();
    // the cache is stale (the copy's times differ); during the run that rebuilds it, every read of the
    // schedule is followed at once by an edit (the Class IV Step 13 figure goes up by one), as an
    // editor saving while cba runs: whatever the run read, the next run must use the file as it is
    const hook = join(pkg, 'edit-during-run.cjs');
    writeFileSync(
      hook,
      `const fs = require('node:fs');
const target = ${JSON.stringify(schedule)};
const edit = () => fs.writeFileSync(target, fs.readFileSync.call(fs, target, 'utf8').replace(/IV: 707(\\d\\d)/, (m, d) => 'IV: 707' + String(Number(d) + 1).padStart(2, '0')));
const fds = new Set();
const open = fs.openSync, close = fs.closeSync, rfs = fs.readFileSync;
let editing = false;
fs.openSync = function (p, ...a) { const fd = open.call(this, p, ...a); if (String(p) === target && !editing) fds.add(fd); return fd; };
fs.closeSync = function (fd, ...a) { const r = close.call(this, fd, ...a); if (fds.delete(fd)) { editing = true; edit(); editing = false; } return r; };
fs.readFileSync = function (p, ...a) { if (editing || String(p) !== target) return rfs.call(this, p, ...a); const r = rfs.call(this, p, ...a); editing = true; edit(); editing = false; return r; };
`,
    );
    const first = annual(await run(IV13, { bin, env: { NODE_OPTIONS: `--require ${hook}`, XDG_CACHE_HOME: home } }));
    expect(first).toBe(70797);
    const now = Number(/IV: (707\d\d)/.exec(readFileSync(schedule, 'utf8'))![1]);
    expect(now).toBeGreaterThan(70797);
    expect(annual(await run(IV13, { bin, env: { XDG_CACHE_HOME: home } }))).toBe(now);
    rmSync(pkg, { recursive: true });
  });

  it("an installed copy (new inodes, the shipped cache's stats stale) writes its cache to the user's cache folder, never the package", async () => {
    // the first run of the copy above, from another working folder
    const { json: r, shipped, dist, userCaches } = (await editedCopy()).installed;
    expect(r.annualSalary).toBe(70797);
    expect(r.figures[0].source.file).toBe('rules/sdcoe-ae-2005-2008/schedules/basic-2005-06.yaml');
    expect(shipped.after).toBe(shipped.before);
    expect(shipped.mtimeAfter).toBe(shipped.mtimeBefore);
    expect(dist.after).toEqual(dist.before);
    expect(userCaches.length).toBe(1);
  });

  it('concurrent first runs each answer from the rules as they are and leave one whole cache', async () => {
    const { pkg, bin, schedule, home } = copyPackage();
    writeFileSync(schedule, readFileSync(schedule, 'utf8').replace('IV: 70797', 'IV: 70798')); // the cache is stale for all
    const shipped = readFileSync(join(pkg, 'dist', 'rules-cache.json'), 'utf8');
    const one = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const c = spawn(process.execPath, [bin, ...IV13], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: home } });
        let stdout = '';
        c.stdout.on('data', (d) => (stdout += d));
        c.on('close', (code) => resolve({ code, stdout }));
      });
    const runs = await Promise.all([one(), one(), one(), one()]);
    for (const r of runs) expect(annual(r)).toBe(70798);
    // the runs write their cache to the user's cache folder ($XDG_CACHE_HOME/cba), never the package's
    const mine = readdirSync(join(home, 'cba')).filter((f) => f.startsWith('rules-'));
    expect(mine.length).toBe(1);
    const cache = JSON.parse(readFileSync(join(home, 'cba', mine[0]), 'utf8').split('\n')[0]); // its first line (a line of JSON per part follows)
    expect(cache.agreements.length).toBeGreaterThan(0);
    expect(readFileSync(join(pkg, 'dist', 'rules-cache.json'), 'utf8')).toBe(shipped);
    expect(readdirSync(join(pkg, 'dist')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(annual(await run(IV13, { bin, env: { XDG_CACHE_HOME: home } }))).toBe(70798);
    rmSync(pkg, { recursive: true });
  });
});

describe.concurrent('finding 5: rows are never merged or mixed up', () => {
  const d = tmp('rows');
  it('a CSV that starts with CRLF and goes on with LF: 4 members in, 4 rows out, none invalid', async () => {
    const f = join(d, 'mixed.csv');
    writeFileSync(f, 'id,class,step,paid\r\nA1,IV,13,70797.00\r\nA2,IV,13,70797.00\nA3,IV,13,70797.00\nA4,IV,13,70797.00\n');
    const r = await inProcess(['audit', f, '--json']);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.status])).toEqual([['A1', 'ok'], ['A2', 'ok'], ['A3', 'ok'], ['A4', 'ok']]);
    expect(r.code).toBe(0);
  });

  it("the audit memo key cannot join two rows: a row whose fte holds a | does not get another row's answer", async () => {
    // with fields joined by |, fte "1" + stipends "bilingual|remote-site" and fte "1|bilingual" +
    // stipends "remote-site" made the same key: the second row, whose fte is not a number, came out ok
    const f = join(d, 'memo.csv');
    writeFileSync(f, 'id,class,step,fte,stipends,paid\nM1,IV,13,1,bilingual|remote-site,73841.28\nM2,IV,13,1|bilingual,remote-site,73841.28\n');
    const rows = (await inProcess(['audit', f, '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[1].status).toBe('invalid');
    expect(rows[1].reason).toMatch(/fte/);
  });

  it('a duplicate paid column is refused, naming it', async () => {
    const f = join(d, 'dup.csv');
    writeFileSync(f, 'id,class,step,paid,paid\nD1,IV,13,1.00,70797.00\n');
    const r = await inProcess(['audit', f, '--json']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/"paid"/);
  });

  it('an input column named row does not replace the JSON row number; it is kept as input_row', async () => {
    const f = join(d, 'row.csv');
    writeFileSync(f, 'id,class,step,paid,row,status\nR1,IV,13,70797.00,999,mine\n');
    const j = JSON.parse((await inProcess(['audit', f, '--json'])).stdout.trim());
    expect(j.row).toBe(1);
    expect(j.input_row).toBe('999');
    expect(j.status).toBe('ok');
    expect(j.input_status).toBe('mine');
  });

  it('duplicate ids are counted in the summary', async () => {
    const f = join(d, 'ids.csv');
    writeFileSync(f, 'id,class,step,paid\nX,IV,13,70797.00\nY,IV,13,70797.00\nX,IV,13,70797.00\nX,IV,13,70797.00\n');
    expect((await inProcess(['audit', f])).stderr).toMatch(/4 rows: 4 ok.*2 repeated ids/);
  });
});

describe.concurrent('finding 6: exit codes say what happened', () => {
  it('cba check exits 0 when every case passed, though the last case expects exit 1', async () => {
    const d = tmp('check');
    const f = join(d, 'cases.yaml');
    writeFileSync(f, 'cases:\n  - name: fine\n    run: salary\n    input: { class: IV, step: 13 }\n    expect: { annualSalary: 70797 }\n  - name: not eligible, as expected\n    run: stipend\n    args: [head-teacher]\n    input: { contractDays: 150 }\n    exitCode: 1\n');
    const r = await inProcess(['check', f]);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('closed standard output (>&-): one line on stderr and a non-zero exit', async () => {
    const r = await run(['salary', '--class', 'IV', '--step', '13'], { stdio: 'closed-stdout' });
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/standard output/);
  });

  // Node's stdio 'ignore' puts /dev/null read-write on fd 1 and 2, the same descriptor Node puts in
  // place of a closed fd 1 (src/cli/stdio-guard.ts): with stderr discarded too, the caller chose
  // silence, and cba runs. The calendar file proves the command ran, not only that it exited 0.
  it("a parent spawning with stdio 'ignore' gets exit 0 and the work done", () => {
    const ics = join(tmp('ignore'), 'g.ics');
    const r = spawnSync(process.execPath, [BIN, 'deadline', 'grievance', '--occurred', '2005-11-18', '--ics', ics], { cwd: ROOT, stdio: 'ignore' });
    expect(r.status).toBe(0);
    expect(readFileSync(ics, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(spawnSync(process.execPath, [BIN, 'salary', '--class', 'IV', '--step', '13'], { cwd: ROOT, stdio: 'ignore' }).status).toBe(0);
  });

  it.each([[['salary', '--class', 'IV', '--step', '13']], [['audit', 'fixtures/roster/roster.csv', '--csv']]])('standard output on /dev/full (%j): one line, no stack trace, non-zero exit', async (args) => {
    const r = await run(args, { stdio: 'dev-full' });
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/no space left/);
  });

  it('a reader that stops early (| head -1) leaves no message', async () => {
    const r = spawnSync('sh', ['-c', `"$0" "$@" --csv | head -1`, process.execPath, BIN, 'audit', 'fixtures/roster/roster.csv'], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe.concurrent('finding 7: names of Object.prototype members are words like any other', () => {
  it.each([['__proto__'], ['constructor'], ['toString']])('sick-leave --assignment %s: exit 2 naming it', async (w) => {
    const r = await inProcess(['sick-leave', '--assignment', w]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain(w);
  });

  it('stipend ltvs --rating __proto__ is refused, not read as "below standard"', async () => {
    const r = await inProcess(['stipend', 'ltvs', '--years', '21', '--class', 'V', '--rating', '__proto__']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('__proto__');
  });

  it.each([
    ['baseYearDays: 0', 'agreement.yaml', (t: string) => t.replace(/(baseYearDays:\s*\{?\s*(?:\n\s*)?value:\s*)190/, '$10'), 'baseYearDays'],
    ['monthsPerYear: 0', 'agreement.yaml', (t: string) => t.replace(/(monthsPerYear:\s*\{?\s*(?:\n\s*)?value:\s*)12/, '$10'), 'monthsPerYear'],
    ['a rounding unit "0"', 'agreement.yaml', (t: string) => t.replace(/unit: "?0\.01"?/, 'unit: "0"'), 'unit'],
    ['a YAML alias bomb', 'agreement.yaml', (t: string) => t + '\nbomb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 8 }, (_, i) => `bomb${i + 1}: &b${i + 1} [${Array(10).fill(`*b${i}`).join(', ')}]`).join('\n') + '\n', 'agreement.yaml'],
  ])('rules with %s: exit 2 naming the file and key, no crash', async (_n, file, edit, key) => {
    const dir = tmp('rules');
    cpSync(AGREEMENT_DIR, dir, { recursive: true });
    const f = join(dir, file);
    const t = readFileSync(f, 'utf8');
    const e = edit(t);
    expect(e).not.toBe(t);
    writeFileSync(f, e);
    const r = await inProcess(['--rules', dir, ...IV13]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain('agreement.yaml');
    expect(r.stderr).toContain(key);
  });
});

describe.concurrent('finding 8: the terminal and the bounds', () => {
  it('an escape code in a roster id reaches the table escaped, never raw', async () => {
    const d = tmp('esc');
    const f = join(d, 'esc.csv');
    writeFileSync(f, 'id,class,step,paid\nU1,IV,13,1.00\n"\x1b[1A\x1b[2KX",IV,13,70797.00\n');
    const r = await inProcess(['audit', f], { env: { FORCE_COLOR: '0' } });
    expect(r.stdout).not.toContain('\x1b[1A');
    expect(r.stdout).toContain('\\x1B[1A');
  });

  it('money above 2^53 cents in a roster is refused as an amount beyond the bound, not audited off by cents', async () => {
    const d = tmp('big');
    const f = join(d, 'big.csv');
    writeFileSync(f, 'id,class,step,paid\nB1,IV,13,90071992547409.93\n');
    const j = JSON.parse((await inProcess(['audit', f, '--json'])).stdout.trim());
    expect(j.status).toBe('invalid');
    expect(j.reason).toMatch(/1,000,000,000/);
  });

  it.each([
    [['salary', '--class', 'IV', '--step', '99999999999999999999'], '99999999999999999999'],
    [['stipend', 'tutoring', '--tutoring-hours', '100000000000000000000'], '100000000000000000000'],
    [['salary', '--class', 'IV', '--step', '13', '--fte', '0.0000000000000000000000000000001'], '0.0000000000000000000000000000001'],
    [['sick-leave', '--assignment', 'preschool', '--hours-per-day', '6.75'], '--hours-per-day 6.75'],
    [['step-advance', '--placement', '--degree', 'bachelor', '--class', 'IV'], '--class IV'],
  ])('%j: refused with the value as typed', async (args, typed) => {
    const r = await inProcess(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain(typed);
    expect(r.stderr).not.toMatch(/Infinity/);
  });
});
