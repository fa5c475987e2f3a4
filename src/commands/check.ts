/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Run files of expected results: each case names a computation, its inputs as the CLI takes them, and the expected figures';

export function register(program: Command) {
  program
    .command('check')
    .argument('<files...>', 'YAML or JSON files of cases (- for stdin)')
    .description(DESCRIPTION)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(['cba check fixtures/check/expected.yaml', 'cat cases.json | cba check -', '# a case:', '#   - name: Class IV Step 13 with 200 days', '#     run: salary', '#     input: { class: IV, step: 13, days: 200 }', '#     expect: { totalSalary: 74523.20, dailyRate: 372.62 }']),
    )
    .action(async (...args: any[]) => ((await import('./check.run')).action0 as (...a: any[]) => Promise<void>)(...args));
}
