// cba agreements: the agreements under the rules folder (--rules, else CBA_RULES, else the shipped
// rules): id, name, term, and each schedule with the dates it covers.
import type { Command } from 'commander';
import { relative } from 'node:path';
import { loadRules } from '../rules/load';
import { coverage, coveredText } from '../rules/schedules/effective';
import { scheduleIds } from '../rules/schedules/schedule';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx } from '../cli/command';
import { examples } from '../cli/help';
import { csvLine, printJson, renderTable, write } from '../cli/output';

export const DESCRIPTION = 'List the agreements of the rules folder: id, name, term, schedules and the dates they cover';

export const OPTIONS = {
  ...JSON_OPTION,
  csv: { flags: '--csv', help: 'print CSV (one row per agreement and schedule)' },
} as const;
export type AgreementsOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('agreements').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => `
The rules folder: --rules <dir>, else the CBA_RULES environment variable, else
the shipped agreement. A folder holding agreement.yaml is one agreement; a
folder of such folders holds several (choose one for the other commands with
--agreement <id>).
${examples(['cba agreements', 'cba agreements --rules fixtures/rules', 'CBA_RULES=/srv/cba-rules cba agreements --json'])}`,
    )
    .action((o: AgreementsOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export interface AgreementSummary {
  id: string;
  name: string;
  term: { from: string; to: string };
  folder: string;
  fixture: boolean;
  schedules: { id: string; years: string[]; covers: string; files: number }[];
}

export async function run(o: AgreementsOptions, { out: ctx, global: g }: RunCtx): Promise<void> {
  // the shipped rules through the compiled cache (naming the folder would read and validate every file)
  const set = await loadRules(g.rules);
  const list: AgreementSummary[] = set.agreements.map((a) => ({
    id: a.meta.id,
    name: a.meta.name,
    term: a.meta.term,
    folder: relative(process.cwd(), a.dir) || '.',
    fixture: a.meta.fixture === true,
    schedules: scheduleIds(a).map((id) => {
      const c = coverage(a, id);
      return { id, years: [...new Set(c.map((x) => x.schedule.year))].sort(), covers: coveredText(c), files: c.length };
    }),
  }));
  if (o.json) return printJson(ctx, { root: set.root, agreements: list });
  if (o.csv)
    return write(
      ctx,
      [csvLine(['agreement', 'name', 'term_from', 'term_to', 'schedule', 'years', 'covers', 'folder']), ...list.flatMap((x) => (x.schedules.length ? x.schedules : [{ id: '', years: [], covers: '' }]).map((s) => csvLine([x.id, x.name, x.term.from, x.term.to, s.id, s.years.join(' '), s.covers, x.folder])))].join('').trimEnd(),
    );
  const rows = list.map((x) => [
    x.id + (x.fixture ? ' (test fixture)' : ''),
    x.name,
    `${x.term.from} to ${x.term.to}`,
    x.schedules.length ? x.schedules.map((s) => `${s.id}: ${s.years.join(', ')} (${s.covers})`).join('; ') : 'none yet',
  ]);
  write(ctx, await renderTable(ctx, { head: ['Agreement', 'Name', 'Term', 'Schedules (school years; dates covered)'], rows }));
  if (list.length > 1) write(ctx, ctx.paint.dim(`${list.length} agreements under ${relative(process.cwd(), set.root) || '.'}: choose one with --agreement <id>`));
}
