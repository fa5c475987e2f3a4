// cba disclose: the roster streamed through the scenarios, then the disclosure's lines rendered.
import type { Command } from 'commander';
import { writeUserFile } from '../cli/files';
import { csvLine, jm, money, note, printJson, renderTable, warn, write } from '../cli/output';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { BlankRows, runScenarios, withBenefits } from './bargain-io';
import { terminalChart } from './cost-scenario';
import { disclosureData, disclosureHtml, LINES } from '../batch/disclose';
import type { Dec } from '../core/money';
import { InputError } from '../core/errors';

export const DESCRIPTION = "The public disclosure of a proposal's costs (Gov. Code 3547.5): current year and the following two, per scenario";

export const OPTIONS = {
  roster: { flags: '--roster <file>', help: 'CSV or .xlsx roster (- for stdin, CSV), as cba cost --scenario reads it', required: true },
  sheet: { flags: '--sheet <name>', help: 'an .xlsx roster: the worksheet, by name or number (default: the first)' },
  scenario: { flags: '--scenario <file>', help: 'a proposal as a scenario YAML file (repeat for several)', repeat: true },
  years: { flags: '--years <n>', help: 'school years shown, from the current one (default 3)' },
  year: { flags: '--year <yyyy-yy>', help: 'the current school year (default: the latest schedule year)' },
  rates: { flags: '--rates <file>', help: "the county office's rates file (unemployment, workers' comp, health premiums)" },
  html: { flags: '--html <file>', help: 'also write a self-contained printable HTML page with a chart of cost by year' },
  ...JSON_OPTION,
  csv: { flags: '--csv', help: 'print CSV: one line per scenario and line of the disclosure, a column per year' },
} as const;
export type DiscloseOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('disclose').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        'cba disclose --roster fixtures/bargain/roster3.csv --scenario fixtures/bargain/proposal-a.yaml',
        'cba disclose --roster roster.csv --scenario a.yaml --scenario b.yaml --rates county-rates.yaml --html disclosure.html',
        'cba disclose --roster roster.csv --scenario a.yaml --json',
      ]),
    )
    .action((o: DiscloseOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export async function run(o: DiscloseOptions, { out: ctx, agreement, io }: RunCtx): Promise<RunResult> {
  if (!o.scenario?.length) throw new InputError('--scenario <file> is required: the proposal to disclose (repeat for several)');
  const a = await withBenefits(await agreement(), (m) => note(ctx, m));
  let invalid = 0;
  // the blank rows a sheet keeps (a million for a far last row) in one line after the roster, as cba
  // cost and cba audit count them: not rows that could not be costed
  const blank = new BlankRows();
  const coster = await runScenarios(a, o, io, (p) => {
    if (p.blank) blank.add(p.row);
    else if (p.status !== 'ok') {
      invalid++;
      warn(ctx, `row ${p.row}${p.id ? ` (${p.id})` : ''}: not costed: ${p.reason}`);
    }
  });
  const blankLine = blank.line();
  if (blankLine) note(ctx, blankLine);
  const d = disclosureData(coster, invalid);
  if (o.html) {
    writeUserFile(o.html, disclosureHtml(d), '--html');
    note(ctx, `wrote the disclosure page to ${o.html} (self-contained; print it on letter paper)`);
  }
  const years = d.scenarios[0].years.map((y) => y.year);
  if (o.json) {
    printJson(ctx, {
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
    return {};
  }
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
    write(ctx, s.trimEnd());
    return {};
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
  return {};
}
