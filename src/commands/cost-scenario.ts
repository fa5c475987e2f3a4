// cba cost --scenario: a roster priced over school years under proposals, against the status quo.
import type { RunCtx } from '../cli/command';
import { csvLine, flags, jm, money, note, renderTable, warn, write, type Ctx } from '../cli/output';
import { BlankRows, bufferedWriter, runScenarios, withBenefits, type BargainOpts } from './bargain-io';
import { scenarioNotes, summarize, type PersonResult, type ScenarioCoster, type YearSummary } from '../batch/scenario';
import { formatCents } from '../core/money';
import { InputError } from '../core/errors';

export const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

export const PERSON_CSV_HEAD = ['row', 'id', 'status', 'scenario', 'year', 'class', 'step', 'movement', 'fte', 'salary', 'stipends', 'one_time', 'creditable'];

export function personCsv(c: ScenarioCoster, p: PersonResult): string {
  if (p.status !== 'ok') return csvLine([p.row, p.id, p.blank ? 'blank' : 'invalid', '', '', '', '', '', '', '', '', '', '', ...c.keys.map(() => ''), '', '', p.reason]);
  let s = '';
  const fte = p.fte!.toFixed();
  p.years!.forEach((ys, si) =>
    ys.forEach((y) => {
      const m = y.cents!.map(formatCents);
      s += csvLine([p.row, p.id, 'ok', c.scenarios[si].name, y.year, y.class, y.step, y.movement, fte, m[0], m[1], m[2], m[3], ...m.slice(7), m[4], m[5], '']);
    }),
  );
  return s;
}

export function personJson(c: ScenarioCoster, p: PersonResult) {
  if (p.status !== 'ok') return { row: p.row, id: p.id, status: p.blank ? 'blank' : 'invalid', reason: p.reason };
  return {
    row: p.row,
    id: p.id,
    status: 'ok',
    fte: Number(p.fte!.toFixed()),
    scenarios: p.years!.map((ys, si) => ({
      scenario: c.scenarios[si].name,
      years: ys.map((y) => ({ year: y.year, class: y.class, step: y.step, movement: y.movement, salary: jm(y.salary), stipends: jm(y.stipends), oneTime: jm(y.oneTime), creditable: jm(y.creditable), ...Object.fromEntries(c.keys.map((k) => [k, jm(y.costs[k])])), health: jm(y.health), total: jm(y.total) })),
    })),
  };
}

export function yearJson(c: ScenarioCoster, y: YearSummary) {
  return {
    year: y.year,
    members: y.members,
    fte: Number(y.fte.toFixed()),
    salary: jm(y.salary),
    stipends: jm(y.stipends),
    oneTime: jm(y.oneTime),
    creditable: jm(y.creditable),
    statutory: Object.fromEntries(c.keys.map((k) => [k, jm(y.costs[k])])),
    statutoryTotal: jm(y.statutory),
    health: jm(y.health),
    total: jm(y.total),
    perFte: y.perFte ? jm(y.perFte) : null,
    cumulative: jm(y.cumulative),
    vsStatusQuo: jm(y.vsStatusQuo),
    vsStatusQuoCumulative: jm(y.vsStatusQuoCumulative),
    costOfOnePercent: jm(y.costOfOnePercent),
    changes: y.changes,
  };
}

/** A small line chart of each scenario's total by year, on a terminal only (asciichart, loaded lazily). */
export async function terminalChart(ctx: Ctx, series: { name: string; values: number[] }[]): Promise<void> {
  if (!ctx.isTTY || series[0].values.length < 2) return;
  const { plot } = await import('../lazy/chart');
  const all = series.flatMap((s) => s.values);
  const lo = Math.min(...all), hi = Math.max(...all);
  const chart = plot(series.map((s) => s.values.flatMap((v, i) => (i ? [v, v, v, v, v, v] : [v]))), {
    height: 8,
    min: lo,
    max: hi === lo ? lo + 1 : hi,
    format: (x: number) => ('$' + Math.round(x).toLocaleString('en-US')).padStart(14),
  });
  write(ctx, '\nTotal cost by year (one line per scenario, in the order of the table)\n' + chart);
}

