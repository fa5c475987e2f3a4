/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Sick leave accrual and balance, extended absence pay, and the limits of the other leaves (Article XIII)';

export function register(program: Command) {
  program
    .command('sick-leave')
    .description(DESCRIPTION)
    .option('--days-worked <n>', 'days worked in the school year (default 190)')
    .option('--calendar-days <n>', 'same as --days-worked: the days of the work calendar')
    .option('--assignment <a>', 'regular (6.75 h), community-day (7.75 h) or preschool (7.5 h)')
    .option('--hours-per-day <h>', 'hours in a day of sick leave (must be one of the agreement\'s)')
    .option('--allow-hours', 'accept an --hours-per-day the agreement does not state')
    .option('--fte <x>', 'part-time share, 0 < x <= 1 (XIII.1.B)')
    .option('--balance <qty>', 'sick leave carried in: days (12, 12d) or hours (81h)')
    .option('--used <qty>', 'sick leave used this year: days or hours')
    .option('--absence <days>', 'a continuous absence of this many school days (XIII.1.F)')
    .option('--prior-differential-days <n>', 'differential days already used in this continuous absence (from last school year)')
    .option('--daily-rate <amount>', 'daily rate for the pay of each band (or give --class and --step)')
    .option('-c, --class <class>', 'salary class, for pay (as cba salary)')
    .option('-s, --step <n>', 'salary step, for pay')
    .option('--schedule <id>', 'salary schedule, for pay')
    .option('--year <yyyy-yy>', 'school year of the schedule')
    .option('--personal-necessity <days>', 'check: personal necessity days this year, including personal business (max 8)')
    .option('--personal-business <days>', 'check: personal business days this year (max 3)')
    .option('--family-illness <days>', "check: days for a child's, parent's or spouse's illness (six months' accrual)")
    .option('--bereavement <days>', 'check: bereavement days (3, or 5 with travel)')
    .option('--out-of-state', 'bereavement: out-of-state travel is required')
    .option('--travel-miles <n>', 'bereavement: travel distance from the Office')
    .option('--industrial <days>', 'check: industrial accident days this fiscal year, same accident (max 60)')
    .option('--donate-hours <h>', 'check: catastrophic leave donation (6.75 to 13.5 hours)')
    .option('--donated-hours <h>', 'check: hours the member donated this fiscal year (6.75 needed to receive)')
    .option('--catastrophic-months <n>', 'check: months of catastrophic leave (max 12)')
    .option('--sabbatical-years <n>', 'check: consecutive years with the Office (7 needed)')
    .option('--sabbatical-months <n>', 'sabbatical length in months (default 12)')
    .option('--perfect-attendance', 'the XV.3 payment: one daily rate inclusive of stipends, if no sick leave was used')
    .option('--stipend <ids...>', 'stipends for the perfect-attendance daily rate')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples([
        '# October 1 statement for a part-time speech specialist on a 205-day calendar',
        'cba sick-leave --days-worked 205 --fte 0.6 --balance 31.5',
        '# surgery: 150 school days off with 40 days banked, pay by band',
        'cba sick-leave --balance 40 --absence 150 --class IV --step 13',
        'cba sick-leave --assignment community-day --days-worked 225',
        '# can a fourth day of personal business be charged?',
        'cba sick-leave --personal-business 4',
        'cba sick-leave --bereavement 5 --travel-miles 320',
        'cba sick-leave --perfect-attendance --class IV --step 13 --stipend bilingual --used 0',
      ]),
    )
    .action(async (...args: any[]) => ((await import('./sick-leave.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
