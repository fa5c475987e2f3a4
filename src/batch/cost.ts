// Raise costing: a roster's annual cost on the schedule, on the schedule raised across the board,
// and after next year's step and column movement. Pure: agreement and rows in, totals out.
import { Big, dec, divRound, round, percent, type Dec } from '../core/money';
import { InputError } from '../core/errors';
import { schoolYearStarting } from '../core/date';
import { CellsMemo, PlacementPricer, type Cells, type PlacementPrice } from './placement';
import { RowMemo } from './row-memo';
import { citeRef } from '../rules/source';
import { annualCellRounding, findSchedule, lastStep, normalizeClass } from '../rules/schedules/schedule';
import { planFor, thresholdDays } from '../rules/advancement/advancement';
import type { Agreement, Schedule } from '../rules/types';


/** Every cell raised by pct, as the contract's across-the-board increases are: annual cells rounded as
 *  `rounding.annualCell` says, daily rates re-derived, hourly cells rounded as pay. */
export function raiseSchedule(a: Agreement, s: Schedule, pct: Dec, newYear?: string): Schedule {
  const f = dec(1).plus(percent(pct));
  const R = a.meta.rounding;
  const cell = annualCellRounding(a);
  const baseDays = s.days?.value ?? a.meta.parameters.baseYearDays.value;
  const y = +s.year.slice(0, 4) + (newYear ? 0 : 1);
  const year = newYear ?? schoolYearStarting(y);
  const rows = s.rows.map((r) => {
    const out: Schedule['rows'][number] = { step: r.step, ...(r.label !== undefined ? { label: r.label } : {}), ...(r.years !== undefined ? { years: r.years } : {}) };
    if (r.annual) {
      out.annual = {};
      out.daily = {};
      for (const [c, v] of Object.entries(r.annual)) {
        const n = round(dec(v).times(f), cell);
        out.annual[c] = Number(n.toFixed()); // as rounded: whole dollars, or cents if rounding.annualCell says so
        out.daily[c] = Number(divRound(n, baseDays, R.dailyRate).toFixed(2));
      }
    }
    else if (r.daily) {
      out.daily = {};
      for (const [c, v] of Object.entries(r.daily)) out.daily[c] = Number(round(dec(v).times(f), R.pay).toFixed(2));
    }
    if (r.hourly) {
      out.hourly = {};
      for (const [c, v] of Object.entries(r.hourly)) out.hourly[c] = Number(round(dec(v).times(f), R.pay).toFixed(2));
    }
    return out;
  });
  const { source: _source, until: _until, boardApproved: _approved, ...rest } = s;
  return {
    ...rest,
    year,
    effective: `${year.slice(0, 4)}-07-01`,
    derivedFrom: { schedule: s.id, year: s.year, raisePercent: Number(pct.toFixed()), rounding: s.basis === 'annual' ? { mode: cell.mode, unit: cell.unit } : R.pay, note: 'annual cells rounded half-up to the dollar; daily rates re-derived as annual / base days' },
    rows,
    file: `(raised from ${s.file})`,
  };
}

/** The agreement with every schedule of a year replaced by its raised copy (same year label). */
export function raisedAgreement(a: Agreement, year: string, pct: Dec): Agreement {
  return { ...a, schedules: a.schedules.map((s) => (s.year === year ? raiseSchedule(a, s, pct, year) : s)) };
}

export interface CostRow {
  row: number;
  id: string;
  current?: Dec;
  raised?: Dec;
  moved?: Dec;
  movement?: string;
  error?: string;
}

/** The cells of a row its cost depends on (by column name). */
export const COST_CELLS = ['schedule', 'year', 'class', 'step', 'days', 'fte', 'stipends', 'days_served', 'new_class'] as const;

/** A row's figures (shared by the rows with the same cells), or why it is not costed. */
export interface CostPlace {
  current?: Dec;
  raised?: Dec;
  moved?: Dec;
  movement?: string;
  error?: string;
  /** current, raised (0 without a raise) and moved, in integer cents */
  cents?: [number, number, number];
}

export interface CostResult {
  year: string;
  raisePercent: Dec | null;
  rows: CostRow[];
  current: Dec;
  raised: Dec | null;
  moved: Dec;
  counted: number;
  invalid: number;
  notes: string[];
}

/** Next year's placement of a row: one step if eligible (days_served given and at 75%, or assumed), and new_class. */
export function movedPlacement(a: Agreement, v: Record<string, string>, year: string): { values: Record<string, string>; text: string } {
  const s = findSchedule(a, (v.schedule ?? '').trim() || undefined, year);
  const cls = normalizeClass(s, (v.class ?? '').trim());
  const step = Number((v.step ?? '').trim());
  const ds = (v.days_served ?? '').trim();
  if (ds && !/^\d+$/.test(ds)) throw new InputError(`days_served ${JSON.stringify(ds)} is not a whole number`);
  const m = oneYearMovement(a, s, cls, step, ds, (v.new_class ?? '').trim());
  return { values: { ...v, class: m.class, step: String(m.step) }, text: m.text };
}

