// PlacementPricer.centsOf prices a roster placement in integer cents (the audit's line path uses it
// for the first row of each placement) and must give exactly what priceRow gives in decimals, or
// nothing: the same contract amounts (annual and monthly cents) and the same working (`how`, the
// reason of a row that is off), for every placement it takes, under the agreement's roundings and
// under other modes and units of rounding.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRules } from '../../src/rules/load';
import { PlacementPricer } from '../../src/batch/placement';
import type { Agreement } from '../../src/rules/types';
import type { RoundingMode } from '../../src/core/money';
import { AGREEMENT_DIR } from '../helpers/contract';

/** Cells as rosters write them (plain) and odd ones (refused, or read only by the decimal pricing). */
const PLAIN = {
  schedule: ['', 'basic', 'community-day'],
  year: ['', '2005-06', '2004-05'],
  class: ['I', 'II', 'III', 'IV', 'V', 'VI', 'A'],
  days: ['', '190', '180', '123', '200', '225'],
  fte: ['', '1', '0.5', '.5', '0.75', '0.333', '0.8333'],
  stipends: ['', 'bilingual', 'ltvs:2 head-teacher', 'btsa:3', 'phd;bilingual'],
};
const ODD = {
  schedule: ['preschool', 'Basic', ' basic ', 'nope'],
  year: ['2006-07', '05-06', 'x'],
  class: ['iv', ' IV', 'Class IV', 'VII', ''],
  step: ['0', '07', ' 3', 'x', '', '3.0', '99999999999999999999'],
  days: ['122', '226', '0', '0190', 'x', ' 200', '200.5'],
  fte: ['1.0', '0', '1.5', 'x', '0.123456789', '0.1234567891', '00.5', '1.', '-0.5'],
  stipends: ['nope', 'bilingual:0', 'BILINGUAL', 'bilingual bilingual'],
};
const cell = (plain: fc.Arbitrary<string>, odd: string[]) => fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const placement = fc.record({
  schedule: cell(fc.constantFrom(...PLAIN.schedule), ODD.schedule),
  year: cell(fc.constantFrom(...PLAIN.year), ODD.year),
  class: cell(fc.constantFrom(...PLAIN.class), ODD.class),
  step: cell(fc.integer({ min: 1, max: 30 }).map(String), ODD.step),
  days: cell(fc.oneof(fc.constantFrom(...PLAIN.days), fc.integer({ min: 100, max: 240 }).map(String)), ODD.days),
  fte: cell(fc.oneof(fc.constantFrom(...PLAIN.fte), fc.integer({ min: 1, max: 1000 }).map((n) => (n / 1000).toString())), ODD.fte),
  stipends: cell(fc.constantFrom(...PLAIN.stipends), ODD.stipends),
});
type P = { schedule: string; year: string; class: string; step: string; days: string; fte: string; stipends: string };

/** priceRow's answer for the cells (as a roster row holds them), or the error it gives. */
function decimal(pricer: PlacementPricer, p: P) {
  try {
    const r = pricer.priceRow((c) => p[c as keyof P]);
    return { annualCents: r.annualCents, monthlyCents: r.monthlyCents, how: r.how };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const cents = (pricer: PlacementPricer, p: P) => pricer.centsOf(p.schedule, p.year, p.class, p.step, p.days, p.fte, p.stipends);

describe('PlacementPricer.centsOf', () => {
  let a: Agreement;
  beforeAll(async () => {
    a = (await loadRules(AGREEMENT_DIR)).agreements[0];
  });

  it('prices the contract in integer cents as the decimal pricing does (worked by hand)', () => {
    const pricer = new PlacementPricer(a);
    const p = { schedule: 'basic', year: '', class: 'IV', step: '13', days: '', fte: '', stipends: '' };
    // IV-13 of the 2005-06 Basic Teacher Compensation Plan is 70,797 (Appendix A); / 12 = 5,899.75
    expect(cents(pricer, p)).toEqual({ annualCents: 7_079_700, monthlyCents: 589_975, how: 'salary 70797.00' });
    // 200 days: 10 extra days at the daily rate 70,797 / 190 = 372.6157..., 372.62 (XV.1):
    // 70,797 + 3,726.20 = 74,523.20; / 12 = 6,210.266... -> 6,210.27
    expect(cents(pricer, { ...p, days: '200' })).toEqual({ annualCents: 7_452_320, monthlyCents: 621_027, how: 'salary 74523.20' });
    // 180 days, pro rata: 70,797 x 180 / 190 = 67,070.842... -> 67,070.84; / 12 = 5,589.2366... -> 5,589.24
    expect(cents(pricer, { ...p, days: '180' })).toEqual({ annualCents: 6_707_084, monthlyCents: 558_924, how: 'salary 67070.84' });
    // half time: 35,398.50; / 12 = 2,949.875 -> 2,949.88 (half up)
    expect(cents(pricer, { ...p, fte: '.5' })).toEqual({ annualCents: 3_539_850, monthlyCents: 294_988, how: 'salary 35398.50' });
    // and each of these as priceRow gives it
    for (const q of [p, { ...p, days: '200' }, { ...p, days: '180' }, { ...p, fte: '.5' }, { ...p, stipends: 'bilingual' }]) expect(cents(pricer, q)).toEqual(decimal(pricer, q));
  });

  it('takes nothing priceRow refuses or reads differently (hourly schedule, bad cells)', () => {
    const pricer = new PlacementPricer(a);
    const p = { schedule: 'basic', year: '', class: 'IV', step: '13', days: '', fte: '', stipends: '' };
    for (const q of [{ schedule: 'preschool' }, { class: 'VII' }, { step: 'x' }, { step: '3.0' }, { days: '226' }, { days: '122' }, { fte: '0' }, { fte: '1.5' }, { fte: '1.' }, { stipends: 'nope' }, { year: '05-06' }])
      expect(cents(pricer, { ...p, ...q })).toBeUndefined();
  });

  /** Whether the cents pricing priced p; when it did, the decimal pricing must give the same. */
  const agrees = (pricer: PlacementPricer, p: P): boolean => {
    const c = cents(pricer, p);
    if (c === undefined) return false;
    expect(decimal(pricer, p)).toEqual(c);
    return true;
  };

  it('gives what priceRow gives, or nothing, for any placement (property)', () => {
    let taken = 0;
    fc.assert(
      fc.property(placement, fc.constantFrom('', '2005-06', '2004-05'), (p, year) => {
        if (agrees(new PlacementPricer(a, { year: year || undefined }), p)) taken++;
      }),
      { numRuns: 400 },
    );
    // a good share of the drawn placements are plain enough to be priced in cents (about 50-100 of
    // the 400; the property is not left without a case)
    expect(taken).toBeGreaterThan(10);
  });

  it('gives what priceRow gives under every mode and unit of rounding (property)', () => {
    const modes: RoundingMode[] = ['half-up', 'half-even', 'down', 'up'];
    // units of whole cents (priced in cents) and, now and then, of less (left to the decimal pricing)
    const rounding = fc.record({ mode: fc.constantFrom(...modes), unit: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('0.01', '0.05', '1', 0.01, 1) }, { weight: 1, arbitrary: fc.constant('0.001') }) });
    let taken = 0;
    fc.assert(
      fc.property(placement, rounding, rounding, rounding, (p, dailyRate, pay, monthly) => {
        const b: Agreement = { ...a, meta: { ...a.meta, rounding: { ...a.meta.rounding, dailyRate, pay, monthly } } };
        if (agrees(new PlacementPricer(b), p)) taken++;
      }),
      { numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(10);
  });
});
