// Every command's default output fits the width: under COLUMNS=80 no line of any example of any
// command's --help (nor the help itself) is wider than 80; at 120 and 200 the room is used.
// --json and --csv examples are for scripts and are not fitted; they are left out here.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import stringWidth from '../../src/lazy/text-width';

const widest = (s: string) => Math.max(0, ...s.split('\n').map(stringWidth));

/** The command names listed by `cba --help`. */
export async function commandNames(): Promise<string[]> {
  const help = (await cba(['--help'], { env: { COLUMNS: '200' } })).stdout;
  const block = help.slice(help.indexOf('Commands:'));
  return [...block.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
}

/** The examples of a help text: `$ cba ...` lines, a trailing ` \` joining the next line. */
export function helpExamples(help: string): string[][] {
  const joined = help.replace(/ \\\n\s+/g, ' ');
  return [...joined.matchAll(/^ {2}\$ cba (.*)$/gm)].map((m) => [...m[1].matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((w) => w[1] ?? w[2] ?? w[3]));
}

/** cba in process at a width, not a terminal, colour settings cleared (as the bin in a pipe). */
const run = (args: string[], cwd: string, columns: number) => cba(args, { cwd, env: { COLUMNS: String(columns) } });

/** One run after another (in-process runs do not overlap). */
async function each<T, R>(items: T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const x of items) out.push(await f(x));
  return out;
}

const commands = await commandNames();
// each command's --help under COLUMNS=80, run once: its examples are run below, and its lines are checked
const helps = await each(commands, async (c) => ({ c, help: await cba([c, '--help'], { env: { COLUMNS: '80' } }) }));
const examples = helps.flatMap(({ c, help }) => helpExamples(help.stdout).map((args) => ({ c, args })));
const forPeople = examples.filter(({ args }) => !args.some((a) => a === '--json' || a === '--csv' || a === '|' || a === '>'));

describe('output fitted to the width', () => {
  it('finds the commands and their examples', () => {
    expect(commands).toEqual(expect.arrayContaining(['salary', 'schedule', 'stipend', 'sick-leave', 'deadline', 'calendar', 'step-advance', 'check', 'audit', 'cost', 'rules']));
    expect(forPeople.length).toBeGreaterThan(30);
  });

  it('under COLUMNS=80 no line of any help is wider than 80', async () => {
    const all = [{ c: '', help: await cba(['--help'], { env: { COLUMNS: '80' } }) }, ...helps];
    expect(all.map(({ c }) => c)).toEqual(['', ...commands]);
    for (const { c, help: r } of all) {
      const long = r.stdout.split('\n').filter((l) => stringWidth(l) > 80);
      expect(long, `cba ${c} --help`).toEqual([]);
    }
  });

  it('under COLUMNS=80 no line of any example of any command is wider than 80', async () => {
    // a folder of its own: examples may write files (--ics); fixtures/ is where the examples expect it
    const cwd = mkdtempSync(join(tmpdir(), 'cba-width-'));
    symlinkSync(join(ROOT, 'fixtures'), join(cwd, 'fixtures'));
    const results = await each(forPeople, ({ args }) => run(args, cwd, 80));
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
      const [w80, w120, w200] = await each([80, 120, 200], (w) => run(args, ROOT, w).then((r) => widest(r.stdout)));
      const name = `cba ${args.join(' ')}`;
      expect(w120, name).toBeLessThanOrEqual(120);
      expect(w200, name).toBeLessThanOrEqual(200);
      expect(w120, name).toBeGreaterThan(100);
      expect(w200, name).toBeGreaterThan(w120);
      expect(w80, name).toBeLessThanOrEqual(80);
    }
  }, 60_000);

  it('--wide keeps every column at full width', async () => {
    const r = await cba(['salary', '--class', 'IV', '--step', '13', '--wide'], { env: { COLUMNS: '80' } });
    expect(widest(r.stdout)).toBeGreaterThan(150);
    expect(r.stdout).toMatch(/│ Source/);
  });
});
