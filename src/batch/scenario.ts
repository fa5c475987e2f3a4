// Scenario costing: a roster priced year by year under bargaining proposals (scenario files), with
// step and column movement, the employer's statutory and county-rate costs, and health and welfare.
// Pure: the agreement, the parsed scenarios, the rates and roster rows in; figures per person and
// totals out. Rows are priced one at a time (streaming); memory holds only the totals and a memo of
// placements.
import { Big, CENT, dec, divRound, percent, round, toCents, type Dec } from '../core/money';
import { FieldError, InputError } from '../core/errors';
import { formatDate, fromParts, parseDate, schoolYearRange, schoolYearStarting, type DayNumber } from '../core/date';
import { annualCellRounding, findSchedule, lastStep, normalizeClass } from '../rules/schedules/schedule';
import { oneYearMovement, raiseSchedule } from './cost';
import { memoKey, PlacementPricer } from './placement';
import { part } from '../rules/part';
import type { Agreement, Schedule } from '../rules/types';
import type { StipendsFile } from '../rules/stipends/schema';
import { citeRef } from '../rules/source';
import { benefitsRules, employerCostsExact, healthMonthly, monthsBetween, ratesOn, roundCent, type RatesFile, type RatesInForce } from './benefits';
import type { Change, ScenarioFile } from './scenario-schema';
import { KINDS } from './scenario-kinds';
import { inForce, scheduleCuts, withSchedules } from './in-force';

export interface Scenario {
  /** shown name: the file's name: field */
  name: string;
  /** where it came from (a file name), for messages */
  file: string;
  data: ScenarioFile;
}

/** The empty scenario. */
export function statusQuo(a: Agreement): Scenario {
  return { name: 'Status quo', file: '(status quo)', data: { name: 'Status quo', agreement: a.meta.id, years: {} } };
}

const ZERO = new Big(0);
const t = (v: string | number) => String(v).trim();

/** One state of the agreement under a scenario: schedules and stipends as changed so far. */
class Pricer {
  private memo = new Map<string, Priced | { error: string }>();
  private placements: PlacementPricer;
  constructor(
    readonly a: Agreement,
    readonly year: string,
    readonly daysDelta: number,
    readonly creditable: Set<string>,
  ) {
    this.placements = new PlacementPricer(a, { year, creditable });
  }

  price(v: Record<string, string>, cls: string, step: number): Priced {
    const key = memoKey(v.schedule, cls, String(step), v.days, v.fte, v.stipends);
    let hit = this.memo.get(key);
    if (!hit) {
      try {
        hit = this.compute(v, cls, step);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        hit = { error: e.message.replace(/^--(\w)/, '$1') };
      }
      this.memo.set(key, hit);
    }
    if ('error' in hit) throw new InputError(hit.error);
    return hit;
  }

  private compute(v: Record<string, string>, cls: string, step: number): Priced {
    const daysText = (v.days ?? '').trim();
    if (daysText && !/^\d+$/.test(daysText)) throw new InputError(`days ${JSON.stringify(v.days)} is not a whole number`);
    const fte = (v.fte ?? '').trim();
    const schedule = (v.schedule ?? '').trim() || undefined;
    const s = findSchedule(this.a, schedule, this.year);
    const base = s.days?.value ?? this.a.meta.parameters.baseYearDays.value;
    let days = daysText ? Number(daysText) : undefined;
    if (this.daysDelta) {
      days = (days ?? base) + this.daysDelta;
      const P = this.a.meta.parameters;
      if (days < P.minYearDays.value || days > P.maxYearDays.value)
        throw new InputError(`days ${days} (the roster's ${daysText || base} with the scenario's ${this.daysDelta > 0 ? '+' : ''}${this.daysDelta} work days) is outside ${P.minYearDays.value} to ${P.maxYearDays.value}`);
    }
    const p = this.placements.price({ schedule, year: this.year, class: cls, step, days, fte: fte || undefined, stipends: v.stipends ?? '' });
    return { salary: p.salary, annualSalary: p.annualSalary, creditableStipends: p.creditableStipends, otherStipends: p.otherStipends, percentStipends: p.percentStipends, fte: p.fte };
  }
}

