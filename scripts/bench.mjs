// npm run bench: ratios measured side by side in one run (absolute times drift on shared machines).
// Writes bench/results/latest.json and prints a table. Not part of the test suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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

for (const extra of (globalThis.__cbaBenchExtras ?? [])) await extra(results, want);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memGiB} GiB, node ${results.machine.node}`);
for (const r of results.benchmarks) console.log(`${r.name.padEnd(10)} ratio ${String(r.ratio).padStart(6)}  target ${r.target.padEnd(8)} ${r.pass ? 'PASS' : 'MISS'}  ${r.what}`);
