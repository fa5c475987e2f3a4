// Retroactive pay after a settlement: for each person and each pay period from the effective date
// through the last period paid, what was paid at the old rates, what is owed at the new, and the
// difference, rounded per period half-up to the cent as payroll pays it; the employer's statutory
// costs on the retro amount. Pure: the agreement, the old and new rates and roster rows in.
import { Big, dec, round, type Dec } from '../core/money';
import { FieldError, InputError } from '../core/errors';
import { daysInMonth, formatDate, fromParts, parseDate, readDateAs, schoolYearOf, schoolYearRange, toParts, type DateOrder, type DayNumber } from '../core/date';
import { raiseSchedule } from './cost';
import { PlacementPricer, type PlacementPrice } from './placement';
import type { Agreement } from '../rules/types';
import { inForce, withSchedules } from './in-force';
import { benefitsRules, employerCostsExact, ratesOn, roundCent, type RatesFile, type RatesInForce } from './benefits';

const ZERO = new Big(0);

/** A period of a row as its placement and dates decide it (RetroCalculator.periodsOf). */
interface PeriodBase {
  period: string;
  fraction: Dec;
  /** the old pay of the period, salary and stipends, each rounded to the cent */
  paid: Dec;
  owedExact: Dec;
  owed: Dec;
  /** owed (exact) - paid, and the salary's difference rounded, with the computed old pay */
  exact: Dec;
  salDiff: Dec;
  /** the stipends' difference, rounded per stipend kind; exact; the creditable stipends' alone */
  stipends: Dec;
  stipendsExact: Dec;
  creditableStipends: Dec;
}
const CENT = { mode: 'half-up' as const, unit: '0.01' };
/** the most rows and placements remembered (RetroCalculator.person) */
const MEMO_ROWS = 2000;

/** The agreement with the schedules in force on a day (strictly: the rules must cover it), labelled with one school year. */
function agreementOn(a: Agreement, day: DayNumber, label: string, what: string): Agreement {
  return withSchedules(a, inForce(a, day, 'strict', what).schedules, label);
}

export interface RetroOptions {
  effective: string;
  paidThrough: string;
  /** 12 (monthly, July to June: the default) or 10 (September to June) */
  periods?: 12 | 10;
  /** the new schedule: every cell of the old one raised by this percent; else the rules' schedule in force on the effective date */
  raise?: Dec;
  rates?: RatesFile;
  /** how the roster writes its start and end dates: ISO (the default) or slashed MDY / DMY; a date
   *  that is not one in that order is the row's error (the reason may hold {dateFormat}) */
  dateOrder?: DateOrder;
}

export interface Period {
  /** YYYY-MM */
  period: string;
  first: string;
  last: string;
  /** months: the days employed / days in the month at the old and new rates */
  before: Dec;
  after: Dec;
}

export interface RetroPeriod {
  period: string;
  /** employed fraction of the period */
  fraction: Dec;
  paid: Dec;
  owed: Dec;
  owedExact: Dec;
  /** owed (exact) - paid, and the same rounded half-up to the cent: what is paid */
  differenceExact: Dec;
  difference: Dec;
  salary: Dec;
  stipends: Dec;
  /** the stipends' part of differenceExact */
  stipendsExact: Dec;
}

export interface RetroPerson {
  row: number;
  id: string;
  /** blank: every cell empty (the rows a sheet keeps at its end), not computed and not a failure */
  status: 'ok' | 'invalid' | 'blank';
  reason?: string;
  periods?: RetroPeriod[];
  paid?: Dec;
  owed?: Dec;
  /** sum of the exact differences, and of the rounded ones (what is paid) */
  retroExact?: Dec;
  retro?: Dec;
  salary?: Dec;
  stipends?: Dec;
  creditable?: Dec;
  /** employer costs on the retro amount, by id, rounded per person */
  costs?: Record<string, Dec>;
  employerTotal?: Dec;
}

interface Rates {
  salary: Dec;
  creditableStipends: Dec;
  otherStipends: Dec;
}

const RETRO_COLUMNS = { required: ['id', 'class', 'step'], optional: ['schedule', 'days', 'fte', 'stipends', 'start', 'end', 'paid'] } as const;
export { RETRO_COLUMNS };

