// The bargaining commands on effective-dated schedules (fixtures/rules/midyear-2006-07: basic 2006-07 from
// July 1 and a 3% raise from January 1, 2007): retro reads the settled schedule from the rules, and the
// status quo of a costing pays the year in parts as cba salary --year does.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';

const RULES = ['--rules', 'fixtures/rules/midyear-2006-07'];
const roster = 'id,class,step\nM1,IV,13\n';

describe('bargaining on effective-dated schedules', () => {
  it('cba retro takes the new schedule in force from --effective out of the rules', async () => {
    const r = await cba([...RULES, 'retro', '--roster', '-', '--effective', '2007-01-01', '--paid-through', '2007-03-31', '--json'], { input: roster });
    expect(r.code).toBe(0);
    const j = json(r);
    // IV-13: 72,213 before, 72,213 x 1.03 = 74,379.39 -> 74,379 from January 1;
    // each month 74,379 / 12 = 6,198.25 owed - 72,213 / 12 = 6,017.75 paid = 180.50; three months 541.50
    expect(j.rows[0].periods.map((p: any) => [p.period, p.paid, p.difference])).toEqual([
      ['2007-01', 6017.75, 180.5],
      ['2007-02', 6017.75, 180.5],
      ['2007-03', 6017.75, 180.5],
    ]);
    expect(j.totals.retro).toBe(541.5);
    expect(r.stderr).toMatch(/no benefits.yaml: the statutory rates.*shipped with sdcoe-ae-2005-2008/);
  });

  it("the status quo of cba cost --scenario pays 2006-07 in parts, as cba salary --year 2006-07 does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-effective-'));
    const sq = join(dir, 'empty.yaml');
    writeFileSync(sq, 'name: Nothing new\nagreement: midyear-2006-07\n');
    const c = json(await cba([...RULES, 'cost', '--roster', '-', '--scenario', sq, '--years', '1', '--json'], { input: roster }));
    const s = json(await cba([...RULES, 'salary', '--class', 'IV', '--step', '13', '--year', '2006-07', '--json']));
    // (72,213 x 6 + 74,379 x 6) / 12 = 73,296
    expect(c.rows[0].scenarios[0].years[0].salary).toBe(73296);
    expect(s.totalSalary).toBe(73296);
  });
});