export async function runScenario(o: BargainOpts & { json?: boolean; csv?: boolean; raise?: string; outSchedule?: string }, { out: ctx, agreement, io }: RunCtx): Promise<void> {
  if (o.raise !== undefined || o.outSchedule) throw new InputError('--scenario prices proposal files; --raise and --out-schedule are for a single raise without them (put the raise in a scenario: kind: schedule-percent)');
  const a = await withBenefits(await agreement(), (m) => note(ctx, m));
  const out = bufferedWriter(ctx.stdout);
  let keys: string[] = [];
  let first = true;
  let invalid = 0;
  // blank rows (a sheet's last rows): status blank, one note for all, as cba cost and cba disclose
  const blank = new BlankRows();
  const coster = await runScenarios(a, o, io, async (p, c) => {
    if (first) {
      keys = c.keys;
      if (o.csv) await out.write(csvLine([...PERSON_CSV_HEAD, ...keys.map(snake), 'health', 'total', 'reason']));
      if (o.json) await out.write(`{\n"agreement": ${JSON.stringify(a.meta.id)},\n"rows": [\n`);
      first = false;
    } else if (o.json) await out.write(',\n');
    if (p.blank) blank.add(p.row);
    else if (p.status !== 'ok') {
      invalid++;
      if (!o.json && !o.csv) warn(ctx, `row ${p.row}${p.id ? ` (${p.id})` : ''}: not costed: ${p.reason}`);
    }
    if (o.csv) await out.write(personCsv(c, p));
    else if (o.json) await out.write(JSON.stringify(personJson(c, p)));
  });
  const sum = summarize(coster);
  const blankLine = blank.line();
  if (blankLine) note(ctx, blankLine);
  if (o.csv) {
    if (first) await out.write(csvLine([...PERSON_CSV_HEAD, ...coster.keys.map(snake), 'health', 'total', 'reason']));
    await out.end();
    if (invalid) warn(ctx, `${invalid} row${invalid > 1 ? 's' : ''} not costed (status invalid, with the reason)`);
    return;
  }
  if (o.json) {
    if (first) await out.write(`{\n"agreement": ${JSON.stringify(a.meta.id)},\n"rows": [\n`);
    await out.write(
      `\n],\n"baseYear": ${JSON.stringify(coster.baseYear)},\n"members": ${coster.counted},\n"invalid": ${coster.counted === 0 && invalid === 0 ? 0 : invalid},\n"blank": ${blank.count},\n"scenarios": ${JSON.stringify(sum.map((s) => ({ name: s.name, file: s.file, years: s.years.map((y) => yearJson(coster, y)) })))},\n"notes": ${flags(JSON.stringify(scenarioNotes(a)))}\n}\n`,
    );
    await out.end();
    return;
  }
  await out.end();
  const rows: string[][] = [];
  for (const s of sum)
    s.years.forEach((y, k) =>
      rows.push([k === 0 ? s.name : '', y.year, `${y.members} / ${y.fte.toFixed()}`, money(y.total), y.perFte ? money(y.perFte) : '', s === sum[0] ? '' : money(y.vsStatusQuo), s === sum[0] ? '' : money(y.vsStatusQuoCumulative), money(y.cumulative), money(y.costOfOnePercent)]),
    );
  write(
    ctx,
    await renderTable(ctx, {
      title: `Cost of ${coster.counted} members over ${coster.plans[0].length} years from ${coster.baseYear}${invalid ? ` (${invalid} rows not costed)` : ''}: salary, stipends, one-time, statutory costs and health`,
      head: ['Scenario', 'Year', 'Members / FTE', 'Total', 'Per FTE', 'vs status quo', 'vs status quo, cumulative', 'Cumulative', 'Cost of 1%'],
      rows,
      right: [2, 3, 4, 5, 6, 7, 8],
    }),
  );
  await terminalChart(ctx, sum.map((s) => ({ name: s.name, values: s.years.map((y) => Number(y.total.toFixed(2))) })));
  for (const n of scenarioNotes(a)) write(ctx, ctx.paint.dim(`Note: ${n}`));
}
