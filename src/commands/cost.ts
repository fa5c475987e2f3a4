/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'What a roster costs a year: on the schedule, with a raise, and after next year\'s step and column movement';

export function register(program: Command) {
  program
    .command('cost')
    .description(DESCRIPTION)
    .requiredOption('--roster <file>', 'CSV roster (the columns of cba audit; paid is not needed; days_served and new_class optional)')
    .option('--raise <percent>', 'across-the-board raise to cost, e.g. 1 or 4.23')
    .option('--year <yyyy-yy>', 'school year of the schedule (default: the latest)')
    .option('--schedule <id>', 'with --out-schedule: the schedule to write raised (default: basic)')
    .option('--out-schedule <file>', 'write the raised schedule as a YAML schedule file for the next year')
    .option('--json', 'print JSON (totals and every row)')
    .option('--csv', 'print CSV (every row)')
    .addHelpText('after', examples(['cba cost --roster fixtures/roster/cost-roster.csv --raise 1', 'cba cost --roster roster.csv --raise 4.23 --out-schedule rules/sdcoe-ae-2005-2008/schedules/basic-2006-07.yaml', 'cba cost --roster roster.csv --json']))
    .action(async (...args: any[]) => ((await import('./cost.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
