import { describe, expect, it, beforeAll } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { accrual, balance, extendedAbsence, checkLimits } from '../../src/rules/leaves/leaves';
import { leaveQty as parseLeaveQty } from '../../src/cli/parse';
import { dec } from '../../src/core/money';
import type { Agreement } from '../../src/rules/types';
import { InputError } from '../../src/core/errors';
import { AGREEMENT_DIR, FOLDED } from '../helpers/contract';
import { cba, json } from '../helpers/cli';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

describe('accrual (XIII.1.B): 1 day per 17.3 days worked, up to 13 days', () => {
  it('the printed 13 days (87.75 hours) and 13 days (100.75 hours) are reached at 225 days worked', () => {
    const printed = [...FOLDED.matchAll(/up to thirteen \(13\) days \((\d+\.\d+) hours\)/g)].map((m) => m[1]);
    expect(printed).toEqual(['87.75', '100.75']);
    const reg = accrual(a, { daysWorked: 225 });
    expect([reg.daysShown.toFixed(2), reg.hoursShown.toFixed(2), reg.capped]).toEqual(['13.00', printed[0], true]);
    const cds = accrual(a, { daysWorked: 225, assignment: 'community-day' });
    expect([cds.daysShown.toFixed(2), cds.hoursShown.toFixed(2)]).toEqual(['13.00', printed[1]]);
  });

  it.each([
    // days worked, assignment, fte, days, hours, working
    [224.9, 'regular', undefined, '13.00', '87.75', '224.9 / 17.3 = 13 exactly: the calendar that reaches the cap'],
    [224, 'regular', undefined, '12.95', '87.40', '224 / 17.3 = 12.9479..; x 6.75 = 87.3988..'],
    [190, 'regular', undefined, '10.98', '74.13', '190 / 17.3 = 10.98265..; x 6.75 = 74.13294..'],
    [205, 'regular', undefined, '11.85', '79.99', '205 / 17.3 = 11.84971..; x 6.75 = 79.98554..'],
    [205, 'regular', '0.6', '7.11', '47.99', '11.84971.. x 0.6 = 7.10982..; x 6.75 = 47.99132..'],
    [190, 'regular', '0.5', '5.49', '37.07', '10.98265.. x 0.5 = 5.49132..; x 6.75 = 37.06647..'],
    [190, 'community-day', undefined, '10.98', '85.12', '10.98265.. x 7.75 = 85.11560..'],
    [184, 'preschool', undefined, '10.64', '79.77', '184 / 17.3 = 10.63583..; x 7.5 = 79.76878..'],
    [0, 'regular', undefined, '0.00', '0.00', 'nothing worked, nothing accrued'],
  ] as const)('%s days, %s, fte %s: %s days, %s hours', (dw, asg, fte, days, hours) => {
    const r = accrual(a, { daysWorked: dw, assignment: asg, fte });
    expect(r.daysShown.toFixed(2)).toBe(days);
    expect(r.hoursShown.toFixed(2)).toBe(hours);
  });

  it('pre-school days are valued at 7.5 hours and the reading says so', () => {
    expect(accrual(a, { daysWorked: 225, assignment: 'preschool' }).hoursShown.toFixed(2)).toBe('97.50');
    expect(accrual(a, { assignment: 'preschool' }).readings.map((r) => r.text).join(' ')).toMatch(/Pre-school.*7\.5 hours/);
  });

  it.each([
    [{ daysWorked: 226 }, /at most 225 work days/],
    [{ daysWorked: -1 }, /negative/],
    [{ daysWorked: 'many' }, /not a number/],
    [{ fte: '0' }, /more than 0/],
    [{ fte: '1.5' }, /at most 1/],
    [{ hoursPerDay: '8' }, /allowHours/],
    [{ hoursPerDay: '25', allowHours: true }, /24 hours/],
    [{ assignment: 'night' }, /choose one of/],
  ])('bad input %o', (input, msg) => {
    expect(() => accrual(a, input as never)).toThrow(InputError);
    expect(() => accrual(a, input as never)).toThrow(msg);
  });
  it('an hours-per-day of the agreement, or any with --allow-hours', () => {
    expect(accrual(a, { hoursPerDay: '7.75', daysWorked: 225 }).hoursShown.toFixed(2)).toBe('100.75');
    expect(accrual(a, { hoursPerDay: '8', allowHours: true, daysWorked: 225 }).hoursShown.toFixed(2)).toBe('104.00');
  });
});

