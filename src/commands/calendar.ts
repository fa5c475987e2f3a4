/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';
const collect = (v: string, prev: string[] = []) => [...prev, v];

export const DESCRIPTION = "The office calendar: a school year's closures, or a month view with dates marked";

export function register(program: Command) {
  program
    .command('calendar')
    .description(DESCRIPTION)
    .option('--year <yyyy-yy>', 'school year (default: the first the calendars cover)')
    .option('--month <yyyy-mm>', 'show one month as a grid')
    .option('--mark <date>', 'mark a date in the month view (repeatable), e.g. a deadline', collect)
    .option('--calendar <file>', 'office calendar file replacing the agreement\'s (repeatable)', collect)
    .option('--closures <file>', 'extra closures layered on the calendar (repeatable)', collect)
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText('after', examples(['cba calendar --year 2005-06', 'cba calendar --month 2005-12 --mark 2005-12-28', 'cba calendar --year 2006-07 --closures fixtures/closures/winter-break-2006.yaml --csv']))
    .action(async (...args: any[]) => ((await import('./calendar.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
