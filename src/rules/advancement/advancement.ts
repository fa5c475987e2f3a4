// Appendix A: step and class advancement, classification from education, initial placement,
// and the career ahead. Pure: rules and inputs in; results with reasons and sources out.
import { Big, dec, round, percent, plain, formatMoney, type Dec } from '../../core/money';
import { FieldError, InputError } from '../../core/errors';
import { formatDate, fromParts, parseDate, toParts, schoolYearRange, schoolYearStarting, type DayNumber } from '../../core/date';
import { annualCellRounding, findSchedule, getCell, lastStep, normalizeClass } from '../schedules/schedule';
import { salary } from '../schedules/salary';
import { computeStipend, type Rating } from '../stipends/stipends';
import { part } from '../part';
import { cite, citeRef, type Source } from '../source';
import { reading, type Reading } from '../readings';
import type { AdvancementFile, AdvancementPlan, Degree } from './schema';
import type { Agreement, Schedule } from '../types';

/** A reading's text as a note, or none when the agreement states no such reading. */
const texts = (r: Reading | undefined): string[] => (r ? [r.text] : []);

export function planFor(a: Agreement, scheduleId: string): AdvancementPlan {
  const p = part(a, 'advancement').plans.find((x) => x.schedules.includes(scheduleId));
  if (!p) throw new InputError(`no advancement rules for the ${scheduleId} schedule`);
  return p;
}

const annualOf = (a: Agreement, s: Schedule, cls: string, step: number) => salary(a, { schedule: s.id, year: s.year, class: cls, step }).annualSalary;

/** The next school year's schedule when the rules have it, else the same one (said in a note). */
function nextSchedule(a: Agreement, s: Schedule): { s: Schedule; note?: string } {
  const y = +s.year.slice(0, 4) + 1;
  const next = schoolYearStarting(y);
  const found = a.schedules.find((x) => x.id === s.id && x.year === next);
  return found ? { s: found } : { s, note: `No ${s.id} schedule for ${next} is in the rules: the new salary is shown on the ${s.year} schedule.` };
}

export interface StepAdvanceResult {
  schedule: string;
  year: string;
  from: { class: string; step: number };
  to: { class: string; step: number };
  eligible: boolean;
  reason: string;
  daysServed: number;
  yearDays: number;
  thresholdDays: number;
  thresholdText: string;
  rounding: string;
  effectiveDate: string;
  annualBefore: Dec;
  annualAfter: Dec;
  raise: Dec;
  notes: string[];
  sources: Source[];
}

export function thresholdDays(a: Agreement, s: Schedule, plan: AdvancementPlan): { days: number; yearDays: number; exact: Dec } {
  const yearDays = s.days?.value ?? a.meta.parameters.baseYearDays.value;
  const exact = dec(yearDays).times(percent(plan.stepAdvance.minPercent));
  return { days: Number(round(exact, plan.stepAdvance.thresholdRounding).toFixed(0)), yearDays, exact };
}