/** One year's step and column movement on schedule s (cost's next year, a scenario's later years): one
 *  step when eligible (daysServed at the advancement threshold, or assumed when not given), never past
 *  the last step of the class; newClass, when given, moves the column first. */
export function oneYearMovement(a: Agreement, s: Schedule, cls: string, step: number, daysServed: string, newClass: string): { class: string; step: number; text: string } {
  const parts: string[] = [];
  const eligible = daysServed ? Number(daysServed) >= thresholdDays(a, s, planFor(a, s.id)).days : true;
  if (newClass) {
    const n = normalizeClass(s, newClass);
    if (n !== cls) parts.push(`class ${cls} -> ${n}`);
    cls = n;
  }
  const last = lastStep(s, cls);
  const to = eligible ? Math.min(step + 1, last) : Math.min(step, last);
  if (to !== step) parts.push(`step ${step} -> ${to}`);
  else parts.push(eligible ? 'at the last step' : 'no step (under 75%)');
  return { class: cls, step: to, text: parts.join(', ') };
}

export const COST_NOTES = [
  'Annual cost per member = salary (with days and FTE) + yearly stipends; percentage stipends are of Class IV Step 13 and move with the schedule.',
  'Step movement: one step for members with days_served at 75% of the year or more (assumed when the column is absent), never past the last step; new_class moves the column.',
];

/** Costs a roster one row at a time in flat memory: a memo of the contract amount of each placement
 *  (and of each row's next-year placement), and running totals in integer cents, so the totals are
 *  exactly the sum of the rows however many there are. Rows go back to the caller as they come. */
export class RosterCoster {
  readonly year: string;
  private base: PlacementPricer;
  private up: PlacementPricer | undefined;
  private moves = new CellsMemo<{ cls: string; step: string; text: string } | { error: string }>();
  private cents = { current: 0, raised: 0, moved: 0 };
  counted = 0;
  rows = 0;

  constructor(
    private a: Agreement,
    private opts: { year?: string; raise?: Dec },
  ) {
    this.year = findSchedule(a, undefined, opts.year).year;
    this.base = new PlacementPricer(a, { year: this.year });
    this.up = opts.raise ? new PlacementPricer(raisedAgreement(a, this.year, opts.raise), { year: this.year }) : undefined;
  }

  private move(v: Record<string, string>): { cls: string; step: string; text: string } {
    const cells: Cells = [v.schedule ?? '', v.class ?? '', v.step ?? '', v.days_served ?? '', v.new_class ?? '', '', ''];
    let hit = this.moves.get(cells[0], cells[1], cells[2], cells[3], cells[4], '', '');
    if (!hit) {
      try {
        const m = movedPlacement(this.a, v, this.year);
        hit = { cls: m.values.class, step: m.values.step, text: m.text };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        hit = { error: e.message };
      }
      if (this.moves.size >= 50_000) this.moves.clear();
      this.moves.set(cells, hit);
    }
    if ('error' in hit) throw new InputError(hit.error);
    return hit;
  }

  row(r: { row: number; values: Record<string, string>; error?: string }): CostRow {
    const v = r.values;
    const row: CostRow = { row: r.row, id: v.id ?? '' };
    const p = r.error ? { error: r.error } : this.place(v);
    this.count(p);
    if (p.error !== undefined) row.error = p.error;
    else {
      row.current = p.current;
      if (p.raised) row.raised = p.raised;
      row.moved = p.moved;
      row.movement = p.movement;
    }
    return row;
  }

  private memo: RowMemo<CostPlace> | undefined;
  private memoAt: readonly number[] = [];
  /** Hot path for large rosters: a row by position (at: the header's index of each of COST_CELLS,
   *  -1 when absent), its answer worked out once per distinct set of those cells; the same object
   *  comes back for rows that share them. Same answers and totals as row(). */
  rowAt(raw: readonly string[], at: readonly number[], error?: string): CostPlace {
    if (error !== undefined) {
      const p = { error };
      this.count(p);
      return p;
    }
    if (!this.memo || this.memoAt !== at) (this.memo = new RowMemo<CostPlace>(at)), (this.memoAt = at);
    let p = this.memo.get(raw);
    if (!p) {
      const v: Record<string, string> = Object.create(null);
      for (let k = 0; k < COST_CELLS.length; k++) if (at[k] >= 0) v[COST_CELLS[k]] = raw[at[k]] ?? '';
      p = this.place(v);
      if (this.memo.size >= 50_000) this.memo.clear();
      this.memo.set(raw, p);
    }
    this.count(p);
    return p;
  }

  /** rowAt for a row whose cells are still in its line (cell i is text[starts[i], ends[i])), when its
   *  placement is in the memo already; undefined (nothing counted) when not: then rowAt with its cells. */
  rowInLine(text: string, starts: Int32Array, ends: Int32Array, at: readonly number[]): CostPlace | undefined {
    if (!this.memo || this.memoAt !== at) return undefined;
    const p = this.memo.getIn(text, starts, ends);
    if (p) this.count(p);
    return p;
  }

