// The public disclosure of a proposed agreement's costs (Government Code 3547.5): for the current year
// and the following ones, the cost over the current year's status quo, line by line, per scenario.
// Pure: the coster's totals in, plain data and a self-contained printable HTML page out.
import type { Dec } from '../core/money';
import { formatMoney } from '../core/money';
import { disclosure, scenarioNotes, type ScenarioCoster } from './scenario';
import { benefitsRules } from './benefits';

export const LINES = [
  ['scheduleChange', 'Salary schedule change'],
  ['stepAndColumn', 'Step and column'],
  ['otherCompensation', 'Other compensation (stipends, one-time)'],
  ['statutoryBenefits', 'Statutory benefits'],
  ['healthAndWelfare', 'Health and welfare'],
  ['total', 'Total cost increase'],
] as const;
export type LineKey = (typeof LINES)[number][0];

export interface DisclosureData {
  agreement: string;
  agreementName: string;
  employer: string;
  baseYear: string;
  members: number;
  invalid: number;
  /** the status quo's total cost in year 1: what the increases are measured from */
  base: { salary: Dec; stipends: Dec; statutory: Dec; health: Dec; total: Dec; fte: Dec };
  scenarios: ReturnType<typeof disclosure>;
  sources: string[];
  notes: string[];
}

