// cba disclose: the roster streamed through the scenarios, then the disclosure's lines rendered.
import type { Command } from 'commander';
import { setup, writeUserFile } from '../cli/context';
import { csvLine, jm, money, note, printJson, renderTable, warn, write } from '../cli/output';
import { runScenarios, type BargainOpts } from './bargain-io';
import { terminalChart } from './cost-scenario.run';
import { disclosureData, disclosureHtml, LINES } from '../batch/disclose';
import type { Dec } from '../core/money';

export async function action(o: BargainOpts & { html?: string; json?: boolean; csv?: boolean }, cmd: Command) {
  const { a, ctx } = await setup(cmd);
  let invalid = 0;
  const coster = await runScenarios(a, o, (p) => {
    if (p.status !== 'ok') {
      invalid++;
      warn(ctx, `row ${p.row}${p.id ? ` (${p.id})` : ''}: not costed: ${p.reason}`);
    }
  });
  const d = disclosureData(coster, invalid);
  if (o.html) {
    writeUserFile(o.html, disclosureHtml(d), '--html');
    note(ctx, `wrote the disclosure page to ${o.html} (self-contained; print it on letter paper)`);
  }
  const years = d.scenarios[0].years.map((y) => y.year);
  if (o.json)
    return printJson(ctx, {
      agreement: d.agreement,
      employer: d.employer,
      currentYear: d.baseYear,
      members: d.members,
      invalid: d.invalid,
      base: { salary: jm(d.base.salary), stipends: jm(d.base.stipends), statutory: jm(d.base.statutory), health: jm(d.base.health), total: jm(d.base.total), fte: Number(d.base.fte.toFixed()) },
      scenarios: d.scenarios.map((s) => ({
        name: s.name,
        file: s.file,
        changes: s.changes,
        years: s.years.map((y) => ({ year: y.year, members: y.members, fte: Number(y.fte.toFixed()), ...Object.fromEntries(LINES.map(([k]) => [k, jm(y[k] as Dec)])), percentChange: Number(y.percentChange.toFixed(2)), scenarioTotal: jm(y.scenarioTotal), costOfOnePercent: jm(y.costOfOnePercent) })),
      })),
      sources: d.sources,
      notes: d.notes,
    });
  if (o.csv) {
    let s = csvLine(['scenario', 'line', ...years]);
    for (const sc of d.scenarios) {
      s += csvLine([sc.name, 'members', ...sc.years.map((y) => y.members)]);
      s += csvLine([sc.name, 'fte', ...sc.years.map((y) => y.fte.toFixed())]);
      for (const [k] of LINES) s += csvLine([sc.name, k, ...sc.years.map((y) => (y[k] as Dec).toFixed(2))]);
      s += csvLine([sc.name, 'percentChange', ...sc.years.map((y) => y.percentChange.toFixed(2))]);
      s += csvLine([sc.name, 'scenarioTotal', ...sc.years.map((y) => y.scenarioTotal.toFixed(2))]);
      s += csvLine([sc.name, 'costOfOnePercent', ...sc.years.map((y) => y.costOfOnePercent.toFixed(2))]);
    }
    return write(ctx, s.trimEnd());
  }
  write(ctx, `Public disclosure (Gov. Code 3547.5): ${d.employer}; current year ${d.baseYear}, ${d.members} members (${d.base.fte.toFixed()} FTE); current cost at the status quo ${money(d.base.total)}`);
  for (const sc of d.scenarios) {
    const rows: string[][] = [
      ['Members / FTE', ...sc.years.map((y) => `${y.members} / ${y.fte.toFixed()}`)],
      ...LINES.map(([k, label]) => [label, ...sc.years.map((y) => money(y[k] as Dec))]),
      ['% change over the current year', ...sc.years.map((y) => `${y.percentChange.toFixed(2)}%`)],
      ['Total compensation cost', ...sc.years.map((y) => money(y.scenarioTotal))],
      ['Cost of a 1% raise', ...sc.years.map((y) => money(y.costOfOnePercent))],
    ];
    write(ctx, '\n' + (await renderTable(ctx, { title: sc.name + (sc.changes.length ? `: ${sc.changes.map((c) => `${c.effective} ${c.text}`).join('; ')}` : ''), head: ['', ...years], rows, right: years.map((_, i) => i + 1) })));
  }
  await terminalChart(ctx, d.scenarios.map((s) => ({ name: s.name, values: s.years.map((y) => Number(y.scenarioTotal.toFixed(2))) })));
  for (const n of d.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
}