export function stepAdvance(a: Agreement, input: { schedule?: string; year?: string; class: string; step: number; daysServed: number }): StepAdvanceResult {
  const s = findSchedule(a, input.schedule, input.year);
  const cell = getCell(s, input.class, input.step);
  const plan = planFor(a, s.id);
  const sa = plan.stepAdvance;
  const { days: need, yearDays, exact } = thresholdDays(a, s, plan);
  const max = a.meta.parameters.maxYearDays.value;
  if (!Number.isInteger(input.daysServed) || input.daysServed < 0)
    throw new FieldError('daysServed', `{daysServed} ${input.daysServed}: give whole days of paid service in the school year, 0 or more`);
  if (input.daysServed > max)
    throw new FieldError('daysServed', `{daysServed} ${input.daysServed}: a school year has at most ${max} work days (Article ${a.meta.parameters.maxYearDays.cite.article}.${a.meta.parameters.maxYearDays.cite.section})`);
  const last = lastStep(s, cell.cls);
  const { s: ns, note } = nextSchedule(a, s);
  const notes: string[] = note ? [note] : [];
  const before = annualOf(a, ns, cell.cls, cell.step);
  const ok = input.daysServed >= need;
  let toStep = cell.step;
  let reason: string;
  if (!ok) reason = `${input.daysServed} days of paid service is below ${sa.minPercent}% of the ${yearDays}-day year (${need} days): no step advance`;
  else if (cell.step >= last) reason = `${input.daysServed} days meets the ${sa.minPercent}% (${need} days) threshold, but step ${cell.step} is the last step of class ${cell.cls}: no step beyond it`;
  else {
    toStep = cell.step + sa.maxStepsPerYear;
    reason = `${input.daysServed} days of paid service meets ${sa.minPercent}% of the ${yearDays}-day year (${need} days): one step`;
  }
  const eligible = ok && cell.step < last;
  const after = annualOf(a, ns, cell.cls, toStep);
  const y = +s.year.slice(0, 4) + 1;
  if (sa.printedThreshold !== undefined && sa.printedThreshold !== need)
    notes.push(...texts(reading(a.parts.advancement?.readings, 'printed-threshold-differs', { printed: sa.printedThreshold, percent: sa.minPercent, need })));
  return {
    schedule: s.id,
    year: s.year,
    from: { class: cell.cls, step: cell.step },
    to: { class: cell.cls, step: toStep },
    eligible,
    reason,
    daysServed: input.daysServed,
    yearDays,
    thresholdDays: need,
    thresholdText: `${sa.minPercent}% (${need} days)`,
    rounding: `${sa.minPercent}% x ${yearDays} = ${plain(exact)} days, rounded ${sa.thresholdRounding.mode} to a whole day${sa.thresholdRounding.note ? ` (${sa.thresholdRounding.note})` : ''}`,
    effectiveDate: formatDate(fromParts(y, 7, 1)),
    annualBefore: before,
    annualAfter: after,
    raise: after.minus(before),
    notes: [...texts(reading(a.parts.advancement?.readings, 'eligibility-as-of-june-30', { year: y, schoolYear: schoolYearStarting(y) })), ...notes],
    sources: [cite(sa.cite), cite(sa.asOfCite), cite(sa.oneStepCite), ...(sa.printedThresholdCite ? [cite(sa.printedThresholdCite)] : [])],
  };
}

export interface ClassChangeResult {
  from: { class: string; step: number };
  to: { class: string; step: number };
  submitted: string;
  effectiveDate: string;
  annualBefore: Dec;
  annualAfter: Dec;
  raise: Dec;
  monthsRemaining: number;
  restOfYear: Dec;
  how: string;
  notes: string[];
  sources: Source[];
}

/** The quarter date following a submission (strictly after it, unless inclusive). */
export function quarterDateAfter(quarters: string[], submitted: DayNumber, inclusive = false): DayNumber {
  const { y } = toParts(submitted);
  const candidates: DayNumber[] = [];
  for (const yy of [y, y + 1])
    for (const q of quarters) {
      const [m, d] = q.split('-').map(Number);
      candidates.push(fromParts(yy, m, d));
    }
  candidates.sort((p, q) => p - q);
  return candidates.find((c) => (inclusive ? c >= submitted : c > submitted))!;
}

export function classChange(a: Agreement, input: { schedule?: string; year?: string; class: string; step: number; newClass: string; submitted: string; inclusive?: boolean }): ClassChangeResult {
  const s = findSchedule(a, input.schedule, input.year);
  const cell = getCell(s, input.class, input.step);
  const plan = planFor(a, s.id);
  const newCls = normalizeClass(s, input.newClass);
  if (s.classes.indexOf(newCls) <= s.classes.indexOf(cell.cls))
    throw new FieldError('newClass', `{newClass} ${input.newClass}: a class change moves to a higher class than ${cell.cls} (classes in order: ${s.classes.join(', ')})`);
  const sub = parseDate(input.submitted, 'submitted');
  const eff = quarterDateAfter(plan.classChange.quarters, sub, input.inclusive);
  const newStep = Math.min(cell.step, lastStep(s, newCls));
  const before = annualOf(a, s, cell.cls, cell.step);
  const after = annualOf(a, s, newCls, newStep);
  const diff = after.minus(before);
  const { last } = schoolYearRange(s.year);
  const e = toParts(eff);
  const l = toParts(last);
  const months = Math.max(0, (l.y - e.y) * 12 + (l.m - e.m) + 1);
  const months12 = a.meta.parameters.monthsPerYear.value;
  const rest = round(diff.times(months).div(months12), a.meta.rounding.pay);
  const notes = texts(reading(a.parts.advancement?.readings, input.inclusive ? 'class-change-quarter-inclusive' : 'class-change-following-strict'));
  if (eff > last) notes.push(`The effective date ${formatDate(eff)} is after the ${s.year} school year: nothing is paid in ${s.year}.`);
  if (newStep !== cell.step) notes.push(`Class ${newCls} has no step ${cell.step}; placed on its last step, ${newStep}.`);
  return {
    from: { class: cell.cls, step: cell.step },
    to: { class: newCls, step: newStep },
    submitted: formatDate(sub),
    effectiveDate: formatDate(eff),
    annualBefore: before,
    annualAfter: after,
    raise: diff,
    monthsRemaining: eff > last ? 0 : months,
    restOfYear: eff > last ? new Big(0) : rest,
    how: `${formatMoney(diff)} a year x ${eff > last ? 0 : months}/${months12} months left of ${s.year} (paid monthly), rounded ${a.meta.rounding.pay.mode}`,
    notes,
    sources: [cite(plan.classChange.cite)],
  };
}

