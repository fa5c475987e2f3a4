// bin/cba.js runs a command from its own bundle (dist/cmd/<command>.cjs: the CLI with that command's
// module only); each must answer exactly as the whole CLI does (the in-process runner runs the
// sources, every command registered as in dist/cli.cjs).
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cba, type Run } from '../helpers/cli';
import { ROOT } from '../helpers/contract';

function binAsync(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, TERM: 'xterm' } as Record<string, string | undefined>;
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8' }, (e, stdout, stderr) => resolve({ code: e ? Number(e.code) : 0, stdout, stderr }));
  });
}

describe('the command bundles', () => {
  it('are the commands that are not run through another (completion, man and check run the whole CLI)', () => {
    const bundles = readdirSync(join(ROOT, 'dist', 'cmd')).map((f) => f.replace(/\.cjs$/, ''));
    expect(bundles).toEqual(expect.arrayContaining(['salary', 'schedule', 'stipend', 'sick-leave', 'deadline', 'calendar', 'step-advance', 'rules']));
    expect(bundles.filter((b) => ['completion', 'man', 'check'].includes(b))).toEqual([]);
  });

  it('answer as the whole CLI: help, an answer, a subcommand, bad input', async () => {
    const cases = [['salary', '--help'], ['rules', 'cite', 'XV.1'], ['deadline', 'grievance', '--occurred', '2005-11-18', '--json'], ['--rules', 'fixtures/rules/midyear-2006-07', 'salary', '--class', 'IV', '--step', '13', '--year', '2006-07'], ['stipend', '--bogus']];
    const bins = await Promise.all(cases.map(binAsync));
    for (const [i, args] of cases.entries()) expect({ args, ...bins[i] }).toEqual({ args, ...(await cba(args)) });
  });
});
