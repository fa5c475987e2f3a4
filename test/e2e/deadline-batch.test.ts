import { describe, expect, it } from 'vitest';
import { cba } from '../helpers/cli';

describe('cba deadline <name> --input (batch)', () => {
  const input = ['id,date,recess', 'a,2005-11-18,', 'b,2005-11-24,', 'c,2006-02-30,', 'd,not a date,', 'e,2005-12-09,2005-12-19..2005-12-30', 'f,2008-06-20,', '', 'g,2005-12-09,2005-12-30..2005-12-19'].join('\n') + '\n';
  it('every row comes back with its due date or the reason it is invalid', async () => {
    const r = await cba(['deadline', 'level1-file', '--input', '-', '--csv'], { input });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,date,recess,due,days,unit,status,reason');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toBe('a,2005-11-18,,2005-12-27,25,office-days,ok,');
    expect(lines[2]).toMatch(/^b,2005-11-24,,2005-12-30,25,office-days,ok,$/);
    expect(lines[3]).toMatch(/^c,2006-02-30,,,25,office-days,invalid,.*not a date/);
    expect(lines[4]).toMatch(/^d,not a date,.*invalid/);
    expect(lines[5]).toBe("e,2005-12-09,2005-12-19..2005-12-30,2006-01-31,25,office-days,ok,"); // numpy busday_offset with the recess as holidays agrees
    expect(lines[6]).toMatch(/^f,.*invalid,.*runs past the last date/);
    expect(lines[7]).toMatch(/invalid,blank row$/);
    expect(lines[8]).toMatch(/^g,.*invalid,.*ends before it starts/);
    expect(r.stderr).toMatch(/5 rows invalid/);
  });
  it('JSON Lines', async () => {
    const r = await cba(['deadline', 'level1-file', '--input', '-', '--json'], { input: 'date\n2005-11-18\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ date: '2005-11-18', due: '2005-12-27', status: 'ok' });
  });
  it('a file without a date column is refused', async () => {
    const r = await cba(['deadline', 'level1-file', '--input', '-'], { input: 'when\n2005-11-18\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no date column/);
  });
});
