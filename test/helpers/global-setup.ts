// The smoke tests run the built bin: bring dist/ up to date first, also when `vitest` is run without
// `npm test` (the build is skipped when the sources, rules and lockfile are unchanged since the last).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup() {
  if (process.env.npm_lifecycle_event === 'test') return; // npm test: its pretest has just done it
  const root = join(import.meta.dirname ?? __dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-types', '--if-changed'], { stdio: 'inherit' });
}
