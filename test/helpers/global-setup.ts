// The smoke tests run the built bin: bring dist/ up to date first, also when `vitest` is run without
// `npm test` (the build is skipped when the sources, rules and lockfile are unchanged since the last).
// Every temporary folder of the run (the tests', the bins' and the shells' they start) is made in one
// folder of its own, removed when the run ends: TMPDIR is set before the workers start, and they and
// their children inherit it (os.tmpdir() reads it at each call). Without it a run left ~200 folders in
// /tmp, tests that failed or were stopped more.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function setup() {
  const runTmp = mkdtempSync(join(tmpdir(), 'cba-test-run-'));
  process.env.TMPDIR = runTmp;
  // tmux makes its servers' sockets in TMUX_TMPDIR (/tmp by default), not TMPDIR, and leaves them there
  // when a server ends: the tmux tests' two a run (/tmp/tmux-0/cba-test-<pid>, cba-progress-<pid>)
  process.env.TMUX_TMPDIR = runTmp;
  // the build check vitest.config.ts started as vitest read it (or, with a config that did not, one run here)
  const started = (globalThis as { __cbaBuild?: Promise<void> }).__cbaBuild;
  if (started) await started;
  else execFileSync(process.execPath, [join(import.meta.dirname ?? __dirname, '..', '..', 'scripts', 'build.mjs'), '--no-types', '--if-changed'], { stdio: 'inherit' });
  return () => removeInBackground(runTmp);
}

// The run's folder holds ~750 files (~19 MB) when the tests end; removing them one by one took 0.3-0.45 s
// after the last test, with nothing else left to do (a --cpu-prof of vitest's main process: unlink and
// rmdir under rmSync). `rm -rf`, started on its own and not waited for, does the same after the answer is
// out; where there is no `rm` (Windows) the folder is removed here as before.
function removeInBackground(dir: string) {
  if (process.platform !== 'win32') {
    try {
      const rm = spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' });
      rm.on('error', () => rmSync(dir, { recursive: true, force: true }));
      rm.unref();
      return;
    } catch {
      // fall through
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
