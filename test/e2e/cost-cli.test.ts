import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';
import { AGREEMENT_DIR } from '../helpers/contract';

describe('cba cost: a three-person roster costed by hand', () => {
  // C1 Class IV Step 13 + bilingual; C2 Class II Step 5 at 0.5 FTE, 150 days served; C3 Class I Step 8 moving to Class III.
  it('on the schedule, with a 1% raise, and after step and column movement', async () => {
    const j = json(await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', '1', '--json']));
    // current: (70,797 + 1,061.96) + 49,766 x 0.5 + 50,514 = 147,255.96
    expect(j.current).toBe(147255.96);
    // 1%: 70,797 x 1.01 = 71,504.97 -> 71,505 (+ 71,505 x 1.5% = 1,072.575 -> 1,072.58);
    //     49,766 x 1.01 = 50,263.66 -> 50,264 x 0.5 = 25,132; 50,514 x 1.01 = 51,019.14 -> 51,019
    expect(j.raised).toBe(148728.58); // 72,577.58 + 25,132 + 51,019
    expect(j.raiseCost).toBe(1472.62);
    // movement: C1 stays at IV-13 (last step); C2 150 >= 143 days: II-6 51,799 x 0.5 = 25,899.50; C3 to Class III Step 9: 60,020
    expect(j.movement).toBe(157778.46);
    expect(j.movementCost).toBe(10522.5);
    expect(j.rows.map((r: any) => r.movement)).toEqual(['at the last step', 'step 5 -> 6', 'class I -> III, step 8 -> 9']);
  });

  it('--out-schedule writes a schedule file that --year then loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-cost-'));
    cpSync(AGREEMENT_DIR, dir, { recursive: true });
    const out = join(dir, 'schedules', 'basic-2006-07.yaml');
    const r = await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', '4.23', '--out-schedule', out]);
    expect(r.code).toBe(0);
    const s = json(await cba(['--rules', dir, 'salary', '--class', 'IV', '--step', '13', '--year', '2006-07', '--json']));
    expect(s.annualSalary).toBe(73792); // 70,797 x 1.0423 = 73,791.71 -> 73,792
    expect(s.dailyRate).toBe(388.38); // 73,792 / 190 = 388.378.. -> 388.38
    expect(s.printedDailyRate).toBe(388.38);
    const st = json(await cba(['--rules', dir, 'stipend', 'bilingual', '--year', '2006-07', '--json']));
    expect(st.total).toBe(1106.88); // 73,792 x 1.5% = 1,106.88
  });

  it('rows that cannot be costed are reported, not dropped', async () => {
    const r = await cba(['cost', '--roster', 'fixtures/roster/roster.csv', '--json']);
    const j = json(r);
    expect(j.rows).toHaveLength(11);
    expect(j.invalid).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/not costed/);
  });

  it('the same placement written plainly, in quotes or with semicolons costs the same; blank, short and long rows come back with their status (an empty field past the header is no field)', async () => {
    // Class IV Step 7 on the 2005-06 basic schedule: 58,617; next year Step 8: 60,644. A row's cells are
    // found in its line where its quotes wrap whole cells, and cut as a record otherwise ("a""b", a
    // name over two lines): every way the same figures
    const ok = ',ok,58617.00,,60644.00,step 7 -> 8,';
    const roster = ['id,name,schedule,class,step,days,fte,stipends', 'E1,x,basic,IV,7,,,', '"E2","Doe, Jane","basic","IV","7","","",""', 'E3,"a""b",basic,IV,7,,,', 'E4,"two\nlines",basic,IV,7,,,', ',,,,,,,', 'E5,x,basic,IV', 'E6,x,basic,IV,7,,,,', '=E7,x,basic,IV,7,,,', 'E8,x,basic,IV,7,,,,y'].join('\r\n');
    const r = await cba(['cost', '--roster', '-', '--csv'], { input: roster });
    expect(r.stdout.split('\n')).toEqual([
      'row,id,status,current,raised,moved,movement,reason',
      '1,E1' + ok,
      '2,E2' + ok,
      '3,E3' + ok,
      '4,E4' + ok,
      '5,,blank,,,,,blank row',
      '6,E5,invalid,,,,,4 fields where the header has 8',
      // an empty field past the header is not data (a spreadsheet's trailing delimiter); a value there is
      '7,E6' + ok,
      "8,'=E7" + ok,
      `9,E8,invalid,,,,,"""y"" in column 9 (I), past the header's 8 columns (a shifted row, or a column the header does not name)"`,
      '',
    ]);
    const semi = await cba(['cost', '--roster', '-', '--csv'], { input: roster.replace(/,/g, ';').replace('Doe; Jane', 'Doe, Jane') });
    expect(semi.stdout).toBe(r.stdout);
  });

  it('bad input', async () => {
    expect((await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', 'lots'])).code).toBe(2);
    expect((await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--out-schedule', '/tmp/x.yaml'])).stderr).toMatch(/needs --raise/);
  });
});
