// Payroll audit of one roster row against the contract. Pure, with a memo of contract amounts by
// placement (a county's roster has few distinct placements, so a million rows cost a million lookups).
import { Big, isDecimalText, parseCents } from '../core/money';
import type { Agreement } from '../rules/types';
import { PlacementPricer, type PlacementCents, type PlacementPrice } from './placement';

/** The roster columns (header names); others are kept as they are. */
export const ROSTER_COLUMNS = {
  required: ['id', 'class', 'step', 'paid'],
  optional: ['schedule', 'year', 'days', 'fte', 'stipends', 'period'],
} as const;

export type AuditStatus = 'ok' | 'underpaid' | 'overpaid' | 'invalid';

export interface AuditResult {
  status: AuditStatus;
  /** integer cents (exact): the contract amount, the amount paid, paid - contract */
  contract?: number;
  paid?: number;
  difference?: number;
  reason: string;
}

export { memoKey, parseStipendCell } from './placement';

/** The status of an amount paid against the contract amount (integer cents): ok when the difference is
 *  within the tolerance either way, else underpaid or overpaid. */
export function auditStatus(paidCents: number, contractCents: number, toleranceCents: number): AuditStatus {
  const diff = paidCents - contractCents;
  return Math.abs(diff) <= toleranceCents ? 'ok' : diff < 0 ? 'underpaid' : 'overpaid';
}

export interface RosterIndex {
  id: number;
  class: number;
  step: number;
  paid: number;
  schedule: number;
  year: number;
  days: number;
  fte: number;
  stipends: number;
  period: number;
}

export function rosterIndex(header: string[]): RosterIndex {
  const i = (c: string) => header.indexOf(c);
  return { id: i('id'), class: i('class'), step: i('step'), paid: i('paid'), schedule: i('schedule'), year: i('year'), days: i('days'), fte: i('fte'), stipends: i('stipends'), period: i('period') };
}

/** A row's cells by column name, from their positions (-1 for an absent column). */
function cellsOf(raw: string[], at: RosterIndex): (col: string) => string | undefined {
  return (c) => {
    const i = at[c as keyof RosterIndex];
    return i === undefined || i < 0 ? undefined : raw[i];
  };
}

/** The reason of a row that is off, from its placement's working (PlacementPrice's how). */
export function reasonText(how: string, monthly: boolean): string {
  return monthly ? `monthly ${how} (monthly)` : `annual ${how}`;
}

export class Auditor {
  private pricer: PlacementPricer;
  constructor(
    a: Agreement,
    private toleranceCents: number,
    defaults: { year?: string } = {},
  ) {
    this.pricer = new PlacementPricer(a, { year: defaults.year });
  }

  /** The contract amount of a placement, annual and monthly. */
  contract(values: Record<string, string>): PlacementPrice {
    return this.contractOf((c) => values[c]);
  }

  contractOf(get: (col: string) => string | undefined): PlacementPrice {
    return this.pricer.priceRow(get);
  }

  row(values: Record<string, string>): AuditResult {
    return this.rowOf((c) => values[c]);
  }

  /** Hot path for large rosters: fields by position (-1 for an absent column). Same answers as rowOf. */
  rowRaw(raw: string[], at: RosterIndex): AuditResult {
    return this.rowFast(raw, at) ?? this.rowOf(cellsOf(raw, at));
  }

  /** The price of a row's placement when an earlier row (rowRaw, rowOf) has priced those cells as
   *  written; undefined otherwise (not yet, or it cannot be priced). */
  cachedPlacement(raw: string[], at: RosterIndex): PlacementPrice | undefined {
    const c = (i: number) => (i < 0 ? '' : (raw[i] ?? ''));
    return this.pricer.cachedRow(c(at.schedule), c(at.year), c(at.class), c(at.step), c(at.days), c(at.fte), c(at.stipends));
  }

  /** A placement's contract amounts in integer cents by its cells as written (schedule, year, class,
   *  step, days, fte, stipends; '' for an absent column), when the pricing in cents takes it
   *  (PlacementPricer.centsOf): the figures rowRaw's verdict would use; undefined otherwise. */
  centsOf(schedule: string, year: string, cls: string, step: string, days: string, fte: string, stipends: string): PlacementCents | undefined {
    return this.pricer.centsOf(schedule, year, cls, step, days, fte, stipends);
  }

