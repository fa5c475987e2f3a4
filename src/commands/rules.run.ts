import type { GlobalOpts } from '../cli/context';
import { loadRules, defaultRulesRoot } from '../rules/load';
import { makeCtx, printJson, renderTable, write, csvLine } from '../cli/output';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditRules } from '../rules/rules-audit';
import { markCheckFailed } from '../cli/check';

export async function action0(o: any, cmd: any) {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      const set = await loadRules(g.rules ?? defaultRulesRoot());
      const summary = set.agreements.map((a) => ({ agreement: a.meta.id, schedules: a.schedules.map((s) => `${s.id} ${s.year}`), parts: Object.keys(a.parts.files) }));
      if (o.json) return printJson(ctx, { valid: true, root: set.root, agreements: summary });
      for (const s of summary) write(ctx, `${s.agreement}: valid (${s.schedules.length} schedules: ${s.schedules.join(', ')}${s.parts.length ? `; ${s.parts.join(', ')}` : ''})`);
    }

export async function action1(o: any, cmd: any) {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      const set = await loadRules(g.rules ?? defaultRulesRoot());
      const findings = set.agreements.flatMap((a) => {
        let text: string | undefined;
        try {
          text = readFileSync(join(a.dir, a.meta.source), 'utf8');
        } catch {
          text = undefined;
        }
        return auditRules(a, text).map((f) => ({ agreement: a.meta.id, ...f }));
      });
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (errors) markCheckFailed();
      if (o.json) return printJson(ctx, { errors, warnings: findings.length - errors, findings });
      if (o.csv) return write(ctx, [csvLine(['agreement', 'severity', 'check', 'file', 'where', 'message']), ...findings.map((f) => csvLine([f.agreement, f.severity, f.check, f.file, f.where, f.message]))].join('').trimEnd());
      if (findings.length)
        write(ctx, await renderTable(ctx, { head: ['Severity', 'Check', 'File', 'Where', 'Finding'], rows: findings.map((f) => [f.severity === 'error' ? ctx.paint.red('error') : ctx.paint.yellow('warning'), f.check, f.file, f.where, f.message]) }));
      write(ctx, `${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'} in ${set.agreements.map((a) => a.meta.id).join(', ')}`);
    }
