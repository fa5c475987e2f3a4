/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';
const collect = (v: string, prev: string[] = []) => [...prev, v];

export const DESCRIPTION = 'Grievance timelines and every other deadline of the agreement, on the office calendar';

export function register(program: Command) {
  program
    .command('deadline')
    .argument('<name>', 'grievance, list, or a deadline id from cba deadline list')
    .description(DESCRIPTION)
    .option('--occurred <date>', 'grievance: date of the occurrence')
    .option('--known <date>', 'grievance: date the member could reasonably have known of it')
    .option('--filed <date>', 'grievance: date the Level I grievance was filed (received)')
    .option('--decision-received <date>', 'grievance: date the decision of --level was received')
    .option('--level <n>', 'grievance: the level (1-3) whose decision --decision-received is')
    .option('--done <step=date>', 'grievance: actual date of any step (repeatable), e.g. level2-appeal=2006-01-10', collect)
    .option('--level3-issued <date>', 'grievance: issuance date of the Level III decision')
    .option('--resolution-provided <date>', 'grievance: the Association received a proposed resolution')
    .option('--recess <from..to>', "grievance: the grievant's scheduled recess or approved leave, not counted (repeatable)", collect)
    .option('--today <date>', 'mark each step done, due in N days, or overdue as of this date')
    .option('--case <id>', 'case id for the calendar file UIDs (default: from the occurrence date)')
    .option('--from <date>', 'other deadlines: the date the period counts from')
    .option('--year <yyyy-yy>', 'fixed dates: the school year')
    .option('--since <yyyy-yy>', 'fixed dates due every N years: the first school year of the cycle')
    .option('--calendar <file>', 'office calendar file replacing the agreement\'s (repeatable)', collect)
    .option('--closures <file>', 'extra closures layered on the calendar (repeatable)', collect)
    .option('--allow-beyond-coverage', 'count weekdays only past the loaded calendars (with a warning)')
    .option('--explain', 'list the dates counted')
    .option('--ics <file>', 'write the deadlines as all-day events to an iCalendar file')
    .option('--input <file>', 'batch: CSV with a trigger date per row (- for stdin)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText(
      'after',
      examples([
        'cba deadline grievance --occurred 2005-11-18',
        'cba deadline grievance --occurred 2005-11-18 --filed 2005-12-01 --decision-received 2005-12-20 --level 1 --today 2006-01-05',
        'cba deadline grievance --occurred 2005-11-18 --recess 2005-12-19..2005-12-30 --ics grievance.ics',
        'cba deadline grievance --occurred 2005-11-18 --json --explain',
        'cba deadline list',
        'cba deadline evaluation-second-request --from 2006-03-01',
        'cba deadline sabbatical-application --from 2007-03-31',
        'cba deadline sick-leave-statement --year 2005-06',
        'cba deadline sick-leave-call-in --from 2006-01-10',
        'cba deadline industrial-injury-report --from 2006-01-10T14:30',
        'cba deadline reopener-notice --year 2006-07',
        'cba deadline level1-file --input triggers.csv --csv',
      ]),
    )
    .action(async (...args: any[]) => ((await import('./deadline.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