export class RetroCalculator {
  readonly periods: Period[];
  readonly year: string;
  readonly periodsPerYear: number;
  readonly keys: string[];
  readonly notes: string[] = [];
  private aOld: Agreement;
  /** the new rates: made with the pricers, at the first row, when they are a raise of the old */
  private aNew: Agreement | undefined;
  private raise: Dec | undefined;
  private rates: RatesInForce[];
  private creditable: Set<string>;
  private pricersMade: { old: PlacementPricer; new: PlacementPricer } | undefined;
  private rowMemo = new Map<string, Omit<RetroPerson, 'row' | 'id' | 'status'>>();
  /** periodsOf by the placement and dates of a whole-period row (rows differ mostly by what they were paid) */
  private baseMemo = new Map<string, PeriodBase[]>();
  private sum = { persons: 0, invalid: 0, blank: 0, paid: ZERO, owed: ZERO, retroExact: ZERO, retro: ZERO, salary: ZERO, stipends: ZERO, creditable: ZERO, costs: {} as Record<string, Dec>, employerTotal: ZERO };
  /** remembered rows met again, by how many times: added to the totals once each, times that count
   *  (exact decimals: the same sum, without a dozen additions a row) */
  private repeats = new Map<Omit<RetroPerson, 'row' | 'id' | 'status'>, number>();

  /** The run's totals so far: every ok row's amounts, the invalid and blank rows counted. */
  get totals(): typeof this.sum {
    for (const [res, n] of this.repeats) this.addTimes(res, n);
    this.repeats.clear();
    return this.sum;
  }

