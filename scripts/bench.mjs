// npm run bench: every figure a ratio against a baseline measured side by side in the same run
// (absolute times drift on shared machines), peak memory, and pass/fail against the targets of
// issue 19. Writes bench/results/latest.json and prints a Markdown table (the README's copy of it).
// Not part of the test suite. Parts: node scripts/bench.mjs [startup] [batch] [memory] [identity]
// [check] [deadlines] [scenario] [xlsx] [retro] [pdf] [import] [suite] [installed] (installed only when named); BENCH_PAIRS (default 21), BENCH_ROWS (default 300000), BENCH_RETRO_BIG (default 1000000,3000000: the retro memory sizes) to change the sizes; BENCH_BATCH_REPS (default 7) and BENCH_SUITE_RUNS (default 3) the runs of the batch rows and of npm test.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (name) => !only.length || only.includes(name);
const results = { machine: { cpu: cpus()[0]?.model, cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, date: new Date().toISOString().slice(0, 10), benchmarks: [] };
const BIN = process.env.BENCH_BIN ?? join(root, 'bin', 'cba.js');
const PAIRS = Number(process.env.BENCH_PAIRS ?? 21);
const ROWS = Number(process.env.BENCH_ROWS ?? 300_000);
const timeBin = existsSync('/usr/bin/time');
const tmp = mkdtempSync(join(tmpdir(), 'cba-bench-'));
const fmt = (n) => n.toLocaleString('en-US');
// output discarded as a shell's >/dev/null does (write-only; Node's stdio 'ignore' opens it read-write,
// which cba takes for a closed stdout)
const DEVNULL = openSync('/dev/null', 'w');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function add(r) {
  results.benchmarks.push(r);
  console.error(`  ${r.name}: ${r.measured} -> ${r.pass === undefined ? 'reported' : r.pass ? 'PASS' : 'MISS'}`);
}

/** Wall time of one run (stdout discarded), and its peak RSS in MB where /usr/bin/time is present. */
function run(cmd, args, { out = DEVNULL, okCodes = [0], env } = {}) {
  const t = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: env ?? process.env, maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: env ?? process.env, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').slice(-500)}`);
  const peakMB = timeBin ? Math.round(Number(r.stderr.trim().split('\n').pop()) / 1024) : null;
  return { ms, peakMB, stdout: r.stdout };
}

/** sha256 of a command's stdout, streamed (outputs of a million rows are not held). */
function hashOf(cmd, args) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let bytes = 0;
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    p.stdout.on('data', (d) => {
      bytes += d.length;
      h.update(d);
    });
    p.on('error', reject);
    p.on('close', () => resolve({ sha256: h.digest('hex'), bytes }));
  });
}

/** Run a command, handing each line of its stdout to onLine as it comes; wall time and peak RSS. */
function runLines(cmd, args, onLine) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const p = timeBin ? spawn('/usr/bin/time', ['-f', '%M', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let rest = '', err = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop();
      for (const l of lines) onLine(l);
    });
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', () => {
      if (rest) onLine(rest);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      resolve({ ms, peakMB: timeBin ? Math.round(Number(err.trim().split('\n').pop()) / 1024) : null });
    });
  });
}

