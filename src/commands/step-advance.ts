/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';
const collect = (v: string, prev: string[] = []) => [...prev, v];

export const DESCRIPTION = 'Step and class advancement, placement from education and experience, and the career ahead (Appendix A)';

export function register(program: Command) {
  program
    .command('step-advance')
    .description(DESCRIPTION)
    .option('-c, --class <class>', 'current class')
    .option('-s, --step <n>', 'current step')
    .option('--schedule <id>', 'basic, community-day or preschool (default: basic)')
    .option('--year <yyyy-yy>', 'school year of service (default: the latest schedule)')
    .option('--days-served <n>', 'days of paid service this school year (75% of the year earns a step)')
    .option('--new-class <class>', 'class change: the class the new transcripts support')
    .option('--submitted <date>', 'class change: date the supporting documents were submitted')
    .option('--quarter-inclusive', 'class change: a submission on a quarter date takes effect that day')
    .option('--placement', 'initial placement from education and experience')
    .option('--degree <d>', 'placement: none, aa, bachelor, master or doctorate')
    .option('--units-after-bachelor <n>', "placement: semester units earned after the bachelor's")
    .option('--units-after-master <n>', "placement: semester units earned after the master's")
    .option('--units-after-aa <n>', 'placement (pre-school): units earned after the AA')
    .option('--ece-units <n>', 'placement (pre-school): Early Childhood Education / Child Development units')
    .option('--public-years <n>', 'placement: full years of contracted public-school teaching (full credit)')
    .option('--related <kind=years>', 'placement: related experience (repeatable): substitute, nonpublic, aide, special-ed', collect)
    .option('--years <n>', 'projection: years ahead to project')
    .option('--service-years <n>', 'projection: years of service now (for LTVS milestones)')
    .option('--raise <percent>', 'projection: yearly across-the-board raise, e.g. 4.23')
    .option('--rating <r>', 'projection: meets (default) or unsatisfactory, for new LTVS stipends')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (projection)')
    .addHelpText(
      'after',
      examples([
        'cba step-advance --class II --step 5 --days-served 150',
        'cba step-advance --schedule preschool --class III --step 4 --days-served 137',
        'cba step-advance --class IV --step 7 --new-class V --submitted 2005-11-14',
        "cba step-advance --placement --degree master --units-after-master 20 --public-years 5 --related aide=4",
        'cba step-advance --class IV --step 6 --years 10 --service-years 12 --raise 4.23',
        'cba step-advance --class IV --step 6 --years 10 --new-class VI --json',
      ]),
    )
    .action(async (...args: any[]) => ((await import('./step-advance.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
