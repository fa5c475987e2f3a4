import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cba } from '../helpers/cli';
import { csvCell } from '../../src/cli/output';

const ROSTER = 'fixtures/roster/roster.csv';

describe('cba audit', () => {
  it('every input row comes back exactly once, in order, with its status (JSON Lines)', async () => {
    const r = await cba(['audit', ROSTER, '--json']);
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const by = Object.fromEntries(rows.map((x) => [x.id || `row${x.row}`, x]));
    expect(by.E001).toMatchObject({ status: 'ok', contract: 70797, difference: 0 });
    expect(by.E002).toMatchObject({ status: 'ok', contract: 81510.72 }); // 74,785 + 2 x 2,831.88 + 1,061.96
    expect(by.E003).toMatchObject({ status: 'underpaid', difference: -0.01 });
    expect(by.E004).toMatchObject({ status: 'overpaid', difference: 47 });
    expect(by.E005).toMatchObject({ status: 'ok', contract: 2073.58 }); // 49,766 x 0.5 / 12 = 2,073.583.. -> 2,073.58
    expect(by.E006).toMatchObject({ status: 'invalid' });
    expect(by.E006.reason).toMatch(/no class VII/);
    expect(by.E007.reason).toMatch(/not an amount/);
    expect(by.row8).toMatchObject({ status: 'blank', reason: 'blank row' }); // a blank row comes back, but does not fail the run (issue 18)
    expect(by.E009).toMatchObject({ status: 'ok', name: 'Doe, Jane', note: 'quoted, with a comma' });
    expect(by.E010.reason).toMatch(/4 fields where the header has 11/);
    expect(r.stderr).toMatch(/11 rows: 5 ok, 1 underpaid, 1 overpaid, 3 invalid, 1 blank/);
  });

  it('--tolerance 1 lets a one-cent difference pass', async () => {
    const r = await cba(['audit', ROSTER, '--json', '--tolerance', '1']);
    const e3 = r.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((x) => x.id === 'E003');
    expect(e3.status).toBe('ok');
  });

  it('CSV keeps the extra columns and escapes formula-like text cells', async () => {
    const r = await cba(['audit', ROSTER, '--csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,name,schedule,class,step,days,fte,stipends,paid,period,note,contract,difference,status,reason');
    expect(lines).toHaveLength(12);
    expect(lines.find((l) => l.startsWith('E011'))).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines.find((l) => l.startsWith('E003'))).toContain(',-0.01,underpaid,'); // a negative number is not escaped
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-12.50', '-12.50'],
    ['+3', '+3'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
  ])('csvCell(%s) = %s', (v, want) => expect(csvCell(v)).toBe(want));

  it('the table and stdin', async () => {
    const r = await cba(['audit', '-'], { input: readFileSync(ROSTER, 'utf8') });
    expect(r.stdout.split('\n')[0]).toMatch(/^row\s+id\s+paid\s+contract\s+difference\s+status\s+reason/);
    expect(r.code).toBe(1);
  });

  it.each([
    [['audit', 'nope.csv'], /no such file/],
    [['audit', '-'], /empty/],
    [['audit', 'fixtures/check/expected.yaml'], /no column for/],
  ])('%j exits 2', async (args, msg) => {
    const r = await cba(args, { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
});
