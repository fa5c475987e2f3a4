/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';
import { addStipendOptions } from './stipend-options';

export const DESCRIPTION = 'Annual salary, daily rate, extra days, short calendars and part time (Appendix A, Article XV.1)';

export function register(program: Command) {
  const cmd = program
    .command('salary')
    .description(DESCRIPTION)
    .option('-c, --class <class>', 'salary class as printed: A, I, II, III, IV, V, VI')
    .option('-s, --step <n>', 'step on the schedule (1-13)')
    .option('--schedule <id>', 'basic, community-day or preschool (default: basic)')
    .option('--year <yyyy-yy>', 'school year of the schedule (default: the latest in the rules)')
    .option('--days <n>', 'work days on the calendar: 191-225 pays extra days, 123-189 is pro rata')
    .option('--fte <x>', 'part-time share, 0 < x <= 1')
    .option('--stipend <ids...>', 'add stipends to the pay (ids as in cba stipend --list)')
    .option('--perfect-attendance', 'show the XV.3 perfect-attendance payment (one daily rate inclusive of stipends)');
  addStipendOptions(cmd, false)
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText(
      'after',
      examples([
        'cba salary --class IV --step 13',
        'cba salary --class V --step 13 --stipend ltvs head-teacher --years 21 --rating meets --perfect-attendance',
        'cba salary --class IV --step 13 --days 200 --json',
        'cba salary --class II --step 5 --fte 0.5',
        'cba salary --schedule preschool --class III --step 4',
        'cba salary --schedule community-day --class V --step 10 --csv',
      ]),
    )
    .action(async (...args: any[]) => ((await import('./salary.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