describe('balance: carried + accrued - used, days or hours', () => {
  it.each([
    ['12', '12.00'],
    ['12d', '12.00'],
    ['81h', '12.00'], // 81 / 6.75
    ['10.5 days', '10.50'],
    ['3.375 hours', '0.50'],
  ])('%s is %s days', (q, d) => {
    const acc = accrual(a, { daysWorked: 0 });
    expect(balance(a, acc, parseLeaveQty(q, 'balance')).balanceDays.toFixed(2)).toBe(d);
  });
  it('a year: 20 carried + 10.98 accrued - 27h used (4 days) = 26.98 days', () => {
    const acc = accrual(a, { daysWorked: 190 });
    const b = balance(a, acc, parseLeaveQty('20', 'balance'), parseLeaveQty('27h', 'used'));
    expect(b.balanceDaysShown.toFixed(2)).toBe('26.98');
    expect(b.balanceHoursShown.toFixed(2)).toBe('182.13'); // 26.98265.. x 6.75 = 182.1329..
    expect(b.overdrawn).toBe(false);
  });
  it('bad quantities', () => {
    expect(() => parseLeaveQty('-3', 'balance')).toThrow(InputError);
    expect(() => parseLeaveQty('three', 'used')).toThrow(/days or hours/);
  });
});

describe('extended absence (XIII.1.F): balance, then 100 days at 50%, then unpaid', () => {
  it.each([
    // absence, available, prior, full, diff, unpaid
    [10, '40', 0, '10.00', '0.00', '0.00'],
    [40, '40', 0, '40.00', '0.00', '0.00'],
    [41, '40', 0, '40.00', '1.00', '0.00'],
    [140, '40', 0, '40.00', '100.00', '0.00'],
    [141, '40', 0, '40.00', '100.00', '1.00'],
    [150, '10.5', 0, '10.50', '100.00', '39.50'],
    [50, '0', 70, '0.00', '30.00', '20.00'], // one increment across the school-year boundary
    [50, '-2', 0, '0.00', '50.00', '0.00'],
  ] as const)('%i days with %s banked, %i differential days used before', (n, avail, prior, full, diff, unpaid) => {
    const r = extendedAbsence(a, { absenceDays: n, availableDays: dec(avail), priorDifferentialDays: prior });
    expect([r.fullPayDays.toFixed(2), r.differentialDays.toFixed(2), r.unpaidDays.toFixed(2)]).toEqual([full, diff, unpaid]);
  });
  it('pay per band with a daily rate: 40 x 372.62 = 14,904.80; 100 x 372.62 x 50% = 18,631.00', () => {
    const r = extendedAbsence(a, { absenceDays: 150, availableDays: dec(40), dailyRate: dec('372.62') });
    expect([r.fullPay!.toFixed(2), r.differentialPay!.toFixed(2), r.totalPay!.toFixed(2)]).toEqual(['14904.80', '18631.00', '33535.80']);
  });
  it('bad input', () => {
    expect(() => extendedAbsence(a, { absenceDays: -1, availableDays: dec(1) })).toThrow(InputError);
    expect(() => extendedAbsence(a, { absenceDays: 5, availableDays: dec(1), priorDifferentialDays: 101 })).toThrow(/0 to 100/);
  });
});

