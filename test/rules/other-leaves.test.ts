// Article XIII provisions of issue 13 Part 4: industrial accident pay with the indemnity (2.D, 2.F),
// jury and witness fees (5.C-D), catastrophic leave pay (12.E-F) and the return of donations (12.I),
// the sabbatical quota (8.D), unpaid personal leave (10). Every expected figure is worked by hand in
// the test; the salary is Class IV Step 13 of the 2005-06 basic schedule, 70,797.00 (Appendix A),
// daily rate 70,797 / 190 = 372.6158 -> 372.62, monthly 70,797 / 12 = 5,899.75.
import { describe, expect, it, beforeAll } from 'vitest';
import { isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import { loadRules } from '../../src/rules/load';
import { accrual, checkLimits } from '../../src/rules/leaves/leaves';
import { industrialPay, judicialPay, catastrophicPay, catastrophicReturn, sabbaticalQuota, unpaidPersonalLeave } from '../../src/rules/leaves/other-leaves';
import { dec, Big } from '../../src/core/money';
import { parseDate } from '../../src/core/date';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, FOLDED } from '../helpers/contract';
import { cba, json } from '../helpers/cli';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});
const HUNDREDTH = dec('0.01');
const fig = (p: { lines: { id: string; value: Big }[] }, id: string) => p.lines.find((l) => l.id === id)!.value.toFixed(2);