export interface Education {
  degree: Degree;
  unitsAfterBachelor?: number;
  unitsAfterMaster?: number;
  unitsAfterAa?: number;
  eceUnits?: number;
  /** the field of the degree: ece (Early Childhood Education/Child Development) or other */
  degreeIn?: 'ece' | 'other';
}

export interface ClassificationResult {
  class: string | null;
  alternative?: number;
  reason: string;
  /** how an unstated fact was read (an AA taken to be in ECE/CD) */
  reading?: Reading;
  next?: string;
  source?: Source;
  sources: Source[];
}

export function checkEducation(adv: AdvancementFile, e: Education): void {
  if (!adv.degrees.includes(e.degree)) throw new FieldError('degree', `{degree} ${e.degree}: choose one of ${adv.degrees.join(', ')}`);
  const rank = adv.degrees.indexOf(e.degree);
  for (const k of ['unitsAfterBachelor', 'unitsAfterMaster', 'unitsAfterAa', 'eceUnits'] as const) {
    const v = e[k];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new FieldError(k, `{${k}} ${v}: semester units cannot be negative`);
  }
  if (e.unitsAfterMaster !== undefined && e.unitsAfterMaster > 0 && rank < adv.degrees.indexOf('master'))
    throw new FieldError('unitsAfterMaster', `{unitsAfterMaster} ${e.unitsAfterMaster} with {degree} ${e.degree}: units "after the master's" need a master's degree ({degree} master)`);
  if (e.unitsAfterBachelor !== undefined && e.unitsAfterBachelor > 0 && rank < adv.degrees.indexOf('bachelor'))
    throw new FieldError('unitsAfterBachelor', `{unitsAfterBachelor} ${e.unitsAfterBachelor} with {degree} ${e.degree}: units "after the bachelor's" need a bachelor's degree`);
  if (e.unitsAfterAa !== undefined && e.unitsAfterAa > 0 && rank < adv.degrees.indexOf('aa'))
    throw new FieldError('unitsAfterAa', `{unitsAfterAa} ${e.unitsAfterAa} with {degree} ${e.degree}: units after the AA need an AA degree`);
}

