// The price of a roster placement: a schedule, year, class, step, work days, FTE and the stipends
// cell of a roster row, as the contract pays it for the year. The one pricing of a roster row, shared
// by the audit, today's costing, retro pay and scenario costing. Pure (the agreement in, figures out,
// no I/O), memoised per placement (a county's roster has few distinct placements, so a million rows
// cost a million lookups), with every amount also in integer cents for the batch hot paths.
import { Big, centsRounding, divInt, formatCents, isDecimalText, parseCents, toCents, type Dec, type RoundingMode } from '../core/money';
import { InputError } from '../core/errors';
import { salaryPay } from '../rules/schedules/salary';
import { findSchedule, getCell, schedulesInYear } from '../rules/schedules/schedule';
import { computeStipend, findStipend, paidPerCount } from '../rules/stipends/stipends';
import type { Agreement, Schedule } from '../rules/types';
import { detached, mix } from './row-memo';

/** "ltvs:2 bilingual; btsa:3" -> [[ltvs, 2], [bilingual, 1], [btsa, 3]] */
export function parseStipendCell(cell: string): [string, number][] {
  const out: [string, number][] = [];
  for (const part of cell.split(/[\s;|]+/).filter(Boolean)) {
    const m = /^([a-z0-9-]+)(?::(\d{1,3}))?$/i.exec(part);
    if (!m) throw new InputError(`stipends: "${part}" is not ID or ID:COUNT (a count of 1 to 999)`);
    out.push([m[1].toLowerCase(), m[2] === undefined ? 1 : Number(m[2])]);
  }
  return out;
}

/** The memo key of a placement: each field length-prefixed, so no cell text (a | or a ; in a
 *  stipends cell) can make two different rows share a key. An absent field counts as empty. */
export function memoKey(...fields: (string | undefined)[]): string {
  let k = '';
  for (const f of fields) k += (f ?? '').length + ':' + (f ?? '');
  return k;
}

/** A placement as the pricing reads it (cells already trimmed and checked). */
export interface Placement {
  schedule?: string;
  year?: string;
  class: string;
  step: number;
  /** days on the work calendar; absent: the schedule's base year */
  days?: number;
  /** the FTE as written (an exact decimal text); absent: full time */
  fte?: string;
  /** the roster's stipends cell: ids separated by spaces or ';', ID:COUNT for several */
  stipends?: string;
}

export interface PlacementPrice {
  /** the school year the salary was read for */
  year: string;
  /** the year's salary with work days and FTE, and its monthly pay (/ 12, rounded as the rules say) */
  salary: Dec;
  monthlySalary: Dec;
  /** the cell's annual salary (before days and FTE) */
  annualSalary: Dec;
  fte: Dec;
  /** the yearly stipends of the cell, split as the employer's costs need them */
  creditableStipends: Dec;
  otherStipends: Dec;
  /** the stipends that are a percent of a cell (they move with the schedule) */
  percentStipends: Dec;
  /** salary + stipends, for the year and by the month */
  annual: Dec;
  monthly: Dec;
  /** annual and monthly in integer cents (null when not a whole number of cents) */
  annualCents: number | null;
  monthlyCents: number | null;
  /** the sum as words: "salary 70797.00 + bilingual 1061.96" */
  how: string;
}

/** A placement's contract amounts in integer cents, and the sum as words (PlacementPrice's how). */
export interface PlacementCents {
  annualCents: number;
  monthlyCents: number;
  how: string;
}

export type Cells = [string, string, string, string, string, string, string];

/** A memo on the seven placement cells of a row as written. Keyed by a number hashed from the cells
 *  and then the cells compared: no key string is built (building and hashing a string of the seven
 *  cells cost more than the rest of a row's audit). */
