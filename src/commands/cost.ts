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
    .option('--scenario <file>', 'a proposal as a scenario YAML file (repeat for several); costs --years school years against the status quo', (v: string, prev: string[] = []) => [...prev, v])
    .option('--years <n>', 'with --scenario: school years to cost, from --year (default 3)')
    .option('--rates <file>', "with --scenario: the county office's rates file (unemployment, workers' comp, health premiums)")
    .option('--json', 'print JSON (totals and every row)')
    .option('--csv', 'print CSV (every row)')
    .addHelpText('after', examples(['cba cost --roster fixtures/roster/cost-roster.csv --raise 1', 'cba cost --roster roster.csv --raise 4.23 --out-schedule rules/sdcoe-ae-2005-2008/schedules/basic-2006-07.yaml', 'cba cost --roster roster.csv --json', 'cba cost --roster fixtures/bargain/roster3.csv --scenario fixtures/bargain/proposal-a.yaml --scenario fixtures/bargain/proposal-b.yaml --years 3', 'cba cost --roster roster.csv --scenario proposal.yaml --rates county-rates.yaml --csv > per-person.csv']))
    .action(async (...args: any[]) => (args[0].scenario ? ((await import('./cost-scenario.run')).action as (...a: any[]) => Promise<void>) : ((await import('./cost.run')).action0 as (...a: any[]) => Promise<void>))(...args));
}