export function classify(a: Agreement, scheduleId: string, e: Education): ClassificationResult {
  const adv = part(a, 'advancement');
  checkEducation(adv, e);
  const plan = planFor(a, scheduleId);
  const rank = (d: Degree) => adv.degrees.indexOf(d);
  const classes = plan.classification.classes;
  // "AA degree in Early Childhood Education/Child Development": the field of the degree. An AA on a
  // schedule that names only AAs in ECE/CD is read as one, unless --degree-in says otherwise.
  const fieldRule = classes.some((c) => c.alternatives.some((r) => r.degreeIn === 'ece'));
  const assumedField = fieldRule && e.degreeIn === undefined && e.degree === 'aa';
  const field = e.degreeIn ?? (assumedField ? 'ece' : 'other');
  const meets = (r: AdvancementPlan['classification']['classes'][number]['alternatives'][number]) =>
    rank(e.degree) >= rank(r.degree) &&
    (r.degreeIn === undefined || r.degreeIn === field) &&
    (r.unitsAfterBachelor ?? 0) <= (e.unitsAfterBachelor ?? 0) &&
    (r.unitsAfterMaster ?? 0) <= (e.unitsAfterMaster ?? 0) &&
    (r.unitsAfterAa ?? 0) <= (e.unitsAfterAa ?? 0) &&
    (r.eceUnits ?? 0) <= (e.eceUnits ?? 0);
  const describe = (r: AdvancementPlan['classification']['classes'][number]['alternatives'][number]) =>
    [r.degree === 'none' ? (r.eceUnits || r.unitsAfterAa ? '' : 'any education') : `${r.degree === 'aa' ? 'an AA degree' : `a ${r.degree}'s degree`}${r.degreeIn === 'ece' ? ' in Early Childhood Education/Child Development' : ''}`.replace("doctorate's degree", 'doctorate'),
      r.unitsAfterBachelor ? `${r.unitsAfterBachelor} units after the bachelor's` : '',
      r.unitsAfterMaster ? `${r.unitsAfterMaster} units after the master's` : '',
      r.unitsAfterAa ? `${r.unitsAfterAa} units after the AA` : '',
      r.eceUnits ? `${r.eceUnits} ECE/CD units` : ''].filter(Boolean).join(' + ');
  const given = [e.degree === 'none' ? 'no degree' : `a ${e.degree === 'aa' ? 'AA' : e.degree} degree${e.degreeIn === 'other' ? ' (not in ECE/CD)' : ''}`, `${e.eceUnits ?? 0} ECE/CD units`].join(' and ');
  let best: ClassificationResult = {
    class: null,
    reason: `meets no class requirement of this schedule: ${given}; the lowest, Class ${classes[0].class}, needs ${classes[0].alternatives.map(describe).join(', or ')}`,
    sources: [cite(plan.classification.cite), cite(classes[0].cite)],
  };
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    const alt = c.alternatives.findIndex(meets);
    if (alt >= 0) best = { class: c.class, alternative: alt, reason: `Class ${c.class}${c.alternatives.length > 1 ? ` ${'abc'[alt]})` : ''}: ${describe(c.alternatives[alt])}`, source: cite(c.cite), sources: [cite(plan.classification.cite), cite(c.cite)] };
  }
  if (assumedField && best.class && classes.find((c) => c.class === best.class)!.alternatives[best.alternative!].degreeIn === 'ece')
    best.reading = reading(a.parts.advancement?.readings, 'aa-is-ece-cd', { class: best.class, firstClass: classes[0].class, firstNeeds: classes[0].alternatives.map(describe).join(', or ') });
  // Class A is "less than a bachelor's degree": a bachelor's holder is at least Class I, never A.
  const idx = best.class ? classes.findIndex((c) => c.class === best.class) : -1;
  const nxt = classes[idx + 1];
  if (nxt) best.next = `next: Class ${nxt.class} needs ${nxt.alternatives.map(describe).join(', or ')}`;
  return best;
}

export interface PlacementResult {
  class: string | null;
  step: number;
  creditedYears: number;
  fullCreditYears: number;
  relatedYears: number;
  relatedSteps: number;
  reason: string;
  classReason: string;
  annual?: Dec;
  minimumSalary?: { applies: boolean; amount: Dec; text: string; source: Source };
  notes: string[];
  sources: Source[];
}