export class CellsMemo<T> {
  private m = new Map<number, { c: Cells; v: T; next: unknown }>();
  size = 0;
  private static hash(a: string, b: string, c: string, d: string, e: string, f: string, g: string): number {
    return mix(mix(mix(mix(mix(mix(mix(0x811c9dc5, a), b), c), d), e), f), g) & 0x3fffffff; // a small integer: a fast Map key
  }
  get(a: string, b: string, c: string, d: string, e: string, f: string, g: string): T | undefined {
    let x = this.m.get(CellsMemo.hash(a, b, c, d, e, f, g)) as { c: Cells; v: T; next: unknown } | undefined;
    while (x) {
      const k = x.c;
      if (k[0] === a && k[1] === b && k[2] === c && k[3] === d && k[4] === e && k[5] === f && k[6] === g) return x.v;
      x = x.next as typeof x;
    }
    return undefined;
  }
  set(c: Cells, v: T): void {
    const h = CellsMemo.hash(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    // the cells as kept: not slices of the input's chunk (which they would keep alive)
    for (let i = 0; i < 7; i++) c[i] = detached(c[i]);
    this.m.set(h, { c, v, next: this.m.get(h) });
    this.size++;
  }
  clear(): void {
    this.m.clear();
    this.size = 0;
  }
}

export interface PricerOptions {
  /** the school year of rows without a year column */
  year?: string;
  /** the stipend ids that count as creditable pay (CalSTRS); the others are `otherStipends` */
  creditable?: ReadonlySet<string>;
  /** memory stays flat however varied the roster: a memo starts over past this many placements */
  max?: number;
}

/** Prices placements under one agreement, each placement once. */
export class PlacementPricer {
  private memo = new Map<string, PlacementPrice | { error: string }>();
  private readonly creditable: ReadonlySet<string>;
  private readonly max: number;
  constructor(
    readonly a: Agreement,
    readonly opts: PricerOptions = {},
  ) {
    this.creditable = opts.creditable ?? new Set();
    this.max = opts.max ?? 50_000;
  }

  private rows = new CellsMemo<PlacementPrice | { error: string }>();

  /** A roster row's placement cells as written, checked (placementOf) and priced, memoised on the
   *  cells themselves, so a repeated row costs one lookup. */
  priceRow(get: (col: string) => string | undefined): PlacementPrice {
    const sc = get('schedule') ?? '', yr = get('year') ?? '', cl = get('class') ?? '', st = get('step') ?? '', dy = get('days') ?? '', ft = get('fte') ?? '', sp = get('stipends') ?? '';
    let hit = this.rows.get(sc, yr, cl, st, dy, ft, sp);
    if (!hit) {
      try {
        hit = this.price(placementOf(get, this.opts.year));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        hit = { error: e.message.replace(/^--(\w)/, '$1') };
      }
      if (this.rows.size >= this.max) this.rows.clear();
      this.rows.set([sc, yr, cl, st, dy, ft, sp], hit);
    }
    if ('error' in hit) throw new InputError(hit.error);
    return hit;
  }

  /** A row already priced by priceRow, by its placement cells as written (schedule, year, class,
   *  step, days, fte, stipends; '' for an absent column): undefined when not yet, or when it failed. */
  cachedRow(schedule: string, year: string, cls: string, step: string, days: string, fte: string, stipends: string): PlacementPrice | undefined {
    const hit = this.rows.get(schedule, year, cls, step, days, fte, stipends);
    return hit && !('error' in hit) ? hit : undefined;
  }

  /** The price of a placement; an InputError (the same one each time) when it cannot be paid. */
  price(p: Placement): PlacementPrice {
    const key = memoKey(p.schedule, p.year, p.class, String(p.step), p.days === undefined ? '' : String(p.days), p.fte, p.stipends);
    let hit = this.memo.get(key);
    if (!hit) {
      try {
        hit = this.compute(p);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        hit = { error: e.message.replace(/^--(\w)/, '$1') };
      }
      if (this.memo.size >= this.max) this.memo.clear();
      this.memo.set(key, hit);
    }
    if ('error' in hit) throw new InputError(hit.error);
    return hit;
  }

  private stipends = new Map<string, { annual: Dec; monthly: Dec; percent: boolean }>();

  /** A stipend paid n times (or, paid per count, for a count of n) in a school year, once per run. */
  private stipend(id: string, n: number, year: string): { annual: Dec; monthly: Dec; percent: boolean } {
    const key = `${id}:${n}:${year}`;
    let hit = this.stipends.get(key);
    if (!hit) {
      const isCount = paidPerCount(this.a, id);
      const r = computeStipend(this.a, id, isCount ? { teachers: n, year } : { year });
      if (r.monthly === null) throw new InputError(`stipends: ${id} is paid by the day or hour, not in a roster`);
      // a count stipend (BTSA teachers) is priced for the count; any other is paid n times
      const k = isCount ? 1 : n;
      hit = { annual: r.annual.times(k), monthly: r.monthly.times(k), percent: findStipend(this.a, id).amount.kind === 'percent' };
      this.stipends.set(key, hit);
    }
    return hit;
  }