describe('the other limits, each at, below and above its boundary', () => {
  const check = (x: Parameters<typeof checkLimits>[2]) => checkLimits(a, accrual(a, { daysWorked: 190 }), x);
  it.each([
    [{ personalBusiness: dec(2) }, 'personal-business', true],
    [{ personalBusiness: dec(3) }, 'personal-business', true],
    [{ personalBusiness: dec(4) }, 'personal-business', false],
    [{ personalNecessity: dec(7) }, 'personal-necessity', true],
    [{ personalNecessity: dec(8) }, 'personal-necessity', true],
    [{ personalNecessity: dec(9) }, 'personal-necessity', false],
    [{ bereavement: dec(3) }, 'bereavement', true],
    [{ bereavement: dec(4) }, 'bereavement', false],
    [{ bereavement: dec(5), outOfState: true }, 'bereavement', true],
    [{ bereavement: dec(5), travelMiles: dec(299) }, 'bereavement', false],
    [{ bereavement: dec(5), travelMiles: dec(300) }, 'bereavement', true],
    [{ bereavement: dec(6), travelMiles: dec(400) }, 'bereavement', false],
    [{ industrial: dec(59) }, 'industrial', true],
    [{ industrial: dec(60) }, 'industrial', true],
    [{ industrial: dec(61) }, 'industrial', false],
    [{ donateHours: dec('6.74') }, 'catastrophic-donation', false],
    [{ donateHours: dec('6.75') }, 'catastrophic-donation', true],
    [{ donateHours: dec('13.5') }, 'catastrophic-donation', true],
    [{ donateHours: dec('13.51') }, 'catastrophic-donation', false],
    [{ donatedHours: dec('6.74') }, 'catastrophic-eligibility', false],
    [{ donatedHours: dec('6.75') }, 'catastrophic-eligibility', true],
    [{ catastrophicMonths: dec(12) }, 'catastrophic-months', true],
    [{ catastrophicMonths: dec(13) }, 'catastrophic-months', false],
    [{ sabbaticalYears: dec(6) }, 'sabbatical', false],
    [{ sabbaticalYears: dec(7) }, 'sabbatical', true],
    // six months of accrual at 190 days: 10.98265.. x 6/12 = 5.49132.. -> 5.49
    [{ familyIllness: dec('5.49') }, 'family-illness', true],
    [{ familyIllness: dec('5.5') }, 'family-illness', false],
  ])('%o: %s ok=%s', (x, id, ok) => {
    const c = check(x).find((l) => l.id === id)!;
    expect(c.ok).toBe(ok);
    expect(c.sources[0].quote.length).toBeGreaterThan(10);
  });
  it('personal business inside personal necessity', () => {
    expect(() => check({ personalNecessity: dec(2), personalBusiness: dec(3) })).toThrow(/part of personal necessity/);
    expect(check({ personalBusiness: dec(3) }).find((l) => l.id === 'personal-necessity')!.requested.toFixed()).toBe('3');
  });
  it('sabbatical: 50% pay and twice the leave to return', () => {
    const c = check({ sabbaticalYears: dec(8), sabbaticalMonths: dec(6), annualSalary: dec(70797) }).find((l) => l.id === 'sabbatical')!;
    expect(c.extra).toMatchObject({ leaveMonths: 6, returnMonths: 12, sabbaticalPay: 17699.25 }); // 70797 x 50% x 6/12
  });
});

describe('cba sick-leave (built bin)', () => {
  it('JSON fields and exit 0', async () => {
    const r = await cba(['sick-leave', '--days-worked', '205', '--fte', '0.6', '--balance', '31.5', '--json']);
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ daysWorked: 205, hoursPerDay: 6.75, fte: 0.6, accruedDays: 7.11, accruedHours: 47.99, balanceDays: 38.61, balanceHours: 260.62 });
  });
  it('an absence with pay per band', async () => {
    const j = json(await cba(['sick-leave', '--balance', '40', '--absence', '150', '--class', 'IV', '--step', '13', '--json']));
    expect(j).toMatchObject({ fullPayDays: 40, differentialDays: 100, unpaidDays: 10, fullPay: 14904.8, differentialPay: 18631, unpaidPay: 0 });
  });
  it('a fourth day of personal business: allowed 3, exit 1', async () => {
    const r = await cba(['sick-leave', '--personal-business', '4', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).limits[0]).toMatchObject({ id: 'personal-business', requested: 4, allowed: 3, ok: false });
  });
  it('perfect attendance with a stipend: one daily rate inclusive of stipends', async () => {
    const j = json(await cba(['sick-leave', '--perfect-attendance', '--class', 'IV', '--step', '13', '--stipend', 'bilingual', '--used', '0', '--json']));
    expect(j.perfectAttendance).toMatchObject({ eligible: true, amount: 378.21 });
    const r = await cba(['sick-leave', '--perfect-attendance', '--class', 'IV', '--step', '13', '--used', '1', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).perfectAttendance.eligible).toBe(false);
  });
  it.each([
    [['sick-leave', '--days-worked', '230'], /225/],
    [['sick-leave', '--days-worked', '-5'], /not a number/],
    [['sick-leave', '--fte', '2'], /at most 1/],
    [['sick-leave', '--hours-per-day', '8'], /--allow-hours/],
    [['sick-leave', '--days-worked', '190', '--calendar-days', '190'], /not both/],
    [['sick-leave', '--travel-miles', '400'], /--bereavement/],
  ])('%j exits 2', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
});