interface Priced {
  /** the year's salary with days and FTE */
  salary: Dec;
  /** the cell's annual salary */
  annualSalary: Dec;
  creditableStipends: Dec;
  otherStipends: Dec;
  /** stipends that are a percent of a cell (they move with the schedule) */
  percentStipends: Dec;
  fte: Dec;
}

interface Segment {
  from: DayNumber;
  /** exclusive */
  to: DayNumber;
  months: Dec;
  pricer: Pricer;
  rates: RatesInForce;
  healthCap?: Dec;
}

interface OneTime {
  change: Extract<Change, { kind: 'one-time' }>;
  date: DayNumber;
  pricer: Pricer;
  rates: RatesInForce;
}

export interface YearPlan {
  year: string;
  first: string;
  last: string;
  segments: Segment[];
  oneTime: OneTime[];
  /** the state in force on July 1 (movement into this year follows its last steps) */
  july: Pricer;
  /** employer health and welfare for one eligible member for the year (exact) */
  healthPerMember: Dec;
  ratesJuly: RatesInForce;
  changes: { kind: string; effective: string; text: string }[];
  /** priced person-years by placement (a roster has few distinct placements) */
  memo: Map<string, Omit<PersonYear, 'movement'>>;
}

export interface PlanOptions {
  years: number;
  /** the school year of year 1 (default: the latest year of the default schedule) */
  baseYear?: string;
  rates?: RatesFile;
}

function describe(c: Change): string {
  switch (c.kind) {
    case 'schedule-percent':
      return `${t(c.percent)}% on the schedule${c.schedules ? ` (${c.schedules.join(', ')})` : ''}`;
    case 'cell-amount':
      return `$${t(c.amount)} added to ${c.classes ? `class ${c.classes.join(', ')}` : 'every class'}${c.steps ? `, step ${c.steps.join(', ')}` : ''}`;
    case 'add-step':
      return `a new step ${c.percent !== undefined ? `${t(c.percent)}% above` : `$${t(c.amount!)} above`} the last step of ${c.classes ? `class ${c.classes.join(', ')}` : 'every class'}`;
    case 'stipend':
      return `stipend ${c.stipend} ${c.percent !== undefined ? `at ${t(c.percent)}% of the base cell` : `at $${t(c.annual!)} a year`}`;
    case 'work-days':
      return `${c.days > 0 ? '+' : ''}${c.days} work days`;
    case 'one-time':
      return `one-time payment of ${c.percent !== undefined ? `${t(c.percent)}% of salary` : `$${t(c.amount!)} per FTE`}`;
    case 'health-cap':
      return `health cap ${c.monthly !== undefined ? `$${t(c.monthly)} a month` : `$${t(c.annual!)} a year`}`;
  }
}

