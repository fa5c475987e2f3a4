// src/batch/cost.ts against its pure functions, worked by hand from the 2005-06 Basic Teacher Compensation
// Plan: I-1 37,399; I-2 39,264; II-2 43,677; IV-12 68,761; IV-13 70,797 (the last step of Class IV);
// 75% of 190 days = 142.5, so 143 days served earn a step (Appendix A, Placement 2.a prints "75% (143 days)").
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { COST_CELLS, RosterCoster, costRoster, movedPlacement, raiseSchedule } from '../../src/batch/cost';
import { findSchedule } from '../../src/rules/schedules/schedule';
import { dec } from '../../src/core/money';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

describe('movedPlacement: next year, one step at 75% of the year served, new_class moves the column', () => {
  it.each([
    // [row, class, step, text]
    [{ class: 'IV', step: '12' }, 'IV', '13', 'step 12 -> 13'], // days_served absent: the step is assumed
    [{ class: 'IV', step: '12', days_served: '143' }, 'IV', '13', 'step 12 -> 13'], // 143 >= 142.5
    [{ class: 'IV', step: '12', days_served: '142' }, 'IV', '12', 'no step (under 75%)'],
    [{ class: 'IV', step: '13' }, 'IV', '13', 'at the last step'],
    [{ class: 'I', step: '1', new_class: 'II' }, 'II', '2', 'class I -> II, step 1 -> 2'],
    [{ class: 'i', step: '1', new_class: 'ii', days_served: '100' }, 'II', '1', 'class I -> II, no step (under 75%)'],
  ] as const)('%j -> %s-%s (%s)', (v, cls, step, text) => {
    const m = movedPlacement(a, v, '2005-06');
    expect(m.values).toMatchObject({ class: cls, step });
    expect(m.text).toBe(text);
  });

  it('days_served that is not a whole number is refused', () => {
    expect(() => movedPlacement(a, { class: 'IV', step: '12', days_served: '12.5' }, '2005-06')).toThrow(/days_served "12.5" is not a whole number/);
  });
});

describe('raiseSchedule: every annual cell x (1 + pct), rounded as rounding.annualCell says (whole dollars), daily re-derived', () => {
  it('2% on the 2005-06 basic plan: IV-13 70,797 x 1.02 = 72,212.94 -> 72,213; daily 72,213 / 190 = 380.068... -> 380.07', () => {
    const s = raiseSchedule(a, findSchedule(a, 'basic', '2005-06'), dec(2));
    const r13 = s.rows.find((r) => r.step === 13)!;
    expect(r13.annual!.IV).toBe(72213);
    expect(r13.daily!.IV).toBe(380.07);
    // I-1 37,399 x 1.02 = 38,146.98 -> 38,147; IV-12 68,761 x 1.02 = 70,136.22 -> 70,136
    expect(s.rows[0].annual!.I).toBe(38147);
    expect(s.rows.find((r) => r.step === 12)!.annual!.IV).toBe(70136);
    expect(s.year).toBe('2006-07');
    expect(s.derivedFrom).toMatchObject({ schedule: 'basic', year: '2005-06', raisePercent: 2, rounding: { mode: 'half-up', unit: 1 } });
  });

  it('the rounding is the rules\' data: an agreement rounding raised cells to the cent keeps the cents', () => {
    const cents: Agreement = { ...a, meta: { ...a.meta, rounding: { ...a.meta.rounding, annualCell: { mode: 'half-up', unit: '0.01' } } } };
    const s = raiseSchedule(cents, findSchedule(a, 'basic', '2005-06'), dec(2));
    expect(s.rows.find((r) => r.step === 13)!.annual!.IV).toBe(72212.94);
  });
});

