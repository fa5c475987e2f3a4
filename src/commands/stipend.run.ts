import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { computeStipends, listStipends, type StipendResult } from '../rules/stipend';
import { setup } from '../cli/context';
import { csvLine, jm, money, printJson, renderTable, write } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { citeShort } from '../rules/source';
import { markCheckFailed } from '../cli/check';
import { stipendInput, checkFlagsMatch } from './stipend-input';

export function stipendJson(s: StipendResult) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    count: s.count,
    annual: jm(s.annual),
    monthly: s.monthly ? jm(s.monthly) : null,
    eligible: s.eligible,
    reason: s.reason,
    ...(s.firstPayable ? { firstPayable: s.firstPayable } : {}),
    ...(s.lastMonthPaid ? { lastMonthPaid: s.lastMonthPaid, endsOn: s.endsOn } : {}),
    how: s.how,
    readings: s.readings,
    sources: uniqueSources(s.sources),
  };
}

const yesNo = (e: boolean | null) => (e === null ? 'not checked' : e ? 'yes' : 'no');

export async function action0(ids: string[], o: any, cmd: Command) {
      const { a, ctx } = await setup(cmd);
      if (o.list) {
        if (ids.length) throw new InputError('--list lists every stipend; give either --list or stipend ids, not both');
        const list = listStipends(a, o.year);
        if (o.json) return printJson(ctx, list.map((s) => ({ id: s.id, name: s.name, kind: s.kind, basis: s.basis, annual: s.annual ? jm(s.annual) : null, monthly: s.monthly ? jm(s.monthly) : null, source: s.cite })));
        if (o.csv) return write(ctx, [csvLine(['id', 'name', 'basis', 'annual', 'monthly', 'source']), ...list.map((s) => csvLine([s.id, s.name, s.basis, s.annual?.toFixed(2), s.monthly?.toFixed(2), citeShort(s.cite)]))].join('').trimEnd());
        return write(ctx, await renderTable(ctx, { head: ['Id', 'Stipend', 'Basis', 'Annual', 'Monthly', 'Source'], rows: list.map((s) => [s.id, s.name, s.basis, money(s.annual ?? undefined), money(s.monthly ?? undefined), citeShort(s.cite)]), right: [3, 4] }));
      }
      if (!ids.length) throw new InputError('give one or more stipend ids (for example cba stipend ltvs), or --list to see them all');
      const input = stipendInput({ ...o, year: o.year });
      checkFlagsMatch(a, ids, input, false);
      const r = computeStipends(a, ids, input);
      if (r.stipends.some((s) => s.eligible === false)) markCheckFailed();
      if (o.json) return printJson(ctx, { agreement: a.meta.id, stipends: r.stipends.map(stipendJson), total: jm(r.total), monthlyTotal: jm(r.monthlyTotal) });
      if (o.csv) {
        let s = csvLine(['id', 'name', 'count', 'annual', 'monthly', 'eligible', 'reason', 'how', 'source']);
        for (const x of r.stipends) s += csvLine([x.id, x.name, x.count, x.annual.toFixed(2), x.monthly?.toFixed(2), yesNo(x.eligible), x.reason, x.how, sourceText(x.sources[0])]);
        return write(ctx, s.trimEnd());
      }
      const rows = r.stipends.map((x) => [x.id, money(x.annual), x.monthly ? money(x.monthly) : '', x.eligible === false ? ctx.paint.red('no') : x.eligible ? ctx.paint.green('yes') : ctx.paint.yellow('not checked'), x.reason, x.how, sourceText(x.sources[0])]);
      rows.push([ctx.paint.bold('total (eligible)'), money(r.total), money(r.monthlyTotal), '', '', '', '']);
      write(ctx, await renderTable(ctx, { head: ['Stipend', 'Annual', 'Monthly', 'Eligible', 'Reason', 'How', 'Source'], rows, right: [1, 2] }));
      for (const rd of [...new Set(r.stipends.flatMap((x) => x.readings))]) write(ctx, ctx.paint.dim(`Reading: ${rd}`));
    }
