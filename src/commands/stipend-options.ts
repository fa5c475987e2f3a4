// The eligibility flags of stipends, shared by `cba stipend` and `cba salary --stipend`.
import type { Command } from 'commander';

export function addStipendOptions(cmd: Command, withClass: boolean): Command {
  cmd
    .option('--years <n>', 'LTVS: years of service')
    .option('--rating <r>', 'LTVS: most recent evaluation, meets (standard or better) or unsatisfactory')
    .option('--already-receiving <k>', 'LTVS: stipends already received (never lost)')
    .option('--awarded <date>', 'Ph.D./bilingual: date of the award (paid from the July 1 following)')
    .option('--as-of <date>', 'the date to check payability on (Ph.D./bilingual award, remote-site transfer)')
    .option('--site <name>', 'remote site: the site assigned')
    .option('--transferred <date>', 'remote site: effective date of a transfer to a non-remote site')
    .option('--teachers <n>', 'BTSA: participating teachers, 1 to 3')
    .option('--contract-days <n>', 'head teacher: days of the contract year (at least 190)')
    .option('--activity-hours <h>', 'non-school-day activity: hours required per day')
    .option('--activity-days <n>', 'non-school-day activity: number of days (default 1)')
    .option('--four-hours-pays <amount>', 'activity of exactly 4 hours: 50 or 100 (default 100, see README)')
    .option('--tutoring-hours <h>', 'supplemental tutoring: hours');
  if (withClass) cmd.option('-c, --class <class>', 'LTVS: salary class (III to VI qualify)');
  return cmd;
}

