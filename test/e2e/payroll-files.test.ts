// Rosters as payroll systems export them (issue 18): headers in any case and punctuation, other names
// through --columns or a mapping file, comma/semicolon/tab separated, the blank rows a spreadsheet
// leaves, --problems; every data row back exactly once.
import { describe, expect, it } from 'vitest';
import { cba } from '../helpers/cli';
import { parseColumnMap, canonicalHeader, columnKey } from '../../src/cli/roster-columns';
import { detectDelimiter, parseCsv } from '../../src/core/csv';
import { ROSTER_COLUMNS } from '../../src/batch/audit';

const EXPORTS = 'fixtures/roster/exports';
const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

describe('roster headers', () => {
  it.each([
    ['Employee ID', 'employeeid'],
    ['STEP ', 'step'],
    ['Days_Served', 'daysserved'],
    ['f.t.e.', 'fte'],
  ])('%j compares as %j', (h, k) => expect(columnKey(h)).toBe(k));

  it('a missing column names what was found, what is needed and how to map it', () => {
    expect(() => canonicalHeader(['Employee ID', 'Class', 'Step', 'Annual Salary'], ROSTER_COLUMNS, undefined, 'roster r.csv')).toThrow(
      'roster r.csv: no column for id, paid (needed: id, class, step, paid; found: "Employee ID", "Class", "Step", "Annual Salary"); headers match ignoring case, spaces and punctuation, or name them with --columns id="<header>",paid="<header>"',
    );
  });

  it('--columns pairs (quoted or not) and a mapping file say the same', async () => {
    const a = await parseColumnMap('id="Employee ID",paid=Annual Salary', ROSTER_COLUMNS);
    const b = await parseColumnMap(`${EXPORTS}/columns.yaml`, ROSTER_COLUMNS);
    expect([...a]).toEqual([['id', 'Employee ID'], ['paid', 'Annual Salary']]);
    expect([...b]).toEqual([...a]);
    expect(canonicalHeader(['Employee ID', 'CLASS', 'Step ', 'Annual Salary', 'Name'], ROSTER_COLUMNS, a, 'r')).toEqual(['id', 'class', 'step', 'paid', 'Name']);
  });

  it.each([
    ['salary="Annual Salary"', /"salary" is not a roster column; the columns are id, class, step, paid/],
    ['id=', /give the header name for id/],
    ['nonsense', /nonsense/],
  ])('--columns %j is refused', (spec, msg) => expect(parseColumnMap(spec, ROSTER_COLUMNS)).rejects.toThrow(msg));
});

describe('delimiters', () => {
  it.each([
    ['id,class,step,paid', ','],
    ['id;class;step;paid', ';'],
    ['id\tclass\tstep\tpaid', '\t'],
    ['"a;b",c,d', ','], // a semicolon inside quotes does not count
    ['id', ','],
  ])('%j is read with %j', (line, d) => expect(detectDelimiter(line)).toBe(d));

  it('a semicolon file keeps commas inside its cells', () => {
    expect(parseCsv('id;name;paid\r\n1;"Doe; Jane";1,5\r\n', 'auto')).toEqual([['id', 'name', 'paid'], ['1', 'Doe; Jane', '1,5']]);
  });
});

describe('cba audit on payroll exports', () => {
  it('Excel-style headers with --columns: every row back once; the trailing blank rows come back "blank" and do not fail the run', async () => {
    const r = await cba(['audit', `${EXPORTS}/excel-headers.csv`, '--columns', 'id="Employee ID",paid="Annual Salary"', '--json']);
    const rows = lines(r.stdout);
    expect(rows.map((x) => [x.row, x.id, x.status])).toEqual([[1, 'E1', 'ok'], [2, 'E2', 'underpaid'], [3, '', 'blank'], [4, '', 'blank']]);
    expect(r.stderr).toContain('4 rows: 1 ok, 1 underpaid, 0 overpaid, 0 invalid, 2 blank');
    expect(r.code).toBe(1); // E2 is paid 70,796.00 for IV-13's 70,797
  });

  it('the same with the mapping file; CSV keeps the export\'s own header names', async () => {
    const r = await cba(['audit', `${EXPORTS}/excel-headers.csv`, '--columns', `${EXPORTS}/columns.yaml`, '--csv']);
    const out = r.stdout.trim().split('\n');
    expect(out[0]).toBe('Employee ID,Employee Name,CLASS,Step,Annual Salary,contract,difference,status,reason');
    expect(out).toHaveLength(5);
  });

  it('without --columns: one line naming the columns found, exit 2', async () => {
    const r = await cba(['audit', `${EXPORTS}/excel-headers.csv`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no column for id, paid .*found: "Employee ID"/);
  });

  it.each([
    ['semicolons.csv', [['S1', 'ok'], ['S2', 'ok']]],
    ['tabs.csv', [['T1', 'ok'], ['T2', 'ok'], ['', 'blank']]],
  ])('%s: the delimiter is read off the header, headers in any case', async (file, want) => {
    const r = await cba(['audit', `${EXPORTS}/${file}`, '--json']);
    expect(lines(r.stdout).map((x) => [x.id, x.status])).toEqual(want);
    expect(r.code).toBe(0);
  });

  it('--problems lists only the rows that are not ok; the summary still counts every row', async () => {
    const r = await cba(['audit', 'fixtures/roster/roster.csv', '--problems', '--json']);
    const rows = lines(r.stdout);
    expect(rows.map((x) => x.row)).toEqual([3, 4, 6, 7, 10]); // E003 underpaid, E004 overpaid, E006, E007, row 10 invalid
    expect(rows.every((x) => x.status !== 'ok' && x.status !== 'blank')).toBe(true);
    expect(r.stderr).toMatch(/^11 rows: 5 ok, 1 underpaid, 1 overpaid, 3 invalid, 1 blank/m);
    expect(r.code).toBe(1);
  });
});

describe('cba cost exits 1 when a row is left out of the totals', () => {
  it('an invalid row: exit 1 in every format; a blank row: skipped, exit 0', async () => {
    for (const fmt of [[], ['--json'], ['--csv']]) {
      const bad = await cba(['cost', '--roster', '-', ...fmt], { input: 'id,class,step\nA,IV,13\nB,IV,99\n' });
      expect(bad.code).toBe(1);
      const blank = await cba(['cost', '--roster', '-', ...fmt], { input: 'ID,Class,Step\nA,IV,13\n,,\n' });
      expect(blank.code).toBe(0);
    }
  });
});
