/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Command } from 'commander';
import { examples } from '../cli/help';
import type { GlobalOpts } from '../cli/context';
import { makeCtx } from '../cli/output';

export const DESCRIPTION = 'Check the rules files: schema validation and consistency audit';

export function register(program: Command) {
  const rules = program.command('rules').description(DESCRIPTION).addHelpText('after', examples(['cba rules validate', 'cba rules audit', 'cba rules audit --rules fixtures/rules/example-district --json']));
  rules
    .command('validate')
    .description('Validate every rules file against the schema (names file, path and line of the first problem); lists citations not yet filled')
    .option('--strict', 'a citation not yet filled is an error (exit 1)')
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
  rules
    .command('init <dir>')
    .description('Start the rules of another agreement: a folder that validates at once, each file linked to its JSON Schema, every citation marked unfilled')
    .option('--id <id>', 'agreement id (default: the folder name)')
    .option('--name <text>', 'agreement name')
    .option('--employer <text>', 'the employer (county office or district)')
    .option('--association <text>', 'the association')
    .option('--from <date>', 'first day of the term, YYYY-MM-DD (default: July 1 this year)')
    .option('--to <date>', 'last day of the term (default: three years on)')
    .option('--days <n>', 'base work year in days', '185')
    .option('--hours <h>', 'hours of the teacher work day', '7')
    .option('--months <n>', 'monthly pay warrants a year', '12')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['cba rules init my-office --employer "Example County Office of Education" --from 2024-07-01 --to 2027-06-30', 'cba rules import schedule salary.csv --rules my-office --year 2024-25', 'cba rules validate --rules my-office']))
    .action(async (dir: string, o: any, cmd: any) => {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      return (await import('./rules-init.run')).initRules(dir, o, ctx);
    });
  const imp = rules.command('import').description('Import rules from a file: a salary schedule from CSV, XLSX or PDF');
  imp
    .command('schedule <file>')
    .description('Read a salary schedule (CSV with any delimiter, XLSX, PDF) and write it as a schedule YAML: prints what it read (classes, steps, blank cells, plateaus, column sums) to check against the paper')
    .option('--schedule <id>', 'schedule id (kebab-case)', 'teacher')
    .option('--name <text>', 'schedule name (default: the title line)')
    .option('--year <yyyy-yy>', 'school year (default: read from the title)')
    .option('--effective <date>', 'first day in force, YYYY-MM-DD (default: printed, else July 1 of the year)')
    .option('--until <date>', 'last day in force, when the agreement says (default: until the next schedule of the id)')
    .option('--basis <kind>', 'annual | daily | hourly (default: from the size of the amounts)')
    .option('--days <n>', 'work days of the schedule: the divisor of its daily rate (default: the agreement\'s base year)')
    .option('--assignment <key>', "the agreement's assignment this schedule pays (hours per day)")
    .option('--sheet <name|n>', 'worksheet of an .xlsx workbook (default: the first)')
    .option('--table <n>', 'which schedule, when the file holds several')
    .option('--transpose', 'classes are rows and steps are columns (detected when not given)')
    .option('--delimiter <c>', 'CSV delimiter (detected: comma, semicolon, tab or pipe)')
    .option('--out <file>', 'write the YAML to this file (or into this folder)')
    .option('--dry-run', 'read and validate, show the review, write nothing')
    .option('--force', 'replace an existing schedule file')
    .option('--json', 'print the review and the YAML as JSON')
    .addHelpText(
      'after',
      `
Target: --out <file>; else --rules <folder> (or CBA_RULES) writes into that agreement's schedules/;
else the YAML goes to stdout and the review to stderr. The result is validated (with the agreement
it joins) before anything is written; an existing file is replaced only with --force.
Blank, "-" and "n/a" cells are "no such step"; "$" and thousands commas are stripped; a line of
amounts under a step labelled daily/hourly (or blank) is that step's printed rate.
${examples([
        'cba rules import schedule salary-2024-25.csv --year 2024-25 --dry-run',
        'cba rules import schedule salary.xlsx --sheet "Certificated" --rules my-rules --schedule teacher',
        'cba rules import schedule schedule.csv --out schedules/teacher-2024-25.yaml --days 185',
        'cat schedule.csv | cba rules import schedule - --year 2024-25 > teacher-2024-25.yaml',
      ])}`,
    )
    .action(async (file: string, o: any, cmd: any) => {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      return (await import('./rules-import.run')).importSchedule(file, o, g, ctx);
    });
}
