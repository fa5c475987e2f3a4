// Article XV.2: "Effective July 1, 2005 ... an across-the-board salary schedule increase of 4.23%", as an
// effective-dated schedule change: the basic schedule in force to June 30, 2005 (schedules/basic-2004-05.yaml,
// not printed in the agreement) and the printed 2005-06 schedule from July 1, 2005. Each derived cell is
// proved against the printed cell with integer arithmetic written here, not with the code under test.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { salary } from '../../src/rules/schedules/salary';
import { computeStipend } from '../../src/rules/stipends/stipends';
import { RetroCalculator } from '../../src/batch/retro';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, BASIC, FOLDED } from '../helpers/contract';
import { cbaIn } from '../helpers/in-process';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

// the rate, parsed from the sentence of XV.2: 4.23% = 10423 / 10000 of the old cell
const xv2 = /Effective July 1, 2005 for the 2005-06 fiscal year, after ratification of this agreement by the COE and the Association of Educators, there shall be an across-the-board salary schedule increase of (\d+)\.(\d+)%\./.exec(FOLDED)!;
const factor = 10000 + Number(xv2[1]) * 100 + Number(xv2[2]); // 10423
/** x raised by 4.23%, rounded half-up to the dollar: floor((x * 10423 + 5000) / 10000) */
const raised = (x: number) => Math.floor((x * factor + 5000) / 10000);

describe('the 2004-05 basic schedule is the printed 2005-06 one before the 4.23% increase', () => {
  it('XV.2 prints 4.23%', () => expect(factor).toBe(10423));
  const printed = BASIC();
  it('has the same 78 cells as the printed 2005-06 schedule', () => {
    const old = a.schedules.find((s) => s.id === 'basic' && s.year === '2004-05')!;
    expect(old.effective).toBe('2004-07-01');
    expect(old.cite).toMatchObject({ article: 'XV', section: '2' });
    const cells = old.rows.flatMap((r) => Object.keys(r.annual!).map((c) => `${c}-${r.step}`));
    expect(cells).toEqual(printed.map((p) => `${p.class}-${p.step}`));
    expect(cells).toHaveLength(78);
  });
  it('every cell raised by 4.23% and rounded half-up to the dollar is the printed cell, and no other whole dollar is', () => {
    const old = a.schedules.find((s) => s.id === 'basic' && s.year === '2004-05')!;
    for (const p of printed) {
      const x = old.rows.find((r) => r.step === p.step)!.annual![p.class];
      expect(Number.isInteger(x)).toBe(true);
      expect(raised(x), `${p.class}-${p.step}`).toBe(Number(p.annual));
      expect(raised(x - 1)).toBeLessThan(Number(p.annual));
      expect(raised(x + 1)).toBeGreaterThan(Number(p.annual));
    }
  });
  it('Class IV Step 13 by hand: 67,924 x 1.0423 = 70,797.1852, printed 70,797', () => {
    expect(printed.find((p) => p.class === 'IV' && p.step === 13)!.annual).toBe('70797');
    expect(salary(a, { class: 'IV', step: 13, asOf: '2005-06-30' }).annualSalary.toFixed(0)).toBe('67924');
    expect(67924 * 10423).toBe(707971852);
  });
});

describe('the increase takes effect on July 1, 2005', () => {
  it('--as-of 2005-06-30 pays the old cell, 2005-07-01 the printed one, and says the old one is derived', () => {
    const before = salary(a, { class: 'IV', step: 13, asOf: '2005-06-30' });
    const after = salary(a, { class: 'IV', step: 13, asOf: '2005-07-01' });
    expect([before.year, before.annualSalary.toFixed(0)]).toEqual(['2004-05', '67924']);
    expect([after.year, after.annualSalary.toFixed(0)]).toEqual(['2005-06', '70797']);
    expect(before.readings.map((x) => x.text).join(' ')).toContain('not printed in the agreement');
    expect(after.readings.map((x) => x.text).join(' ')).not.toContain('not printed');
  });
  it('the default year is still the printed 2005-06 schedule', () => {
    expect(salary(a, { class: 'IV', step: 13 }).year).toBe('2005-06');
  });
  it('a percentage stipend follows its cell: head teacher on 2005-06-01 is 67,924 x 4.4% = 2,988.656, 2,988.66', () => {
    const r = computeStipend(a, 'head-teacher', { asOf: '2005-06-01' });
    expect(r.annual.toFixed(2)).toBe('2988.66');
    expect(r.readings.map((x) => x.text).join(' ')).toContain('not printed in the agreement');
  });
});

describe('retro of the increase (paid at the old rates after July 1, 2005 until ratification)', () => {
  it('IV-13, July to December 2005: 6 x (5,899.75 - 5,660.33) = 6 x 239.42 = 1,436.52', () => {
    // old monthly 67,924 / 12 = 5,660.333... paid 5,660.33; new 70,797 / 12 = 5,899.75
    const calc = new RetroCalculator(a, { effective: '2005-07-01', paidThrough: '2005-12-31' });
    const p = calc.person({ row: 1, values: { id: 'A', class: 'IV', step: '13' } });
    expect(p.status).toBe('ok');
    expect(p.retro!.toFixed(2)).toBe('1436.52');
    expect(p.paid!.toFixed(2)).toBe('33961.98');
    expect(p.owed!.toFixed(2)).toBe('35398.50');
  });
  it('cba retro --effective 2005-07-01 needs no --raise: the rules carry the change', async () => {
    const r = await cbaIn(['retro', '--roster', '-', '--effective', '2005-07-01', '--paid-through', '2005-12-31', '--json'], 'id,class,step\nA,IV,13\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1436.52');
    expect(r.stdout).toContain('Old rates, Basic Teacher Compensation Plan: The 2004-05 basic schedule is not printed in the agreement');
  });
});