export function disclosureData(c: ScenarioCoster, invalid: number): DisclosureData {
  const d = disclosure(c);
  const b = benefitsRules(c.a);
  const B = c.totals[0][0];
  const sources = [
    ...b.statutory.flatMap((s) => s.periods.flatMap((p) => p.law.map((l) => `${s.name} ${p.percent}%: ${l.code} ${l.section}: "${l.words}"`))),
    `Health cap: Article ${b.health.cap[0].cite.article}.${b.health.cap[0].cite.section}: "${b.health.cap[0].cite.quote}"`,
    `Creditable compensation: ${b.creditable.reading}`,
    'Salaries and stipends: the schedules and stipends of the rules (Appendix A; each stipend\'s own citation), cell by cell: every person\'s figures are in `cba cost {scenario} ... {csv}`.',
  ];
  return {
    agreement: c.a.meta.id,
    agreementName: c.a.meta.name,
    employer: c.a.meta.employer,
    baseYear: c.baseYear,
    members: c.counted,
    invalid,
    base: { salary: B.salary, stipends: B.stipends, statutory: B.statutory, health: B.health, total: B.total, fte: B.fte },
    scenarios: d,
    sources,
    notes: [
      'Each line is the cost above the current year\'s status quo (year 1, on the schedule in force, before any change): the schedule change against the status quo of the same year, step and column as the status quo\'s own movement, statutory benefits and health against year 1. The lines add up to the total.',
      ...scenarioNotes(c.a),
    ],
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const m = (x: Dec) => formatMoney(x);

/** A bar chart of each scenario's total cost by year, as inline SVG (no script, prints as drawn). */
function chartSvg(d: DisclosureData): string {
  const years = d.scenarios[0].years.map((y) => y.year);
  const series = d.scenarios.map((s) => s.years.map((y) => Number(y.scenarioTotal.toFixed(2))));
  const max = Math.max(...series.flat(), 1);
  const W = 680, H = 260, left = 90, bottom = 40, top = 16;
  const gw = (W - left - 10) / years.length;
  const bw = Math.min(48, (gw - 16) / series.length);
  const colors = ['#8c8c8c', '#1f5f99', '#c0671d', '#2e8540', '#8a3ab9', '#b8322a'];
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  let s = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Total cost by year per scenario">`;
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    s += `<line x1="${left}" x2="${W - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">$${Math.round(v).toLocaleString('en-US')}</text>`;
  }
  years.forEach((yr, i) => {
    const gx = left + i * gw + (gw - bw * series.length) / 2;
    series.forEach((vals, j) => {
      const v = vals[i];
      s += `<rect x="${(gx + j * bw).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bw - 3).toFixed(1)}" height="${(H - bottom - y(v)).toFixed(1)}" fill="${colors[j % colors.length]}"><title>${esc(d.scenarios[j].name)} ${yr}: $${v.toLocaleString('en-US', { minimumFractionDigits: 2 })}</title></rect>`;
    });
    s += `<text x="${(left + i * gw + gw / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" font-size="12">${yr}</text>`;
  });
  s += '</svg><div class="legend">';
  d.scenarios.forEach((sc, j) => (s += `<span><i style="background:${colors[j % colors.length]}"></i>${esc(sc.name)}</span>`));
  return s + '</div>';
}

/** A self-contained printable page: styles inline, the chart as SVG, no script and nothing fetched. */
export function disclosureHtml(d: DisclosureData): string {
  const years = d.scenarios[0].years.map((y) => y.year);
  const table = (sc: DisclosureData['scenarios'][number], si: number) => {
    let t = `<table data-scenario="${si}"><thead><tr><th></th>${years.map((y, k) => `<th>${k === 0 ? 'Current year' : `Year ${k + 1}`}<br>${y}</th>`).join('')}</tr></thead><tbody>`;
    t += `<tr><td>Members / FTE</td>${sc.years.map((y) => `<td>${y.members} / ${y.fte.toFixed()}</td>`).join('')}</tr>`;
    for (const [key, label] of LINES)
      t += `<tr class="${key === 'total' ? 'total' : ''}"><td>${label}</td>${sc.years.map((y) => `<td data-line="${key}" data-year="${y.year}">${m(y[key] as Dec)}</td>`).join('')}</tr>`;
    t += `<tr><td>% change over the current year</td>${sc.years.map((y) => `<td data-line="percentChange" data-year="${y.year}">${y.percentChange.toFixed(2)}%</td>`).join('')}</tr>`;
    t += `<tr><td>Total compensation cost</td>${sc.years.map((y) => `<td data-line="scenarioTotal" data-year="${y.year}">${m(y.scenarioTotal)}</td>`).join('')}</tr>`;
    t += `<tr><td>Cost of a 1% raise</td>${sc.years.map((y) => `<td data-line="costOfOnePercent" data-year="${y.year}">${m(y.costOfOnePercent)}</td>`).join('')}</tr>`;
    return t + '</tbody></table>';
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Public disclosure of a proposed agreement: ${esc(d.agreementName)}</title>
<style>
@page { size: letter; margin: 0.6in; }
body { font: 11pt/1.35 Georgia, "Times New Roman", serif; color: #111; max-width: 7.3in; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 4pt; page-break-after: avoid; }
.meta { color: #444; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; page-break-inside: avoid; font-size: 10pt; }
th, td { border-bottom: 1px solid #ccc; padding: 3pt 6pt; text-align: right; } th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #333; vertical-align: bottom; } tr.total td { font-weight: bold; border-top: 2px solid #333; }
.chart { page-break-inside: avoid; } .legend span { margin-right: 14pt; font-size: 10pt; } .legend i { display: inline-block; width: 10pt; height: 10pt; margin-right: 4pt; vertical-align: middle; }
.notes { font-size: 8.5pt; color: #333; } .notes li { margin-bottom: 2pt; }
</style></head><body>
<h1>Public disclosure of proposed collective bargaining agreement costs</h1>
<p class="meta">${esc(d.employer)}: ${esc(d.agreementName)}<br>
Government Code 3547.5. Current year ${esc(d.baseYear)}; ${d.members} unit members on the roster (${d.base.fte.toFixed()} FTE)${d.invalid ? `; ${d.invalid} roster rows could not be costed and are not included` : ''}.<br>
Current year cost at the status quo: <span data-line="base">${m(d.base.total)}</span> (salary ${m(d.base.salary)}, stipends ${m(d.base.stipends)}, statutory ${m(d.base.statutory)}, health and welfare ${m(d.base.health)}).</p>
<div class="chart"><h2>Total cost by year</h2>${chartSvg(d)}</div>
${d.scenarios.map((sc, si) => `<h2>${esc(sc.name)}</h2>${sc.changes.length ? `<p class="meta">${sc.changes.map((c) => esc(`${c.effective}: ${c.text}`)).join('; ')}</p>` : ''}${table(sc, si)}`).join('\n')}
<h2>Sources and readings</h2>
<ul class="notes">${[...d.sources, ...d.notes].map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
</body></html>
`;
}
