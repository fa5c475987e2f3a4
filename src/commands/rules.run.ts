import type { GlobalOpts } from '../cli/context';
import { loadRules, defaultRulesRoot } from '../rules/load';
import { makeCtx, printJson, renderTable, write, warn, csvLine } from '../cli/output';
import type { Agreement } from '../rules/types';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditRules } from '../rules/rules-audit';
import { markCheckFailed } from '../cli/check';

/** Every citation still marked unfilled (cba rules init, cba rules import), by file and path. */
export function unfilledCitations(a: Agreement): { file: string; where: string }[] {
  const out: { file: string; where: string }[] = [];
  const walk = (v: unknown, file: string, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, file, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      if ((v as { unfilled?: unknown }).unfilled === true) out.push({ file, where: path || '(top level)' });
      for (const [k, x] of Object.entries(v)) if (k !== 'file' && k !== 'rows') walk(x, file, path ? `${path}.${k}` : k);
    }
  };
  walk(a.meta, relative(process.cwd(), join(a.dir, 'agreement.yaml')), '');
  for (const s of a.schedules) walk(s, s.file, '');
  for (const [k, v] of Object.entries(a.parts)) if (k !== 'files') (Array.isArray(v) ? v : [v]).forEach((x) => walk(x, (x as { file?: string }).file ?? k, ''));
  return out;
}

export async function action0(o: any, cmd: any) {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      const set = await loadRules(g.rules ?? defaultRulesRoot());
      const summary = set.agreements.map((a) => ({ agreement: a.meta.id, schedules: a.schedules.map((s) => `${s.id} ${s.year}${s.effective.slice(5) !== '07-01' ? ` from ${s.effective}` : ''}`), parts: Object.keys(a.parts.files), unfilled: unfilledCitations(a) }));
      const unfilled = summary.reduce((n, s) => n + s.unfilled.length, 0);
      if (o.strict && unfilled) markCheckFailed();
      if (o.json) return printJson(ctx, { valid: !(o.strict && unfilled), root: set.root, agreements: summary });
      for (const s of summary) {
        write(ctx, `${s.agreement}: valid (${s.schedules.length} schedules${s.schedules.length ? `: ${s.schedules.join(', ')}` : ': none yet, import one with cba rules import schedule'}${s.parts.length ? `; ${s.parts.join(', ')}` : ''})${s.unfilled.length ? `, ${s.unfilled.length} citation${s.unfilled.length === 1 ? '' : 's'} not yet filled` : ''}`);
        for (const u of s.unfilled) (o.strict ? (m: string) => ctx.stderr.write(`error: ${m}\n`) : (m: string) => warn(ctx, m))(`${u.file}: ${u.where}: citation not yet filled (give article, section and the sentence quoted, and remove unfilled: true)`);
      }
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