  /** The contract amounts of a placement from its cells as written (as priceRow reads them), worked
   *  in integer cents: the same figures and the same `how` as priceRow for the placements it takes,
   *  and undefined for every other (a cell priceRow refuses or would read differently, a school year
   *  whose schedule changes inside it, a daily or hourly schedule, a rounding unit that is not whole
   *  cents, amounts beyond 2^53): price those by priceRow. For the first row of each placement of a
   *  large roster, where the pricing in decimals, still cold, was most of the audit's start
   *  (test/batch/placement-cents.test.ts holds the two to the same answers). */
  centsOf(schedule: string, year: string, cls: string, step: string, days: string, fte: string, stipends: string): PlacementCents | undefined {
    try {
      return this.cents(schedule, year, cls, step, days, fte, stipends);
    } catch {
      return undefined;
    }
  }

  private years = new Map<string, YearCents | null>();

  private cents(sc: string, yr: string, cls: string, stepCell: string, daysCell: string, fteCell: string, stipends: string): PlacementCents | undefined {
    // the cells as placementOf reads them: whole step and days, a decimal FTE
    const stepText = stepCell.trim(), daysText = daysCell.trim(), fteText = fteCell.trim();
    if (!WHOLE.test(stepText) || (daysText !== '' && !WHOLE.test(daysText))) return undefined;
    const schedule = sc.trim() || undefined;
    const year = yr.trim() || this.opts.year;
    const yk = `${schedule === undefined ? '\u0001' : schedule}\u0000${year === undefined ? '\u0001' : year}`;
    let y = this.years.get(yk);
    if (y === undefined) {
      y = yearCents(this.a, schedule, year);
      if (this.years.size >= this.max) this.years.clear();
      this.years.set(yk, y);
    }
    if (y === null) return undefined;
    // the cell's annual salary (salaryPay: getCell's checks of the class and step)
    const step = Number(stepText);
    const ck = `${step}\u0000${cls}`;
    let annual = y.cells.get(ck);
    if (annual === undefined) {
      const cell = getCell(y.s, cls.trim(), step);
      const c = cell.annual === undefined ? null : parseCents(String(cell.annual));
      annual = c !== null && c >= 0 ? c : null;
      if (y.cells.size < 10_000) y.cells.set(ck, annual);
    }
    if (annual === null) return undefined;
    // the FTE as a fraction n / 10^k, 0 < fte <= 1 (parseFte)
    let fteN = 1, fteD = 1;
    if (fteText !== '') {
      const m = FTE.exec(fteText);
      if (!m) return undefined;
      const frac = m[2] ?? m[3] ?? '';
      const digits = (m[1] ?? '') + frac;
      if (digits.length > 15 || frac.length > 9) return undefined;
      fteN = Number(digits);
      fteD = 10 ** frac.length;
      if (!(fteN > 0 && fteN <= fteD)) return undefined;
    }
    // the work days (payOn): the base year, extra days at the daily rate, or pro rata
    const days = daysText === '' ? y.baseDays : Number(daysText);
    if (days > y.maxDays || days < y.minDays) return undefined;
    let yearPay = annual;
    if (days > y.baseDays) yearPay = annual + divInt(annual, y.baseDays * y.daily.u, y.daily.mode) * y.daily.u * (days - y.baseDays);
    else if (days < y.baseDays) yearPay = divInt(annual * days, y.baseDays * y.pay.u, y.pay.mode) * y.pay.u;
    const total = fteN === fteD ? yearPay : divInt(yearPay * fteN, fteD * y.pay.u, y.pay.mode) * y.pay.u;
    let annualCents = total;
    let monthlyCents = divInt(total, y.months * y.monthly.u, y.monthly.mode) * y.monthly.u;
    let how = `salary ${formatCents(total)}`;
    if (stipends !== '') {
      for (const [id, n] of parseStipendCell(stipends)) {
        const key = `${id}:${n}:${y.s.year}`;
        let st = this.stipendCents.get(key);
        if (st === undefined) {
          const d = this.stipend(id, n, y.s.year);
          const a = wholeCents(d.annual), m = wholeCents(d.monthly);
          st = a === null || m === null ? null : { annual: a, monthly: m, part: ` + ${id}${n > 1 ? `:${n}` : ''} ${d.annual.toFixed(2)}` };
          this.stipendCents.set(key, st);
        }
        if (st === null) return undefined;
        annualCents += st.annual;
        monthlyCents += st.monthly;
        how += st.part;
      }
    }
    // every figure exact: a product past 2^53 would not be
    if (!(yearPay * fteN <= Number.MAX_SAFE_INTEGER && annual * days <= Number.MAX_SAFE_INTEGER && Math.abs(annualCents) <= Number.MAX_SAFE_INTEGER && Math.abs(monthlyCents) <= Number.MAX_SAFE_INTEGER)) return undefined;
    return { annualCents, monthlyCents, how };
  }

  private stipendCents = new Map<string, { annual: number; monthly: number; part: string } | null>();