function seeded(seed) {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function genRoster(rows, file) {
  if (!existsSync(file)) spawnSync(process.execPath, [join(root, 'scripts', 'gen-roster.mjs'), String(rows), file], { stdio: 'inherit' });
  return file;
}

/** A deadline batch: id and an occurrence date from 2005-07-01 to 2008-04-30 (seeded). */
function genDeadlines(rows, file) {
  if (existsSync(file)) return file;
  const rnd = seeded(11);
  const start = Date.UTC(2005, 6, 1) / 864e5, span = Date.UTC(2008, 3, 30) / 864e5 - start;
  let s = 'id,occurred\n';
  const parts = [];
  for (let i = 0; i < rows; i++) {
    // the epoch-day arithmetic is the bench's own, for making test data only
    const d = new Date((start + Math.floor(rnd() * span)) * 864e5).toISOString().slice(0, 10);
    s += `G${i},${d}\n`;
    if (s.length > 1 << 20) parts.push(s), (s = '');
  }
  parts.push(s);
  writeFileSync(file, parts.join(''));
  return file;
}

// The floor of a batch job: read the file, split it into lines and fields, write one line per row,
// computing nothing.
const FLOOR = join(tmp, 'floor.mjs');
writeFileSync(
  FLOOR,
  `import { createReadStream, writeSync } from 'node:fs';
let rest = '', out = '', n = 0;
for await (const chunk of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 16 })) {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  for (const l of lines) {
    const f = l.split(',');
    out += f.join(',') + ',ok\\n';
    n++;
  }
  if (out.length > 65536) writeSync(1, out), (out = '');
}
writeSync(1, out);
`,
);
const CSVPARSE = join(tmp, 'csv-parse.mjs');
writeFileSync(
  CSVPARSE,
  `import { createReadStream } from 'node:fs';
import { parse } from ${JSON.stringify(join(root, 'node_modules', 'csv-parse', 'lib', 'index.js'))};
let n = 0;
for await (const r of createReadStream(process.argv[2]).pipe(parse({ relax_column_count: true, relax_quotes: true, bom: true }))) n++;
`,
);

// ---------------------------------------------------------------------------------------------
if (want('startup')) {
  const cmds = [
    ['salary', '--class', 'IV', '--step', '13'],
    ['schedule'],
    ['stipend', 'bilingual', 'head-teacher'],
    ['sick-leave', '--days-worked', '205', '--fte', '0.6', '--balance', '31.5'],
    ['deadline', 'grievance', '--occurred', '2005-11-18'],
    ['step-advance', '--class', 'II', '--step', '5', '--days-served', '150'],
    ['calendar', '--year', '2005-06'],
  ];
  if (spawnSync(process.execPath, [BIN, 'rules', 'cite', '--help'], { stdio: ['ignore', DEVNULL, DEVNULL] }).status === 0) cmds.push(['rules', 'cite', 'XV.1']);
  // the installed package: the files npm would install, elsewhere
  const pkg = join(tmp, 'pkg');
  for (const p of ['bin', 'dist', 'rules', 'package.json']) cpSync(join(root, p), join(pkg, p), { recursive: true });
  const where = [...cmds.map((c) => ({ label: `cba ${c.join(' ')}`, bin: BIN, args: c })), { label: `installed copy: cba ${cmds[0].join(' ')}`, bin: join(pkg, 'bin', 'cba.js'), args: cmds[0] }];
  // This machine's environment names a certificate bundle (NODE_EXTRA_CA_CERTS) that Node parses at the
  // start of every process, `node -e 0` included: ~45 ms of the ~75 ms that `node -e 0` takes here. The
  // target is measured as a user of this machine runs cba (the issue's own figures, 1.37-1.49x before
  // and the code-cache prototype's 1.19x, were measured so). The same commands are measured again with
  // the variable unset and reported beside them, no target: there `node -e 0` is ~25 ms, and what cba
  // adds (~6-12 ms: reading the bundle and its code cache, the rules cache, the answer) shows as 1.2-1.5x.
  const bareEnv = process.env.NODE_EXTRA_CA_CERTS ? { ...process.env, NODE_EXTRA_CA_CERTS: '' } : undefined;
  if (bareEnv) delete bareEnv.NODE_EXTRA_CA_CERTS;
  for (const w of [...where, ...(bareEnv ? where.map((x) => ({ ...x, env: bareEnv })) : [])]) {
    const probe = spawnSync(process.execPath, [w.bin, ...w.args], { stdio: ['ignore', DEVNULL, 'pipe'], encoding: 'utf8', env: w.env ?? process.env });
    if (probe.status !== 0 && probe.status !== 1) {
      add({ name: 'startup', what: w.label, skipped: true, measured: `skipped (exit ${probe.status}: ${probe.stderr.trim().split('\n')[0]})` });
      continue;
    }
    // output captured through a pipe, as a shell's $(cba ...) or a script's subprocess takes it
    for (let i = 0; i < 2; i++) run(process.execPath, [w.bin, ...w.args], { okCodes: [0, 1], out: 'pipe', env: w.env });
    const base = [], cli = [];
    for (let i = 0; i < PAIRS; i++) {
      base.push(run(process.execPath, ['-e', '0'], { out: 'pipe', env: w.env }).ms);
      cli.push(run(process.execPath, [w.bin, ...w.args], { okCodes: [0, 1], out: 'pipe', env: w.env }).ms);
    }
    const b = median(base), c = median(cli), ratio = c / b;
    const r = { name: 'startup', what: w.label, baseline: `node -e 0: ${b.toFixed(1)} ms`, ms: +c.toFixed(1), ratio: +ratio.toFixed(2), measured: `${ratio.toFixed(2)}x (${c.toFixed(0)} vs ${b.toFixed(0)} ms, median of ${PAIRS} pairs)`, target: '<= 1.20x', pass: ratio <= 1.2 };
    if (w.env) add({ ...r, name: 'startup-bare', what: `${w.label} (NODE_EXTRA_CA_CERTS unset)`, target: 'reported', pass: undefined });
    else add(r);
  }
}

// ---------------------------------------------------------------------------------------------
if (want('batch')) {
  const roster = genRoster(ROWS, join(tmp, `roster-${ROWS}.csv`));
  const dl = genDeadlines(ROWS, join(tmp, `deadlines-${ROWS}.csv`));
  const jobs = [
    { name: 'audit', label: `cba audit --csv, ${fmt(ROWS)} rows`, file: roster, args: ['audit', roster, '--csv'], target: 0.8 },
    { name: 'deadline batch', label: `cba deadline grievance --input, ${fmt(ROWS)} rows`, file: dl, args: ['deadline', 'grievance', '--input', dl], target: 0.8 },
    { name: 'cost', label: `cba cost --csv, ${fmt(ROWS)} rows`, file: roster, args: ['cost', '--roster', roster, '--csv'], target: 0.5 },
  ];
  // seven runs of each, their medians: with three, one slow spell of this shared machine moved audit's
  // ratio from 0.91x to 0.73x between two runs of the bench (16:39, 16:45) on the same code
  const reps = Number(process.env.BENCH_BATCH_REPS ?? 7);
  for (const j of jobs) {
    const floor = [], csvp = [], cba = [];
    let peak = 0;
    for (let i = 0; i < reps; i++) {
      floor.push(run(process.execPath, [FLOOR, j.file]).ms);
      csvp.push(run(process.execPath, [CSVPARSE, j.file]).ms);
      const r = run(process.execPath, [BIN, ...j.args], { okCodes: [0, 1] });
      cba.push(r.ms);
      peak = Math.max(peak, r.peakMB ?? 0);
    }
    const f = median(floor), p = median(csvp), c = median(cba);
    const ratio = f / c; // rows/s of cba over rows/s of the floor
    add({
      name: j.name,
      what: j.label,
      baseline: `floor (read, split, write a line per row): ${fmt(Math.round(ROWS / (f / 1000)))} rows/s; csv-parse iterating: ${fmt(Math.round(ROWS / (p / 1000)))} rows/s`,
      rowsPerSec: Math.round(ROWS / (c / 1000)),
      ratio: +ratio.toFixed(2),
      vsCsvParse: +(p / c).toFixed(2),
      peakMB: timeBin ? peak : null,
      measured: `${ratio.toFixed(2)}x the floor (${fmt(Math.round(ROWS / (c / 1000)))} vs ${fmt(Math.round(ROWS / (f / 1000)))} rows/s), ${(p / c).toFixed(2)}x csv-parse iterating${timeBin ? `, peak ${peak} MB` : ''}`,
      target: `>= ${j.target}x the floor`,
      pass: ratio >= j.target,
    });
  }
}

// ---------------------------------------------------------------------------------------------
if (want('memory')) {
  for (const rows of [1_000_000, 3_000_000]) {
    const roster = genRoster(rows, join(tmp, `roster-${rows}.csv`));
    // every row back, totals equal to the sum of the rows (in cents, exactly): the --json output has
    // one row a line, then the totals
    let n = 0, cents = 0, tail = '';
    const r = await runLines(process.execPath, [BIN, 'cost', '--roster', roster, '--json'], (line) => {
      if (line.startsWith('{"row":')) {
        const x = JSON.parse(line.replace(/,$/, ''));
        n++;
        if (x.status === 'ok') cents += Math.round(x.current * 100);
      } else if (n) tail += line + '\n';
    });
    const totals = JSON.parse('{' + tail.replace(/^\],/, ''));
    const exact = n === rows && cents === Math.round(totals.current * 100) && totals.members + totals.invalid === rows;
    const j = { rows: { length: n } };
    add({
      name: 'cost memory',
      what: `cba cost --json, ${fmt(rows)} rows`,
      peakMB: r.peakMB,
      measured: `peak ${r.peakMB ?? '?'} MB; ${fmt(j.rows.length)} rows back; totals ${exact ? 'equal' : 'DIFFER from'} the sum of the rows`,
      target: '< 150 MB, every row, exact totals',
      pass: (r.peakMB === null || r.peakMB < 150) && exact,
    });
    if (rows > 1_000_000) rmSync(roster, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
if (want('identity')) {
  // Outputs on the bench's generated 1,000,000-row roster and deadline batch, against the hashes in
  // bench/reference.json (made from the build before the performance work; update it, with the
  // reason in the commit, when a change of the contract's reading changes these outputs).
  const refFile = join(root, 'bench', 'reference.json');
  const ref = existsSync(refFile) ? JSON.parse(readFileSync(refFile, 'utf8')) : {};
  const roster = genRoster(1_000_000, join(tmp, 'roster-1000000.csv'));
  const dl = genDeadlines(1_000_000, join(tmp, 'deadlines-1000000.csv'));
  const outs = {
    'audit --csv (1,000,000-row roster)': [BIN, 'audit', roster, '--csv'],
    'deadline grievance --input (1,000,000 rows)': [BIN, 'deadline', 'grievance', '--input', dl],
    'cost --csv (1,000,000-row roster)': [BIN, 'cost', '--roster', roster, '--csv'],
  };
  const now = {};
  for (const [k, args] of Object.entries(outs)) now[k] = await hashOf(process.execPath, args);
  if (process.env.BENCH_WRITE_REFERENCE) writeFileSync(refFile, JSON.stringify({ note: 'sha256 of the outputs on the bench generated inputs, from the build before the performance work', outputs: now }, null, 2) + '\n');
  for (const [k, h] of Object.entries(now)) {
    const r = ref.outputs?.[k];
    add({ name: 'identical output', what: k, measured: r ? (r.sha256 === h.sha256 ? `identical (${fmt(h.bytes)} bytes)` : `DIFFERS (${fmt(h.bytes)} bytes vs ${fmt(r.bytes)})`) : `no reference (${h.sha256.slice(0, 12)})`, target: 'byte-identical to the reference', pass: Boolean(r && r.sha256 === h.sha256) });
  }
}

// ---------------------------------------------------------------------------------------------
if (want('check')) {
  // 10,000 distinct cases: salaries over classes, steps, days and FTE, stipends, sick leave
  const cls = { A: 5, I: 8, II: 13, III: 13, IV: 13, V: 13, VI: 13 };
  const cases = [];
  const rnd = seeded(5);
  for (let i = 0; cases.length < 10_000; i++) {
    const names = Object.keys(cls);
    const c = names[Math.floor(rnd() * names.length)];
    const step = 1 + Math.floor(rnd() * cls[c]);
    const k = i % 4;
    // each case expects a field of the command's JSON (a case needs an expectation: without one the
    // file is refused, and the run measured only the refusal)
    if (k === 0) cases.push({ name: `salary ${i}`, run: 'salary', input: { class: c, step }, expect: { class: c, step } });
    else if (k === 1) cases.push({ name: `days ${i}`, run: 'salary', input: { class: c, step, days: 190 + Math.floor(rnd() * 30) }, expect: { class: c, step } });
    else if (k === 2) cases.push({ name: `fte ${i}`, run: 'salary', input: { class: c, step, fte: [0.5, 0.6, 0.8][i % 3] }, expect: { class: c, step } });
    else cases.push({ name: `stipend ${i}`, run: 'stipend', args: ['ltvs'], input: { years: 10 + (i % 20), class: c, rating: 'meets' }, expect: {} });
  }
  const jf = join(tmp, 'check.json');
  writeFileSync(jf, JSON.stringify({ cases }));
  const yf = join(tmp, 'check.yaml');
  writeFileSync(yf, 'cases:\n' + cases.map((c) => `  - ${JSON.stringify(c)}\n`).join(''));
  for (const [label, f] of [['JSON', jf], ['YAML', yf]]) {
    // every case must pass (exit 0): a refused file (exit 2) or failed cases would time something else
    run(process.execPath, [BIN, 'check', f], { okCodes: [0] });
    const ms = median([0, 1, 2].map(() => run(process.execPath, [BIN, 'check', f], { okCodes: [0] }).ms));
    const base = median([0, 1, 2].map(() => run(process.execPath, ['-e', '0']).ms));
    add({ name: 'check', what: `cba check, 10,000 cases (${label})`, ms: Math.round(ms), measured: `${(ms / 1000).toFixed(2)} s (node -e 0: ${base.toFixed(0)} ms)`, target: '< 1 s', pass: ms < 1000 });
  }
}

// ---------------------------------------------------------------------------------------------
if (want('deadlines')) {
  const n = 1_000_000;
  const lib = await import(join(root, 'dist', 'lib.js'));
  const a = await lib.loadAgreement();
  const { cal } = lib.officeCalendar(a);
  const lo = lib.parseDate('2005-07-01');
  const hi = lib.parseDate('2008-05-01');
  const triggers = new Int32Array(n);
  const rnd = seeded(7);
  for (let i = 0; i < n; i++) triggers[i] = lo + Math.floor(rnd() * (hi - lo));
  const out = new Int32Array(n);
  lib.addOpenDaysMany(cal, triggers, 25, out);
  const reps = 5;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) lib.addOpenDaysMany(cal, triggers, 25, out);
  const jsMs = Number(process.hrtime.bigint() - t0) / 1e6 / reps;
  const closures = [...cal.closed.keys()].sort((x, y) => x - y).map((d) => lib.formatDate(d));
  writeFileSync(join(tmp, 'triggers.bin'), Buffer.from(triggers.buffer));
  writeFileSync(join(tmp, 'holidays.json'), JSON.stringify(closures));
  const py = `
import json, sys, time
import numpy as np
t = np.fromfile(sys.argv[1], dtype='<i4').astype('datetime64[D]')
h = np.array(json.load(open(sys.argv[2])), dtype='datetime64[D]')
cal = np.busdaycalendar(weekmask='1111100', holidays=h)
np.busday_offset(t[:1000], 25, roll='backward', busdaycal=cal)
s = time.perf_counter()
for _ in range(3):
    d = np.busday_offset(t, 25, roll='backward', busdaycal=cal)
ms = (time.perf_counter() - s) * 1000 / 3
d.astype('<i4').tofile(sys.argv[3])
print(json.dumps({"ms": ms, "numpy": np.__version__}))
`;
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync('python3', ['-c', py, join(tmp, 'triggers.bin'), join(tmp, 'holidays.json'), join(tmp, 'numpy.bin')], { encoding: 'utf8', env });
  if (r.status !== 0) add({ name: 'deadlines', what: '1,000,000 grievance deadlines vs numpy', skipped: true, measured: 'skipped: python3 with numpy is not available here' });
  else {
    const np = JSON.parse(r.stdout);
    const theirs = new Int32Array(readFileSync(join(tmp, 'numpy.bin')).buffer.slice(0));
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (theirs[i] !== out[i]) mismatches++;
    const ratio = np.ms / jsMs;
    add({ name: 'deadlines', what: `${fmt(n)} grievance deadlines of 25 office days in memory vs numpy ${np.numpy} busday_offset`, ratio: +ratio.toFixed(2), mismatches, measured: `${ratio.toFixed(1)}x numpy's rate, ${mismatches} of ${fmt(n)} differ`, target: '>= 1x, all equal', pass: ratio >= 1 && mismatches === 0 });
  }
}

/** Peak RSS (MB) and wall time of one cba run, through /usr/bin/time when present. */
function measured(args, nodeArgs = []) {
  const timeBin = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...nodeArgs, join(root, 'bin', 'cba.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, [...nodeArgs, join(root, 'bin', 'cba.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peakMB = timeBin ? Math.round(Number(r.stderr.trim().split('\n').pop()) / 1024) : null;
  return { r, ms, peakMB };
}

/** A roster for costing and retro: id, class, step, fte, stipends, start (a tenth join mid-year). */
function genBargainRoster(n, file, withStart) {
  const classes = { A: 5, I: 8, II: 13, III: 13, IV: 13, V: 13, VI: 13 };
  const names = Object.keys(classes);
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let buf = `id,schedule,class,step,fte,stipends${withStart ? ',start' : ',days_served'}\n`;
  for (let i = 0; i < n; i++) {
    const c = names[Math.floor(rnd() * names.length)];
    const step = 1 + Math.floor(rnd() * classes[c]);
    const fte = rnd() < 0.1 ? '0.5' : '';
    const st = rnd() < 0.1 ? 'bilingual' : rnd() < 0.05 ? 'ltvs:2 head-coach' : '';
    const extra = withStart ? (rnd() < 0.1 ? `2005-${10 + Math.floor(rnd() * 3)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}` : '') : rnd() < 0.05 ? '100' : '';
    buf += `E${i},basic,${c},${step},${fte},${st},${extra}\n`;
  }
  writeFileSync(file, buf);
}

if (want('scenario')) {
  // the issue's flat memory for the multi-year scenario costing: peak under 150 MB, and no more at 5x the people
  const n = Number(process.env.BENCH_SCENARIO_ROWS ?? 10_000);
  const sc = ['a', 'b', 'c'].flatMap((x) => ['--scenario', join(root, 'fixtures', 'bargain', `proposal-${x}.yaml`)]);
  const runs = [];
  for (const people of [n, 5 * n]) {
    const file = join(tmp, `bargain-roster-${people}.csv`);
    genBargainRoster(people, file, false);
    const { r, ms, peakMB } = measured(['cost', '--roster', file, ...sc, '--years', '3', '--rates', join(root, 'fixtures', 'bargain', 'county-rates.yaml'), '--csv']);
    if (r.status !== 0) throw new Error(`cba cost --scenario failed: ${r.stderr}`);
    runs.push({ people, ms, peakMB, lines: r.stdout.trim().split('\n').length - 1 });
  }
  const [small, large] = runs;
  results.benchmarks.push({
    name: 'scenario',
    what: `cba cost --scenario x3 --years 3 --rates --csv on ${small.people.toLocaleString('en-US')} people (status quo + 3 scenarios x 3 years = ${small.lines.toLocaleString('en-US')} person-years), and on ${large.people.toLocaleString('en-US')}`,
    ms: Math.round(small.ms),
    ratio: +(small.ms / 1000).toFixed(2),
    peakMB: large.peakMB,
    measured: `${(small.ms / 1000).toFixed(1)} s${small.peakMB === null ? '' : `, peak ${small.peakMB} MB`}; ${large.people.toLocaleString('en-US')} people: ${(large.ms / 1000).toFixed(1)} s${large.peakMB === null ? '' : `, peak ${large.peakMB} MB`}`,
    target: '< 10 s; peak < 150 MB at both sizes',
    pass: small.ms < 10_000 && (small.peakMB === null || (small.peakMB < 150 && large.peakMB < 150)),
  });
}

if (want('xlsx')) {
  // an .xlsx roster (a payroll export as Excel writes it: shared strings after the sheet) through cba
  // audit, read as the workbook streams by: flat memory, and the same answer as the same roster as CSV
  const { default: ExcelJS } = await import('exceljs');
  const runs = [];
  for (const rows of [20_000, 100_000]) {
    const csv = genRoster(rows, join(tmp, `roster-${rows}.csv`));
    const book = join(tmp, `roster-${rows}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: book, useSharedStrings: true });
    const ws = wb.addWorksheet('Roster');
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    for (const l of lines) ws.addRow(l.split(',').map((x) => x.replace(/"/g, ''))).commit();
    await wb.commit();
    const a = measured(['audit', book, '--csv']);
    const b = spawnSync(process.execPath, [BIN, 'audit', csv, '--csv'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    runs.push({ rows, ms: a.ms, peakMB: a.peakMB, same: a.r.stdout === b.stdout && a.r.stdout.split('\n').length === rows + 2 });
  }
  const [small, large] = runs;
  add({
    name: 'xlsx roster',
    what: `cba audit --csv on an .xlsx roster (shared strings), ${fmt(large.rows)} rows vs ${fmt(small.rows)}`,
    ms: Math.round(large.ms),
    peakMB: large.peakMB,
    ratio: large.peakMB && small.peakMB ? +(large.peakMB / small.peakMB).toFixed(2) : null,
    measured: `${(large.ms / 1000).toFixed(1)} s, peak ${large.peakMB} MB (${(small.ms / 1000).toFixed(1)} s, ${small.peakMB} MB at ${fmt(small.rows)}); the CSV roster's output: ${large.same && small.same ? 'identical' : 'DIFFERS'}`,
    // ours (the issue's flat-memory targets name CSV): the shared strings grow with the roster's distinct
    // texts (ids, names), the rest is flat; reading the whole workbook took 600-650 MB at 100,000 rows
    target: 'peak < 250 MB at 100,000 rows, identical to the CSV',
    pass: large.same && small.same && (large.peakMB === null || large.peakMB < 250),
  });
}

/** cba retro --csv on a bench roster of n rows (7 monthly periods): its time and peak, whether every
 *  row came back once, and whether the per-person amounts (integer cents) add up to the roster total
 *  on stderr. */
function retroRun(n) {
  const file = join(tmp, `retro-${n}.csv`);
  genBargainRoster(n, file, true);
  const { r, ms, peakMB } = measured(['retro', '--roster', file, '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--csv']);
  if (r.status !== 0) throw new Error(`cba retro failed (${r.status}): ${r.stderr}`);
  const rows = new Set();
  let cents = 0;
  for (const l of r.stdout.trim().split('\n').slice(1)) {
    const f = l.split(',');
    rows.add(f[0]);
    cents += Math.round(Number(f[3]) * 100);
  }
  const total = /retro ([\d,]+\.\d\d)/.exec(r.stderr)[1].replace(/,/g, '');
  return { n, file, ms, peakMB, rowsBack: rows.size, sumEqual: cents === Math.round(Number(total) * 100) };
}

if (want('retro')) {
  const big = Number(process.env.BENCH_RETRO_ROWS ?? 100_000);
  const [small, large] = [Math.round(big / 5), big].map(retroRun);
  // flat memory: the large roster also runs with the JavaScript heap capped at 48 MB (V8 otherwise grows it lazily)
  const capped = measured(['retro', '--roster', join(tmp, `retro-${large.n}.csv`), '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--csv'], ['--max-old-space-size=48']);
  results.benchmarks.push({
    name: 'retro',
    what: `cba retro --csv, 7 monthly periods, ${large.n.toLocaleString('en-US')} rows vs ${small.n.toLocaleString('en-US')}`,
    measured: `${Math.round(large.ms)} ms, peak ${large.peakMB} MB (${small.peakMB} MB at ${small.n.toLocaleString('en-US')} rows; ${capped.r.status === 0 ? `also runs with a 48 MB heap cap, peak ${capped.peakMB} MB` : 'FAILS with a 48 MB heap cap'}); every row back: ${large.rowsBack === large.n}; person totals add to the roster total: ${large.sumEqual}`,
    ratio: large.peakMB && small.peakMB ? +(large.peakMB / small.peakMB).toFixed(2) : null,
    peakMB: large.peakMB,
    target: 'peak ratio <= 1.5, runs in 48 MB heap',
    pass: capped.r.status === 0 && large.rowsBack === large.n && small.rowsBack === small.n && large.sumEqual && small.sumEqual && (large.peakMB === null || large.peakMB / small.peakMB <= 1.5),
  });
  // the issue's flat-memory target for retro as for cost: peak RSS under 150 MB at 1,000,000 and at
  // 3,000,000 rows, every row back, the person totals adding up to the roster total (~30 s a million rows)
  const sizes = (process.env.BENCH_RETRO_BIG ?? '1000000,3000000').split(',').map(Number).filter((x) => x > 0);
  const bigRuns = sizes.map((n) => {
    const run = retroRun(n);
    rmSync(run.file, { force: true });
    return { ...run, ok: run.rowsBack === n && run.sumEqual };
  });
  if (bigRuns.length)
    results.benchmarks.push({
      name: 'retro memory',
      what: `cba retro --csv, 7 monthly periods, ${bigRuns.map((b) => fmt(b.n)).join(' and ')} rows`,
      measured: bigRuns.map((b) => `${fmt(b.n)}: ${(b.ms / 1000).toFixed(1)} s, peak ${b.peakMB} MB${b.ok ? '' : ' (rows or totals WRONG)'}`).join('; '),
      peakMB: Math.max(...bigRuns.map((b) => b.peakMB ?? 0)),
      target: 'peak < 150 MB at each size, every row back, totals exact',
      pass: bigRuns.every((b) => b.ok && (b.peakMB === null || b.peakMB < 150)),
    });
}
if (want('pdf')) {
  // a ten-page schedule PDF made here with pdf-lib (a dev dependency): one grid of 6 classes, each an
  // annual salary and its daily rate, 9 steps a page (90 steps), read through the built bin
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const money = (c) => `${Math.floor(c / 100).toLocaleString('en-US')}.${String(c % 100).padStart(2, '0')}`;
  for (let p = 0; p < 10; p++) {
    const page = doc.addPage([612, 792]);
    const text = (s, x, y, right = false) => page.drawText(s, { x: right ? x - font.widthOfTextAtSize(s, 8) : x, y, size: 8, font });
    text('Bench Unified School District', 240, 760);
    text('Certificated Salary Schedule 2025-2026', 230, 748);
    text('Based on 187 Days', 250, 736);
    for (let c = 0; c < 6; c++) {
      text(`${c + 1}`, 110 + c * 85, 700);
      text(`${c + 1}`, 150 + c * 85, 700);
      text('Annual', 85 + c * 85, 688);
      text('Daily', 128 + c * 85, 688);
    }
    text('Step', 30, 700);
    for (let r = 0; r < 9; r++) {
      const step = p * 9 + r + 1;
      const y = 670 - r * 14;
      text(String(step), 30, y);
      for (let c = 0; c < 6; c++) {
        const annual = 187 * (30000 + step * 150 + c * 900); // cents, a whole number of cents a day
        text(money(annual), 115 + c * 85, y, true);
        text(money(annual / 187), 155 + c * 85, y, true);
      }
    }
  }
  const file = join(tmp, 'ten-pages.pdf');
  writeFileSync(file, await doc.save());
  const args = [BIN, 'rules', 'import', 'schedule', file, '--dry-run'];
  const probe = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (probe.status !== 0) add({ name: 'pdf', what: 'import a ten-page schedule PDF', skipped: true, measured: `skipped (exit ${probe.status}: ${probe.stderr.trim().split('\n')[0]})` });
  else {
    const cells = /(\d+) cells/.exec(probe.stdout)?.[1];
    // stdout to /dev/null: cba refuses to write to a closed stdout
    const devnull = (await import('node:fs')).openSync('/dev/null', 'w');
    run(process.execPath, args, { out: devnull });
    const times = [];
    const cpu = [];
    for (let i = 0; i < 7; i++) {
      times.push(run(process.execPath, args, { out: devnull }).ms);
      // CPU time of the same run (user + system), less disturbed than wall time on a shared machine
      if (timeBin) {
        const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8' });
        const [u, sy] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
        cpu.push((u + sy) * 1000);
      }
    }
    const ms = median(times);
    const cpuMs = cpu.length ? median(cpu) : undefined;
    add({ name: 'pdf', what: `cba rules import schedule on a ten-page PDF (${cells} cells, each with its daily rate) --dry-run`, ms: +ms.toFixed(0), cpuMs, measured: `${ms.toFixed(0)} ms wall${cpuMs !== undefined ? `, ${cpuMs.toFixed(0)} ms CPU` : ''} (median of 7)`, target: '< 1000 ms', pass: ms < 1000 });
  }
}
// ---------------------------------------------------------------------------------------------
// cba rules import schedule: a 40-step x 10-class CSV (as an export prints it: $ and commas, a title),
// read, reviewed and validated (--dry-run), against the start-up of cba salary measured alongside.
if (want('import')) {
  const file = join(tmp, 'schedule-40x10.csv');
  const classes = Array.from({ length: 10 }, (_, j) => (j === 0 ? 'BA' : `BA+${j * 15}`));
  let csv = 'Example County Office of Education\nCertificated Salary Schedule 2024-25, 185 Days\nStep,' + classes.map((c) => `"${c}"`).join(',') + '\n';
  for (let i = 1; i <= 40; i++) csv += `${i},` + classes.map((_, j) => `"$${(50000 + i * 1500 + j * 2500).toLocaleString('en-US')}"`).join(',') + '\n';
  writeFileSync(file, csv);
  const imp = [], sal = [];
  for (let k = 0; k < Math.max(5, Math.floor(PAIRS / 2)); k++) {
    imp.push(run(process.execPath, [BIN, 'rules', 'import', 'schedule', file, '--dry-run'], { out: 'pipe' }).ms);
    sal.push(run(process.execPath, [BIN, 'salary', '--class', 'IV', '--step', '13'], { out: 'pipe' }).ms);
  }
  const i = median(imp), c = median(sal);
  add({ name: 'import', what: 'cba rules import schedule of a 40-step x 10-class CSV (--dry-run: read, review, validate) vs the start-up of cba salary', baseline: `cba salary: ${c.toFixed(1)} ms`, ms: +i.toFixed(1), ratio: +(i / c).toFixed(2), measured: `${i.toFixed(0)} ms (${(i / c).toFixed(2)}x cba salary's ${c.toFixed(0)} ms)`, target: '< 1000 ms', pass: i < 1000 });
}
// The installed package (issue 18): npm pack, a global install into a read-only prefix, start-up
// against this checkout, types for a consumer. Slow (a full build and an install): only when named.
if (only.includes('installed')) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'installed-package.mjs')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, BENCH_PAIRS: String(Math.min(PAIRS, 11)) } });
  const j = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
  add({ name: 'installed', what: 'npm pack installed globally into a read-only prefix: cba salary start-up vs this checkout (nothing written into the package, types under nodenext/bundler)', baseline: `checkout: ${j.checkoutMs} ms`, ms: j.installedMs, ratio: j.startupRatio, measured: `${j.installedMs} ms (${j.startupRatio}x)${j.failures?.length ? `; failed: ${j.failures.join('; ')}` : ''}`, target: '<= 1.2x, all checks pass', pass: r.status === 0 });
}
// npm test as a developer runs it (its build check finds dist/ up to date): wall time of the
// whole run, and the count of tests from the closing line 'N passed, N failed' (issue 19: under 15 s).
// Three runs (BENCH_SUITE_RUNS), their median against the target, as every other row here takes a
// median: one run's wall time moved 11.5-15.1 s on this shared machine for the same code; every run
// is shown, and a failed test in any run fails the row.
if (want('suite')) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-types', '--if-changed'], { cwd: root, stdio: 'ignore' });
  const runs = [];
  for (let i = 0; i < Number(process.env.BENCH_SUITE_RUNS ?? 3); i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(npm, ['test', '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, CI: 'true' } });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(r.stdout ?? '');
    runs.push({ ms, ok: r.status === 0, passed: m ? +m[1] : 0, failed: m ? +m[2] : -1, skipped: m?.[3] ? +m[3] : 0 });
  }
  const ms = median(runs.map((r) => r.ms));
  const { passed, skipped } = runs[0];
  const failed = Math.max(...runs.map((r) => r.failed));
  const each = runs.map((r) => (r.ms / 1000).toFixed(1)).join(', ');
  add({ name: 'suite', what: `npm test (the whole suite, 2 workers), median of ${runs.length} runs`, baseline: '', ms: +ms.toFixed(0), runsMs: runs.map((r) => +r.ms.toFixed(0)), measured: `${(ms / 1000).toFixed(1)} s wall (runs: ${each} s), ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`, target: '< 15 s, none failed', pass: runs.every((r) => r.ok && r.failed === 0 && r.passed === passed) && ms < 15_000 });
}
rmSync(tmp, { recursive: true, force: true });

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
const m = results.machine;
console.log(`${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, Node ${m.node}, ${results.date}\n`);
console.log('| benchmark | measured | baseline | target | |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of results.benchmarks) console.log(`| ${r.what} | ${r.measured} | ${r.baseline ?? ''} | ${r.target ?? ''} | ${r.skipped ? 'skipped' : r.pass === undefined ? 'reported' : r.pass ? 'PASS' : 'MISS'} |`);
// rows with a target only (the bare start-up rows are reported beside them)
const targets = results.benchmarks.filter((r) => !r.skipped && r.pass !== undefined);
const missed = targets.filter((r) => !r.pass).length;
console.log(`\n${targets.length - missed} met, ${missed} missed`);