  constructor(
    readonly a: Agreement,
    readonly opts: RetroOptions,
  ) {
    const eff = parseDate(opts.effective, 'effective');
    const thru = parseDate(opts.paidThrough, 'paidThrough');
    if (thru < eff) throw new FieldError('paidThrough', `{paidThrough} ${opts.paidThrough} is before {effective} ${opts.effective}: give the last day already paid at the old rates, on or after the effective date`);
    this.year = schoolYearOf(eff);
    if (schoolYearOf(thru) !== this.year)
      throw new FieldError('paidThrough', `{paidThrough} ${opts.paidThrough} is in another school year than {effective} ${opts.effective} (${this.year}): run one school year at a time (placements change each July 1)`);
    const { first } = schoolYearRange(this.year);
    this.periodsPerYear = opts.periods ?? 12;
    if (this.periodsPerYear !== 12 && this.periodsPerYear !== 10) throw new FieldError('periods', `{periods} ${opts.periods}: give 12 (monthly, July to June) or 10 (September to June)`);
    const b = benefitsRules(a);
    this.creditable = new Set(b.creditable.stipends);
    this.keys = [...b.statutory.map((s) => s.id), 'unemployment', 'workersComp'];
    this.sum.costs = Object.fromEntries(this.keys.map((k) => [k, ZERO]));
    // the pay months of the year: July to June, or September to June for ten
    const y0 = toParts(first).y;
    const months = Array.from({ length: 12 }, (_, i) => ({ y: i < 6 ? y0 : y0 + 1, m: ((6 + i) % 12) + 1 })).slice(this.periodsPerYear === 10 ? 2 : 0);
    this.periods = [];
    for (const { y, m } of months) {
      const p0 = fromParts(y, m, 1), p1 = fromParts(y, m, daysInMonth(y, m));
      if (p1 < eff || p1 > thru) continue;
      this.periods.push({ period: `${y}-${String(m).padStart(2, '0')}`, first: formatDate(p0), last: formatDate(p1), before: ZERO, after: ZERO });
    }
    if (!this.periods.length)
      throw new FieldError('effective', `no ${this.periodsPerYear === 10 ? 'ten-month (September to June) ' : ''}pay period ends between {effective} ${opts.effective} and {paidThrough} ${opts.paidThrough}: give the last day of the last month paid at the old rates`);
    if (thru !== parseDate(this.periods[this.periods.length - 1].last))
      this.notes.push(`{paidThrough} ${opts.paidThrough} falls inside a month: only pay periods ending on or before it are counted (through ${this.periods[this.periods.length - 1].last}).`);
    if (this.periodsPerYear === 10 && toParts(eff).m >= 7 && toParts(eff).m <= 8)
      this.notes.push('Ten pay periods: July and August are not pay periods; each of September to June pays a tenth of the year.');
    // the old schedule: in force the day before the effective date (or on it, when the new one is derived by --raise)
    if (opts.raise !== undefined) {
      this.aOld = agreementOn(a, eff, this.year, '{effective}');
      this.raise = opts.raise;
      this.notes.push(`New rates: every cell of the schedule in force on ${opts.effective} raised by ${opts.raise.toFixed()}% (annual cells rounded half-up to the dollar); percentage stipends follow their cell.`);
    } else {
      this.aNew = agreementOn(a, eff, this.year, '{effective}');
      const newBasic = this.aNew.schedules.find((s) => s.id === a.meta.defaultSchedule)!;
      if (newBasic.effective !== formatDate(eff))
        throw new FieldError('effective', `{effective} ${opts.effective}: no new schedule takes effect that day in the rules (the ${newBasic.id} schedule in force has been since ${newBasic.effective}); add the settled schedule with effective: ${opts.effective}, or give {raise} <percent>`);
      this.aOld = agreementOn(a, eff - 1, this.year, 'the day before {effective},');
      this.notes.push(`New rates: the schedules in force on ${opts.effective}; old rates: those in force the day before.`);
      for (const s of this.aOld.schedules) if (s.note) this.notes.push(`Old rates, ${s.name}: ${s.note}`);
      for (const s of this.aNew.schedules) if (s.note) this.notes.push(`New rates, ${s.name}: ${s.note}`);
    }
    this.rates = this.periods.map((p) => ratesOn(b, opts.rates, parseDate(p.first)));
    this.notes.push(
      `Pay periods: ${this.periodsPerYear === 12 ? 'monthly, July to June, each a twelfth of the year (the agreement pays annual amounts / 12 mos, Appendix A)' : 'ten, September to June, each a tenth of the year'}; a month partly worked (start, end) or partly at the new rates is prorated by calendar days.`,
      'Each period\'s difference is owed (exact) minus paid, rounded half-up to the cent; a person\'s retro is the sum of the rounded periods, and the exact sum is shown beside it.',
      'Paid: the old rates for the period (rounded to the cent, as paid), or the roster\'s paid column (the regular pay of a full period, prorated like the rest).',
      'Employer costs: CalSTRS on the creditable retro (salary and creditable stipends), Medicare and the county rates on all of it, at the rates in force in each period, rounded once per person.',
    );
  }

  /** The pricers of the old and new rates, made at the first row priced: the raised schedules (every
   *  cell of every schedule in exact decimals, which cannot fail on rules that loaded) are not made
   *  for a run refused before its first row, such as one whose roster cannot be read. */
  private get pricers(): { old: PlacementPricer; new: PlacementPricer } {
    if (!this.pricersMade) {
      const old = this.aOld, raise = this.raise;
      this.aNew ??= { ...old, schedules: old.schedules.map((s) => ({ ...raiseSchedule(old, s, raise!, this.year), file: s.file })) };
      this.pricersMade = { old: new PlacementPricer(old, { year: this.year, creditable: this.creditable }), new: new PlacementPricer(this.aNew, { year: this.year, creditable: this.creditable }) };
    }
    return this.pricersMade;
  }

  /** The old and new pay of a row's placement (the year is the run's: a year column is not read). */
  private placement(v: Record<string, string>): { old: Rates; new: Rates } {
    const get = (c: string) => (c === 'year' ? undefined : v[c]);
    const rates = (p: PlacementPrice): Rates => ({ salary: p.salary, creditableStipends: p.creditableStipends, otherStipends: p.otherStipends });
    return { old: rates(this.pricers.old.priceRow(get)), new: rates(this.pricers.new.priceRow(get)) };
  }

