// The package as a user installs it (issue 18, part 5), tried for real: `npm pack`, the tarball
// installed globally into a fresh prefix that is then made read-only, and from a working folder
// outside the project:
//   1. `cba salary --class IV --step 13 --json` answers 70,797 (Appendix A, Basic 2005-06, IV-13)
//      with source paths relative to the package (rules/...), twice (first run and cached run);
//   2. nothing in the installed package changed (every path, size and modification time compared
//      before and after; when run as root the runs drop to uid 65534 with setpriv, so the read-only
//      mode is enforced by the kernel, not only checked after);
//   3. the caches went to the user's cache folder ($HOME/.cache/cba);
//   4. start-up of the installed `cba salary` against the development checkout's bin/cba.js, in
//      alternating pairs (median ratio; target 1.2x);
//   5. the library's types resolve for a TypeScript consumer under moduleResolution nodenext and
//      bundler, strict, with no @types packages of its own, and `import('cba')` runs;
//   6. the package holds LICENSE, and package.json names its repository and says "type": "module".
// Too slow for `npm test` (the pack's full build and the install take a minute or two): run it with
// `node scripts/installed-package.mjs` or `npm run bench installed`. Exit 1 on any failure.
// BENCH_PAIRS (default 11) sets the start-up pairs.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAIRS = Number(process.env.BENCH_PAIRS ?? 11);
const work = mkdtempSync(join(tmpdir(), 'cba-installed-'));
const failures = [];
const check = (ok, what) => {
  console.error(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
};
const sh = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.error) throw r.error;
  return r;
};