/** Check a parsed scenario against the agreement; one clear line for the first problem. */
export function checkScenario(a: Agreement, sc: Scenario, opts: { years: number; baseYear: string }): void {
  const where = `{scenario} ${sc.file}`;
  if (sc.data.agreement !== a.meta.id)
    throw new FieldError('rules', `${where}: the scenario is for agreement "${sc.data.agreement}", but the rules loaded are "${a.meta.id}"; give the matching {rules}/{agreement}, or set agreement: ${a.meta.id}`);
  const { from, to } = a.meta.term;
  for (const [year, changes] of Object.entries(sc.data.years ?? {})) {
    const { first, last } = schoolYearRange(year);
    changes.forEach((c, i) => {
      const at = `${where}: years.${year}[${i}] (${c.kind})`;
      if (!(KINDS as readonly string[]).includes(c.kind)) throw new InputError(`${at}: unknown change kind; kinds: ${KINDS.join(', ')}`);
      const eff = c.effective ?? formatDate(first);
      const d = parseDate(eff, `${at}: effective`);
      if (d < first || d > last) throw new InputError(`${at}: effective ${eff} is outside the ${year} school year it is listed under (${formatDate(first)} to ${formatDate(last)})`);
      if (eff < from || eff > to) throw new InputError(`${at}: effective ${eff} is outside the agreement's term (${from} to ${to})`);
      if ('schedules' in c && c.schedules) for (const id of c.schedules) findSchedule(a, id, opts.baseYear);
      if (c.kind === 'schedule-percent' && dec(t(c.percent)).lte(-50)) throw new InputError(`${at}: percent ${t(c.percent)} would cut the schedule by half or more; give a percentage above -50`);
      if (c.kind === 'stipend') {
        const st = part(a, 'stipends').stipends.find((x) => x.id === c.stipend);
        if (!st) throw new InputError(`${at}: no stipend "${c.stipend}"; stipends: ${part(a, 'stipends').stipends.map((x) => x.id).join(', ')}`);
        if (st.amount.kind !== 'percent' && st.amount.kind !== 'flat') throw new InputError(`${at}: stipend ${c.stipend} is paid by the ${st.amount.kind}; only percent and flat stipends can be changed`);
      }
      if (('classes' in c) && c.classes)
        for (const cls of c.classes)
          for (const s of a.schedules.filter((x) => x.year === opts.baseYear && (!('schedules' in c) || !c.schedules || c.schedules.includes(x.id))))
            if (!s.classes.some((k) => k.toLowerCase() === cls.toLowerCase().replace(/^class\s+/, '')))
              throw new InputError(`${at}: class ${cls} is not a class of the ${s.id} schedule (${s.classes.join(', ')}); name the schedules it applies to`);
    });
  }
}

function applyChange(a: Agreement, baseYear: string, c: Change): Agreement {
  const applies = (s: Schedule) => s.year === baseYear && (!('schedules' in c) || !c.schedules || c.schedules.includes(s.id));
  const baseDays = (s: Schedule) => s.days?.value ?? a.meta.parameters.baseYearDays.value;
  const daily = (s: Schedule, n: Dec) => Number(divRound(n, baseDays(s), a.meta.rounding.dailyRate).toFixed(2));
  const clsOk = (_s: Schedule, cls: string) => !('classes' in c) || !c.classes || c.classes.some((k) => k.toLowerCase().replace(/^class\s+/, '') === cls.toLowerCase());
  switch (c.kind) {
    case 'schedule-percent':
      return { ...a, schedules: a.schedules.map((s) => (applies(s) ? { ...raiseSchedule(a, s, dec(t(c.percent)), baseYear), file: s.file } : s)) };
    case 'cell-amount': {
      const amt = dec(t(c.amount));
      return {
        ...a,
        schedules: a.schedules.map((s) => {
          if (!applies(s)) return s;
          const key = s.basis === 'annual' ? 'annual' : 'hourly';
          const rows = s.rows.map((r) => {
            if (c.steps && !c.steps.includes(r.step)) return r;
            const cells = { ...(r[key] ?? {}) };
            const out = { ...r, [key]: cells } as Schedule['rows'][number];
            if (key === 'annual') out.daily = { ...(r.daily ?? {}) };
            for (const [cls, v] of Object.entries(r[key] ?? {})) {
              if (!clsOk(s, cls)) continue;
              const n = dec(v).plus(amt);
              if (n.lte(0)) throw new InputError(`cell-amount ${amt.toFixed()} leaves class ${cls} step ${r.step} of the ${s.id} schedule at or below zero`);
              cells[cls] = Number(n.toFixed(2));
              if (key === 'annual') out.daily![cls] = daily(s, n);
            }
            return out;
          });
          return { ...s, rows };
        }),
      };
    }
    case 'add-step':
      return {
        ...a,
        schedules: a.schedules.map((s) => {
          if (!applies(s)) return s;
          const key = s.basis === 'annual' ? 'annual' : 'hourly';
          const rows = s.rows.map((r) => ({ ...r, [key]: { ...(r[key] ?? {}) }, ...(r.daily ? { daily: { ...r.daily } } : {}) })) as Schedule['rows'];
          for (const cls of s.classes) {
            if (!clsOk(s, cls)) continue;
            const last = lastStep(s, cls);
            const v = dec(s.rows[last - 1][key]![cls]);
            const n = c.percent !== undefined ? round(v.times(dec(1).plus(percent(t(c.percent)))), key === 'annual' ? annualCellRounding(a) : a.meta.rounding.pay) : v.plus(t(c.amount!));
            if (!rows[last]) rows.push({ step: last + 1, [key]: {}, ...(key === 'annual' && s.rows[0].daily ? { daily: {} } : {}) } as Schedule['rows'][number]);
            rows[last][key]![cls] = Number(n.toFixed(2));
            if (key === 'annual' && rows[last].daily) rows[last].daily![cls] = daily(s, n);
          }
          return { ...s, rows };
        }),
      };
    case 'stipend': {
      const st = part(a, 'stipends');
      const stipends: StipendsFile['stipends'] = st.stipends.map((x) =>
        x.id !== c.stipend ? x : { ...x, amount: c.percent !== undefined ? { kind: 'percent' as const, percent: Number(t(c.percent)) } : { kind: 'flat' as const, annual: Number(t(c.annual!)) }, printed: undefined },
      );
      return { ...a, parts: { ...a.parts, stipends: { ...st, stipends } } };
    }
    default:
      return a;
  }
}

