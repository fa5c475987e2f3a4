/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Retroactive pay after a settlement: each person and pay period, paid vs owed, with employer costs';

export function register(program: Command) {
  program
    .command('retro')
    .description(DESCRIPTION)
    .requiredOption('--roster <file>', 'CSV roster (- for stdin): id, class, step; schedule, days, fte, stipends, start, end, paid optional')
    .requiredOption('--effective <date>', 'the date the new rates take effect (YYYY-MM-DD)')
    .requiredOption('--paid-through <date>', 'the last day already paid at the old rates (YYYY-MM-DD)')
    .option('--raise <percent>', 'the settlement as a raise of every cell (default: the schedule the rules have in force from --effective)')
    .option('--periods <n>', 'pay periods a year: 12 (monthly, July to June; the default, as the agreement pays /12) or 10 (September to June)')
    .option('--rates <file>', "the county office's rates file (unemployment, workers' comp) for the employer costs")
    .option('--salary-code <code>', 'pay code of the salary retro in --csv (default RETRO-SAL)')
    .option('--stipend-code <code>', 'pay code of the stipend retro in --csv (default RETRO-STIP)')
    .option('--json', 'print JSON: every person with every period, and the totals')
    .option('--csv', 'print CSV for a payroll import: one line per person and pay code')
    .addHelpText(
      'after',
      `${examples([
        'cba retro --roster fixtures/bargain/retro3.csv --effective 2005-07-01 --paid-through 2006-01-31 --raise 4',
        'cba retro --roster roster.csv --effective 2006-07-01 --paid-through 2007-02-28 --csv > retro-import.csv',
        'cba retro --roster roster.csv --effective 2005-07-01 --paid-through 2006-01-31 --raise 4 --periods 10 --json',
      ])}
Columns: id, class, step (required); schedule, days, fte, stipends (as cba audit), start and end (dates
worked inside the year), paid (what a full period paid at the old rates, when not the old schedule's).
Exit 1 when any row could not be computed (it comes back with its reason), 2 for bad options.
`,
    )
    .action(async (...args: any[]) => ((await import('./retro.run')).action as (...a: any[]) => Promise<void>)(...args));
}