describe('costRoster: totals are the sums of the rows, in cents; every row comes back', () => {
  const rows = [
    { row: 1, values: { id: 'a', class: 'IV', step: '12', days_served: '150' } }, // 68,761 -> IV-13 70,797
    { row: 2, values: { id: 'b', class: 'IV', step: '12', days_served: '100' } }, // 68,761 -> stays 68,761
    { row: 3, values: { id: 'c', class: 'IV', step: '13' } }, // 70,797, at the last step
    { row: 4, values: { id: 'd', class: 'I', step: '1', new_class: 'II' } }, // 37,399 -> II-2 43,677
    { row: 5, values: { id: 'e', class: 'IV', step: 'x' } }, // invalid
    { row: 6, values: { id: 'f', class: 'IV', step: '13' }, error: 'a reader error' }, // kept as given
  ];

  it('current 68,761 + 68,761 + 70,797 + 37,399 = 245,718; moved 70,797 + 68,761 + 70,797 + 43,677 = 254,032', () => {
    const r = costRoster(a, rows, { year: '2005-06' });
    expect(r.current.toFixed(2)).toBe('245718.00');
    expect(r.moved.toFixed(2)).toBe('254032.00');
    expect(r.raised).toBeNull();
    expect([r.counted, r.invalid]).toEqual([4, 2]);
    expect(r.rows.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(r.rows[4].error).toMatch(/step "x" is not a whole number/);
    expect(r.rows[5].error).toBe('a reader error');
    expect(r.rows.map((x) => x.movement)).toEqual(['step 12 -> 13', 'no step (under 75%)', 'at the last step', 'class I -> II, step 1 -> 2', undefined, undefined]);
  });

  it('raised 2%: 70,136 + 70,136 + 72,213 + 38,147 = 250,632 (each cell rounded to the dollar first)', () => {
    const r = costRoster(a, rows, { year: '2005-06', raise: dec(2) });
    expect(r.raised!.toFixed(2)).toBe('250632.00');
    expect(r.rows[0].raised!.toFixed(2)).toBe('70136.00');
    expect(r.current.toFixed(2)).toBe('245718.00'); // the current cost does not move with the raise
  });
});

describe('RosterCoster.rowAt (the CLI hot path: cells by position, a memo per distinct cells) = row()', () => {
  // the rows above as a CSV's cells, each twice (the second time from the memo), with a header that
  // has no year column and puts the costed columns in another order
  const header = ['new_class', 'id', 'step', 'class', 'days_served', 'note'];
  const at = COST_CELLS.map((c) => header.indexOf(c));
  const raws = [
    ['', 'a', '12', 'IV', '150', 'x'],
    ['', 'b', '12', 'IV', '100', ''],
    ['', 'c', '13', 'IV', '', ''],
    ['II', 'd', '1', 'I', '', ''],
    ['', 'e', 'x', 'IV', '', ''],
    ['', 'g', '', 'IV', '', ''],
  ];
  const all = [...raws, ...raws];
  const values = (raw: string[]) => Object.fromEntries(header.map((h, i) => [h, raw[i]]));

  it.each([undefined, dec(2)])('raise %s: every row the same figures or error, the same totals', (raise) => {
    const byRow = new RosterCoster(a, { year: '2005-06', raise });
    const byAt = new RosterCoster(a, { year: '2005-06', raise });
    for (const [i, raw] of all.entries()) {
      const r = byRow.row({ row: i + 1, values: values(raw) });
      const p = byAt.rowAt(raw, at);
      expect([p.error, p.current?.toFixed(2), p.raised?.toFixed(2), p.moved?.toFixed(2), p.movement]).toEqual([r.error, r.current?.toFixed(2), r.raised?.toFixed(2), r.moved?.toFixed(2), r.movement]);
    }
    byRow.row({ row: 13, values: values(raws[0]), error: 'a reader error' });
    expect(byAt.rowAt(raws[0], at, 'a reader error')).toEqual({ error: 'a reader error' });
    const [t1, t2] = [byRow.totals(), byAt.totals()];
    expect([t2.current.toFixed(2), t2.moved.toFixed(2), t2.raised?.toFixed(2), t2.counted, t2.invalid]).toEqual([t1.current.toFixed(2), t1.moved.toFixed(2), t1.raised?.toFixed(2), t1.counted, t1.invalid]);
    // 2 x (68,761 + 68,761 + 70,797 + 37,399) = 491,436; 8 costed, 4 invalid plus the reader error
    expect([t2.current.toFixed(2), t2.counted, t2.invalid]).toEqual(['491436.00', 8, 5]);
  });

  it('rows with the same cells share one answer; a cell that differs only by a separator does not collide', () => {
    const c = new RosterCoster(a, { year: '2005-06' });
    const at2 = [-1, -1, 0, 1, -1, -1, 2, -1, -1]; // class, step, stipends
    expect(c.rowAt(['IV', '12', ''], at2)).toBe(c.rowAt(['IV', '12', ''], at2));
    expect(c.rowAt(['IV', '1', '2'], at2)).not.toBe(c.rowAt(['IV', '12', ''], at2));
    expect(c.rowAt(['IV', '1', '2'], at2).error).toMatch(/unknown stipend "2"/);
  });
});
