// Every command's default output fits the width: under COLUMNS=80 no line of any example of any
// command's --help (nor the help itself) is wider than 80; at 120 and 200 the room is used.
// --json and --csv examples are for scripts and are not fitted; they are left out here.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cbaBin as cba } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import stringWidth from '../../src/lazy/text-width';

const widest = (s: string) => Math.max(0, ...s.split('\n').map(stringWidth));

/** The command names listed by `cba --help`. */
export function commandNames(): string[] {
  const help = cba(['--help'], { env: { COLUMNS: '200' } }).stdout;
  const block = help.slice(help.indexOf('Commands:'));
  return [...block.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
}

/** The examples of a help text: `$ cba ...` lines, a trailing ` \` joining the next line. */
export function helpExamples(help: string): string[][] {
  const joined = help.replace(/ \\\n\s+/g, ' ');
  return [...joined.matchAll(/^ {2}\$ cba (.*)$/gm)].map((m) => [...m[1].matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((w) => w[1] ?? w[2] ?? w[3]));
}

function run(args: string[], cwd: string, columns: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, COLUMNS: String(columns), TERM: 'xterm' } as NodeJS.ProcessEnv;
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  }));
  return out;
}

const commands = commandNames();
const examples = commands.flatMap((c) => helpExamples(cba([c, '--help'], { env: { COLUMNS: '80' } }).stdout).map((args) => ({ c, args })));
const forPeople = examples.filter(({ args }) => !args.some((a) => a === '--json' || a === '--csv' || a === '|' || a === '>'));

describe('output fitted to the width', () => {
  it('finds the commands and their examples', () => {
    expect(commands).toEqual(expect.arrayContaining(['salary', 'schedule', 'stipend', 'sick-leave', 'deadline', 'calendar', 'step-advance', 'check', 'audit', 'cost', 'rules']));
    expect(forPeople.length).toBeGreaterThan(30);
  });

  it('under COLUMNS=80 no line of any help is wider than 80', () => {
    for (const c of ['', ...commands]) {
      const r = cba(c ? [c, '--help'] : ['--help'], { env: { COLUMNS: '80' } });
      const long = r.stdout.split('\n').filter((l) => stringWidth(l) > 80);
      expect(long, `cba ${c} --help`).toEqual([]);
    }
  });

  it('under COLUMNS=80 no line of any example of any command is wider than 80', async () => {
    // a folder of its own: examples may write files (--ics); fixtures/ is where the examples expect it
    const cwd = mkdtempSync(join(tmpdir(), 'cba-width-'));
    symlinkSync(join(ROOT, 'fixtures'), join(cwd, 'fixtures'));
    const results = await pool(forPeople, 3, ({ args }) => run(args, cwd, 80));
    rmSync(cwd, { recursive: true, force: true });
    const bad: string[] = [];
    results.forEach((r, i) => {
      const name = `cba ${forPeople[i].args.join(' ')}`;
      if (r.code === 70 || r.code < 0) bad.push(`${name}: exit ${r.code}: ${r.stderr}`);
      for (const l of r.stdout.split('\n')) if (stringWidth(l) > 80) bad.push(`${name}: stdout ${stringWidth(l)}: ${l}`);
    });
    expect(bad).toEqual([]);
  }, 120_000);

  it('at 120 and 200 columns the wide tables use the room and still fit', async () => {
    const cases = [
      ['salary', '--class', 'IV', '--step', '13'],
      ['stipend', 'bilingual'],
      ['deadline', 'grievance', '--occurred', '2005-11-18'],
      ['sick-leave', '--balance', '40', '--absence', '150', '--class', 'IV', '--step', '13'],
    ];
    for (const args of cases) {
      const [w80, w120, w200] = await Promise.all([80, 120, 200].map((w) => run(args, ROOT, w).then((r) => widest(r.stdout))));
      const name = `cba ${args.join(' ')}`;
      expect(w120, name).toBeLessThanOrEqual(120);
      expect(w200, name).toBeLessThanOrEqual(200);
      expect(w120, name).toBeGreaterThan(100);
      expect(w200, name).toBeGreaterThan(w120);
      expect(w80, name).toBeLessThanOrEqual(80);
    }
  }, 60_000);

  it('--wide keeps every column at full width', () => {
    const r = cba(['salary', '--class', 'IV', '--step', '13', '--wide'], { env: { COLUMNS: '80' } });
    expect(widest(r.stdout)).toBeGreaterThan(150);
    expect(r.stdout).toMatch(/│ Source/);
  });
});
