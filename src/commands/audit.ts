/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Check every row of a payroll roster against the contract: ok, underpaid, overpaid or invalid';

export function register(program: Command) {
  program
    .command('audit')
    .argument('<roster>', 'CSV roster with a header row (- for stdin)')
    .description(DESCRIPTION)
    .option('--tolerance <cents>', 'difference allowed before a row is off, in cents (default 0)')
    .option('--year <yyyy-yy>', 'school year for rows without a year column')
    .option('--json', 'print JSON Lines: one object per row')
    .option('--csv', 'print CSV: the input columns plus contract, difference, status, reason')
    .addHelpText(
      'after',
      `${examples(['cba audit fixtures/roster/roster.csv', 'cba audit payroll-2005-10.csv --tolerance 1 --csv > findings.csv', 'cat roster.csv | cba audit - --json | jq -c \'select(.status != "ok")\''])}
Columns (header names; others are kept):
  id, class, step, paid (required); schedule, year, days, fte, stipends, period (optional)
  schedule: basic (default), community-day, preschool;  period: annual (default) or monthly
  stipends: ids separated by spaces or ';', ID:COUNT for several (ltvs:2) or BTSA teachers (btsa:3)
`,
    )
    .action(async (...args: any[]) => ((await import('./audit.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
