// Every command on a second, invented agreement (fixtures/rules/example-district): other classes,
// a 185-day year, 10 pay months, a Monday-Thursday office. No code knows it exists.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cba, json } from '../helpers/cli';
import { ROOT } from '../helpers/contract';

const F = 'fixtures/rules/example-district';
const run = (args: string[], input?: string) => cba(['--rules', F, ...args], { input });

describe('a second agreement laid out the same way (--rules)', () => {
  it('is marked as a test fixture', () => {
    expect(parse(readFileSync(join(ROOT, F, 'agreement.yaml'), 'utf8')).fixture).toBe(true);
    expect(readFileSync(join(ROOT, F, 'source/agreement.txt'), 'utf8')).toMatch(/TEST FIXTURE/);
  });
  it('rules validate and audit cleanly', async () => {
    expect((await run(['rules', 'validate'])).code).toBe(0);
    const r = await run(['rules', 'audit', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).findings).toEqual([]);
  });
  it('salary: 185-day year, 10 monthly payments', async () => {
    const j = json(await run(['salary', '--class', 'BA30', '--step', '3', '--days', '190', '--json']));
    // 45,200 / 185 = 244.324.. -> 244.32; 5 extra days = 1,221.60; / 10 months
    expect(j).toMatchObject({ annualSalary: 45200, dailyRate: 244.32, extraDays: 5, extraDaysPay: 1221.6, totalSalary: 46421.6, monthlyPay: 4642.16 });
    expect((await run(['salary', '--class', 'BA', '--step', '3'])).stderr).toMatch(/class BA .* steps 1 to 2/);
    expect((await run(['salary', '--class', 'IV', '--step', '1'])).stderr).toMatch(/classes are BA, BA30, MA/);
    expect((await run(['salary', '--class', 'MA', '--step', '1', '--days', '201'])).stderr).toMatch(/more than 200 days/);
  });
  it('schedule', async () => {
    expect(json(await run(['schedule', '--json'])).cells).toHaveLength(8);
  });
  it('stipend: percentages of MA Step 3, paid over 10 months', async () => {
    const j = json(await run(['stipend', 'chair', 'coach', 'mentor', '--teachers', '2', '--json']));
    expect(j.stipends.map((s: any) => [s.id, s.annual, s.monthly])).toEqual([['chair', 2600, 260], ['coach', 1000, 100], ['mentor', 800, 80]]);
    expect((await run(['stipend', 'mentor', '--teachers', '3'])).stderr).toMatch(/1 to 2 new teachers/);
  });
  it('sick-leave: 1 day per 15 worked, 12-day cap of 7-hour days', async () => {
    const j = json(await run(['sick-leave', '--days-worked', '150', '--json']));
    expect(j).toMatchObject({ accruedDays: 10, accruedHours: 70, hoursPerDay: 7 });
    expect(json(await run(['sick-leave', '--days-worked', '185', '--json']))).toMatchObject({ accruedDays: 12, accruedHours: 84 });
    expect((await run(['sick-leave', '--personal-business', '3'])).code).toBe(1);
  });
  it('deadline: the fixture office is open Monday to Thursday, closed for a winter break', async () => {
    const j = json(await run(['deadline', 'grievance', '--occurred', '2010-12-16', '--json']));
    // after Thu Dec 16: Fri 17 is not an open weekday, Dec 20-31 closed; then Mon-Thu:
    // Jan 3-6 (4), 10-13 (8), 17-20 (12), 24-27 (16), Jan 31, Feb 1, 2, 3 (20)
    expect(j.steps.map((s: any) => s.step)).toEqual(['file', 'answer', 'appeal', 'final-answer']);
    expect(j.steps[0].due).toBe('2011-02-03');
    expect(json(await run(['deadline', 'list', '--json']))).toHaveLength(4);
  });
  it('calendar', async () => {
    expect(json(await run(['calendar', '--json'])).openDays).toBe(200);
  });
  it('step-advance and placement', async () => {
    expect(json(await run(['step-advance', '--class', 'BA', '--step', '1', '--days-served', '180', '--json']))).toMatchObject({ eligible: true, to: { class: 'BA', step: 2 }, raise: 1500 });
    expect((await run(['step-advance', '--class', 'BA', '--step', '1', '--days-served', '179'])).code).toBe(1);
    expect(json(await run(['step-advance', '--placement', '--degree', 'master', '--public-years', '5', '--json']))).toMatchObject({ class: 'MA', step: 3, creditedYears: 3 });
    expect(json(await run(['step-advance', '--class', 'BA', '--step', '1', '--new-class', 'MA', '--submitted', '2010-09-10', '--json'])).effectiveDate).toBe('2011-02-01');
  });
  it('audit, cost and check', async () => {
    const roster = 'id,class,step,paid,stipends\nX1,MA,3,54600,chair\nX2,BA,1,39000,\n';
    const a = await run(['audit', '-', '--json'], roster);
    expect(a.code).toBe(1);
    expect(a.stdout.trim().split('\n').map((l) => JSON.parse(l).status)).toEqual(['ok', 'underpaid']);
    const c = json(await run(['cost', '--roster', '-', '--raise', '2', '--json'], roster));
    expect(c.current).toBe(94600); // 52,000 + 2,600 (5% of MA 3) + 40,000
    // 2%: 53,040 + 2,652 (5% of 53,040) + 40,800
    expect(c.raised).toBe(96492);
    const check = await run(['check', '-'], 'cases:\n  - name: fixture salary\n    run: salary\n    input: { class: MA, step: 3 }\n    expect: { annualSalary: 52000, monthlyPay: 5200 }\n');
    expect(check.code).toBe(0);
    expect(check.stdout.trim()).toBe('1 passed, 0 failed');
  });
});