  private count(p: CostPlace): void {
    this.rows++;
    if (p.error !== undefined) return;
    this.cents.current += p.cents![0];
    this.cents.raised += p.cents![1];
    this.cents.moved += p.cents![2];
    this.counted++;
  }

  /** A row's figures from its cells (by column name), or the reason it cannot be costed. */
  private place(v: Record<string, string>): CostPlace {
    try {
      if ((v.class ?? '').trim() === '' || (v.step ?? '').trim() === '') throw new InputError('class and step are required');
      const cur = this.base.priceRow((c) => v[c]);
      const up = this.up?.priceRow((c) => v[c]);
      const m = this.move(v);
      const mv = this.base.priceRow((c) => (c === 'class' ? m.cls : c === 'step' ? m.step : v[c]));
      const cents: [number, number, number] = [cents_(cur), up ? cents_(up) : 0, cents_(mv)];
      return { current: cur.annual, raised: up?.annual, moved: mv.annual, movement: m.text, cents };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { error: e.message };
    }
  }

  /** The totals of the rows costed so far. */
  totals(): Omit<CostResult, 'rows'> {
    const d = (c: number) => new Big(c).div(100);
    const notes = [...COST_NOTES];
    if (this.opts.raise) notes.push(`Raised schedule: every cell x (1 + ${this.opts.raise.toFixed()}%), annual cells rounded half-up to the dollar and daily rates re-derived${annualCellRounding(this.a).cite ? `, as the ${citeRef(annualCellRounding(this.a).cite!)} across-the-board increase is applied` : ''}.`);
    return { year: this.year, raisePercent: this.opts.raise ?? null, current: d(this.cents.current), raised: this.opts.raise ? d(this.cents.raised) : null, moved: d(this.cents.moved), counted: this.counted, invalid: this.rows - this.counted, notes };
  }
}

/** A placement's annual amount in integer cents (the running totals are kept in cents). */
function cents_(p: PlacementPrice): number {
  if (p.annualCents === null) throw new InputError(`the contract amount ${p.annual.toFixed()} is not a whole number of cents`);
  return p.annualCents;
}

/** A whole roster at once (the library; the CLI streams through RosterCoster). */
export function costRoster(a: Agreement, rows: { row: number; values: Record<string, string>; error?: string }[], opts: { year?: string; raise?: Dec }): CostResult {
  const c = new RosterCoster(a, opts);
  const out = rows.map((r) => c.row(r));
  return { ...c.totals(), rows: out };
}

/** A schedule as YAML in the layout of the shipped files (one flow map of cells per row). */
export function scheduleYaml(s: Schedule): string {
  const q = (x: string) => JSON.stringify(x);
  const cite = (c: { article: string; section?: string; quote: string }, ind: string) =>
    `${ind}article: ${q(c.article)}\n${c.section ? `${ind}section: ${q(c.section)}\n` : ''}${ind}quote: ${q(c.quote)}\n`;
  const key = (k: string) => (/^[A-Za-z0-9]+$/.test(k) ? k : q(k));
  const cells = (m: Record<string, number>) => `{${Object.entries(m).map(([k, v]) => `${key(k)}: ${Number.isInteger(v) ? v : v.toFixed(2)}`).join(', ')}}`;
  let y = `id: ${s.id}\nname: ${q(s.name)}\nyear: ${s.year}\neffective: ${s.effective}\n${s.district ? `district: ${q(s.district)}\n` : ''}assignment: ${s.assignment}\nbasis: ${s.basis}\n`;
  if (s.days) y += `days:\n  value: ${s.days.value}\n${s.days.unit ? `  unit: ${s.days.unit}\n` : ''}  cite:\n${cite(s.days.cite, '    ')}`;
  y += `cite:\n${cite(s.cite, '  ')}`;
  if (s.derivedFrom) {
    const d = s.derivedFrom;
    y += `derivedFrom: { schedule: ${d.schedule}, year: ${d.year}, raisePercent: ${d.raisePercent}, rounding: { mode: ${d.rounding.mode}, unit: ${q(String(d.rounding.unit))} }${d.note ? `, note: ${q(d.note)}` : ''} }\n`;
  }
  y += `classes: [${s.classes.map(key).join(', ')}]\nrows:\n`;
  for (const r of s.rows) {
    y += `  - step: ${r.step}\n`;
    if (r.label !== undefined) y += `    label: ${q(r.label)}\n`;
    if (r.years !== undefined) y += `    years: ${r.years}\n`;
    if (r.annual) y += `    annual: ${cells(r.annual)}\n`;
    if (r.daily) y += `    daily: ${cells(r.daily)}\n`;
    if (r.hourly) y += `    hourly: ${cells(r.hourly)}\n`;
  }
  return y;
}