  private compute(p: Placement): PlacementPrice {
    const a = this.a;
    const s = salaryPay(a, { schedule: p.schedule, year: p.year, class: p.class, step: p.step, days: p.days, fte: p.fte });
    let annual = s.totalSalary;
    let monthly = s.monthlyPay;
    let cred = ZERO, other = ZERO, pct = ZERO;
    const parts = [`salary ${s.totalSalary.toFixed(2)}`];
    for (const [id, n] of parseStipendCell(p.stipends ?? '')) {
      const st = this.stipend(id, n, s.year);
      annual = annual.plus(st.annual);
      monthly = monthly.plus(st.monthly);
      if (this.creditable.has(id)) cred = cred.plus(st.annual);
      else other = other.plus(st.annual);
      if (st.percent) pct = pct.plus(st.annual);
      parts.push(`${id}${n > 1 ? `:${n}` : ''} ${st.annual.toFixed(2)}`);
    }
    return {
      year: s.year,
      salary: s.totalSalary,
      monthlySalary: s.monthlyPay,
      annualSalary: s.annualSalary,
      fte: s.fte,
      creditableStipends: cred,
      otherStipends: other,
      percentStipends: pct,
      annual,
      monthly,
      annualCents: wholeCents(annual),
      monthlyCents: wholeCents(monthly),
      how: parts.join(' + '),
    };
  }
}

const ZERO = new Big(0);

const WHOLE = /^\d+$/;
/** isDecimalText's forms (12, 0.5, .5), the FTE as its digits before and after the point */
const FTE = /^(?:(\d+)(?:\.(\d+))?|\.(\d+))$/;


/** What the placements of one schedule and school year are priced with (salaryPay on payOn's way):
 *  the schedule, its base days, the limits of a work year, the roundings in whole cents, and the
 *  cells' annual salaries in cents as they are asked for. null when they cannot be priced in cents. */
interface YearCents {
  s: Schedule;
  baseDays: number;
  minDays: number;
  maxDays: number;
  months: number;
  daily: { mode: RoundingMode; u: number };
  pay: { mode: RoundingMode; u: number };
  monthly: { mode: RoundingMode; u: number };
  cells: Map<string, number | null>;
}
function yearCents(a: Agreement, schedule: string | undefined, year: string | undefined): YearCents | null {
  let s: Schedule;
  try {
    s = findSchedule(a, schedule, year);
  } catch {
    return null;
  }
  // a school year whose schedule changes inside it is paid in parts (salary's yearSalary)
  if (!(year === undefined || schedulesInYear(a, s.id, s.year).length < 2) || s.basis !== 'annual') return null;
  const P = a.meta.parameters, R = a.meta.rounding;
  const baseDays = s.days?.value ?? P.baseYearDays.value;
  const daily = centsRounding(R.dailyRate), pay = centsRounding(R.pay), monthly = centsRounding(R.monthly);
  const months = P.monthsPerYear.value, minDays = P.minYearDays.value, maxDays = P.maxYearDays.value;
  if (!daily || !pay || !monthly || ![baseDays, months, minDays, maxDays].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { s, baseDays, minDays, maxDays, months, daily, pay, monthly, cells: new Map() };
}

function wholeCents(x: Dec): number | null {
  // an amount below 1,000,000,000.00 with at most two decimals, read from its exact decimal text (the
  // common case: toCents multiplies, rounds and compares, which cost a third of a placement's pricing)
  const c = parseCents(x.toFixed());
  if (c !== null) return c;
  try {
    return toCents(x);
  } catch {
    return null;
  }
}

/** A placement from a roster row's cells (read through get, by column name), checked as a payroll
 *  export writes them: whole steps and days, a decimal FTE; `year` for rows without a year column. */
export function placementOf(get: (col: string) => string | undefined, year?: string): Placement {
  const step = (get('step') ?? '').trim();
  if (!/^\d+$/.test(step)) throw new InputError(`step ${JSON.stringify(get('step') ?? '')} is not a whole number`);
  const days = (get('days') ?? '').trim();
  if (days && !/^\d+$/.test(days)) throw new InputError(`days ${JSON.stringify(get('days'))} is not a whole number`);
  const fte = (get('fte') ?? '').trim();
  if (fte && !isDecimalText(fte)) throw new InputError(`fte ${JSON.stringify(get('fte'))} is not a number`);
  return {
    schedule: (get('schedule') ?? '').trim() || undefined,
    year: (get('year') ?? '').trim() || year,
    class: (get('class') ?? '').trim(),
    step: Number(step),
    days: days ? Number(days) : undefined,
    fte: fte || undefined,
    stipends: get('stipends') ?? '',
  };
}
