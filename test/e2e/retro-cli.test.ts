// cba retro through the bin: the hand-worked roster of test/batch/retro.test.ts, the payroll-import CSV,
// every row back once, exit 1 for a row not computed, exit 2 for bad options.
import { describe, expect, it } from 'vitest';
import { cba, json } from '../helpers/cli';

const base = ['retro', '--roster', 'fixtures/bargain/retro3.csv', '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4'];

describe('cba retro', () => {
  it('--json: every period and total of the hand-worked roster', async () => {
    const r = await cba([...base, '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.periods).toEqual(['2005-07', '2005-08', '2005-09', '2005-10', '2005-11', '2005-12', '2006-01']);
    expect(j.rows.map((x: any) => x.retro)).toEqual([1161.37, 434.34, 779.59]);
    expect(j.rows[1].periods[3]).toMatchObject({ period: '2005-10', paid: 1508.02, difference: 60.33, fraction: '0.483871' }); // 15/31
    expect(j.totals).toMatchObject({ persons: 3, invalid: 0, retro: 2375.3, retroExact: '2375.296774', employer: { calstrs: 195.96, medicare: 34.44 } });
    // the roster total is the sum of the people's
    expect(Math.round(j.rows.reduce((t: number, x: any) => t + x.retro * 100, 0))).toBe(237530);
  });

  it('--csv: one line per person and pay code, for a payroll import', async () => {
    const r = await cba([...base, '--csv', '--salary-code', 'RSAL']);
    expect(r.stdout.trim().split('\n')).toEqual([
      'row,id,pay_code,amount,exact,from,through,periods,status,reason',
      '1,R1,RSAL,1161.37,1161.3933,2005-07-01,2006-01-31,7,ok,',
      '2,R2,RSAL,434.34,434.3368,2005-07-01,2006-01-31,4,ok,',
      // 7 x 107.83 = 754.81 salary; 7 x 3.54 = 24.78 bilingual
      '3,R3,RSAL,754.81,754.8100,2005-07-01,2006-01-31,7,ok,',
      '3,R3,RETRO-STIP,24.78,24.7567,2005-07-01,2006-01-31,7,ok,',
    ]);
  });

  it('every row comes back once; a row that cannot be computed has its reason and the run exits 1', async () => {
    const input = 'id,class,step,paid\nA,IV,13,\nB,IX,1,\nC,IV,40,\nD,IV,4,lots\n\n';
    const r = await cba(['retro', '--roster', '-', '--effective', '2005-07-01', '--paid-through', '2005-09-30', '--raise', '4', '--csv'], { input });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').slice(1);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(lines[1]).toMatch(/invalid,.*no class IX/);
    expect(lines[2]).toMatch(/invalid,.*steps 1 to 13/);
    expect(lines[3]).toMatch(/invalid,"paid ""lots"" is not an amount of money/);
    expect(lines[4]).toMatch(/,blank,blank row$/); // as cba audit gives a blank row: not a failure
    expect(r.stderr).toMatch(/5 rows: 1 computed, 3 not computed, 1 blank;/);
  });

  it.each([
    ['--paid-through before --effective', ['--effective', '2005-09-01', '--paid-through', '2005-08-31', '--raise', '4'], /--paid-through 2005-08-31 is before --effective 2005-09-01/],
    ['an effective date with no schedule in force', ['--effective', '2003-07-01', '--paid-through', '2003-12-31', '--raise', '4'], /--effective 2003-07-01: no basic schedule is in force on that date/],
    ['no settled schedule in the rules', ['--effective', '2005-09-01', '--paid-through', '2005-12-31'], /no new schedule takes effect that day in the rules.*or give --raise/],
    ['--periods 6', ['--effective', '2005-07-01', '--paid-through', '2005-12-31', '--raise', '4', '--periods', '6'], /--periods "6": give 12/],
    ['a date that is not a date', ['--effective', '2005-13-01', '--paid-through', '2005-12-31', '--raise', '4'], /--effective "2005-13-01" does not exist on the calendar/],
  ])('bad input: %s is one line, exit 2', async (_n, args, msg) => {
    const r = await cba(['retro', '--roster', 'fixtures/bargain/retro3.csv', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });
});
