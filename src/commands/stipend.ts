/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';
import { addStipendOptions } from './stipend-options';

export const DESCRIPTION = 'Stipends and extra pay with eligibility (Article XV.7-10, Appendix A Advancements, XVIII.14-15, XX.7.3.1)';

export function register(program: Command) {
  const cmd = program
    .command('stipend')
    .argument('[ids...]', 'stipend ids (cba stipend --list shows them)')
    .description(DESCRIPTION)
    .option('--list', 'list every stipend with its amount and citation')
    .option('--year <yyyy-yy>', 'school year of the schedule the percentages apply to');
  addStipendOptions(cmd, true)
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText(
      'after',
      examples([
        'cba stipend --list',
        'cba stipend bilingual head-teacher remote-site --site "La Posta"',
        'cba stipend ltvs --years 21 --class V --rating meets',
        'cba stipend ltvs --years 22 --class V --rating unsatisfactory --already-receiving 1',
        'cba stipend phd --awarded 2006-06-15',
        'cba stipend btsa --teachers 3 --json',
        'cba stipend activity-day --activity-hours 4 --activity-days 2',
        'cba stipend tutoring --tutoring-hours 12.5',
      ]),
    )
    .action(async (...args: any[]) => ((await import('./stipend.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
