// cba cost --scenario through the bin: the hand-worked figures of test/batch/scenario.test.ts, two scenarios
// in one run, the status quo against cba cost, every row back, and bad input (exit 2, one line).
import { describe, expect, it } from 'vitest';
import { cba, json } from '../helpers/cli';

const A = 'fixtures/bargain/proposal-a.yaml';
const B = 'fixtures/bargain/proposal-b.yaml';
const R3 = 'fixtures/bargain/roster3.csv';

describe('cba cost --scenario', () => {
  it('prices the hand-worked proposal to the cent, beside a second proposal and the status quo', async () => {
    const r = await cba(['cost', '--roster', R3, '--scenario', A, '--scenario', B, '--years', '3', '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.scenarios.map((s: any) => s.name)).toEqual(['Status quo', 'Proposal A (4% mid-year, new step V-14)', 'Proposal B (2%, two more days, 1% one-time)']);
    // the totals worked in test/batch/scenario.test.ts: 81,950.78 + 60,768.86 + 34,540.31; 85,760.93 + 72,513.89 + 35,196.54; 87,337.58 + 76,131.25 + 36,705.79
    expect(j.scenarios[1].years.map((y: any) => y.total)).toEqual([177259.95, 193471.36, 200174.62]);
    // status quo year 2: 84,184.27 + 71,196.94 + 34,540.31 = 189,921.52; A - status quo = 193,471.36 - 189,921.52 = 3,549.84
    expect(j.scenarios[0].years[1].total).toBe(189921.52);
    expect(j.scenarios[1].years[1].vsStatusQuo).toBe(3549.84);
    expect(j.scenarios[1].years[2].cumulative).toBe(570905.93); // 177,259.95 + 193,471.36 + 200,174.62
    // per FTE: 177,259.95 / 2.4 = 73,858.3125 -> 73,858.31
    expect(j.scenarios[1].years[0].perFte).toBe(73858.31);
    expect(j.rows.map((x: any) => x.id)).toEqual(['P1', 'P2', 'P3']);
    expect(j.rows[2].scenarios[1].years[2]).toMatchObject({ class: 'V', step: 14, salary: 31888, calstrs: 2630.76, medicare: 487.03, health: 0, total: 36705.79 });
    // B year 1: a one-time 1% of salary on 2006-06-01: P1 687.61, P2 505.14, P3 299.14 = 1,491.89, + Medicare 1.45% on each
    //   (9.97 + 7.32 + 4.34 = 21.63): 1,513.52; the person-year Medicare is rounded once on all pay, so the difference is 1,513.53
    expect(j.scenarios[2].years[0].oneTime).toBe(1491.89);
    expect(j.scenarios[2].years[0].vsStatusQuo).toBe(1513.53);
  });

  it("the status quo's year 1 pay equals cba cost on the schedule, and year 2 its movement", async () => {
    const old = json(await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--json']));
    const j = json(await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--scenario', A, '--years', '2', '--json']));
    const pay = (y: any) => Math.round((y.salary + y.stipends) * 100) / 100;
    expect(pay(j.scenarios[0].years[0])).toBe(old.current);
    expect(pay(j.scenarios[0].years[1])).toBe(old.movement);
  });

  it('every roster row comes back in --csv, an invalid one with its reason', async () => {
    const r = await cba(['cost', '--roster', '-', '--scenario', A, '--years', '2', '--csv'], { input: 'id,class,step\nP1,IV,12\nP2,VII,1\n\nP4,IV,x\n' });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^row,id,status,scenario,year,class,step,movement,fte,salary,stipends,one_time,creditable,calstrs,medicare,unemployment,workers_comp,health,total,reason$/);
    const rows = lines.slice(1).map((l) => l.split(',')[0]);
    expect([...new Set(rows)]).toEqual(['1', '2', '3', '4']);
    expect(lines.filter((l) => l.startsWith('1,')).length).toBe(4); // 2 scenarios x 2 years
    expect(lines.find((l) => l.startsWith('2,'))).toMatch(/invalid.*no class VII/);
    expect(lines.find((l) => l.startsWith('3,'))).toMatch(/^3,,blank,.*,blank row$/); // as cba audit and cba cost give a blank row
    expect(lines.find((l) => l.startsWith('4,'))).toMatch(/invalid.*step ""x"" is not a whole number/);
  });

  it.each([
    ['an unknown change kind', ['--scenario', 'fixtures/bargain/bad/unknown-kind.yaml'], /years\.2006-07\[0\]: unknown change kind "pizza"; kinds: schedule-percent/],
    ['a scenario for another agreement', ['--scenario', 'fixtures/bargain/bad/other-agreement.yaml'], /the scenario is for agreement "another-district-2005", but the rules loaded are "sdcoe-ae-2005-2008"/],
    ['an effective date outside the agreement', ['--scenario', 'fixtures/bargain/bad/outside.yaml'], /effective 2008-07-01 is outside the agreement's term/],
    ['a negative rate', ['--scenario', A, '--rates', 'fixtures/bargain/bad/negative-rate.yaml'], /rates\[0\]\.unemployment.*cannot be negative/],
    ['a roster without the columns it needs', ['--scenario', A, '--roster', 'fixtures/bargain/bad/no-step.csv'], /no column for step \(needed: id, class, step; found: /],
    ['--raise with --scenario', ['--scenario', A, '--raise', '2'], /--raise and --out-schedule are for a single raise/],
    ['--years out of range', ['--scenario', A, '--years', '11'], /--years 11: cost 1 to 10 school years/],
  ])('bad input: %s is one line, exit 2', async (_n, args, msg) => {
    const roster = args.includes('--roster') ? [] : ['--roster', R3];
    const r = await cba(['cost', ...roster, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });
});
