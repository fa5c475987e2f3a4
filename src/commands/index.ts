// The subcommands. Only the one invoked is registered (its options and help); the others are not
// registered at all, unless no command or help is invoked, so a start-up does not build ~150 options
// and 16 commands it will not use.
import type { Command } from 'commander';
import type { CommandModule, Exec } from '../cli/command';
import * as salary from './salary';
import * as schedule from './schedule';
import * as stipend from './stipend';
import * as sickLeave from './sick-leave';
import * as deadline from './deadline';
import * as calendar from './calendar';
import * as stepAdvance from './step-advance';
import * as check from './check';
import * as audit from './audit';
import * as cost from './cost';
import * as retro from './retro';
import * as disclose from './disclose';
import * as rules from './rules';
import * as agreements from './agreements';
import * as completion from './completion';
import * as partTimeRetirement from './part-time-retirement';
import * as releasedTime from './released-time';

export const COMMANDS: Record<string, CommandModule> = {
  salary, schedule, stipend, 'sick-leave': sickLeave, deadline, calendar, 'step-advance': stepAdvance, 'part-time-retirement': partTimeRetirement, 'released-time': releasedTime, check, audit, cost, retro, disclose, rules, agreements, completion,
  man: { DESCRIPTION: completion.MAN_DESCRIPTION, register: completion.registerMan },
};
completion.useCommands(() => COMMANDS);

const VALUE_OPTIONS = new Set(['--rules', '--agreement']);

/** The subcommand named on the command line, if any (after the global options). */
export function invoked(argv: string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

export function registerCommands(program: Command, argv: string[], exec: Exec): void {
  const name = invoked(argv);
  const full = name === undefined || name === 'help' || !(name in COMMANDS);
  // a command invoked by name needs only itself: commander reads no other subcommand to parse it,
  // show its help or report its errors (an unknown name is refused before, by main)
  for (const [n, m] of Object.entries(COMMANDS)) {
    if (full || n === name) m.register(program, exec);
  }
}