/** Year by year, the states of the agreement under one scenario and the rates in force. */
export function planScenario(a: Agreement, sc: Scenario, opts: PlanOptions): YearPlan[] {
  const b = benefitsRules(a);
  const baseYear = opts.baseYear ?? findSchedule(a).year;
  checkScenario(a, sc, { years: opts.years, baseYear });
  const creditable = new Set(b.creditable.stipends);
  // the scenario's changes so far (on the schedules) apply on top of the schedules the rules have in force
  const applied: Change[] = [];
  let daysDelta = 0;
  let healthCap: Dec | undefined;
  const pricers = new Map<string, Pricer>();
  // the agreement with the schedules in force and the first n changes applied, each made once from the
  // one with n - 1 (a pricer for each later segment applied every change so far again)
  const states = new Map<string, Agreement>();
  const stateOf = (base: { schedules: Schedule[]; key: string }, n: number): Agreement => {
    const key = `${base.key}#${n}`;
    let ag = states.get(key);
    if (!ag) {
      ag = n === 0 ? withSchedules(a, base.schedules, baseYear) : applyChange(stateOf(base, n - 1), baseYear, applied[n - 1]);
      states.set(key, ag);
    }
    return ag;
  };
  const pricerOn = (day: number): Pricer => {
    const base = inForce(a, day, 'carried', 'the costing');
    const key = `${base.key}#${applied.length}#${daysDelta}`;
    let p = pricers.get(key);
    if (!p) {
      p = new Pricer(stateOf(base, applied.length), baseYear, daysDelta, creditable);
      pricers.set(key, p);
    }
    return p;
  };
  const y0 = +baseYear.slice(0, 4);
  const plans: YearPlan[] = [];
  for (let k = 0; k < opts.years; k++) {
    const year = schoolYearStarting(y0 + k);
    const { first, last } = schoolYearRange(year);
    const end = last + 1;
    const changes = [...(sc.data.years?.[year] ?? [])].map((c) => ({ c, d: parseDate(c.effective ?? formatDate(first)) })).sort((p, q) => p.d - q.d);
    const cuts = new Set<number>([first]);
    for (const { d } of changes) cuts.add(d);
    for (const s of b.statutory) for (const p of s.periods) for (const x of [p.from, p.to]) if (x) { const d = parseDate(x) + (x === p.to ? 1 : 0); if (d > first && d < end) cuts.add(d); }
    for (const r of opts.rates?.rates ?? []) { const d = parseDate(r.from); if (d > first && d < end) cuts.add(d); }
    for (const c of b.health.cap) { const d = parseDate(c.from); if (d > first && d < end) cuts.add(d); }
    for (const d of scheduleCuts(a, first, end, (x) => parseDate(x))) cuts.add(d);
    const points = [...cuts].sort((p, q) => p - q);
    const segments: Segment[] = [];
    const oneTime: OneTime[] = [];
    let july: Pricer | undefined;
    let i = 0;
    for (let j = 0; j < points.length; j++) {
      const from = points[j];
      const to = j + 1 < points.length ? points[j + 1] : end;
      const pending: Change[] = [];
      while (i < changes.length && changes[i].d <= from) pending.push(changes[i++].c);
      for (const c of pending) {
        if (c.kind === 'work-days') daysDelta += c.days;
        else if (c.kind === 'health-cap') healthCap = c.monthly !== undefined ? dec(t(c.monthly)) : dec(t(c.annual!)).div(12);
        else if (c.kind !== 'one-time') applied.push(c);
      }
      const pricer = pricerOn(from);
      const rates = ratesOn(b, opts.rates, from);
      for (const c of pending) if (c.kind === 'one-time') oneTime.push({ change: c, date: from, pricer, rates });
      if (!july) july = pricer;
      segments.push({ from, to, months: monthsBetween(from, to), pricer, rates, healthCap });
    }
    let health = ZERO;
    for (const s of segments) health = health.plus(healthMonthly(s.rates, s.healthCap).times(s.months));
    plans.push({
      year,
      first: formatDate(first),
      last: formatDate(last),
      segments,
      oneTime,
      july: july!,
      healthPerMember: health,
      ratesJuly: segments[0].rates,
      changes: changes.map(({ c, d }) => ({ kind: c.kind, effective: formatDate(d), text: describe(c) })),
      memo: new Map(),
    });
  }
  return plans;
}