export function placement(a: Agreement, input: { schedule?: string; year?: string; education: Education; publicYears?: number; related?: Record<string, number> }): PlacementResult {
  const s = findSchedule(a, input.schedule, input.year);
  const plan = planFor(a, s.id);
  const cls = classify(a, s.id, input.education);
  const p = plan.placement;
  const pub = input.publicYears ?? 0;
  if (!Number.isInteger(pub) || pub < 0) throw new FieldError('publicYears', `{publicYears} ${pub}: give whole years of contracted teaching, 0 or more`);
  const rel = input.related ?? {};
  const kinds = (p.related ?? []).map((r) => r.id);
  let relatedYears = 0;
  for (const [k, v] of Object.entries(rel)) {
    if (!p.relatedYearsPerStep) throw new FieldError('publicYears', `the ${s.id} schedule gives no credit for related experience of kind ${k}; give {publicYears} (years of full-time related experience)`);
    if (!kinds.includes(k)) throw new FieldError('related', `{related} ${k}=${v}: no such kind of related experience; kinds: ${kinds.join(', ')}`);
    if (!Number.isInteger(v) || v < 0) throw new FieldError('related', `{related} ${k}=${v}: give whole years, 0 or more`);
    relatedYears += v;
  }
  const relatedSteps = p.relatedYearsPerStep ? Math.floor(relatedYears / p.relatedYearsPerStep) : 0;
  const raw = pub * p.stepsPerYear + relatedSteps;
  const credited = Math.min(raw, p.maxSteps);
  const notes: string[] = [];
  if (raw > p.maxSteps) notes.push(`${raw} steps of credit are capped at ${p.maxSteps}.`);
  const withoutRelated = Math.min(pub * p.stepsPerYear, p.maxSteps);
  const discretion = credited > withoutRelated ? reading(p.readings, 'related-experience-discretionary', { steps: credited - withoutRelated, without: 1 + withoutRelated }) : undefined;
  if (discretion) notes.push(`Reading: ${discretion.text}`);
  if (p.relatedYearsPerStep && relatedYears % p.relatedYearsPerStep) notes.push(`${relatedYears} years of related experience give ${relatedSteps} steps: the odd year earns no step.`);
  if (cls.reading) notes.push(`Reading: ${cls.reading.text}`);
  const sources = [cite(p.cite), ...cls.sources, ...(p.related ?? []).filter((r) => rel[r.id]).map((r) => cite(r.cite))];
  if (!cls.class) {
    return { class: null, step: 0, creditedYears: credited, fullCreditYears: pub, relatedYears, relatedSteps, reason: `no class: ${cls.reason}`, classReason: cls.reason, notes, sources };
  }
  const last = lastStep(s, cls.class);
  const step = Math.min(1 + credited, last);
  if (1 + credited > last) notes.push(`Class ${cls.class} stops at step ${last}: placed on it.`);
  const annual = annualOf(a, s, cls.class, step);
  let minimumSalary: PlacementResult['minimumSalary'];
  if (p.minimumSalary) {
    const ms = p.minimumSalary;
    const adv = part(a, 'advancement');
    const applies = annual.lt(ms.amount) && adv.degrees.indexOf(input.education.degree) >= adv.degrees.indexOf(ms.minDegree);
    minimumSalary = {
      applies,
      amount: dec(ms.amount),
      text: applies
        ? `${formatMoney(annual)} is below the $${formatMoney(dec(ms.amount), 0)} floating minimum of the Beginning Teacher Salary Program: it applies if the teacher holds a valid California teaching credential (not an emergency permit, intern permit or waiver) and is paid from the general fund, and only while the minimum exceeds the regular step`
        : `the $${formatMoney(dec(ms.amount), 0)} floating minimum does not apply: ${annual.lt(ms.amount) ? `it needs a ${ms.minDegree}'s degree or higher` : `${formatMoney(annual)} already exceeds it`}`,
      source: cite(ms.cite),
    };
    sources.push(cite(ms.cite));
  }
  return {
    class: cls.class,
    step,
    creditedYears: credited,
    fullCreditYears: pub,
    relatedYears,
    relatedSteps,
    reason: `${cls.reason}; step ${step} = 1 + ${credited} step${credited === 1 ? '' : 's'} of credit (${pub} year${pub === 1 ? '' : 's'} of full credit${p.relatedYearsPerStep ? ` + ${relatedYears} related year${relatedYears === 1 ? '' : 's'} / ${p.relatedYearsPerStep}` : ''}, at most ${p.maxSteps})`,
    classReason: cls.reason,
    annual,
    minimumSalary,
    notes,
    sources,
  };
}

export interface ProjectionYear {
  year: number;
  schoolYear: string;
  class: string;
  step: number;
  serviceYears?: number;
  salary: Dec;
  ltvsCount: number;
  stipends: Dec;
  total: Dec;
}

/** Raise every cell as the contract's across-the-board increases do, cumulatively, each year's cell
 *  rounded as the agreement's `rounding.annualCell` says (whole dollars for the shipped agreement). */
export function raised(a: Agreement, x: Dec, pct: Dec, years: number): Dec {
  let v = x;
  const cell = annualCellRounding(a);
  for (let i = 0; i < years; i++) v = round(v.times(dec(1).plus(pct.div(100))), cell);
  return v;
}

