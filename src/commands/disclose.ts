/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = "The public disclosure of a proposal's costs (Gov. Code 3547.5): current year and the following two, per scenario";

export function register(program: Command) {
  program
    .command('disclose')
    .description(DESCRIPTION)
    .requiredOption('--roster <file>', 'CSV roster (- for stdin), as cba cost --scenario reads it')
    .requiredOption('--scenario <file>', 'a proposal as a scenario YAML file (repeat for several)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--years <n>', 'school years shown, from the current one (default 3)')
    .option('--year <yyyy-yy>', 'the current school year (default: the latest schedule year)')
    .option('--rates <file>', "the county office's rates file (unemployment, workers' comp, health premiums)")
    .option('--html <file>', 'also write a self-contained printable HTML page with a chart of cost by year')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV: one line per scenario and line of the disclosure, a column per year')
    .addHelpText(
      'after',
      examples([
        'cba disclose --roster fixtures/bargain/roster3.csv --scenario fixtures/bargain/proposal-a.yaml',
        'cba disclose --roster roster.csv --scenario a.yaml --scenario b.yaml --rates county-rates.yaml --html disclosure.html',
        'cba disclose --roster roster.csv --scenario a.yaml --json',
      ]),
    )
    .action(async (...args: any[]) => ((await import('./disclose.run')).action as (...a: any[]) => Promise<void>)(...args));
}
