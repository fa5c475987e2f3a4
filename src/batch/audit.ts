// Payroll audit of one roster row against the contract. Pure, with a memo of contract amounts by
// placement (a county's roster has few distinct placements, so a million rows cost a million lookups).
import { Big, isDecimalText, parseCents, toCents, type Dec } from '../core/money';
import { InputError } from '../core/errors';
import { salary } from '../rules/schedules/salary';
import { computeStipend, paidPerCount } from '../rules/stipends/stipends';
import type { Agreement } from '../rules/types';

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

export class Auditor {
  private memo = new Map<string, { annual: Dec; monthly: Dec; annualCents: number; monthlyCents: number; how: string } | { error: string }>();
  constructor(
    private a: Agreement,
    private toleranceCents: number,
    private defaults: { year?: string } = {},
  ) {}

  /** The contract amount of a placement, annual and monthly. */
  contract(values: Record<string, string>): { annual: Dec; monthly: Dec; annualCents: number; monthlyCents: number; how: string } {
    return this.contractOf((c) => values[c]);
  }

  contractOf(get: (col: string) => string | undefined): { annual: Dec; monthly: Dec; annualCents: number; monthlyCents: number; how: string } {
    const key = memoKey(get('schedule'), get('year'), get('class'), get('step'), get('days'), get('fte'), get('stipends'));
    let hit = this.memo.get(key);
    if (!hit) {
      const v: Record<string, string | undefined> = { schedule: get('schedule'), year: get('year'), class: get('class'), step: get('step'), days: get('days'), fte: get('fte'), stipends: get('stipends') };
      try {
        const step = (v.step ?? '').trim();
        if (!/^\d+$/.test(step)) throw new InputError(`step ${JSON.stringify(v.step ?? '')} is not a whole number`);
        const days = (v.days ?? '').trim();
        if (days && !/^\d+$/.test(days)) throw new InputError(`days ${JSON.stringify(v.days)} is not a whole number`);
        const fte = (v.fte ?? '').trim();
        if (fte && !isDecimalText(fte)) throw new InputError(`fte ${JSON.stringify(v.fte)} is not a number`);
        const s = salary(this.a, { schedule: (v.schedule ?? '').trim() || undefined, year: (v.year ?? '').trim() || this.defaults.year, class: (v.class ?? '').trim(), step: Number(step), days: days ? Number(days) : undefined, fte: fte || undefined });
        let annual = s.totalSalary;
        let monthly = s.monthlyPay;
        const parts = [`salary ${s.totalSalary.toFixed(2)}`];
        for (const [id, n] of parseStipendCell(v.stipends ?? '')) {
          const isCount = paidPerCount(this.a, id);
          const r = computeStipend(this.a, id, isCount ? { teachers: n, year: s.year } : { year: s.year });
          if (r.monthly === null) throw new InputError(`stipends: ${id} is paid by the day or hour, not in a roster`);
          const k = isCount ? 1 : n;
          annual = annual.plus(r.annual.times(k));
          monthly = monthly.plus(r.monthly.times(k));
          parts.push(`${id}${n > 1 ? `:${n}` : ''} ${r.annual.times(k).toFixed(2)}`);
        }
        hit = { annual, monthly, annualCents: toCents(annual), monthlyCents: toCents(monthly), how: parts.join(' + ') };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        hit = { error: e.message.replace(/^--(\w)/, '$1') };
      }
      this.memo.set(key, hit);
    }
    if ('error' in hit) throw new InputError(hit.error);
    return hit;
  }

  row(values: Record<string, string>): AuditResult {
    return this.rowOf((c) => values[c]);
  }

  /** Hot path for large rosters: fields by position (-1 for an absent column). Same answers as rowOf. */
  rowRaw(raw: string[], at: RosterIndex): AuditResult {
    const get = (c: string) => {
      const i = at[c as keyof RosterIndex];
      return i === undefined || i < 0 ? undefined : raw[i];
    };
    const id = raw[at.id], cls = raw[at.class], step = raw[at.step], paid = raw[at.paid];
    const period = at.period < 0 ? '' : raw[at.period];
    if (!id || !cls || !step || !paid || (period !== '' && period !== 'annual' && period !== 'monthly')) return this.rowOf(get);
    const key = memoKey(at.schedule < 0 ? '' : raw[at.schedule], at.year < 0 ? '' : raw[at.year], cls, step, at.days < 0 ? '' : raw[at.days], at.fte < 0 ? '' : raw[at.fte], at.stipends < 0 ? '' : raw[at.stipends]);
    const hit = this.memo.get(key);
    const cents = parseCents(paid);
    if (!hit || 'error' in hit || cents === null) return this.rowOf(get);
    const contract = period === 'monthly' ? hit.monthlyCents : hit.annualCents;
    const diff = cents - contract;
    const status: AuditStatus = Math.abs(diff) <= this.toleranceCents ? 'ok' : diff < 0 ? 'underpaid' : 'overpaid';
    return { status, contract, paid: cents, difference: diff, reason: status === 'ok' ? '' : `${period || 'annual'} ${hit.how}${period === 'monthly' ? ' (monthly)' : ''}` };
  }

  /** One row, its fields read through get (by column name). */
  rowOf(get: (col: string) => string | undefined): AuditResult {
    for (const c of ROSTER_COLUMNS.required) if ((get(c) ?? '').trim() === '') return { status: 'invalid', reason: `${c} is empty` };
    const v = { paid: get('paid')!, period: get('period') };
    let paidText = v.paid.trim();
    if (paidText.startsWith('$') || paidText.includes(',')) paidText = paidText.replace(/^\$/, '').replace(/,/g, '');
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
    const diff = paid - contract;
    const status: AuditStatus = Math.abs(diff) <= this.toleranceCents ? 'ok' : diff < 0 ? 'underpaid' : 'overpaid';
    return { status, contract, paid, difference: diff, reason: status === 'ok' ? '' : `${period} ${c.how}${period === 'monthly' ? ' (monthly)' : ''}` };
  }
}

export const ZERO = new Big(0);