// 1. pack and install
console.error('installed package: npm pack (runs the full build) ...');
const pack = sh('npm', ['pack', '--pack-destination', work, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
if (pack.status !== 0) throw new Error('npm pack failed');
const tarball = join(work, JSON.parse(pack.stdout)[0].filename);
const prefix = join(work, 'prefix');
console.error(`installed package: npm install -g --prefix ${prefix} ${tarball} ...`);
const inst = sh('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { stdio: ['ignore', 'pipe', 'inherit'] });
if (inst.status !== 0) throw new Error('npm install -g failed');
const pkg = join(prefix, 'lib', 'node_modules', 'cba');
const cbaBin = join(prefix, 'bin', 'cba');

// 2. the package, read-only, with a picture of every file
function picture(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = lstatSync(p);
      out.push(`${relative(dir, p)}\t${st.size}\t${st.mtimeMs}\t${st.mode}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort().join('\n');
}
function setMode(dir, write) {
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) continue;
      const m = lstatSync(p).mode & 0o7777;
      chmodSync(p, write ? m | 0o200 : m & ~0o222);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  const m = lstatSync(dir).mode & 0o7777;
  chmodSync(dir, write ? m | 0o200 : m & ~0o222);
}
setMode(prefix, false);
const before = picture(prefix);

// 3. the runs: from a folder outside the project, with a fresh home; as uid 65534 when root
const home = join(work, 'home');
const elsewhere = join(work, 'elsewhere');
mkdirSync(home);
mkdirSync(elsewhere);
chmodSync(work, 0o755);
chmodSync(home, 0o777);
const asUser = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
const env = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' };
const cba = (args) => (asUser ? sh('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', cbaBin, ...args], { cwd: elsewhere, env }) : sh(cbaBin, args, { cwd: elsewhere, env }));
console.error(`installed package: runs${asUser ? ' as uid 65534 (setpriv)' : ''} from ${elsewhere}`);
for (const which of ['first run', 'second run']) {
  const r = cba(['salary', '--class', 'IV', '--step', '13', '--json']);
  let j;
  try {
    j = JSON.parse(r.stdout);
  } catch {
    j = {};
  }
  check(r.status === 0 && j.annualSalary === 70797, `${which}: cba salary --class IV --step 13 --json exits 0 with annualSalary 70797 (got ${r.status}, ${j.annualSalary}; ${r.stderr.trim().split('\n')[0] ?? ''})`);
  const file = j.figures?.[0]?.source?.file;
  check(file === 'rules/sdcoe-ae-2005-2008/schedules/basic-2005-06.yaml', `${which}: the source path is relative to the package (${file})`);
}
const table = cba(['salary', '--class', 'IV', '--step', '13']);
check(table.status === 0 && /70,797/.test(table.stdout), 'cba salary --class IV --step 13 (the table) prints 70,797');
check(picture(prefix) === before, 'nothing in the installed package (or the prefix) was written, changed or removed');
const cacheDir = join(home, '.cache', 'cba');
const cached = existsSync(cacheDir) ? readdirSync(cacheDir) : [];
check(cached.some((f) => f.startsWith('rules-')) && cached.some((f) => f.endsWith('.v8')), `the caches are in the user's cache folder (~/.cache/cba: ${cached.join(', ')})`);

// 4. start-up: installed vs the development checkout, alternating pairs
const devBin = join(root, 'bin', 'cba.js');
const devEnv = { ...env, HOME: join(work, 'devhome') };
mkdirSync(devEnv.HOME);
chmodSync(devEnv.HOME, 0o777);
const args = ['salary', '--class', 'IV', '--step', '13'];
const time = (fn) => {
  const t = process.hrtime.bigint();
  const r = fn();
  if (r.status !== 0) throw new Error(`start-up run failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const dev = (a) => (asUser ? sh('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, devBin, ...a], { cwd: elsewhere, env: devEnv }) : sh(process.execPath, [devBin, ...a], { cwd: elsewhere, env: devEnv }));
dev(args); // both have their caches written
const ins = [], dv = [];
for (let i = 0; i < PAIRS; i++) {
  ins.push(time(() => cba(args)));
  dv.push(time(() => dev(args)));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = median(ins) / median(dv);
check(ratio <= 1.2, `start-up of the installed cba salary: ${median(ins).toFixed(1)} ms vs the checkout's ${median(dv).toFixed(1)} ms = ${ratio.toFixed(2)}x (median of ${PAIRS} alternating pairs; target 1.2x)`);
setMode(prefix, true);

// 5. the types for a consumer, with no @types of its own
const consumer = join(work, 'consumer');
mkdirSync(join(consumer, 'node_modules'), { recursive: true });
symlinkSync(pkg, join(consumer, 'node_modules', 'cba'));
writeFileSync(join(consumer, 'package.json'), '{ "type": "module" }\n');
writeFileSync(
  join(consumer, 'index.ts'),
  "import { loadAgreement, formatDate, parseDate, type Agreement } from 'cba';\nconst a: Agreement = await loadAgreement();\nconst when: string = formatDate(parseDate('2005-11-18'));\nconsole.log(a.meta.id, when);\n",
);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
for (const [resolution, module] of [['nodenext', 'nodenext'], ['bundler', 'esnext']]) {
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module, moduleResolution: resolution, target: 'es2022', noEmit: true, types: [], skipLibCheck: false }, files: ['index.ts'] }));
  const r = sh(process.execPath, [tsc, '-p', join(consumer, 'tsconfig.json')], { cwd: consumer });
  check(r.status === 0, `types resolve under moduleResolution ${resolution} (strict, no @types in the consumer)${r.status ? `: ${r.stdout.trim().split('\n').slice(0, 3).join(' | ')}` : ''}`);
}
const imp = sh(process.execPath, ['--input-type=module', '-e', "const m = await import('cba'); const a = await m.loadAgreement(); console.log(a.meta.id);"], { cwd: consumer, env });
check(imp.status === 0 && imp.stdout.trim() === 'sdcoe-ae-2005-2008', `import('cba') runs in an ES module consumer (${imp.stdout.trim() || imp.stderr.trim().split('\n')[0]})`);

// 6. what the package says about itself
const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
check(existsSync(join(pkg, 'LICENSE')) && /MIT License/.test(readFileSync(join(pkg, 'LICENSE'), 'utf8')), 'the package holds LICENSE (MIT, as package.json says)');
check(typeof meta.repository?.url === 'string' && meta.repository.url.length > 0, `package.json names its repository (${meta.repository?.url})`);
check(meta.type === 'module' && /\bESM\b|ES module/.test(readFileSync(join(pkg, 'README.md'), 'utf8')), 'the package is an ES module and its README says so');

rmSync(work, { recursive: true, force: true });
console.error(failures.length ? `installed package: ${failures.length} failed` : 'installed package: all passed');
console.log(JSON.stringify({ name: 'installed', startupRatio: +ratio.toFixed(2), installedMs: +median(ins).toFixed(1), checkoutMs: +median(dv).toFixed(1), failures }));
process.exit(failures.length ? 1 : 0);