describe('XIII.2.D industrial accident pay: the salary due less the temporary disability indemnity', () => {
  it('a month at IV-13 with 1,800.00 indemnity: 5,899.75 - 1,800.00 = 4,099.75 from the Office, 5,899.75 in all', () => {
    const p = industrialPay(a, { salaryDue: dec('5899.75'), salaryHow: '', indemnity: dec(1800) });
    expect([fig(p, 'officePortion'), fig(p, 'memberReceives')]).toEqual(['4099.75', '5899.75']);
    expect(p.sources.map((s) => s.section)).toEqual(['2.D', '2.G', '2.E']);
  });
  it('an indemnity above the salary due: the Office adds nothing and the payment stays at the full salary', () => {
    const p = industrialPay(a, { salaryDue: dec('5899.75'), salaryHow: '', indemnity: dec('6000.10') });
    expect([fig(p, 'officePortion'), fig(p, 'memberReceives')]).toEqual(['0.00', '5899.75']);
  });
  it('from the command line, the salary due is the monthly pay of the class and step', async () => {
    const r = await cba(['sick-leave', '--indemnity', '1800', '--class', 'IV', '--step', '13', '--json']);
    expect(r.code).toBe(0);
    const figs = json(r).leaves[0].figures;
    expect(figs.map((f: { id: string; value: number }) => [f.id, f.value])).toEqual([['salaryDue', 5899.75], ['indemnity', 1800], ['officePortion', 4099.75], ['memberReceives', 5899.75]]);
    expect(figs[2].sources[0]).toMatchObject({ article: 'XIII', section: '2.D' });
    expect(json(r).readings.join(' ')).toMatch(/XIII\.2\.D.*XIII\.2\.G/);
  });
  it('--salary-due gives a partial month (a member who started mid-month): 2,949.88 - 1,800.00 = 1,149.88', async () => {
    const j = json(await cba(['sick-leave', '--indemnity', '1800', '--salary-due', '2949.88', '--json']));
    expect(j.leaves[0].figures[2].value).toBe(1149.88);
  });
  it('bad input exits 2 with one line', async () => {
    for (const args of [['--indemnity', '1800'], ['--salary-due', '100'], ['--indemnity', '-5', '--salary-due', '100']]) {
      const r = await cba(['sick-leave', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('XIII.2.F industrial leave overlapping into the next fiscal year: only what is unused', () => {
  it('60 - 45 used last fiscal year = 15 days: 15 allowed, 16 over', () => {
    const acc = accrual(a, {});
    const [ok] = checkLimits(a, acc, { industrial: dec(15), industrialPriorYear: dec(45) });
    const [over] = checkLimits(a, acc, { industrial: dec(16), industrialPriorYear: dec(45) });
    expect([ok.allowed.toFixed(0), ok.ok, over.ok]).toEqual(['15', true, false]);
    expect(ok.sources[0]).toMatchObject({ section: '2.F' });
    expect(ok.extra).toEqual({ remainingDays: 0 });
    expect(ok.readings!.map((x) => x.text).join(' ')).toMatch(/not renewed/);
  });
  it('the other reading (--industrial-renews): 60 days again in the new fiscal year, 20 allowed after 45', async () => {
    const [c] = checkLimits(a, accrual(a, {}), { industrial: dec(20), industrialPriorYear: dec(45), industrialRenews: true });
    expect([c.allowed.toFixed(0), c.ok, c.extra]).toEqual(['60', true, { remainingDays: 40 }]);
    expect(c.readings!.map((x) => x.text).join(' ')).toMatch(/start again on July 1/);
    const r = await cba(['sick-leave', '--industrial', '20', '--industrial-prior-year', '45', '--industrial-renews', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).readings.join(' ')).toMatch(/--industrial-renews/);
    expect((await cba(['sick-leave', '--industrial', '20', '--industrial-renews'])).code).toBe(2);
  });
  it('without a previous year the 60 days hold (XIII.2.A)', () => {
    const [c] = checkLimits(a, accrual(a, {}), { industrial: dec(20) });
    expect([c.allowed.toFixed(0), c.extra]).toEqual(['60', { remainingDays: 40 }]);
  });
  it('the command exits 1 over the limit, 2 for an impossible previous year', async () => {
    const over = await cba(['sick-leave', '--industrial', '20', '--industrial-prior-year', '45', '--json']);
    expect(over.code).toBe(1);
    expect(json(over).limits[0]).toMatchObject({ id: 'industrial', requested: 20, allowed: 15, ok: false, remainingDays: 0 });
    expect((await cba(['sick-leave', '--industrial', '20', '--industrial-prior-year', '61'])).code).toBe(2);
    expect((await cba(['sick-leave', '--industrial-prior-year', '10'])).code).toBe(2);
  });
});

describe('XIII.5.C-D jury or witness duty: Office compensation + fees not more than the regular compensation', () => {
  it('3 days at 372.62 = 1,117.86, less 45.00 fees = 1,072.86; 12.50 travel kept', () => {
    const p = judicialPay(a, { days: dec(3), dailyRate: dec('372.62'), fees: dec(45), travel: dec('12.5') });
    expect([fig(p, 'regularCompensation'), fig(p, 'officeCompensation'), fig(p, 'travelRetained')]).toEqual(['1117.86', '1072.86', '12.50']);
  });
  it('half a day: 0.5 x 372.62 = 186.31, less 15.00 = 171.31', () => {
    const p = judicialPay(a, { days: dec('0.5'), dailyRate: dec('372.62'), fees: dec(15) });
    expect([fig(p, 'regularCompensation'), fig(p, 'officeCompensation')]).toEqual(['186.31', '171.31']);
  });
  it('fees above the regular compensation: the Office adds nothing', () => {
    expect(fig(judicialPay(a, { days: dec(1), dailyRate: dec('372.62'), fees: dec(400) }), 'officeCompensation')).toBe('0.00');
  });
  it('from the command line with --class/--step; without a rate it exits 2', async () => {
    const r = await cba(['sick-leave', '--jury-days', '3', '--jury-fees', '45', '--class', 'IV', '--step', '13', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).leaves[0].figures.find((f: { id: string }) => f.id === 'officeCompensation')).toMatchObject({ value: 1072.86, sources: [{ article: 'XIII', section: '5.C' }] });
    const bad = await cba(['sick-leave', '--jury-days', '3']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--class and --step/)]);
    expect((await cba(['sick-leave', '--jury-fees', '3'])).code).toBe(2);
  });
});

describe('XIII.12.E-F catastrophic leave: own credits first at full pay, then the half-pay rate', () => {
  it('40 days with 1.5 days of own credits at 372.62: 1.5 x 372.62 = 558.93; 38.5 x 372.62 x 50% = 7,172.935 -> 7,172.94; 7,731.87', () => {
    const p = catastrophicPay(a, { days: dec(40), ownCreditDays: dec('1.5'), dailyRate: dec('372.62') });
    expect([fig(p, 'ownCreditDays'), fig(p, 'catastrophicDays'), fig(p, 'ownCreditPay'), fig(p, 'catastrophicPay'), fig(p, 'totalPay')]).toEqual(['1.50', '38.50', '558.93', '7172.94', '7731.87']);
  });
  it('more own credits than days: all at full pay, none donated', () => {
    const p = catastrophicPay(a, { days: dec(5), ownCreditDays: dec(8), dailyRate: dec('372.62') });
    expect([fig(p, 'ownCreditDays'), fig(p, 'catastrophicDays'), fig(p, 'totalPay')]).toEqual(['5.00', '0.00', '1863.10']);
  });
  it('own credits in hours: 13.5h / 6.75 = 2 days; 10 days: 2 x 372.62 = 745.24 + 8 x 186.31 = 1,490.48 -> 2,235.72', async () => {
    const r = await cba(['sick-leave', '--catastrophic-days', '10', '--own-credits', '13.5h', '--class', 'IV', '--step', '13', '--json']);
    expect(r.code).toBe(0);
    const f = Object.fromEntries(json(r).leaves[0].figures.map((x: { id: string; value: number }) => [x.id, x.value]));
    expect([f.ownCreditDays, f.catastrophicDays, f.ownCreditPay, f.catastrophicPay, f.totalPay]).toEqual([2, 8, 745.24, 1490.48, 2235.72]);
  });
});

describe('XIII.12.I cancelled program: the hours left back to the donors pro rata', () => {
  const ret = (h: string, donors: [string, string][]) => catastrophicReturn(a, { hours: dec(h), donors: donors.map(([d, x]) => [d, dec(x)]) }).shares.map((s) => [s.donor, s.returned.toFixed(2)]);
  it('20 hours of 27 donated (13.5, 6.75, 6.75): 20 x 13.5/27 = 10, 20 x 6.75/27 = 5, 5', () => {
    expect(ret('20', [['lee', '13.5'], ['ortiz', '6.75'], ['kim', '6.75']])).toEqual([['lee', '10.00'], ['ortiz', '5.00'], ['kim', '5.00']]);
  });
  it('10 hours among three equal donors: 3.333... each, cut to 3.33 (9.99), the hundredth left to the first: 3.34, 3.33, 3.33', () => {
    expect(ret('10', [['a', '6.75'], ['b', '6.75'], ['c', '6.75']])).toEqual([['a', '3.34'], ['b', '3.33'], ['c', '3.33']]);
  });
  it('1 hour of 20.25 (13.5, 6.75): 0.6666... and 0.3333..., cut 0.66 + 0.33 = 0.99, the larger remainder (0.0066...) gets 0.01: 0.67, 0.33', () => {
    expect(ret('1', [['a', '6.75'], ['b', '13.5']])).toEqual([['a', '0.33'], ['b', '0.67']]);
  });
  it('property: the shares add up to the hours left, each within 0.01 of its exact pro-rata share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 675, max: 1350 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 100 }), (cents, pct) => {
        // hundredths as x 0.01: the same exact values as / 100, without big.js's long division
        const donors = cents.map((c, i): [string, Big] => [`d${i}`, dec(c).times(HUNDREDTH)]);
        const total = donors.reduce((s, [, h]) => s.plus(h), dec(0));
        const hours = total.times(pct).times(HUNDREDTH).round(2, Big.roundDown);
        const shares = catastrophicReturn(a, { hours, donors }).shares;
        const sumCents = shares.reduce((s, x) => s + BigInt(x.returned.times(100).toFixed(0)), 0n);
        isSame(sumCents, BigInt(hours.times(100).toFixed(0)));
        for (const s of shares) isSame(s.returned.minus(s.exact).abs().lt('0.01'), true);
      }),
      { numRuns: 200 },
    );
  });
  it('more hours than were donated, a donor twice, or no donor: exit 2', async () => {
    for (const args of [['--catastrophic-return', '30', '--donor', 'a=13.5', '--donor', 'b=6.75'], ['--catastrophic-return', '5', '--donor', 'a=6.75', '--donor', 'a=6.75'], ['--catastrophic-return', '5'], ['--donor', 'a=6.75'], ['--catastrophic-return', '5', '--donor', 'a']]) {
      const r = await cba(['sick-leave', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
  it('the command lists every donor with the hours returned', async () => {
    const r = await cba(['sick-leave', '--catastrophic-return', '10', '--donor', 'a=6.75', '--donor', 'b=6.75', '--donor', 'c=6.75', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).catastrophicReturn.shares.map((s: { donor: string; returnedHours: number }) => [s.donor, s.returnedHours])).toEqual([['a', 3.34], ['b', 3.33], ['c', 3.33]]);
  });
});

describe('XIII.8.D sabbaticals: at most 2% of the unit members at any time, to the nearest whole number', () => {
  it('the 2% is the figure the text prints', () => {
    expect(FOLDED).toMatch(/shall not exceed two percent \(2%\) at any time, computed to the nearest whole number/);
  });
  it.each([
    // members, 2% of them, nearest whole number
    [180, '3.6', '4'],
    [175, '3.5', '4'], // a half rounds up (reading)
    [124, '2.48', '2'],
    [125, '2.5', '3'],
    [24, '0.48', '0'], // under 25 members: no sabbatical
    [25, '0.5', '1'],
  ])('%i members: 2%% = %s -> %s', (n, exact, max) => {
    const { check } = sabbaticalQuota(a, { unitMembers: n, onSabbatical: 0 });
    expect(check.allowed.toFixed(0)).toBe(max);
    expect(check.reason).toContain(`= ${exact},`);
  });
  it('180 members: a fourth sabbatical is allowed, a fifth exits 1', async () => {
    expect((await cba(['sick-leave', '--unit-members', '180', '--on-sabbatical', '4'])).code).toBe(0);
    const r = await cba(['sick-leave', '--unit-members', '180', '--on-sabbatical', '5', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).limits[0]).toMatchObject({ id: 'sabbatical-quota', requested: 5, allowed: 4, ok: false, unit: 'members', sources: [{ section: '8.D' }] });
    expect(json(r).readings.join(' ')).toMatch(/half up/);
  });
  it('one of the pair missing, or not a whole number: exit 2', async () => {
    expect((await cba(['sick-leave', '--unit-members', '180'])).code).toBe(2);
    expect((await cba(['sick-leave', '--unit-members', '0', '--on-sabbatical', '1'])).code).toBe(2);
    expect((await cba(['sick-leave', '--unit-members', '180', '--on-sabbatical', '1.5'])).code).toBe(2);
  });
});

describe('XIII.10 unpaid personal leave: without pay; insurance at own expense past 30 calendar days', () => {
  it('2006-01-09..2006-02-08 is 23 days of January (9-31) + 8 of February = 31: insurance at own expense', () => {
    const p = unpaidPersonalLeave(a, { from: parseDate('2006-01-09'), to: parseDate('2006-02-08') });
    expect([fig(p, 'calendarDays'), fig(p, 'pay'), fig(p, 'insuranceAtOwnExpense')]).toEqual(['31.00', '0.00', '1.00']);
  });
  it('2006-01-09..2006-02-07 is 30 days: not in excess of thirty', () => {
    const p = unpaidPersonalLeave(a, { from: parseDate('2006-01-09'), to: parseDate('2006-02-07') });
    expect([fig(p, 'calendarDays'), fig(p, 'insuranceAtOwnExpense')]).toEqual(['30.00', '0.00']);
  });
  it('across a leap day: 2008-02-01..2008-03-02 is 29 + 2 = 31 days', () => {
    expect(fig(unpaidPersonalLeave(a, { from: parseDate('2008-02-01'), to: parseDate('2008-03-02') }), 'calendarDays')).toBe('31.00');
  });
  it('the command says so, points to the request deadline, and refuses a range backwards', async () => {
    const r = await cba(['sick-leave', '--personal-leave', '2006-01-09..2006-02-08', '--json']);
    expect(r.code).toBe(0);
    const f = json(r).leaves[0].figures;
    expect(f.map((x: { id: string; value: unknown }) => x.value)).toEqual([31, 0, true]);
    expect(json(r).readings.join(' ')).toMatch(/cba deadline personal-leave-request --from 2006-01-09/);
    expect((await cba(['sick-leave', '--personal-leave', '2006-02-08..2006-01-09'])).code).toBe(2);
  });
});
