import { describe, expect, it, beforeAll } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { stepAdvance, classChange, classify, placement, project } from '../../src/rules/advancement/advancement';
import type { Agreement } from '../../src/rules/types';
import { InputError } from '../../src/core/errors';
import { AGREEMENT_DIR, FOLDED } from '../helpers/contract';
import { cba, json } from '../helpers/cli';
import { brokenCopy } from '../helpers/tmp-rules';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

describe('yearly step advance: 75% of the year, as of June 30, one step, never past the last', () => {
  it('the threshold the contract prints, "75% (143 days)", is the computed one', () => {
    expect(FOLDED).toContain('75% (143 days)');
    expect(stepAdvance(a, { class: 'II', step: 5, daysServed: 150 }).thresholdText).toBe('75% (143 days)');
  });
  it('a printed threshold the computation does not reproduce is said, from the reading printed-threshold-differs', () => {
    expect(stepAdvance(a, { class: 'II', step: 5, daysServed: 150 }).notes.join(' ')).not.toMatch(/prints/); // 143 printed = 143 computed
    // an agreement printing 142 days for the same 75% of 190 (142.5, rounded up to 143 whole days)
    const plans = a.parts.advancement!.plans.map((p, i) => (i === 0 ? { ...p, stepAdvance: { ...p.stepAdvance, printedThreshold: 142 } } : p));
    const b = { ...a, parts: { ...a.parts, advancement: { ...a.parts.advancement!, plans } } } as Agreement;
    expect(stepAdvance(b, { class: 'II', step: 5, daysServed: 150 }).notes).toContain('The agreement prints 142 days as 75%; the computed threshold is 143.');
  });
  it.each([
    ['basic', 'II', 5, 142, false, 5],
    ['basic', 'II', 5, 143, true, 6],
    ['basic', 'II', 5, 225, true, 6], // one step at most
    ['basic', 'II', 5, 0, false, 5],
    ['community-day', 'II', 5, 143, true, 6],
    ['preschool', 'III', 4, 137, false, 4], // 75% of 184 = 138 exactly
    ['preschool', 'III', 4, 138, true, 5],
  ] as const)('%s Class %s Step %i with %i days: eligible %s, to step %i', (schedule, cls, step, days, eligible, to) => {
    const r = stepAdvance(a, { schedule, class: cls, step, daysServed: days });
    expect(r.eligible).toBe(eligible);
    expect(r.to.step).toBe(to);
    expect(r.effectiveDate).toBe('2006-07-01');
  });
  it('raise: Class II Step 5 to 6 is 51,799 - 49,766 = 2,033', () => {
    expect(stepAdvance(a, { class: 'II', step: 5, daysServed: 150 }).raise.toFixed(2)).toBe('2033.00');
  });
  it.each([
    ['basic', 'A', 5], ['basic', 'I', 8], ['basic', 'II', 13], ['basic', 'VI', 13], ['preschool', 'I', 8], ['preschool', 'II', 10], ['preschool', 'V', 13],
  ] as const)('%s Class %s at its last step %i stays there', (schedule, cls, last) => {
    const r = stepAdvance(a, { schedule, class: cls, step: last, daysServed: 190 });
    expect(r.eligible).toBe(false);
    expect(r.to.step).toBe(last);
    expect(r.reason).toMatch(/last step/);
    expect(r.raise.toFixed(0)).toBe('0');
  });
  it.each([
    [{ class: 'II', step: 5, daysServed: 226 }, /at most 225/],
    [{ class: 'II', step: 5, daysServed: -1 }, InputError],
    [{ class: 'A', step: 6, daysServed: 150 }, /steps 1 to 5/],
    [{ class: 'VII', step: 1, daysServed: 150 }, /no class VII/],
  ])('bad input %o', (input, err) => {
    expect(() => stepAdvance(a, input as never)).toThrow(err as never);
  });
});