  /** One roster row, with its status; adds an ok row to the totals. */
  person(r: { row: number; values: Record<string, string>; error?: string; blank?: boolean }): RetroPerson {
    const v = r.values;
    const out: RetroPerson = { row: r.row, id: (v.id ?? '').trim(), status: 'ok' };
    if (r.blank) return this.sum.blank++, { ...out, status: 'blank', reason: 'blank row' };
    if (r.error) return this.bad(out, r.error);
    try {
      for (const c of RETRO_COLUMNS.required) if ((v[c] ?? '').trim() === '') throw new InputError(`${c} is empty`);
      const start = this.dateCol(v.start, 'start', r.row);
      const end = this.dateCol(v.end, 'end', r.row);
      if (start !== null && end !== null && end < start) throw new InputError(`end ${v.end} is before start ${v.start}`);
      let paidCol: Dec | null = null;
      const pt = (v.paid ?? '').trim().replace(/^\$/, '').replace(/,/g, '');
      if ((v.paid ?? '').trim() !== '') {
        if (!/^\d+(\.\d{1,2})?$/.test(pt)) throw new InputError(`paid ${JSON.stringify(v.paid)} is not an amount of money (dollars, at most two decimals)`);
        paidCol = dec(pt);
      }
      const whole = !(v.start ?? '').trim() && !(v.end ?? '').trim();
      const placed = `${v.schedule ?? ''}|${v.class}|${v.step}|${v.days ?? ''}|${v.fte ?? ''}|${v.stipends ?? ''}|${v.start ?? ''}|${v.end ?? ''}`;
      const key = `${placed}|${v.paid ?? ''}`;
      const hit = this.rowMemo.get(key);
      if (hit) {
        this.repeats.set(hit, (this.repeats.get(hit) ?? 0) + 1);
        return Object.assign(out, hit);
      }
      // what the row's placement and dates alone decide (the same for every paid amount)
      let base = this.baseMemo.get(placed);
      if (base === undefined) {
        base = this.periodsOf(v, start, end);
        if (whole && this.baseMemo.size < MEMO_ROWS) this.baseMemo.set(placed, base);
      }
      const lines: RetroPeriod[] = [];
      let tPaid = ZERO, tOwed = ZERO, tEx = ZERO, tDiff = ZERO, tSal = ZERO, tSt = ZERO, tCred = ZERO;
      const costs: Record<string, Dec> = Object.fromEntries(this.keys.map((k) => [k, ZERO]));
      base.forEach((b, i) => {
        let paid = b.paid, salDiff = b.salDiff, exact = b.exact;
        if (paidCol) {
          // the roster's paid figure replaces the computed old pay; the stipends' part stays as computed
          const given = round(paidCol.times(b.fraction), CENT);
          exact = b.owedExact.minus(given);
          salDiff = round(exact, CENT).minus(b.stipends);
          paid = given;
        }
        const diff = salDiff.plus(b.stipends);
        lines.push({ period: b.period, fraction: b.fraction, paid, owed: b.owed, owedExact: b.owedExact, differenceExact: exact, difference: diff, salary: salDiff, stipends: b.stipends, stipendsExact: b.stipendsExact });
        const creditable = salDiff.plus(b.creditableStipends);
        const c = employerCostsExact(this.rates[i], { creditable, all: diff });
        for (const k of this.keys) costs[k] = costs[k].plus(c[k]);
        tPaid = tPaid.plus(paid);
        tOwed = tOwed.plus(b.owed);
        tEx = tEx.plus(exact);
        tDiff = tDiff.plus(diff);
        tSal = tSal.plus(salDiff);
        tSt = tSt.plus(b.stipends);
        tCred = tCred.plus(creditable);
      });
      let emp = ZERO;
      for (const k of this.keys) {
        costs[k] = roundCent(costs[k]);
        emp = emp.plus(costs[k]);
      }
      const res = { periods: lines, paid: tPaid, owed: tOwed, retroExact: tEx, retro: tDiff, salary: tSal, stipends: tSt, creditable: tCred, costs, employerTotal: emp };
      // rows with their own dates rarely repeat: only whole-period rows are remembered, the first
      // MEMO_ROWS of them (a roster's common placements and amounts come early and often; one whose
      // every row is paid its own amount would otherwise fill the memo with rows never seen again,
      // and clearing it made each of them garbage for the old heap: 417 MB at 100,000 such rows)
      if (whole && this.rowMemo.size < MEMO_ROWS) this.rowMemo.set(key, res);
      Object.assign(out, res);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return this.bad(out, e.message);
    }
    return this.add(out);
  }