export function project(a: Agreement, input: { schedule?: string; year?: string; class: string; step: number; years: number; serviceYears?: number; raise?: string; rating?: Rating; newClass?: string; fromYear?: number }) {
  const s = findSchedule(a, input.schedule, input.year);
  const cell = getCell(s, input.class, input.step);
  if (!Number.isInteger(input.years) || input.years < 1 || input.years > 45) throw new FieldError('years', `{years} ${input.years}: project 1 to 45 years`);
  let pct = new Big(0);
  if (input.raise !== undefined) {
    try {
      pct = dec(input.raise);
    } catch {
      throw new FieldError('raise', `{raise} ${input.raise}: give a percentage per year, for example 4.23`);
    }
    if (pct.lt(-50) || pct.gt(50)) throw new FieldError('raise', `{raise} ${input.raise}: a yearly raise between -50 and 50 percent`);
  }
  const notes: string[] = [];
  const latest = findSchedule(a, s.id);
  if (input.raise === undefined) notes.push(`Later schedules are not in the rules: every year is projected on the ${latest.year} ${latest.name} (give {raise} to assume a yearly increase).`);
  else {
    const rc = annualCellRounding(a);
    notes.push(`Each year every cell is raised by ${plain(pct)}% on the year before, rounded ${rc.mode} to ${Number(rc.unit) === 1 ? 'the dollar' : rc.unit}${rc.cite ? ` (as Article ${citeRef(rc.cite)}'s across-the-board increase is applied to the schedule)` : ''}.`);
  }
  const ltvs = (() => {
    try {
      return part(a, 'stipends').stipends.find((x) => x.eligibility?.kind === 'service-milestones');
    } catch {
      return undefined;
    }
  })();
  const rows: ProjectionYear[] = [];
  let cls = cell.cls;
  let step = cell.step;
  const startY = +s.year.slice(0, 4);
  const newCls = input.newClass ? normalizeClass(s, input.newClass) : undefined;
  for (let k = 0; k < input.years; k++) {
    if (k > 0) step = Math.min(step + 1, lastStep(s, cls));
    if (newCls && k === (input.fromYear ?? 0)) {
      cls = newCls;
      step = Math.min(step, lastStep(s, cls));
    }
    const base = annualOf(a, latest, cls, step);
    const sal = raised(a, base, pct, k);
    let count = 0;
    let st = new Big(0);
    const service = input.serviceYears !== undefined ? input.serviceYears + k : undefined;
    if (ltvs && service !== undefined) {
      const r = computeStipend(a, ltvs.id, { years: Math.min(service, 60), class: cls, rating: input.rating ?? 'meets', year: latest.year });
      count = r.eligible ? r.count : 0;
      if (count) {
        const baseIV = part(a, 'stipends').base;
        const b = raised(a, annualOf(a, latest, baseIV.class, baseIV.step), pct, k);
        const one = round(b.times(percent(ltvs.amount.kind === 'percent' ? ltvs.amount.percent : 0)), a.meta.rounding.pay);
        st = one.times(count);
      }
    }
    const y = startY + k;
    rows.push({ year: k + 1, schoolYear: schoolYearStarting(y), class: cls, step, serviceYears: service, salary: sal, ltvsCount: count, stipends: st, total: sal.plus(st) });
  }
  if (input.serviceYears === undefined && ltvs) notes.push('LTVS stipends are projected when {serviceYears} (years of service now) is given.');
  else if (ltvs)
    notes.push(...texts(reading(a.parts.advancement?.readings, 'projection-ltvs', { percent: ltvs.amount.kind === 'percent' ? ltvs.amount.percent : '', unsatisfactory: input.rating === 'unsatisfactory' ? ' (here: unsatisfactory, so none new)' : '' })));
  const total = rows.reduce((t, r) => t.plus(r.total), new Big(0));
  return { schedule: s.id, from: { class: cell.cls, step: cell.step }, raisePercent: input.raise === undefined ? null : pct, rows, total, notes, sources: [cite(planFor(a, s.id).stepAdvance.cite), ...(ltvs?.eligibility ? [cite(ltvs.eligibility.cite)] : [])] };
}
