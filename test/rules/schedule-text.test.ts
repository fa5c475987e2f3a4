// scheduleTableText (what `cba schedule` prints) works an annual schedule's daily rates in integer
// cents; it must show exactly the figures of scheduleTable, worked in decimals (big.js), for every
// schedule of the agreement and under other roundings, base years and cells, and the agreement's
// own rates (annual / 190, rounded half-up: Article XV.1) against the printed text.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRules } from '../../src/rules/load';
import { scheduleTable, scheduleTableText } from '../../src/rules/schedules/salary';
import type { Agreement, Schedule } from '../../src/rules/types';
import type { RoundingMode } from '../../src/core/money';
import { AGREEMENT_DIR, BASIC, COMMUNITY_DAY, divHalfUp, cents } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

/** scheduleTable's cells as the figures shown (toFixed(2), as the command printed them in decimals). */
function shown(b: Agreement, id?: string, year?: string) {
  return scheduleTable(b, id, year).cells.map((c) => ({
    class: c.class,
    step: c.step,
    annual: c.annual.toFixed(2),
    dailyRate: c.dailyRate.toFixed(2),
    printedDailyRate: c.printedDailyRate?.toFixed(2),
    hourlyRate: c.hourlyRate?.toFixed(2),
    differs: c.differs,
  }));
}

/** The agreement with one schedule's cells, base year and daily-rate rounding replaced. */
function variant(cells: { annual: string; daily?: string }[], days: number, mode: RoundingMode, unit: string): Agreement {
  const s0 = a.schedules.find((s) => s.id === 'basic' && s.year === '2005-06')!;
  const rows = cells.map((c, i) => ({ step: i + 1, annual: { I: Number(c.annual) }, ...(c.daily !== undefined ? { daily: { I: Number(c.daily) } } : {}) }));
  const s: Schedule = { ...s0, classes: ['I'], rows, days: { ...(s0.days ?? a.meta.parameters.baseYearDays), value: days } } as Schedule;
  return { ...a, schedules: [s], meta: { ...a.meta, rounding: { ...a.meta.rounding, dailyRate: { mode, unit } } } };
}

describe('scheduleTableText: the figures of scheduleTable', () => {
  it('every schedule and school year of the agreement, cell for cell', () => {
    const seen = new Set<string>();
    for (const s of a.schedules) {
      const key = `${s.id} ${s.year}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const text = scheduleTableText(a, s.id, s.year);
      expect(text.cells.length).toBeGreaterThan(0);
      expect(text.cells).toEqual(shown(a, s.id, s.year));
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('Article XV.1 on the printed schedules: annual / 190 rounded half-up, and which printed rates differ', () => {
    for (const [id, parse] of [['basic', BASIC], ['community-day', COMMUNITY_DAY]] as const) {
      const { cells } = scheduleTableText(a, id, '2005-06');
      const differing: string[] = [];
      for (const t of parse()) {
        const want = divHalfUp(BigInt(t.annual!) * 100n, 190n);
        const c = cells.find((x) => x.class === t.class && x.step === t.step)!;
        expect(cents(c.dailyRate)).toBe(want);
        expect(c.annual).toBe(`${t.annual}.00`);
        expect(c.printedDailyRate).toBe(t.daily);
        expect(c.differs).toBe(cents(t.daily!) !== want);
        if (c.differs) differing.push(`${t.class}-${t.step}`);
      }
      expect(differing).toEqual(id === 'basic' ? [] : ['II-2', 'III-3', 'II-4', 'I-6', 'III-8', 'V-11']);
    }
  });

  it('hand-worked roundings of a daily rate', () => {
    // 92.50 / 185 = 0.5 exactly: half-up to the dollar 1, half-even 0 (the even neighbour), down 0, up 1
    // 277.50 / 185 = 1.5 exactly: half-even 2
    // 40000.50 / 185 = 216.2189...: half-even to the dollar 216; to five cents, down 216.20, up 216.25
    const cells = [{ annual: '92.50' }, { annual: '277.50' }, { annual: '40000.50', daily: '216.22' }];
    const rates = (mode: RoundingMode, unit: string) => scheduleTableText(variant(cells, 185, mode, unit), 'basic').cells.map((c) => c.dailyRate);
    expect(rates('half-up', '1')).toEqual(['1.00', '2.00', '216.00']);
    expect(rates('half-even', '1')).toEqual(['0.00', '2.00', '216.00']);
    expect(rates('down', '0.05')).toEqual(['0.50', '1.50', '216.20']);
    expect(rates('up', '0.05')).toEqual(['0.50', '1.50', '216.25']);
    // 40000.50 / 185 = 216.21891...: to the cent half-up 216.22, the printed rate: no difference
    const c = scheduleTableText(variant(cells, 185, 'half-up', '0.01'), 'basic').cells[2];
    expect(c).toMatchObject({ annual: '40000.50', dailyRate: '216.22', printedDailyRate: '216.22', differs: false });
  });

  it('any annual cells, base year and rounding: the same figures as in decimals', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 999_999_999 }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 })).map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 999 })).map(([i, f]) => `${i}.${String(f).padStart(3, '0')}`),
    );
    const cell = fc.record({ annual: amount, daily: fc.option(amount, { nil: undefined }) }, { requiredKeys: ['annual'] });
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down', 'up'),
        fc.constantFrom('0.01', '1', '0.05', '0.25', '10', '0.001', '0.005'),
        (cells, days, mode, unit) => {
          const b = variant(cells, days, mode, unit);
          expect(scheduleTableText(b, 'basic').cells).toEqual(shown(b, 'basic'));
        },
      ),
      { numRuns: 100 },
    );
  });
});
