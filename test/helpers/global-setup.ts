// The smoke tests run the built bin: bring dist/ up to date first, also when `vitest` is run without
// `npm test` (the build is skipped when the sources, rules and lockfile are unchanged since the last).
// Every temporary folder of the run (the tests', the bins' and the shells' they start) is made in one
// folder of its own, removed when the run ends: TMPDIR is set before the workers start, and they and
// their children inherit it (os.tmpdir() reads it at each call). Without it a run left ~200 folders in
// /tmp, tests that failed or were stopped more.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const runTmp = mkdtempSync(join(tmpdir(), 'cba-test-run-'));
  process.env.TMPDIR = runTmp;
  // tmux makes its servers' sockets in TMUX_TMPDIR (/tmp by default), not TMPDIR, and leaves them there
  // when a server ends: the tmux tests' two a run (/tmp/tmux-0/cba-test-<pid>, cba-progress-<pid>)
  process.env.TMUX_TMPDIR = runTmp;
  if (process.env.npm_lifecycle_event !== 'test') {
    // npm test: its pretest has just done it
    const root = join(import.meta.dirname ?? __dirname, '..', '..');
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-types', '--if-changed'], { stdio: 'inherit' });
  }
  return () => rmSync(runTmp, { recursive: true, force: true });
}
