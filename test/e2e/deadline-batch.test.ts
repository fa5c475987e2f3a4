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
    expect(lines[7]).toMatch(/,blank,blank row$/); // as cba audit gives a blank row: not invalid
    expect(lines[8]).toMatch(/^g,.*invalid,.*ends before it starts/);
    expect(r.stderr).toMatch(/4 rows invalid, 1 blank row/);
  });
  it('plain lines are copied through as they are, and every cell a spreadsheet could misread is still escaped', async () => {
    // whole lines without a quote take a shorter way through (copied, not cut into cells): the same
    // output as the cell by cell way, which escapes a leading =, + or @ with ', quotes a cell with space
    // at an edge, leaves a number such as -5 as it is, and reads a line of spaces (a no-break space is
    // one) or of the wrong width as an invalid row
    const lines = ['id,date', '=cmd,2005-11-18', ' sp,2005-11-18', 'tr ,2005-11-18', '\u00a0,\u00a0', ',', 'x,2005-11-18,extra', 'only', '-5,2005-11-18', '+x,2005-11-18', '@x,2005-11-18', 'a;b,2005-11-18', '"q",2005-11-18', 'Ünï,2005-11-18', 'z,2005-11-18 ', 'y,2005-02-30'];
    const r = await cba(['deadline', 'level1-file', '--input', '-', '--csv'], { input: lines.join('\r\n') + '\r\n' });
    expect(r.code).toBe(1);
    const ok = ',2005-12-27,25,office-days,ok,'; // 2005-11-18 + 25 office days, as in the first test
    expect(r.stdout.split('\n')).toEqual([
      'id,date,due,days,unit,status,reason',
      "'=cmd,2005-11-18" + ok,
      '" sp",2005-11-18' + ok,
      '"tr ",2005-11-18' + ok,
      '\u00a0,\u00a0,,25,office-days,blank,blank row',
      ',,,25,office-days,blank,blank row',
      `x,2005-11-18,,25,office-days,invalid,"""extra"" in column 3 (C), past the header's 2 columns (a shifted row, or a column the header does not name)"`,
      'only,,,25,office-days,invalid,1 fields where the header has 2',
      '-5,2005-11-18' + ok,
      "'+x,2005-11-18" + ok,
      "'@x,2005-11-18" + ok,
      'a;b,2005-11-18' + ok,
      'q,2005-11-18' + ok,
      'Ünï,2005-11-18' + ok,
      'z,"2005-11-18 "' + ok,
      'y,2005-02-30,,25,office-days,invalid,"row 15, column date: ""2005-02-30"" is not a date: that day does not exist on the calendar"',
      '',
    ]);
    expect(r.stderr).toMatch(/3 rows invalid, 2 blank rows/); // two of the wrong width, one not a date; two blank
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
