// The plain-call reader (src/cli/fast-parse.ts) against commander itself: for any words, when the
// reader takes a call, commander takes it too and hands the action the same arguments and the same
// options (same keys, same order, same values); everything else the reader leaves to commander.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Command } from 'commander';
import { fastParse, type Recorder } from '../../src/cli/fast-parse';
import { globalOptions } from '../../src/cli/main';
import { declare, type OptionTable } from '../../src/cli/command';
import * as salary from '../../src/commands/salary';
import * as stipend from '../../src/commands/stipend';
import * as deadline from '../../src/commands/deadline';
import * as calendar from '../../src/commands/calendar';
import * as sickLeave from '../../src/commands/sick-leave';

/** The real commands' option tables, each with its arguments as the command declares them. */
const COMMANDS: [name: string, args: string[], table: OptionTable][] = [
  ['salary', [], salary.OPTIONS],
  ['stipend', ['[ids...]'], stipend.OPTIONS],
  ['deadline', ['<name>'], deadline.OPTIONS],
  ['calendar', [], calendar.OPTIONS],
  ['sick-leave', [], sickLeave.OPTIONS],
];

type Seen = { args: unknown[]; opts: string; globals: string };

/** What the action receives: its arguments and the options (JSON keeps the key order). */
function register(p: Command | Recorder, name: string, args: string[], table: OptionTable, seen: { v?: Seen }) {
  const program = p as Command;
  globalOptions(program);
  let cmd = program.command(name);
  for (const a of args) cmd = cmd.argument(a, 'an argument');
  declare(cmd, table).action((...a: unknown[]) => {
    const c = a[a.length - 1] as Command;
    seen.v = { args: a.slice(0, -2), opts: JSON.stringify(c.opts()), globals: JSON.stringify(c.optsWithGlobals()) };
  });
}

async function viaCommander(name: string, args: string[], table: OptionTable, words: string[]): Promise<Seen | 'refused'> {
  const seen: { v?: Seen } = {};
  const program = new Command('cba').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  register(program, name, args, table, seen);
  try {
    await program.parseAsync(['node', 'cba', ...words]);
  } catch {
    return 'refused';
  }
  return seen.v ?? 'refused';
}

async function viaFast(name: string, args: string[], table: OptionTable, words: string[]): Promise<Seen | undefined> {
  const seen: { v?: Seen } = {};
  const run = fastParse(['node', 'cba', ...words], (p) => register(p, name, args, table, seen));
  if (!run) return undefined;
  await run();
  return seen.v;
}

describe('fastParse reads a plain call as commander does', () => {
  it.each([
    ['salary', '--class IV --step 13'],
    ['salary', '-c IV -s 13 --json --no-color'],
    ['salary', '--class V --step 13 --stipend ltvs head-teacher --years 21 --rating meets'],
    ['stipend', 'bilingual head-teacher'],
    ['stipend', '--list'],
    ['deadline', 'grievance --occurred 2005-11-18'],
    ['deadline', 'grievance --occurred 2005-11-18 --recess 2005-12-19..2006-01-02 --recess 2006-03-27..2006-03-31 -q'],
    ['calendar', '--year 2005-06 --mark 2005-11-18 --mark 2005-11-21'],
    ['sick-leave', '--rules fixtures/rules/x --days-worked 205 --fte 0.6 --balance 31.5'],
  ])('%s %s: taken, with commander\'s values', async (name, rest) => {
    const [, args, table] = COMMANDS.find((c) => c[0] === name)!;
    const words = [name, ...rest.split(' ')];
    const fast = await viaFast(name, args, table, words);
    expect(fast).toBeDefined();
    expect(fast).toEqual(await viaCommander(name, args, table, words));
  });

  it.each([
    'salary --help', 'salary -h', 'salary -V', 'salary --class=IV', 'salary -cIV', 'salary --class', 'salary --class --json',
    'salary --step -1', 'salary x', 'salary --', 'salary --bogus', 'deadline', 'deadline a b', 'help salary', '--version',
  ])('%s: left to commander', async (line) => {
    const words = line.split(' ');
    const [name, args, table] = COMMANDS.find((c) => words.includes(c[0])) ?? COMMANDS[0];
    expect(await viaFast(name, args, table, words)).toBeUndefined();
  });

  it('any words: what the reader takes, commander takes with the same arguments and options', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS),
        fc.array(fc.oneof(fc.constantFrom('IV', '13', 'x', 'a=b', '', '-', '-1', '--', '-h', '--help', '-V', '--no-color', '--rules', '--agreement', '-q', '--quiet', '--wide', '--debug', '--json', '--csv', '--x', '-c', '-s', '-cIV', '--class=IV', 'help'), fc.nat(1000).map(String)), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.oneof(fc.constantFrom('IV', '13', 'x', '2005-11-18', 'a..b'), fc.string({ maxLength: 3 })), { maxLength: 8 }),
        async ([name, args, table], extra, picks, values) => {
          // the command's own flags, long and short, picked by number, with values and odd words mixed in
          const flags = Object.values(table).flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-')));
          const words = [name];
          picks.forEach((p, i) => {
            words.push(flags[p % flags.length]);
            if (values[i] !== undefined) words.push(values[i]);
            if (extra[i] !== undefined) words.push(extra[i]);
          });
          const fast = await viaFast(name, args, table, words);
          if (fast === undefined) return;
          taken++;
          expect(fast).toEqual(await viaCommander(name, args, table, words));
        },
      ),
      { numRuns: 400 },
    );
    // the words are plain often enough for the reader to take a good share of them
    expect(taken).toBeGreaterThan(40);
  });
});
