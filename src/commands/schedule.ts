/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'A whole salary schedule of Appendix A: annual salary and daily rate per class and step';

export function register(program: Command) {
  program
    .command('schedule')
    .description(DESCRIPTION)
    .option('--schedule <id>', 'basic, community-day or preschool (default: basic)')
    .option('--year <yyyy-yy>', 'school year (default: the latest in the rules)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (one row per cell)')
    .addHelpText('after', examples(['cba schedule', 'cba schedule --schedule preschool', 'cba schedule --schedule community-day --csv > cds.csv', 'cba schedule --json | jq ".cells[0]"']))
    .action(async (...args: any[]) => ((await import('./schedule.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