  /** A row whose placement is already priced and whose cells need no cleaning; undefined otherwise. */
  private rowFast(raw: string[], at: RosterIndex): AuditResult | undefined {
    const id = raw[at.id], cls = raw[at.class], step = raw[at.step], paid = raw[at.paid];
    const period = at.period < 0 ? '' : raw[at.period];
    if (!id || !cls || !step || !paid || (period !== '' && period !== 'annual' && period !== 'monthly')) return undefined;
    const hit = this.pricer.cachedRow(at.schedule < 0 ? '' : raw[at.schedule], at.year < 0 ? '' : raw[at.year], cls, step, at.days < 0 ? '' : raw[at.days], at.fte < 0 ? '' : raw[at.fte], at.stipends < 0 ? '' : raw[at.stipends]);
    const cents = parseCents(paid);
    const contract = period === 'monthly' ? hit?.monthlyCents : hit?.annualCents;
    if (!hit || contract == null || cents === null) return undefined;
    return this.verdict(cents, contract, hit, period === 'monthly');
  }

  /** A valid row's result, the one place its status is decided: paid against the contract amount of its
   *  period (integer cents), with the contract's working as the reason when it is not ok. */
  private verdict(paid: number, contract: number, p: PlacementPrice, monthly: boolean): AuditResult {
    const status = auditStatus(paid, contract, this.toleranceCents);
    return { status, contract, paid, difference: paid - contract, reason: status === 'ok' ? '' : this.reason(p, monthly) };
  }

  private reasons = new Map<PlacementPrice, [string, string]>();
  /** The reason of a row that is off: the contract's working, one string per placement and period. */
  reason(p: PlacementPrice, monthly: boolean): string {
    let r = this.reasons.get(p);
    if (!r) {
      r = [reasonText(p.how, false), reasonText(p.how, true)];
      if (this.reasons.size >= 50_000) this.reasons.clear();
      this.reasons.set(p, r);
    }
    return r[monthly ? 1 : 0];
  }

  /** One row, its fields read through get (by column name). */
  rowOf(get: (col: string) => string | undefined): AuditResult {
    for (const c of ROSTER_COLUMNS.required) if ((get(c) ?? '').trim() === '') return { status: 'invalid', reason: `${c} is empty` };
    const v = { paid: get('paid')!, period: get('period') };
    let paidText = v.paid.trim();
    if (paidText.startsWith('$') || paidText.includes(',')) paidText = paidText.replace(/^\$/, '').replace(/,/g, '');
    // as a payroll export may write them: ".5" is 0.50, and leading zeros ("0000070797.00") add nothing
    paidText = paidText.replace(/^(-?)0+(?=\d)/, (_, sign: string) => sign).replace(/^(-?)\./, (_, sign: string) => `${sign}0.`);
    const paid = parseCents(paidText);
    if (paid === null && /^-?\d{10,}(\.\d*)?$/.test(paidText)) return { status: 'invalid', reason: `paid ${JSON.stringify(v.paid)} is 1,000,000,000.00 or more, beyond the amounts cba audits` };
    if (paid === null)
      return { status: 'invalid', reason: isDecimalText(paidText, true) ? `paid ${JSON.stringify(v.paid)} has more than two decimals` : `paid ${JSON.stringify(v.paid)} is not an amount` };
    const period = (v.period ?? '').trim().toLowerCase() || 'annual';
    if (period !== 'annual' && period !== 'monthly') return { status: 'invalid', reason: `period ${JSON.stringify(v.period)} is not annual or monthly` };
    let c;
    try {
      c = this.contractOf(get);
    } catch (e) {
      return { status: 'invalid', reason: (e as Error).message };
    }
    const contract = period === 'annual' ? c.annualCents : c.monthlyCents;
    if (contract === null) return { status: 'invalid', reason: `the contract amount ${(period === 'annual' ? c.annual : c.monthly).toFixed()} is not a whole number of cents` };
    return this.verdict(paid, contract, c, period === 'monthly');
  }
}

export const ZERO = new Big(0);