describe('the pay and leave defects of issue 13', () => {
  it('personal necessity is drawn from the accumulated balance: 20 days worked, balance 0 -> 20 / 17.3 = 1.156 days, 1.16 allowed, 3 refused', () => {
    const acc = accrual(a, { daysWorked: dec(20) });
    const bal = balance(a, acc, parseLeaveQty('0', '--balance'));
    const [pn] = checkLimits(a, acc, { personalNecessity: dec(3), availableDays: bal.balanceDays });
    expect([pn.allowed.toFixed(2), pn.ok]).toEqual(['1.16', false]);
    // a full year and a large balance: the 8-day cap holds
    const big = checkLimits(a, accrual(a, { daysWorked: dec(190) }), { personalNecessity: dec(8), availableDays: dec(40) })[0];
    expect([big.allowed.toFixed(2), big.ok]).toEqual(['8.00', true]);
  });

  it('family illness is "accrued and available" sick leave: 190 / 17.3 = 10.982659 accrued, less 10 used = 0.98 available, below the six-month 5.49', async () => {
    const acc = accrual(a, { daysWorked: dec(190) });
    const bal = balance(a, acc, parseLeaveQty('0', '--balance'), parseLeaveQty('10', '--used'));
    const [fi] = checkLimits(a, acc, { familyIllness: dec(3), availableDays: bal.balanceDays });
    expect([fi.allowed.toFixed(2), fi.ok]).toEqual(['0.98', false]);
    const cli = await cba(['sick-leave', '--days-worked', '190', '--balance', '0', '--used', '10', '--family-illness', '3', '--json']);
    expect(cli.code).toBe(1);
    expect(json(cli).limits[0]).toMatchObject({ allowed: 0.98, ok: false });
  });

  it('no perfect attendance after family-illness leave (XIII.3.B makes it personal necessity, XV.3 excludes it)', async () => {
    const r = await cba(['sick-leave', '--perfect-attendance', '--class', 'IV', '--step', '13', '--used', '0', '--family-illness', '1', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).perfectAttendance).toMatchObject({ eligible: false, amount: null });
    expect(json(r).perfectAttendance.reason).toMatch(/XIII\.3\.B/);
  });

  it('the printed working multiplies out to the pay: 10 + 190/17.3 - 3 = 17.982659... days x 372.62', async () => {
    const j = json(await cba(['sick-leave', '--balance', '10', '--days-worked', '190', '--used', '3', '--absence', '120', '--class', 'IV', '--step', '13', '--json']));
    const line = j.absenceComputation.find((l: string) => l.startsWith('pay:'));
    const m = /^pay: ([\d.]+)\.\.\. x ([\d.]+) = [\d.]+\.\.\., rounded half-up to ([\d,]+\.\d\d);/.exec(line)!;
    expect(m).not.toBeNull();
    // BigInt: 17.982659 x 372.62 in units of 1e-8, half-up to cents
    const prod = BigInt(m[1].replace('.', '')) * BigInt(m[2].replace('.', ''));
    const cents = (prod + 500000n) / 1000000n;
    expect(cents).toBe(BigInt(m[3].replace(/[,.]/g, '')));
    expect(j.fullPay).toBe(6700.7);
  });

  it('the balance shown is the one the bands use: 81 hours = 12 days, 12 at full pay, 8 at differential', async () => {
    const j = json(await cba(['sick-leave', '--balance', '81h', '--absence', '20', '--class', 'IV', '--step', '13', '--json']));
    expect([j.balanceDays, j.fullPayDays, j.differentialDays]).toEqual([12, 12, 8]);
  });

  it('salary --fte below one-half is said (XVII.2.E), one-half is not', async () => {
    expect((await cba(['salary', '--class', 'IV', '--step', '13', '--fte', '0.4'])).stderr).toMatch(/XVII\.2\.E/);
    expect((await cba(['salary', '--class', 'IV', '--step', '13', '--fte', '0.5'])).stderr).not.toMatch(/XVII\.2\.E/);
  });
});