describe('class change on the quarter date following submission', () => {
  it.each([
    ['2005-06-30', '2005-07-01'],
    ['2005-07-01', '2005-10-01'], // on the quarter date: "following" is strict
    ['2005-07-02', '2005-10-01'],
    ['2005-09-30', '2005-10-01'],
    ['2005-10-01', '2006-01-01'],
    ['2005-10-02', '2006-01-01'],
    ['2005-12-31', '2006-01-01'],
    ['2006-01-01', '2006-04-01'],
    ['2006-01-02', '2006-04-01'],
    ['2006-03-31', '2006-04-01'],
    ['2006-04-01', '2006-07-01'],
    ['2006-04-02', '2006-07-01'],
  ])('submitted %s: effective %s', (sub, eff) => {
    expect(classChange(a, { class: 'IV', step: 7, newClass: 'V', submitted: sub }).effectiveDate).toBe(eff);
  });
  it('--quarter-inclusive: a submission on a quarter date takes effect that day', () => {
    expect(classChange(a, { class: 'IV', step: 7, newClass: 'V', submitted: '2005-10-01', inclusive: true }).effectiveDate).toBe('2005-10-01');
  });
  it('salary difference for the rest of the school year: (61,676 - 58,617) x 6/12 = 1,529.50', () => {
    const r = classChange(a, { class: 'IV', step: 7, newClass: 'V', submitted: '2005-11-14' });
    expect([r.raise.toFixed(2), r.monthsRemaining, r.restOfYear.toFixed(2)]).toEqual(['3059.00', 6, '1529.50']);
  });
  it('bad input', () => {
    expect(() => classChange(a, { class: 'IV', step: 7, newClass: 'V', submitted: '2005-02-30' })).toThrow(/does not exist/);
    expect(() => classChange(a, { class: 'IV', step: 7, newClass: 'III', submitted: '2005-11-14' })).toThrow(/higher class/);
  });
});

