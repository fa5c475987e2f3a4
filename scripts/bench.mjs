// npm run bench: ratios measured side by side in one run (absolute times drift on shared machines).
// Writes bench/results/latest.json and prints a table. Not part of the test suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (name) => !only.length || only.includes(name);
const results = { machine: { cpu: cpus()[0]?.model, cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, date: new Date().toISOString().slice(0, 10), benchmarks: [] };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRun(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

if (want('startup')) {
  const n = 31;
  const base = [], cli = [];
  const bin = join(root, 'bin', 'cba.js');
  for (let i = 0; i < 3; i++) timeRun(process.execPath, [bin, 'salary', '--class', 'IV', '--step', '13']);
  for (let i = 0; i < n; i++) {
    base.push(timeRun(process.execPath, ['-e', '0']));
    cli.push(timeRun(process.execPath, [bin, 'salary', '--class', 'IV', '--step', '13']));
  }
  const b = median(base), c = median(cli);
  results.benchmarks.push({ name: 'startup', what: 'cba salary --class IV --step 13 vs node -e 0 (median of 31 alternating runs)', baselineMs: +b.toFixed(1), cbaMs: +c.toFixed(1), ratio: +(c / b).toFixed(2), target: '<= 1.5', pass: c / b <= 1.5 });
}

const tmp = mkdtempSync(join(tmpdir(), 'cba-bench-'));

if (want('audit')) {
  const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const file = join(tmp, 'roster.csv');
  spawnSync(process.execPath, [join(root, 'scripts', 'gen-roster.mjs'), String(rows), file], { stdio: 'inherit' });
  // the library floor: csv-parse alone, iterating the records of the same file
  const floor = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { createReadStream } from 'node:fs';
    import { parse } from 'csv-parse';
    const t = performance.now(); let n = 0;
    for await (const r of createReadStream(${JSON.stringify(file)}).pipe(parse({ relax_column_count: true }))) n++;
    console.log(JSON.stringify({ n, ms: performance.now() - t }));`], { cwd: root, encoding: 'utf8' });
  const base = JSON.parse(floor.stdout);
  const timeBin = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const run = timeBin
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin', 'cba.js'), 'audit', file, '--csv'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(process.execPath, [join(root, 'bin', 'cba.js'), 'audit', file, '--csv'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peakMB = timeBin ? Math.round(Number(run.stderr.trim().split('\n').pop()) / 1024) : null;
  const cbaRate = rows / (ms / 1000);
  const baseRate = rows / (base.ms / 1000);
  results.benchmarks.push({
    name: 'audit',
    what: `cba audit --csv on ${rows.toLocaleString('en-US')} generated rows vs csv-parse alone on the same file`,
    csvParseRowsPerSec: Math.round(baseRate),
    cbaRowsPerSec: Math.round(cbaRate),
    ratio: +(cbaRate / baseRate).toFixed(2),
    peakMB,
    target: '>= 0.5, < 200 MB',
    pass: cbaRate / baseRate >= 0.5 && (peakMB === null || peakMB < 200),
  });
}

if (want('deadlines')) {
  const n = Number(process.env.BENCH_DEADLINES ?? 1_000_000);
  const lib = await import(join(root, 'dist', 'lib.js'));
  const a = await lib.loadAgreement();
  const { cal } = lib.officeCalendar(a);
  // random triggers across the three school years, leaving room for 25 office days
  const lo = lib.parseDate('2005-07-01');
  const hi = lib.parseDate('2008-05-01');
  const triggers = new Int32Array(n);
  let seed = 7;
  for (let i = 0; i < n; i++) triggers[i] = lo + Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * (hi - lo));
  const out = new Int32Array(n);
  lib.addOpenDaysMany(cal, triggers, 25, out); // warm up
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
  if (r.status !== 0) {
    results.benchmarks.push({ name: 'deadlines', what: 'skipped: python3 with numpy is not available here', skipped: true, detail: (r.stderr || '').split('\n').slice(-2).join(' ') });
  } else {
    const np = JSON.parse(r.stdout);
    const theirs = new Int32Array(readFileSync(join(tmp, 'numpy.bin')).buffer.slice(0));
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (theirs[i] !== out[i]) mismatches++;
    const jsRate = n / (jsMs / 1000), npRate = n / (np.ms / 1000);
    results.benchmarks.push({
      name: 'deadlines',
      what: `${n.toLocaleString('en-US')} grievance deadlines of 25 office days, 2005-07 to 2008-05, vs numpy ${np.numpy} busday_offset(roll='backward')`,
      cbaPerSec: Math.round(jsRate),
      numpyPerSec: Math.round(npRate),
      ratio: +(jsRate / npRate).toFixed(2),
      mismatches,
      target: '>= 1, all equal',
      pass: jsRate >= npRate && mismatches === 0,
    });
  }
}
rmSync(tmp, { recursive: true, force: true });

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memGiB} GiB, node ${results.machine.node}`);
for (const r of results.benchmarks)
  console.log(r.skipped ? `${r.name.padEnd(10)} ${r.what}` : `${r.name.padEnd(10)} ratio ${String(r.ratio).padStart(6)}  target ${r.target.padEnd(18)} ${r.pass ? 'PASS' : 'MISS'}  ${r.what}${r.peakMB ? `; peak ${r.peakMB} MB` : ''}${r.mismatches !== undefined ? `; ${r.mismatches} mismatches` : ''}`);
