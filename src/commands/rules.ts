import type { Command } from 'commander';
import { examples } from '../cli/context';
import type { GlobalOpts } from '../cli/context';
import { loadRules, defaultRulesRoot } from '../rules/load';
import { makeCtx, printJson, write } from '../cli/output';

export function register(program: Command) {
  const rules = program.command('rules').description('Check the rules files: schema validation and consistency audit');
  rules
    .command('validate')
    .description('Validate every rules file against the schema (names file, path and line of the first problem)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['cba rules validate', 'cba rules validate --rules fixtures/rules/example-district']))
    .action(async (o, cmd) => {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      const set = await loadRules(g.rules ?? defaultRulesRoot());
      const summary = set.agreements.map((a) => ({ agreement: a.meta.id, schedules: a.schedules.map((s) => `${s.id} ${s.year}`), parts: Object.keys(a.parts.files) }));
      if (o.json) return printJson(ctx, { valid: true, root: set.root, agreements: summary });
      for (const s of summary) write(ctx, `${s.agreement}: valid (${s.schedules.length} schedules: ${s.schedules.join(', ')}${s.parts.length ? `; ${s.parts.join(', ')}` : ''})`);
    });
}