describe('class from education (Salary Classification Requirements)', () => {
  it.each([
    [{ degree: 'none' }, 'A'],
    [{ degree: 'aa' }, 'A'],
    [{ degree: 'bachelor' }, 'I'],
    [{ degree: 'bachelor', unitsAfterBachelor: 29 }, 'I'],
    [{ degree: 'bachelor', unitsAfterBachelor: 30 }, 'II'],
    [{ degree: 'bachelor', unitsAfterBachelor: 44 }, 'II'],
    [{ degree: 'bachelor', unitsAfterBachelor: 45 }, 'III'],
    [{ degree: 'master' }, 'III'],
    [{ degree: 'bachelor', unitsAfterBachelor: 59 }, 'III'],
    [{ degree: 'bachelor', unitsAfterBachelor: 60 }, 'IV'],
    [{ degree: 'master', unitsAfterMaster: 14 }, 'III'],
    [{ degree: 'master', unitsAfterMaster: 15 }, 'IV'],
    [{ degree: 'bachelor', unitsAfterBachelor: 74 }, 'IV'],
    [{ degree: 'bachelor', unitsAfterBachelor: 75 }, 'V'],
    [{ degree: 'master', unitsAfterMaster: 29 }, 'IV'],
    [{ degree: 'master', unitsAfterMaster: 30 }, 'V'],
    [{ degree: 'bachelor', unitsAfterBachelor: 90 }, 'V'], // VI a) needs a master's too
    [{ degree: 'master', unitsAfterBachelor: 89 }, 'V'],
    [{ degree: 'master', unitsAfterBachelor: 90 }, 'VI'],
    [{ degree: 'master', unitsAfterMaster: 44 }, 'V'],
    [{ degree: 'master', unitsAfterMaster: 45 }, 'VI'],
    [{ degree: 'doctorate' }, 'VI'],
  ] as const)('%o: Class %s', (e, cls) => {
    expect(classify(a, 'basic', e as never).class).toBe(cls);
  });
  it.each([
    [{ degree: 'none', eceUnits: 23 }, null],
    [{ degree: 'none', eceUnits: 24 }, 'I'],
    [{ degree: 'aa', eceUnits: 24 }, 'II'],
    [{ degree: 'aa', eceUnits: 24, unitsAfterAa: 29 }, 'II'],
    [{ degree: 'aa', eceUnits: 24, unitsAfterAa: 30 }, 'III'],
    [{ degree: 'bachelor', eceUnits: 24 }, 'IV'],
    [{ degree: 'bachelor', eceUnits: 24, unitsAfterBachelor: 14 }, 'IV'],
    [{ degree: 'bachelor', eceUnits: 24, unitsAfterBachelor: 15 }, 'V'],
    // issue 13: "Class II: AA degree in Early Childhood Education/Child Development" counts no units
    [{ degree: 'aa', eceUnits: 0 }, 'II'],
    [{ degree: 'aa' }, 'II'],
    [{ degree: 'aa', unitsAfterAa: 30 }, 'III'],
    [{ degree: 'aa', degreeIn: 'ece', eceUnits: 0 }, 'II'],
    // an AA in another field: only the units count (Class I's 24 ECE/CD units)
    [{ degree: 'aa', degreeIn: 'other', eceUnits: 0 }, null],
    [{ degree: 'aa', degreeIn: 'other', eceUnits: 24 }, 'I'],
    [{ degree: 'aa', degreeIn: 'other', eceUnits: 24, unitsAfterAa: 30 }, 'I'],
    // a BA with no ECE/CD units is not "BA degree (including 24 ECE/CD units)"; in ECE/CD it meets Class II
    [{ degree: 'bachelor', eceUnits: 0 }, null],
    [{ degree: 'bachelor', degreeIn: 'ece', eceUnits: 0 }, 'II'],
  ] as const)('pre-school %o: Class %s', (e, cls) => {
    expect(classify(a, 'preschool', e as never).class).toBe(cls);
  });
  it('pre-school: the AA read as one in ECE/CD is said; no class says what the lowest class needs', () => {
    expect(classify(a, 'preschool', { degree: 'aa', eceUnits: 0 }).reading?.text).toMatch(/read as one in ECE\/CD/);
    expect(classify(a, 'preschool', { degree: 'aa', degreeIn: 'ece' }).reading).toBeUndefined();
    const none = classify(a, 'preschool', { degree: 'aa', degreeIn: 'other', eceUnits: 0 });
    expect(none.reason).toMatch(/the lowest, Class I, needs 24 ECE\/CD units/);
  });
  it.each([
    [{ degree: 'bachelor', unitsAfterBachelor: -3 }, /negative/],
    [{ degree: 'bachelor', unitsAfterMaster: 10 }, /need a master's degree/],
    [{ degree: 'phd' }, /choose one of/],
  ])('bad education %o', (e, msg) => {
    expect(() => classify(a, 'basic', e as never)).toThrow(msg);
  });
});

describe('initial placement', () => {
  it.each([
    // public years, related, step, credited
    [0, {}, 1, 0],
    [5, {}, 6, 5],
    [5, { aide: 4 }, 8, 7], // the new hire of the issue: master's + 20 units, Class IV
    [7, {}, 8, 7],
    [9, {}, 8, 7], // at most 7 steps of credit
    [3, { substitute: 3 }, 5, 4], // 3 related years give 1 step: the odd year is lost
    [0, { nonpublic: 5, aide: 2 }, 4, 3],
  ] as const)('%i public years, related %o: step %i (%i credited)', (pub, rel, step, credited) => {
    const r = placement(a, { education: { degree: 'master', unitsAfterMaster: 20 }, publicYears: pub, related: rel as Record<string, number> });
    expect(r.class).toBe('IV');
    expect(r.step).toBe(step);
    expect(r.creditedYears).toBe(credited);
  });
  it("never past the class's last step: Class A stops at 5", () => {
    expect(placement(a, { education: { degree: 'none' }, publicYears: 7 }).step).toBe(5);
  });
  it('the $34,000 floating minimum: never below the 2005-06 basic schedule (its lowest cell is 35,450), said so', () => {
    const r = placement(a, { education: { degree: 'bachelor' } });
    expect(r.minimumSalary!.applies).toBe(false);
    expect(r.minimumSalary!.text).toMatch(/37,399\.00 already exceeds it/);
  });
  it('the floating minimum applies when a placement falls below it (a rules copy with a $40,000 minimum)', async () => {
    const dir = brokenCopy('advancement.yaml', (t) => t.replace('amount: 34000', 'amount: 40000'));
    const b = (await loadRules(dir)).agreements[0];
    const r = placement(b, { education: { degree: 'bachelor' } });
    expect(r.minimumSalary!.applies).toBe(true);
    expect(placement(b, { education: { degree: 'aa' } }).minimumSalary!.applies).toBe(false); // needs a bachelor's
  });
  it('an unknown kind of related experience is an error', () => {
    expect(() => placement(a, { education: { degree: 'bachelor' }, related: { volunteer: 2 } })).toThrow(/substitute, nonpublic, aide, special-ed/);
  });
});

describe('career projection', () => {
  it('steps up each year to the last, and LTVS starts at the 15-year milestone', () => {
    const p = project(a, { class: 'IV', step: 11, years: 5, serviceYears: 13 });
    expect(p.rows.map((r) => r.step)).toEqual([11, 12, 13, 13, 13]);
    expect(p.rows.map((r) => r.ltvsCount)).toEqual([0, 0, 1, 1, 1]);
    expect(p.rows[2].total.toFixed(2)).toBe('73628.88'); // 70,797 + 2,831.88
    // 66,736 + 68,761 + 3 x 70,797 + 3 x 2,831.88 = 135,497 + 212,391 + 8,495.64
    expect(p.total.toFixed(2)).toBe('356383.64');
    expect(p.notes.join(' ')).toMatch(/2005-06/);
  });
  it('--raise compounds on every cell, rounded to the dollar each year', () => {
    const p = project(a, { class: 'IV', step: 13, years: 2, raise: '4.23' });
    expect(p.rows[1].salary.toFixed(0)).toBe('73792'); // 70,797 x 1.0423 = 73,791.71 -> 73,792
  });
});

describe('cba step-advance (built bin)', () => {
  it('JSON fields of a step advance', async () => {
    const j = json(await cba(['step-advance', '--class', 'II', '--step', '5', '--days-served', '150', '--json']));
    expect(j).toMatchObject({ from: { class: 'II', step: 5 }, to: { class: 'II', step: 6 }, eligible: true, effectiveDate: '2006-07-01', annualBefore: 49766, annualAfter: 51799, raise: 2033 });
    expect(j.reason).toMatch(/143/);
    expect(j.sources.length).toBeGreaterThan(0);
  });
  it('no advance: printed, exit 1', async () => {
    const r = await cba(['step-advance', '--class', 'II', '--step', '5', '--days-served', '142', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).eligible).toBe(false);
  });
  it('placement JSON', async () => {
    const j = json(await cba(['step-advance', '--placement', '--degree', 'master', '--units-after-master', '20', '--public-years', '5', '--related', 'aide=4', '--json']));
    expect(j).toMatchObject({ class: 'IV', step: 8, creditedYears: 7 });
    expect(j.reason).toMatch(/Class IV/);
  });
  it.each([
    [['step-advance', '--class', 'II', '--step', '5', '--days-served', '300'], /225/],
    [['step-advance', '--class', 'A', '--step', '9', '--days-served', '150'], /steps 1 to 5/],
    [['step-advance', '--placement', '--degree', 'bachelor', '--units-after-bachelor', '-5'], /not a number/],
    [['step-advance', '--placement', '--degree', 'bachelor', '--units-after-master', '12'], /master's degree/],
    [['step-advance', '--class', 'IV', '--step', '7', '--new-class', 'V', '--submitted', '2005-11-31'], /does not exist/],
    [['step-advance', '--class', 'IV', '--step', '7'], /--days-served/],
  ])('%j exits 2', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
});

describe('related experience "may be granted": shown as discretionary with the credit (issue 13)', () => {
  it('5 public years + 4 related years: 5 + 4/2 = 7 steps, step 8; without the 2 discretionary steps, step 6', () => {
    const r = placement(a, { education: { degree: 'master', unitsAfterMaster: 20 }, publicYears: 5, related: { aide: 4 } });
    expect(r.step).toBe(8);
    expect(r.notes.join(' ')).toMatch(/may be granted.*the 2 step\(s\) it adds are at the Office's discretion.*step 6/);
  });
  it('no reading when the related years add nothing (7 public years already reach the cap)', () => {
    const r = placement(a, { education: { degree: 'master', unitsAfterMaster: 20 }, publicYears: 7, related: { aide: 4 } });
    expect(r.notes.join(' ')).not.toMatch(/may be granted/);
  });
});
