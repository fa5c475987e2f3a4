// The employer's costs that follow pay: statutory contributions (law, by effective date, from the
// rules' benefits.yaml), the county office's rates (unemployment insurance, workers' compensation,
// health and welfare, from a rates file), and the Article XVI health cap. Pure: data in, figures out.
import { Big, dec, percent, round, type Dec } from '../core/money';
import { InputError } from '../core/errors';
import { daysInMonth, formatDate, fromParts, toParts, type DayNumber } from '../core/date';
import type { BenefitsFile, Law, RatesFile } from '../rules/benefits/schema';
import type { Agreement } from '../rules/types';

export type { BenefitsFile, RatesFile } from '../rules/benefits/schema';

export function benefitsRules(a: Agreement): BenefitsFile & { file: string } {
  const b = a.parts.benefits;
  if (!b) throw new InputError(`the agreement ${a.meta.id} has no benefits.yaml in its rules folder (statutory employer costs); add one like rules/sdcoe-ae-2005-2008/benefits.yaml`);
  return b;
}

export interface StatutoryRate {
  id: string;
  name: string;
  base: 'creditable' | 'all';
  /** a fraction: 8.25% is 0.0825 */
  rate: Dec;
  percent: string;
  law: Law[];
}

/** Everything in force on one day. */
export interface RatesInForce {
  date: string;
  statutory: StatutoryRate[];
  /** fractions of all pay */
  unemployment: Dec;
  workersComp: Dec;
  /** monthly, per eligible member */
  healthCap: Dec;
  healthCapFrom: string;
  healthPremium: Dec | null;
  otherBenefits: Dec;
  minFte: Dec;
  creditableStipends: Set<string>;
}

const txt = (v: string | number) => String(v).trim();

export function ratesOn(b: BenefitsFile, rates: RatesFile | undefined, day: DayNumber): RatesInForce {
  const date = formatDate(day);
  const statutory: StatutoryRate[] = [];
  for (const s of b.statutory) {
    const p = s.periods.filter((x) => x.from <= date && (!x.to || date <= x.to)).pop();
    if (!p) throw new InputError(`no ${s.name} rate is in force on ${date} in benefits.yaml (its periods start ${s.periods[0].from}); add the period that covers it`);
    statutory.push({ id: s.id, name: s.name, base: s.base, rate: percent(txt(p.percent)), percent: txt(p.percent), law: p.law });
  }
  const capRule = b.health.cap.filter((c) => c.from <= date).pop() ?? b.health.cap[0];
  let healthCap = dec(txt(capRule.monthly));
  let healthCapFrom = capRule.from;
  let unemployment = new Big(0), workersComp = new Big(0), otherBenefits = new Big(0);
  let healthPremium: Dec | null = null;
  for (const r of rates?.rates ?? []) {
    if (r.from > date) break;
    if (r.unemployment !== undefined) unemployment = percent(txt(r.unemployment));
    if (r.workersComp !== undefined) workersComp = percent(txt(r.workersComp));
    if (r.otherBenefits !== undefined) otherBenefits = dec(txt(r.otherBenefits));
    if (r.healthPremium !== undefined) healthPremium = dec(txt(r.healthPremium));
    if (r.healthCap !== undefined && r.from >= healthCapFrom) {
      healthCap = dec(txt(r.healthCap));
      healthCapFrom = r.from;
    }
  }
  return { date, statutory, unemployment, workersComp, healthCap, healthCapFrom, healthPremium, otherBenefits, minFte: dec(b.health.minFte), creditableStipends: new Set(b.creditable.stipends) };
}

/** The employer's monthly medical cost per eligible member: the premium up to the cap (the cap when no premium is known). */
export function healthMonthly(r: RatesInForce, capOverride?: Dec): Dec {
  const cap = capOverride ?? r.healthCap;
  const medical = r.healthPremium && r.healthPremium.lt(cap) ? r.healthPremium : cap;
  return medical.plus(r.otherBenefits);
}

/** Months (exact, partial months by calendar days) from day `from` up to but not including `to`. */
export function monthsBetween(from: DayNumber, to: DayNumber): Dec {
  let m = new Big(0);
  let d = from;
  while (d < to) {
    const p = toParts(d);
    const dim = daysInMonth(p.y, p.m);
    const next = p.m === 12 ? fromParts(p.y + 1, 1, 1) : fromParts(p.y, p.m + 1, 1);
    const end = Math.min(next, to);
    m = end - d === dim ? m.plus(1) : m.plus(dec(end - d).div(dim));
    d = end;
  }
  return m;
}

/** The statutory and county-rate costs of one slice of pay at the rates in force. Exact (unrounded). */
export function employerCostsExact(r: RatesInForce, pay: { creditable: Dec; all: Dec }): Record<string, Dec> {
  const out: Record<string, Dec> = {};
  for (const s of r.statutory) out[s.id] = (s.base === 'creditable' ? pay.creditable : pay.all).times(s.rate);
  out.unemployment = pay.all.times(r.unemployment);
  out.workersComp = pay.all.times(r.workersComp);
  return out;
}

export const COST_KEYS = (b: BenefitsFile) => [...b.statutory.map((s) => s.id), 'unemployment', 'workersComp'];

export function roundCent(x: Dec): Dec {
  return round(x, { mode: 'half-up', unit: '0.01' });
}
