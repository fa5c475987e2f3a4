// Internal consistency of an agreement's rules: what a person typing next year's schedule wants
// told. Pure: the loaded agreement (and its source text) in, findings out.
import { dec, divRound, formatMoney } from '../core/money';
import { computeStipend } from '../rules/stipends/stipends';
import { part } from '../rules/part';
import { thresholdDays } from '../rules/advancement/advancement';
import type { Agreement, Schedule } from '../rules/types';

export interface Finding {
  severity: 'error' | 'warning';
  check: string;
  file: string;
  where: string;
  message: string;
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

function cellsOf(s: Schedule): Map<string, Map<number, number>> {
  const m = new Map<string, Map<number, number>>();
  for (const c of s.classes) m.set(c, new Map());
  for (const r of s.rows) {
    const cells = r[s.basis];
    for (const [c, v] of Object.entries(cells ?? {})) m.get(c)?.set(r.step, v);
  }
  return m;
}

export function auditRules(a: Agreement, sourceText?: string): Finding[] {
  const out: Finding[] = [];
  const R = a.meta.rounding;
  for (const s of a.schedules) {
    const baseDays = s.days?.value ?? a.meta.parameters.baseYearDays.value;
    const cells = cellsOf(s);
    // printed daily rate vs annual / days
    if (s.basis === 'annual')
      for (const r of s.rows)
        for (const [c, d] of Object.entries(r.daily ?? {})) {
          const annual = r.annual![c];
          const rule = divRound(dec(annual), baseDays, R.dailyRate);
          const diff = dec(d).minus(rule).abs();
          if (!diff.eq(0))
            out.push({
              severity: diff.lte('0.01') ? 'warning' : 'error',
              check: 'daily-rate',
              file: s.file,
              where: `${s.year} Class ${c} Step ${r.step}`,
              message: `printed daily rate ${formatMoney(dec(d))} differs from ${formatMoney(dec(annual), 0)} / ${baseDays} = ${formatMoney(rule)} by ${formatMoney(diff)}`,
            });
        }
    // a blank between two printed steps of a class (paid at the step above it)
    for (const [c, m] of cells) {
      const printed = s.rows.filter((r) => m.has(r.step)).map((r) => r.step);
      for (const r of s.rows)
        if (!m.has(r.step) && r.step > printed[0] && r.step < printed[printed.length - 1])
          out.push({ severity: 'warning', check: 'blank-cell', file: s.file, where: `${s.year} Class ${c} Step ${r.step}`, message: `blank between printed steps: paid at step ${Math.max(...printed.filter((x) => x < r.step))}, the printed step above it` });
    }
    // increasing along steps
    for (const [c, m] of cells) {
      const steps = [...m.keys()].sort((x, y) => x - y);
      for (let i = 1; i < steps.length; i++)
        if (m.get(steps[i])! < m.get(steps[i - 1])!)
          out.push({ severity: 'error', check: 'steps-increase', file: s.file, where: `${s.year} Class ${c} Step ${steps[i]}`, message: `${m.get(steps[i])} is below step ${steps[i - 1]} (${m.get(steps[i - 1])})` });
        else if (m.get(steps[i])! === m.get(steps[i - 1])!)
          out.push({ severity: 'warning', check: 'steps-increase', file: s.file, where: `${s.year} Class ${c} Step ${steps[i]}`, message: `${m.get(steps[i])} equals step ${steps[i - 1]}: a plateau, or a misread?` });
    }
    // increasing along classes
    for (const r of s.rows) {
      const present = s.classes.filter((c) => cells.get(c)!.has(r.step));
      for (let i = 1; i < present.length; i++) {
        const lo = cells.get(present[i - 1])!.get(r.step)!;
        const hi = cells.get(present[i])!.get(r.step)!;
        if (hi < lo) out.push({ severity: 'error', check: 'classes-increase', file: s.file, where: `${s.year} Step ${r.step} Class ${present[i]}`, message: `${hi} is below Class ${present[i - 1]} (${lo})` });
        else if (hi === lo) out.push({ severity: 'warning', check: 'classes-increase', file: s.file, where: `${s.year} Step ${r.step} Class ${present[i]}`, message: `${hi} equals Class ${present[i - 1]}: the same pay in both classes, or a misread?` });
      }
    }
  }
  // sibling schedules (same year, same classes): the same steps in each class
  for (const s of a.schedules)
    for (const t of a.schedules) {
      if (s.id >= t.id || s.year !== t.year || s.classes.join() !== t.classes.join()) continue;
      const cs = cellsOf(s), ct = cellsOf(t);
      for (const c of s.classes) {
        const a1 = [...cs.get(c)!.keys()].join(), a2 = [...ct.get(c)!.keys()].join();
        if (a1 !== a2) out.push({ severity: 'error', check: 'sibling-steps', file: t.file, where: `${t.year} Class ${c}`, message: `steps ${a2 || 'none'} differ from the ${s.id} schedule's ${a1 || 'none'}` });
      }
    }
  // printed stipend figures vs their percentages
  let st;
  try {
    st = part(a, 'stipends');
  } catch {
    st = undefined;
  }
  if (st)
    for (const rule of st.stipends) {
      if (!rule.printed) continue;
      // the year whose schedule prints the figure (its section heads the footnote's), else the earliest
      const bases = a.schedules.filter((x) => x.id === st!.base.schedule);
      const printedIn = bases.find((x) => x.cite.section !== undefined && rule.printed!.cite.section?.startsWith(x.cite.section));
      const r = computeStipend(a, rule.id, { teachers: rule.amount.kind === 'per-count' ? rule.amount.min : undefined, year: printedIn?.year ?? bases.map((x) => x.year).sort()[0] });
      if (!r.annual.eq(dec(rule.printed.annual)))
        out.push({ severity: 'error', check: 'stipend-printed', file: st.file, where: `${rule.id}.printed.annual`, message: `printed ${rule.printed.annual}, computed ${r.annual.toFixed(2)}` });
      if (rule.printed.monthly !== undefined && r.monthly && !r.monthly.eq(dec(rule.printed.monthly)))
        out.push({ severity: 'error', check: 'stipend-printed', file: st.file, where: `${rule.id}.printed.monthly`, message: `printed ${rule.printed.monthly}, computed ${r.monthly.toFixed(2)}` });
    }
  // printed sick leave hours vs days x hours per day
  const lv = a.parts.leaves;
  if (lv)
    for (const p of lv.sickLeave.printedMaxHours) {
      const h = dec(lv.sickLeave.maxDaysPerYear.value).times(a.meta.assignments[p.assignment].hoursPerDay);
      if (!h.eq(dec(p.hours))) out.push({ severity: 'error', check: 'sick-leave-hours', file: lv.file, where: `printedMaxHours ${p.assignment}`, message: `printed ${p.hours} hours, ${lv.sickLeave.maxDaysPerYear.value} days x ${a.meta.assignments[p.assignment].hoursPerDay} h = ${h.toFixed()}` });
    }
  // printed step-advance threshold vs the computed one
  const adv = a.parts.advancement;
  if (adv)
    for (const p of adv.plans) {
      if (p.stepAdvance.printedThreshold === undefined) continue;
      const s = a.schedules.find((x) => x.id === p.schedules[0])!;
      const t = thresholdDays(a, s, p).days;
      if (t !== p.stepAdvance.printedThreshold) out.push({ severity: 'error', check: 'threshold', file: adv.file, where: `plans[${p.schedules.join(',')}].stepAdvance`, message: `printed ${p.stepAdvance.printedThreshold} days, computed ${t}` });
    }
  // every quote in the agreement text
  if (sourceText) {
    const text = fold(sourceText);
    const walk = (v: unknown, file: string, path: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, file, `${path}[${i}]`));
      else if (v && typeof v === 'object') {
        // a placeholder still to be filled (cba rules validate lists it); an imported schedule's
        // citation quotes the schedule document, not the agreement text
        if ((v as { unfilled?: boolean }).unfilled) return;
        if (path === '' && (v as { source?: { kind?: string } }).source?.kind) return;
        for (const [k, x] of Object.entries(v)) {
          if (k === 'quote' && typeof x === 'string' && !text.includes(fold(x))) out.push({ severity: 'error', check: 'quote', file, where: path, message: `quote not found in the agreement text: "${x.slice(0, 60)}${x.length > 60 ? '...' : ''}"` });
          else if (k !== 'file') walk(x, file, path ? `${path}.${k}` : k);
        }
      }
    };
    walk(a.meta, 'agreement.yaml', '');
    for (const s of a.schedules) walk(s, s.file, '');
    for (const [k, v] of Object.entries(a.parts)) if (k !== 'files') (Array.isArray(v) ? v : [v]).forEach((x) => walk(x, (x as { file?: string }).file ?? k, ''));
  }
  return out;
}