  /** Each period of a placement from start to end, as far as its paid amount does not enter: the
   *  employed fraction, the old pay (rounded to the cent, as paid) and what is owed at the new rates
   *  (exact and rounded) of the salary and of the stipends, and the differences of the computed old
   *  pay. A roster's paid column changes only the salary's part (person). */
  private periodsOf(v: Record<string, string>, start: DayNumber | null, end: DayNumber | null): PeriodBase[] {
    const p = this.placement(v);
    const eff = parseDate(this.opts.effective);
    const P = this.periodsPerYear;
    return this.periods.map((per) => {
      const p0 = parseDate(per.first), p1 = parseDate(per.last);
      const dim = p1 - p0 + 1;
      const lo = Math.max(p0, start ?? p0), hi = Math.min(p1, end ?? p1);
      const worked = Math.max(0, hi - lo + 1);
      const atNew = Math.max(0, hi - Math.max(lo, eff) + 1);
      const fAll = worked === dim ? dec(1) : dec(worked).div(dim);
      const fNew = atNew === dim ? dec(1) : dec(atNew).div(dim);
      const fOld = fAll.minus(fNew);
      const comp = (o: Dec, n: Dec) => {
        const paid = round(o.times(fAll).div(P), CENT);
        const owedExact = o.times(fOld).plus(n.times(fNew)).div(P);
        return { paid, owedExact, diff: round(owedExact.minus(paid), CENT), diffExact: owedExact.minus(paid) };
      };
      const sal = comp(p.old.salary, p.new.salary);
      const stc = comp(p.old.creditableStipends, p.new.creditableStipends);
      const sto = comp(p.old.otherStipends, p.new.otherStipends);
      const owedExact = sal.owedExact.plus(stc.owedExact).plus(sto.owedExact);
      return {
        period: per.period,
        fraction: fAll,
        paid: sal.paid.plus(stc.paid).plus(sto.paid),
        owedExact,
        owed: round(owedExact, CENT),
        exact: sal.diffExact.plus(stc.diffExact).plus(sto.diffExact),
        salDiff: sal.diff,
        stipends: stc.diff.plus(sto.diff),
        stipendsExact: stc.diffExact.plus(sto.diffExact),
        creditableStipends: stc.diff,
      };
    });
  }

  private add(out: RetroPerson): RetroPerson {
    this.addTimes(out, 1);
    return out;
  }

  /** n rows of these amounts into the totals. */
  private addTimes(out: Omit<RetroPerson, 'row' | 'id' | 'status'>, n: number): void {
    const T = this.sum;
    const x = (d: Dec) => (n === 1 ? d : d.times(n));
    T.persons += n;
    T.paid = T.paid.plus(x(out.paid!));
    T.owed = T.owed.plus(x(out.owed!));
    T.retroExact = T.retroExact.plus(x(out.retroExact!));
    T.retro = T.retro.plus(x(out.retro!));
    T.salary = T.salary.plus(x(out.salary!));
    T.stipends = T.stipends.plus(x(out.stipends!));
    T.creditable = T.creditable.plus(x(out.creditable!));
    for (const k of this.keys) T.costs[k] = T.costs[k].plus(x(out.costs![k]));
    T.employerTotal = T.employerTotal.plus(x(out.employerTotal!));
  }

  private bad(out: RetroPerson, reason: string): RetroPerson {
    this.sum.invalid++;
    return { ...out, status: 'invalid', reason };
  }

  private dateCol(s: string | undefined, col: string, row: number): DayNumber | null {
    const t = (s ?? '').trim();
    if (!t) return null;
    const d = readDateAs(t, this.opts.dateOrder ?? 'ISO');
    if (typeof d !== 'number') throw new InputError(`row ${row}, column ${col}: ${d.problem}`);
    return d;
  }
}
