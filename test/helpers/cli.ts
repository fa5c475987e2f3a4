import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './contract';

export const BIN = join(ROOT, 'bin', 'cba.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built bin as a user would (no TTY), with a clean colour environment. */
export function cba(args: string[], opts: { env?: Record<string, string | undefined>; input?: string; cwd?: string; bin?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], { encoding: 'utf8', env: env as NodeJS.ProcessEnv, input: opts.input ?? '', cwd: opts.cwd ?? ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function json(r: Run): any {
  return JSON.parse(r.stdout);
}