export interface PersonYear {
  year: string;
  class: string;
  step: number;
  movement: string;
  salary: Dec;
  stipends: Dec;
  oneTime: Dec;
  creditable: Dec;
  /** statutory and county-rate costs by id (calstrs, medicare, unemployment, workersComp), each rounded */
  costs: Record<string, Dec>;
  health: Dec;
  total: Dec;
  /** salary and percentage stipends (what a 1% raise moves), to the cent */
  onePercentBase: Dec;
  /** the figures in integer cents: salary, stipends, oneTime, creditable, health, total, onePercentBase, then the costs in key order */
  cents?: number[];
}

export interface PersonResult {
  row: number;
  id: string;
  status: 'ok' | 'invalid';
  reason?: string;
  /** every cell empty (the rows a sheet keeps at its end): invalid, 'blank row' */
  blank?: true;
  fte?: Dec;
  /** [scenario][year] */
  years?: PersonYear[][];
}

export interface YearTotals {
  year: string;
  members: number;
  fte: Dec;
  salary: Dec;
  stipends: Dec;
  oneTime: Dec;
  creditable: Dec;
  costs: Record<string, Dec>;
  statutory: Dec;
  health: Dec;
  total: Dec;
  onePercentBase: Dec;
}

function emptyTotals(year: string, keys: string[]): YearTotals {
  return { year, members: 0, fte: ZERO, salary: ZERO, stipends: ZERO, oneTime: ZERO, creditable: ZERO, costs: Object.fromEntries(keys.map((k) => [k, ZERO])), statutory: ZERO, health: ZERO, total: ZERO, onePercentBase: ZERO };
}

const truthy = (s: string | undefined) => /^(y|yes|true|1|x)$/i.test((s ?? '').trim());

/** The roster columns the costing reads; id, class and step are required. */
export const SCENARIO_COLUMNS = { required: ['id', 'class', 'step'], optional: ['schedule', 'days', 'fte', 'stipends', 'days_served', 'new_class', 'vacant'] } as const;

/** Prices roster rows one at a time under every scenario (the status quo first) and keeps the totals. */
export class ScenarioCoster {
  readonly plans: YearPlan[][];
  /** running sums in integer cents (every person-year figure is whole cents), fte and the 1% base exact */
  private acc: { cents: number[] }[][];
  private fteSum: Dec = ZERO;
  readonly keys: string[];
  readonly baseYear: string;
  counted = 0;
  invalid = 0;

  constructor(
    readonly a: Agreement,
    readonly scenarios: Scenario[],
    readonly opts: PlanOptions,
  ) {
    if (!Number.isInteger(opts.years) || opts.years < 1 || opts.years > 10) throw new FieldError('years', `{years} ${opts.years}: cost 1 to 10 school years`);
    this.baseYear = opts.baseYear ?? findSchedule(a).year;
    const b = benefitsRules(a);
    this.keys = [...b.statutory.map((s) => s.id), 'unemployment', 'workersComp'];
    this.plans = scenarios.map((s) => planScenario(a, s, { ...opts, baseYear: this.baseYear }));
    this.acc = this.plans.map((p) => p.map(() => ({ cents: new Array(7 + this.keys.length).fill(0) })));
  }

