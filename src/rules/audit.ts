// Payroll audit of one roster row against the contract. Pure, with a memo of contract amounts by
// placement (a county's roster has few distinct placements, so a million rows cost a million lookups).
import { Big, dec, isDecimalText, type Dec } from '../core/money';
import { InputError } from '../core/errors';
import { salary } from './salary';
import { computeStipend } from './stipend';
import type { Agreement } from './types';

/** The roster columns (header names); others are kept as they are. */
export const ROSTER_COLUMNS = {
  required: ['id', 'class', 'step', 'paid'],
  optional: ['schedule', 'year', 'days', 'fte', 'stipends', 'period'],
} as const;

export type AuditStatus = 'ok' | 'underpaid' | 'overpaid' | 'invalid';

export interface AuditResult {
  status: AuditStatus;
  contract?: Dec;
  paid?: Dec;
  difference?: Dec;
  reason: string;
}

/** "ltvs:2 bilingual; btsa:3" -> [[ltvs, 2], [bilingual, 1], [btsa, 3]] */
export function parseStipendCell(cell: string): [string, number][] {
  const out: [string, number][] = [];
  for (const part of cell.split(/[\s;|]+/).filter(Boolean)) {
    const m = /^([a-z0-9-]+)(?::(\d+))?$/i.exec(part);
    if (!m) throw new InputError(`stipends: "${part}" is not ID or ID:COUNT`);
    out.push([m[1].toLowerCase(), m[2] === undefined ? 1 : Number(m[2])]);
  }
  return out;
}

export class Auditor {
  private memo = new Map<string, { annual: Dec; monthly: Dec; how: string } | { error: string }>();
  constructor(
    private a: Agreement,
    private toleranceCents: number,
    private defaults: { year?: string } = {},
  ) {}

  /** The contract amount of a placement, annual and monthly. */
  contract(v: Record<string, string>): { annual: Dec; monthly: Dec; how: string } {
    const key = `${v.schedule ?? ''}|${v.year ?? ''}|${v.class}|${v.step}|${v.days ?? ''}|${v.fte ?? ''}|${v.stipends ?? ''}`;
    let hit = this.memo.get(key);
    if (!hit) {
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
          const isCount = id === 'btsa';
          const r = computeStipend(this.a, id, isCount ? { teachers: n, year: s.year } : { year: s.year });
          if (r.monthly === null) throw new InputError(`stipends: ${id} is paid by the day or hour, not in a roster`);
          const k = isCount ? 1 : n;
          annual = annual.plus(r.annual.times(k));
          monthly = monthly.plus(r.monthly.times(k));
          parts.push(`${id}${n > 1 ? `:${n}` : ''} ${r.annual.times(k).toFixed(2)}`);
        }
        hit = { annual, monthly, how: parts.join(' + ') };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        hit = { error: e.message.replace(/^--(\w)/, '$1') };
      }
      this.memo.set(key, hit);
    }
    if ('error' in hit) throw new InputError(hit.error);
    return hit;
  }

  row(v: Record<string, string>): AuditResult {
    for (const c of ROSTER_COLUMNS.required) if ((v[c] ?? '').trim() === '') return { status: 'invalid', reason: `${c} is empty` };
    const paidText = v.paid.trim().replace(/^\$/, '').replace(/,/g, '');
    if (!isDecimalText(paidText, true)) return { status: 'invalid', reason: `paid ${JSON.stringify(v.paid)} is not an amount` };
    const period = (v.period ?? '').trim().toLowerCase() || 'annual';
    if (period !== 'annual' && period !== 'monthly') return { status: 'invalid', reason: `period ${JSON.stringify(v.period)} is not annual or monthly` };
    let c;
    try {
      c = this.contract(v);
    } catch (e) {
      return { status: 'invalid', reason: (e as Error).message };
    }
    const contract = period === 'annual' ? c.annual : c.monthly;
    const paid = dec(paidText);
    const diff = paid.minus(contract);
    const cents = Number(diff.times(100).toFixed(0));
    const status: AuditStatus = Math.abs(cents) <= this.toleranceCents ? 'ok' : cents < 0 ? 'underpaid' : 'overpaid';
    return { status, contract, paid, difference: diff, reason: status === 'ok' ? '' : `${period} ${c.how}${period === 'monthly' ? ' (monthly)' : ''}` };
  }
}

export const ZERO = new Big(0);
