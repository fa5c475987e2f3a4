import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import LongestFirst from './test/helpers/sequencer.ts';

// Tuned for this 2-core machine: two worker processes (vitest's default is one fewer than the cores,
// here a single worker), each kept for many test files (isolate: false), so src/ is loaded and
// compiled once per worker rather than once per file. Test files share a worker's modules: a test
// must not leave state behind (the in-process cba() helper restores cwd and environment and forgets
// the loaded rules before each run). Forks, not threads: the in-process runs change the working folder.
// No test makes a TLS connection, and Node parses the certificates NODE_EXTRA_CA_CERTS names at the
// start of every process (here the system's 220 KB bundle: node -e 0 takes 0.10 s of CPU with it,
// 0.02 s without): the variable is left out of the environment of the workers, and so of the
// hundreds of node processes the tests start (the bin, the installed copy, shells running it).
delete process.env.NODE_EXTRA_CA_CERTS;

// The smoke tests run the built bin: dist/ is brought up to date (rebuilt only when the sources, rules
// or lockfile changed) by a build check started here, as vitest reads its config, so that it runs on
// the second core while vitest starts on the first; the global set-up waits for it before any test
// (it was npm's pretest, which ran before vitest started: ~0.15 s of a run on one core).
if (!(globalThis as { __cbaBuild?: unknown }).__cbaBuild) {
  const check = spawn(process.execPath, [join(import.meta.dirname, 'scripts', 'build.mjs'), '--no-types', '--if-changed'], { stdio: 'inherit' });
  (globalThis as { __cbaBuild?: Promise<void> }).__cbaBuild = new Promise((resolve, reject) => {
    check.on('error', reject);
    check.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the build (node scripts/build.mjs --no-types --if-changed) failed with exit ${code}`))));
  });
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // V8 optimises a function once it has run about 67,000 bytecodes' worth; a test run executes
    // thousands of functions a few times each, and a quarter of the suite's CPU went to TurboFan
    // compiling them on background threads. Three times the budget leaves the hot loops (property
    // tests, the big batch files) optimised and most one-off code not: 44 -> 38 s of CPU, 22.7 ->
    // 20.8 s wall, measured twice each here (/usr/bin/time npx vitest run).
    // --single-threaded: V8's compiling and garbage collection on each worker's own thread rather than on
    // helper threads: with two workers on two cores those threads only took turns with the workers
    // (a quarter of a run's CPU was on them). Six alternating pairs of whole runs (/usr/bin/time vitest
    // run, a config adding the flag): 16.97 s wall mean against 18.74 s, lower in five of six; three
    // of npm test, quieter: 15.39 / 14.78 / 14.51 s against 16.27 / 14.64 / 15.30 s.
    execArgv: ['--interrupt-budget=200000', '--single-threaded'],
    maxWorkers: 2,
    isolate: false,
    // the TypeScript of src/ and test/ transformed once and kept (node_modules/.experimental-vitest-cache,
    // keyed by each file's content): a run after the first transforms only what changed, about 3 s of
    // CPU less a run here
    experimental: { fsModuleCache: true },
    // every package loaded by Node itself: without this vitest's main process read and lexed each
    // CommonJS file of node_modules a test imports (pdf.js, exceljs, playwright...) to decide so,
    // 0.75 s of its CPU a run (--cpu-prof of the main process: isValidNodeImport)
    server: { deps: { external: [/\/node_modules\//] } },
    // the longest files first, by the durations of a recorded run (test/helpers/sequencer.ts)
    sequence: { sequencer: LongestFirst },
  },
});