  /** Totals by scenario and year (exact, from the cents sums). */
  get totals(): YearTotals[][] {
    return this.acc.map((ys, si) =>
      ys.map((A, k) => {
        const T = emptyTotals(this.plans[si][k].year, this.keys);
        const d = (c: number) => new Big(c).div(100);
        T.members = this.counted;
        T.fte = this.fteSum;
        [T.salary, T.stipends, T.oneTime, T.creditable, T.health, T.total, T.onePercentBase] = A.cents.slice(0, 7).map(d);
        this.keys.forEach((x, i) => {
          T.costs[x] = d(A.cents[7 + i]);
          T.statutory = T.statutory.plus(T.costs[x]);
        });
        return T;
      }),
    );
  }

  /** One roster row: every scenario, every year; adds an ok row to the totals. */
  person(r: { row: number; values: Record<string, string>; error?: string; blank?: boolean }): PersonResult {
    const v = r.values;
    const out: PersonResult = { row: r.row, id: (v.id ?? '').trim(), status: 'ok' };
    if (r.blank) return { ...out, status: 'invalid', reason: r.error ?? 'blank row', blank: true };
    if (r.error) return { ...out, status: 'invalid', reason: r.error };
    try {
      for (const c of SCENARIO_COLUMNS.required) if ((v[c] ?? '').trim() === '') throw new InputError(`${c} is empty`);
      const stepText = v.step.trim();
      if (!/^\d+$/.test(stepText)) throw new InputError(`step ${JSON.stringify(v.step)} is not a whole number`);
      const ds = (v.days_served ?? '').trim();
      if (ds && !/^\d+$/.test(ds)) throw new InputError(`days_served ${JSON.stringify(ds)} is not a whole number`);
      const vacant = truthy(v.vacant);
      const years = this.plans.map((plan) => this.personUnder(plan, v, Number(stepText), ds, vacant));
      out.years = years;
      out.fte = years[0][0] ? dec((v.fte ?? '').trim() || 1) : undefined;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { ...out, status: 'invalid', reason: e.message };
    }
    this.counted++;
    this.fteSum = this.fteSum.plus(out.fte!);
    out.years!.forEach((ys, si) =>
      ys.forEach((p, k) => {
        const A = this.acc[si][k];
        const c = p.cents!;
        for (let i = 0; i < c.length; i++) A.cents[i] += c[i];
      }),
    );
    return out;
  }

