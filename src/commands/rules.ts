/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Check the rules files: schema validation and consistency audit';

export function register(program: Command) {
  const rules = program.command('rules').description(DESCRIPTION).addHelpText('after', examples(['cba rules validate', 'cba rules audit', 'cba rules audit --rules fixtures/rules/example-district --json']));
  rules
    .command('validate')
    .description('Validate every rules file against the schema (names file, path and line of the first problem)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['cba rules validate', 'cba rules validate --rules fixtures/rules/example-district']))
    .action(async (...args: any[]) => ((await import('./rules.run')).action0 as (...a: any[]) => Promise<void>)(...args));
  rules
    .command('audit')
    .description('Check every schedule and stipend file for internal consistency (printed vs computed, ordering, siblings, quotes)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .addHelpText('after', examples(['cba rules audit', 'cba rules audit --rules fixtures/rules/example-district', 'cba rules audit --json | jq ".findings[] | select(.severity == \\"error\\")"']))
    .action(async (...args: any[]) => ((await import('./rules.run')).action1 as (...a: any[]) => Promise<void>)(...args));
}
