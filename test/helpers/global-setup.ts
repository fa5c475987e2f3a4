// The end-to-end tests spawn the built bin: build it when `vitest` is run without `npm test`.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup() {
  const root = join(import.meta.dirname ?? __dirname, '..', '..');
  if (!existsSync(join(root, 'dist', 'cli.cjs'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-types'], { stdio: 'inherit' });
}