  private personUnder(plan: YearPlan[], v: Record<string, string>, step0: number, daysServed: string, vacant: boolean): PersonYear[] {
    const out: PersonYear[] = [];
    const s0 = findSchedule(plan[0].july.a, (v.schedule ?? '').trim() || undefined, this.baseYear);
    let cls = normalizeClass(s0, v.class);
    let step = step0;
    const fteText = (v.fte ?? '').trim();
    for (let k = 0; k < plan.length; k++) {
      const Y = plan[k];
      let movement = k === 0 ? 'placement on the roster' : '';
      if (k > 0) {
        const s = findSchedule(Y.july.a, (v.schedule ?? '').trim() || undefined, this.baseYear);
        if (vacant) movement = 'vacancy: costed at its budgeted placement, no movement';
        else {
          // the roster's days_served and new_class are for the first year of movement only
          const m = oneYearMovement(this.a, s, cls, step, k === 1 ? daysServed : '', k === 1 ? (v.new_class ?? '').trim() : '');
          cls = m.class;
          step = m.step;
          movement = m.text;
        }
      }
      const key = `${v.schedule ?? ''}|${cls}|${step}|${v.days ?? ''}|${v.fte ?? ''}|${v.stipends ?? ''}`;
      const hit = Y.memo.get(key);
      if (hit) {
        out.push({ ...hit, movement });
        continue;
      }
      let sal = ZERO, stip = ZERO, cred = ZERO, onePct = ZERO;
      const costs: Record<string, Dec> = Object.fromEntries(this.keys.map((x) => [x, ZERO]));
      let fte = dec(1);
      for (const seg of Y.segments) {
        const p = seg.pricer.price(v, cls, step);
        fte = p.fte;
        const m = seg.months;
        sal = sal.plus(p.salary.times(m));
        const st = p.creditableStipends.plus(p.otherStipends);
        stip = stip.plus(st.times(m));
        const cr = p.salary.plus(p.creditableStipends);
        cred = cred.plus(cr.times(m));
        onePct = onePct.plus(p.salary.plus(p.percentStipends).times(m));
        const c = employerCostsExact(seg.rates, { creditable: cr.times(m), all: p.salary.plus(st).times(m) });
        for (const x of this.keys) costs[x] = costs[x].plus(c[x]);
      }
      const months = dec(this.a.meta.parameters.monthsPerYear.value);
      let one = ZERO;
      for (const o of Y.oneTime) {
        const p = o.pricer.price(v, cls, step);
        const amt = o.change.percent !== undefined ? p.salary.times(percent(t(o.change.percent))) : dec(t(o.change.amount!)).times(p.fte);
        const r = roundCent(amt);
        one = one.plus(r);
        const c = employerCostsExact(o.rates, { creditable: ZERO, all: r.times(months) });
        for (const x of this.keys) costs[x] = costs[x].plus(c[x]);
      }
      const salary = divRound(sal, months, CENT);
      const stipends = divRound(stip, months, CENT);
      const creditable = divRound(cred, months, CENT);
      for (const x of this.keys) costs[x] = divRound(costs[x], months, CENT);
      void fteText;
      const health = fte.gte(Y.ratesJuly.minFte) ? roundCent(Y.healthPerMember) : ZERO;
      let total = salary.plus(stipends).plus(one).plus(health);
      for (const x of this.keys) total = total.plus(costs[x]);
      const onePercentBase = divRound(onePct, months, CENT);
      const cents = [salary, stipends, one, creditable, health, total, onePercentBase, ...this.keys.map((x) => costs[x])].map(toCents);
      const py = { year: Y.year, class: cls, step, salary, stipends, oneTime: one, creditable, costs, health, total, onePercentBase, cents };
      if (Y.memo.size > 20000) Y.memo.clear();
      Y.memo.set(key, py);
      out.push({ ...py, movement });
    }
    return out;
  }

  /** Cost of a 1% raise in a year: 1% of salary and percentage stipends, with the statutory and county-rate costs on it (rates of July 1). */
  costOfOnePercent(si: number, k: number): Dec {
    const r = this.plans[si][k].ratesJuly;
    const base = new Big(this.acc[si][k].cents[6]).div(100).times('0.01');
    let f = dec(1).plus(r.unemployment).plus(r.workersComp);
    for (const s of r.statutory) f = f.plus(s.rate);
    return roundCent(base.times(f));
  }
}

/** Year 1 of a plan starts on July 1 of this calendar year. */
export function baseYearStart(year: string): string {
  return formatDate(fromParts(+year.slice(0, 4), 7, 1));
}

export interface YearSummary extends YearTotals {
  perFte: Dec | null;
  /** this scenario's total so far, years 1..k */
  cumulative: Dec;
  /** total minus the status quo's total of the same year, and cumulated */
  vsStatusQuo: Dec;
  vsStatusQuoCumulative: Dec;
  costOfOnePercent: Dec;
  changes: { kind: string; effective: string; text: string }[];
}

export interface ScenarioSummary {
  name: string;
  file: string;
  years: YearSummary[];
}

/** Totals of every scenario by year, with per-FTE, cumulative and status-quo differences. Scenario 0 is the status quo. */
export function summarize(c: ScenarioCoster): ScenarioSummary[] {
  // the totals worked out once (the getter adds up every scenario and year at each reading)
  const totals = c.totals;
  return c.scenarios.map((sc, si) => {
    let cum = ZERO, cumVs = ZERO;
    return {
      name: sc.name,
      file: sc.file,
      years: totals[si].map((T, k) => {
        const vs = T.total.minus(totals[0][k].total);
        cum = cum.plus(T.total);
        cumVs = cumVs.plus(vs);
        return { ...T, perFte: T.fte.gt(0) ? roundCent(T.total.div(T.fte)) : null, cumulative: cum, vsStatusQuo: vs, vsStatusQuoCumulative: cumVs, costOfOnePercent: c.costOfOnePercent(si, k), changes: c.plans[si][k].changes };
      }),
    };
  });
}

export interface DisclosureYear {
  year: string;
  members: number;
  fte: Dec;
  /** the scenario's salary minus the status quo's in the same year (the schedule change, work days) */
  scheduleChange: Dec;
  /** the status quo's pay this year minus year 1's: step and column movement */
  stepAndColumn: Dec;
  /** stipends and one-time payments against the status quo's stipends this year */
  otherCompensation: Dec;
  /** statutory and county-rate costs against year 1's */
  statutoryBenefits: Dec;
  healthAndWelfare: Dec;
  /** the scenario's total minus year 1's status quo total (the sum of the five lines above) */
  total: Dec;
  /** total / year 1's status quo total, as a percent, two decimals */
  percentChange: Dec;
  scenarioTotal: Dec;
  costOfOnePercent: Dec;
}

/** The public disclosure's lines (Government Code 3547.5) for each scenario: cost over the current year's status quo. */
export function disclosure(c: ScenarioCoster): { name: string; file: string; base: YearTotals; changes: { kind: string; effective: string; text: string }[]; years: DisclosureYear[] }[] {
  const totals = c.totals;
  const sq = totals[0];
  const base = sq[0];
  return c.scenarios.map((sc, si) => ({
    name: sc.name,
    file: sc.file,
    base,
    changes: c.plans[si].flatMap((p) => p.changes),
    years: totals[si].map((T, k) => {
      const Q = sq[k];
      const total = T.total.minus(base.total);
      return {
        year: T.year,
        members: T.members,
        fte: T.fte,
        scheduleChange: T.salary.minus(Q.salary),
        stepAndColumn: Q.salary.plus(Q.stipends).minus(base.salary).minus(base.stipends),
        otherCompensation: T.stipends.plus(T.oneTime).minus(Q.stipends),
        statutoryBenefits: T.statutory.minus(base.statutory),
        healthAndWelfare: T.health.minus(base.health),
        total,
        percentChange: base.total.gt(0) ? round(total.div(base.total).times(100), { mode: 'half-up', unit: '0.01' }) : ZERO,
        scenarioTotal: T.total,
        costOfOnePercent: c.costOfOnePercent(si, k),
      };
    }),
  }));
}

/** The method notes of a scenario costing; the health cap's article is the rules' cite. */
export function scenarioNotes(a: Agreement): string[] {
  const cap = citeRef(benefitsRules(a).health.cap[0].cite);
  return [
    'Year 1 is the school year of the schedule in force (the latest in the rules, or {year}); later years carry its schedule forward, changed only by the scenario.',
    'Step and column: one step each July 1 for members with days_served at 75% of the year or more (assumed when absent, and in every later year), never past the last step of the schedule in force that July 1 (a step added on July 1 is reached that day; one added mid-year, the next July); new_class moves the column in year 2.',
    'A vacancy (column vacant = yes) is costed at the placement on its row every year and does not move; a new hire is a roster row at its expected placement. Every row is costed for whole years: no attrition is assumed.',
    'A change mid-year is prorated by months of the 12-month year (a partial month by calendar days); each person-year figure is rounded half-up to the cent and totals are sums of the rounded figures.',
    'One-time payments: a percent of the annual salary in force on their date, or an amount times FTE; not creditable (no CalSTRS), subject to Medicare and the county rates.',
    `Health and welfare: the monthly premium up to the ${cap} cap, plus the rates file's other benefits, for each member of 0.5 FTE or more; the cap escalation each January is the rates file's healthCap, else the cap printed in ${cap} (benefits.yaml).`,
    'The cost of 1%: 1% of salary and percentage stipends, with CalSTRS, Medicare and the county rates in force on July 1 on it.',
  ];
}
