// (Run from test/import/xlsx.test.ts with the other tests that make or read workbooks: one worker loads exceljs for all.)
// Rosters as .xlsx workbooks (issue 18, part 1) and dates as people write them (part 2), through every
// roster-reading command: audit, cost, cost --scenario, disclose, retro, deadline --input. The
// workbooks are made here with exceljs as a spreadsheet saves them: text cells, numbers as numbers
// (with a money format), dates as Excel dates (serial day numbers with a date format), the empty
// rows a sheet keeps at the end. Each workbook holds the same rows as a CSV fixture, so the answer
// it must give is the CSV's, and every data row comes back exactly once with a status.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from '../helpers/workbook';
import { cba } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import { DATE_ORDERS, formatDate, fromParts, readDateAs, daysInMonth } from '../../src/core/date';

const dir = mkdtempSync(join(tmpdir(), 'cba-xlsx-'));
const at = (f: string) => join(dir, f);
const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));
const oneLine = (s: string) => s.trim().split('\n').length === 1 && !/\n\s+at /.test(s);
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`); // how exceljs takes a date cell: UTC midnight

/** A workbook of one or more sheets; a cell that is a Date is written as an Excel date (m/d/yyyy). */
async function book(file: string, sheets: Record<string, unknown[][]>, blankRowsAfter = 0): Promise<string> {
  const wb = new Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) {
      const row = ws.addRow(r);
      r.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = 'm/d/yyyy';
        else if (typeof v === 'number' && !Number.isInteger(v)) row.getCell(i + 1).numFmt = '#,##0.00';
      });
    }
    // the rows a spreadsheet keeps after the data: formatted, empty
    for (let k = 0; k < blankRowsAfter; k++) ws.getRow(rows.length + 1 + k).getCell(1).numFmt = '@';
  }
  await wb.xlsx.writeFile(at(file));
  return at(file);
}

/** A CSV fixture's rows as a workbook's: whole numbers and amounts as numbers, the rest as text. */
function csvRows(file: string): unknown[][] {
  const [head, ...rows] = readFileSync(join(ROOT, file), 'utf8').trim().split('\n').map((l) => l.split(','));
  return [head, ...rows.map((r) => r.map((c, i) => (/^(step|days|paid|days_served)$/.test(head[i]) && /^\d+(\.\d+)?$/.test(c) ? Number(c) : /^(start|end)$/.test(head[i]) && c ? utc(c) : c)))];
}

let auditBook: string;
beforeAll(async () => {
  // Appendix A, Basic 2005-06: Class IV Step 13 is printed as 70,797
  auditBook = await book(
    'audit.xlsx',
    {
      Roster: [
        ['Employee ID', 'Class', 'Step', 'Annual Salary'],
        ['E1', 'IV', 13, 70797],
        ['E2', 'IV', 13, 70000.5],
        ['E3', 'IV', '13', '$70,797.00'],
        ['E4', 'IV', 'thirteen', 70797],
      ],
      Other: [['id', 'class', 'step', 'paid'], ['S1', 'IV', 13, 70797]],
    },
    3,
  );
});

describe('cba audit reads an .xlsx roster', () => {
  it('Excel headers, numbers, text and blank rows: every data row back exactly once with its status', async () => {
    const r = await cba(['audit', auditBook, '--columns', 'id="Employee ID",paid="Annual Salary"', '--json']);
    const rows = lines(r.stdout);
    expect(rows.map((x) => [x.row, x.id, x.status])).toEqual([
      [1, 'E1', 'ok'],
      [2, 'E2', 'underpaid'],
      [3, 'E3', 'ok'],
      [4, 'E4', 'invalid'],
      [5, '', 'blank'],
      [6, '', 'blank'],
      [7, '', 'blank'],
    ]);
    expect(rows[0].contract).toBe(70797);
    // 70,000.50 paid against 70,797.00: 796.50 short
    expect(rows[1].difference).toBe(-796.5);
    expect(r.stderr).toMatch(/^7 rows: 2 ok, 1 underpaid, 0 overpaid, 1 invalid, 3 blank/);
    expect(r.code).toBe(1);
  });

  it('the same rows as CSV give the same answer', async () => {
    const csv = at('audit.csv');
    writeFileSync(csv, 'Employee ID,Class,Step,Annual Salary\nE1,IV,13,70797\nE2,IV,13,70000.5\nE3,IV,13,"$70,797.00"\nE4,IV,thirteen,70797\n');
    const args = ['--columns', 'id="Employee ID",paid="Annual Salary"', '--json'];
    const x = lines((await cba(['audit', auditBook, ...args])).stdout).slice(0, 4);
    const c = lines((await cba(['audit', csv, ...args])).stdout);
    expect(x.map((r) => [r.status, r.contract, r.difference, r.reason])).toEqual(c.map((r) => [r.status, r.contract, r.difference, r.reason]));
  });

  it('--sheet picks another worksheet, by name or number', async () => {
    for (const s of ['Other', '2']) {
      const r = await cba(['audit', auditBook, '--sheet', s, '--json']);
      expect(lines(r.stdout).map((x) => [x.id, x.status])).toEqual([['S1', 'ok'], ['', 'blank'], ['', 'blank'], ['', 'blank']]);
    }
  });

  it.each([
    ['--sheet on a CSV', async () => ['audit', 'fixtures/roster/roster.csv', '--sheet', '1'], /no sheets/],
    ['a sheet that is not there', async () => ['audit', auditBook, '--sheet', 'Nope'], /"Roster", "Other"/],
    ['an .xlsx that is not a workbook', async () => (writeFileSync(at('fake.xlsx'), 'id,class\n'), ['audit', at('fake.xlsx')]), /not an \.xlsx workbook/],
    ['a broken workbook', async () => (writeFileSync(at('broken.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)])), ['audit', at('broken.xlsx')]), /cannot read the workbook/],
    ['the old .xls format', async () => (writeFileSync(at('old.xls'), 'x'), ['audit', at('old.xls')]), /\.xls format is not read/],
  ])('%s: one line, exit 2', async (_n, args, msg) => {
    const r = await cba(await args());
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(msg);
  });
});

describe('the other roster-reading commands read .xlsx as they read CSV', () => {
  it('cba cost: the same totals as the CSV roster', async () => {
    const x = await book('cost.xlsx', { Roster: csvRows('fixtures/roster/cost-roster.csv') });
    const a = JSON.parse((await cba(['cost', '--roster', x, '--json'])).stdout);
    const b = JSON.parse((await cba(['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--json'])).stdout);
    expect(a.totals ?? a).toEqual(b.totals ?? b);
  });

  it('cba cost --scenario and cba disclose: the same as the CSV roster', async () => {
    const x = await book('roster3.xlsx', { Roster: csvRows('fixtures/bargain/roster3.csv') });
    const scen = ['--scenario', 'fixtures/bargain/proposal-a.yaml', '--json'];
    const a = JSON.parse((await cba(['cost', '--roster', x, ...scen])).stdout);
    const b = JSON.parse((await cba(['cost', '--roster', 'fixtures/bargain/roster3.csv', ...scen])).stdout);
    expect(a).toEqual(b);
    const d1 = JSON.parse((await cba(['disclose', '--roster', x, ...scen])).stdout);
    const d2 = JSON.parse((await cba(['disclose', '--roster', 'fixtures/bargain/roster3.csv', ...scen])).stdout);
    expect(d1).toEqual(d2);
  });

  it('cba retro: start and end as Excel dates give what the CSV dates give', async () => {
    const rows = csvRows('fixtures/bargain/retro3.csv');
    expect(rows.flat().some((c) => c instanceof Date)).toBe(true); // R2 starts 2005-10-17, an Excel date
    const x = await book('retro3.xlsx', { Roster: rows });
    const args = ['--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--json'];
    const a = JSON.parse((await cba(['retro', '--roster', x, ...args])).stdout);
    const b = JSON.parse((await cba(['retro', '--roster', 'fixtures/bargain/retro3.csv', ...args])).stdout);
    expect(a).toEqual(b);
  });

  it('cba deadline --input: an Excel date cell, and a text date read with --date-format MDY, give the same due date', async () => {
    // level1-file: 25 office days from 2005-11-18 (Thanksgiving and the winter recess closed) is 2005-12-27
    const x = await book('triggers.xlsx', { Sheet1: [['case', 'date'], ['C1', utc('2005-11-18')], ['C2', '11/18/2005'], ['C3', '18/11/2005']] });
    const r = await cba(['deadline', 'level1-file', '--input', x, '--date-format', 'MDY', '--json']);
    const rows = lines(r.stdout);
    expect(rows.map((y) => [y.row, y.case, y.due, y.status])).toEqual([
      [1, 'C1', '2005-12-27', 'ok'],
      [2, 'C2', '2005-12-27', 'ok'],
      [3, 'C3', null, 'invalid'],
    ]);
    expect(rows[2].reason).toBe('row 3, column date: "18/11/2005" is not a date in MDY order (month/day/year): there is no month 18');
    expect(r.code).toBe(1);
  });
});

describe('--date-format: ISO always, MDY or DMY for slashed dates, never a guess', () => {
  const csv = () => {
    const f = at('dates.csv');
    writeFileSync(f, 'case,date\nA,2005-11-18\nB,11/18/2005\nC,18/11/2005\nD,02/29/2006\nE,1/2/05\nF,03/04/2006\n');
    return f;
  };
  const run = async (...extra: string[]) => {
    const r = await cba(['deadline', 'level1-file', '--input', csv(), '--json', ...extra]);
    return { ...r, rows: lines(r.stdout) };
  };

  it('ISO (the default): every slashed date is its row\'s error, naming the row, the column and the flag', async () => {
    const r = await run();
    expect(r.rows.map((x) => x.status)).toEqual(['ok', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(r.rows[1].reason).toBe('row 2, column date: "11/18/2005" is not a date as YYYY-MM-DD; a slashed date is read only in the order given with --date-format MDY (month/day/year) or DMY (day/month/year)');
    expect(r.code).toBe(1);
  });

  it('MDY: 11/18/2005 is November 18; 18/11/2005 and February 29 of 2006 do not exist; a two-digit year is refused', async () => {
    const r = await run('--date-format', 'MDY');
    expect(r.rows.map((x) => [x.case, x.due, x.status])).toEqual([
      ['A', '2005-12-27', 'ok'],
      ['B', '2005-12-27', 'ok'],
      ['C', null, 'invalid'],
      ['D', null, 'invalid'],
      ['E', null, 'invalid'],
      ['F', r.rows[5].due, 'ok'],
    ]);
    expect(r.rows[3].reason).toMatch(/^row 4, column date: "02\/29\/2006" is not a date in MDY order \(month\/day\/year\): February 2006 has 28 days$/);
    expect(r.rows[4].reason).toMatch(/^row 5, column date: "1\/2\/05" has a 2-digit year/);
  });

  it('DMY reads the same cells the other way: 18/11/2005 is November 18, 11/18/2005 does not exist, 03/04/2006 is April 3', async () => {
    const mdy = await run('--date-format', 'mdy');
    const dmy = await run('--date-format', 'DMY');
    expect(dmy.rows.map((x) => x.status)).toEqual(['ok', 'invalid', 'ok', 'invalid', 'invalid', 'ok']);
    expect(dmy.rows[2].due).toBe('2005-12-27');
    // 03/04/2006: March 4 in MDY, April 3 in DMY; 25 office days on from each differ
    expect(dmy.rows[5].due).not.toBe(mdy.rows[5].due);
  });

  it('cba retro: a start date in the declared order, and one that is not a date in it', async () => {
    const f = at('retro-dates.csv');
    writeFileSync(f, 'id,class,step,start\nR1,I,1,10/17/2005\nR2,I,1,2005-10-17\nR3,I,1,17/10/2005\n');
    const args = ['--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--json'];
    const j = JSON.parse((await cba(['retro', '--roster', f, '--date-format', 'MDY', ...args])).stdout);
    expect(j.rows.map((p: { status: string }) => p.status)).toEqual(['ok', 'ok', 'invalid']);
    expect(j.rows[0].retro).toBe(j.rows[1].retro);
    expect(j.rows[2].reason).toBe('row 3, column start: "17/10/2005" is not a date in MDY order (month/day/year): there is no month 17');
  });

  it.each([
    [['deadline', 'level1-file', '--input', 'x.csv', '--date-format', 'YMD'], /--date-format "YMD": give MDY/],
    [['deadline', 'level1-file', '--from', '2005-11-18', '--date-format', 'MDY'], /--date-format is for the dates of an --input file/],
    [['retro', '--roster', 'fixtures/bargain/retro3.csv', '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--date-format', 'US'], /--date-format "US"/],
  ])('%j: one line, exit 2', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(msg);
  });

  it('property: a real date written M/D/YYYY reads back with MDY, D/M/YYYY with DMY, ISO in every order; slashed without an order never reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.boolean(), (y, m, d0, pad) => {
        const d = Math.min(d0, daysInMonth(y, m));
        const p = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
        const day = fromParts(y, m, d);
        expect(readDateAs(`${p(m)}/${p(d)}/${y}`, 'MDY')).toBe(day);
        expect(readDateAs(`${p(d)}/${p(m)}/${y}`, 'DMY')).toBe(day);
        for (const o of DATE_ORDERS) expect(readDateAs(formatDate(day), o)).toBe(day);
        const slashed = readDateAs(`${p(m)}/${p(d)}/${y}`, 'ISO');
        expect(typeof slashed).toBe('object');
        // read in the other order, a date whose day is over 12 does not exist, never swapped
        if (d > 12) expect(typeof readDateAs(`${p(m)}/${p(d)}/${y}`, 'DMY')).toBe('object');
      }),
    );
  });
});

describe('cells past the header: the same statuses from CSV and .xlsx, in every roster command', () => {
  // One roster, as CSV and as a workbook. The header's last cell is empty (Excel writes a trailing
  // delimiter for a sheet whose used range runs one column wider; the workbook has a styled empty
  // cell there). Row 1 holds "x" in the column past the header's named ones: a shifted row, invalid,
  // the column named. Row 2 ends with an empty cell past the header (a trailing delimiter; a styled
  // empty cell): not data, the row is read. Row 3 is as the header. Before: the CSV read row 1 as ok
  // (the blank header cell took "x") and row 3 as invalid ("7 fields where the header has 8"), the
  // workbook row 1 invalid ("8 fields where the header has 7") and row 3 ok.
  const roster = { head: ['id', 'schedule', 'class', 'step', 'fte', 'stipends', 'new_class'], data: [['P1', 'basic', 'IV', '12', '', 'bilingual', '', 'x'], ['P2', 'basic', 'I', '8', '', '', 'III', ''], ['P3', 'basic', 'II', '5', '', '', '']] };
  // Appendix A, Basic 2005-06: Class IV Step 13 is printed as 70,797
  const audit = { head: ['id', 'class', 'step', 'paid'], data: [['E1', 'IV', '13', '70797', 'x'], ['E2', 'IV', '13', '70797', ''], ['E3', 'IV', '13', '70797']] };
  const triggers = { head: ['case', 'date'], data: [['C1', '2005-11-18', 'x'], ['C2', '2005-11-18', ''], ['C3', '2005-11-18']] };
  const past = (n: number, col: string) => `"x" in column ${n + 1} (${col}), past the header's ${n} columns (a shifted row, or a column the header does not name)`;
  /** The roster as CSV with the header's trailing delimiter, as CSV without it, and as a workbook. */
  async function forms(name: string, { head, data }: { head: string[]; data: string[][] }): Promise<string[]> {
    const wide = at(`${name}.csv`), narrow = at(`${name}-narrow.csv`), book = at(`${name}.xlsx`);
    writeFileSync(wide, [[...head, ''], ...data].map((r) => r.join(',')).join('\n') + '\n');
    writeFileSync(narrow, [head, ...data].map((r) => r.join(',')).join('\n') + '\n');
    const wb = new Workbook();
    const ws = wb.addWorksheet('Roster');
    [head, ...data].forEach((r) => ws.addRow(r.map((c) => (/^\d+$/.test(c) ? Number(c) : c === '' ? null : c))));
    ws.getRow(1).getCell(head.length + 1).numFmt = '@';
    ws.getRow(3).getCell(head.length + 1).numFmt = '0.00';
    await wb.xlsx.writeFile(book);
    return [wide, narrow, book];
  }
  const ofRows = (rows: { row: number; status: string; reason?: string | null }[]) => rows.map((x) => [x.row, x.status, x.reason ?? null]);
  const scen = ['--scenario', 'fixtures/bargain/proposal-a.yaml', '--json'];

  it.each([
    ['audit', audit, (f: string) => ['audit', f, '--json'], (out: string) => ofRows(lines(out))],
    ['cost', roster, (f: string) => ['cost', '--roster', f, '--json'], (out: string) => ofRows(JSON.parse(out).rows)],
    ['retro', roster, (f: string) => ['retro', '--roster', f, '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--json'], (out: string) => ofRows(JSON.parse(out).rows)],
    ['cost --scenario', roster, (f: string) => ['cost', '--roster', f, ...scen], (out: string) => ofRows(JSON.parse(out).rows)],
    ['deadline --input', triggers, (f: string) => ['deadline', 'level1-file', '--input', f, '--json'], (out: string) => ofRows(lines(out))],
  ])('cba %s: row 1 invalid naming the column, rows 2 and 3 read', async (name, r, args, rows) => {
    const got = [];
    for (const f of await forms(name.replace(/\W+/g, '-'), r)) got.push(rows((await cba(args(f))).stdout));
    const n = r.head.length;
    expect(got[0]).toEqual([
      [1, 'invalid', past(n, String.fromCharCode(65 + n))],
      [2, 'ok', null],
      [3, 'ok', null],
    ]);
    expect(got[1]).toEqual(got[0]);
    expect(got[2]).toEqual(got[0]);
  });

  it('cba disclose: the same totals and the same warning', async () => {
    const got = [];
    for (const f of await forms('disclose', roster)) {
      const r = await cba(['disclose', '--roster', f, ...scen]);
      const j = JSON.parse(r.stdout);
      got.push([j.members, j.invalid, r.stderr]);
    }
    expect(got[0]).toEqual([2, 1, `warning: row 1 (P1): not costed: ${past(7, 'H')}\n`]);
    expect(got[1]).toEqual(got[0]);
    expect(got[2]).toEqual(got[0]);
  });
});

describe('cba disclose: the blank rows of a roster in one line', () => {
  it('how many and the first row numbers, one line whatever their number; not counted as rows not costed (CSV and .xlsx alike)', async () => {
    // roster3's three people, then a row the coster refuses (step "x"), then 12 blank rows: a warning
    // line for the refused row, one note for the 12 blank ones (each was "warning: row N: not
    // costed: blank row", one line per row: a million for a sheet whose last row is far down), and
    // the disclosure's "invalid" (the page's "rows could not be costed") counts the refused row only
    const rows = csvRows('fixtures/bargain/roster3.csv');
    const n = rows.length - 1; // people
    rows.push(['Q9', 'basic', 'IV', 'x', '', '', '']);
    const csv = at('blank-disclose.csv');
    writeFileSync(csv, [...rows.map((r) => r.join(',')), ...Array(12).fill(',,,,,,')].join('\n') + '\n');
    const xlsx = await book('blank-disclose.xlsx', { Roster: rows }, 12);
    const want = [
      `warning: row ${n + 1} (Q9): not costed: step "x" is not a whole number`,
      `note: 12 blank rows skipped (rows ${n + 2}, ${n + 3}, ${n + 4}, ${n + 5}, ${n + 6}, ...)`,
    ];
    for (const f of [csv, xlsx]) {
      const r = await cba(['disclose', '--roster', f, '--scenario', 'fixtures/bargain/proposal-a.yaml', '--json']);
      expect(r.stderr.trim().split('\n')).toEqual(want);
      const d = JSON.parse(r.stdout);
      expect([d.members, d.invalid]).toEqual([n, 1]);
    }
  });
});

describe('blank rows: the same status from cba deadline --input as from cba audit', () => {
  it('"blank" (reason "blank row"), counted apart, not a failure: CSV and .xlsx alike', async () => {
    // docs/commands/audit.md: a blank row (every cell empty, as a sheet leaves rows at its end) comes
    // back "blank", counted in the summary, not a failure; cba cost skips them, exit 0. cba deadline
    // --input gave them "invalid", "blank row", counted them as invalid rows and failed the run (exit 1)
    const csv = at('blank-deadline.csv');
    writeFileSync(csv, 'case,date\nC1,2005-11-18\n,\n , \n');
    const xlsx = await book('blank-deadline.xlsx', { Sheet1: [['case', 'date'], ['C1', '2005-11-18']] }, 2);
    for (const f of [csv, xlsx]) {
      const r = await cba(['deadline', 'level1-file', '--input', f, '--json']);
      // level1-file: 25 office days from 2005-11-18 is 2005-12-27 (as above)
      expect(lines(r.stdout).map((y) => [y.row, y.due, y.status, y.reason])).toEqual([
        [1, '2005-12-27', 'ok', null],
        [2, null, 'blank', 'blank row'],
        [3, null, 'blank', 'blank row'],
      ]);
      expect([r.code, r.stderr]).toEqual([0, '2 blank rows\n']);
      const c = await cba(['deadline', 'level1-file', '--input', f, '--csv']);
      expect(c.stdout.split('\n').slice(2, 4).map((l) => l.split(',').slice(-2))).toEqual([
        ['blank', 'blank row'],
        ['blank', 'blank row'],
      ]);
    }
    // cba audit on the same rows (with the columns it needs): the same status for each blank row
    const audit = at('blank-audit.csv');
    writeFileSync(audit, 'id,class,step,paid\nE1,IV,13,70797\n,,,\n , , , \n');
    expect(lines((await cba(['audit', audit, '--json'])).stdout).map((y) => [y.row, y.status, y.reason])).toEqual([
      [1, 'ok', null],
      [2, 'blank', 'blank row'],
      [3, 'blank', 'blank row'],
    ]);
  });
});

describe('blank rows: cba retro and cba cost --scenario give them "blank" too, not a failure', () => {
  it('status "blank", reason "blank row", counted apart (CSV and .xlsx alike)', async () => {
    // both gave "invalid", "blank row": retro counted them as "not computed" and exited 1, cost
    // --scenario counted them in "invalid" and, as a table, warned once per row
    const rows = csvRows('fixtures/bargain/retro3.csv');
    const n = rows.length - 1;
    const csv = at('blank-retro.csv');
    writeFileSync(csv, [...readFileSync(join(ROOT, 'fixtures/bargain/retro3.csv'), 'utf8').trim().split('\n'), ',,,,,,,', ',,,,,,,'].join('\n') + '\n');
    const xlsx = await book('blank-retro.xlsx', { Roster: rows }, 2);
    const blanks = [n + 1, n + 2].map((row) => ({ row, id: '', status: 'blank', reason: 'blank row' }));
    for (const f of [csv, xlsx]) {
      const r = await cba(['retro', '--roster', f, '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--json']);
      const j = JSON.parse(r.stdout);
      expect(j.rows.slice(n)).toEqual(blanks);
      expect(j.rows.slice(0, n).every((x: { status: string }) => x.status === 'ok')).toBe(true);
      expect([j.totals.persons, j.totals.invalid, j.totals.blank]).toEqual([n, 0, 2]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^${n + 2} rows: ${n} computed, 0 not computed, 2 blank;`));
      const c = await cba(['retro', '--roster', f, '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4', '--csv']);
      expect(c.stdout.trim().split('\n').slice(-2).map((l) => l.split(',').slice(-2))).toEqual([['blank', 'blank row'], ['blank', 'blank row']]);

      const s = await cba(['cost', '--roster', f, '--scenario', 'fixtures/bargain/proposal-a.yaml', '--json']);
      const sj = JSON.parse(s.stdout);
      expect(sj.rows.slice(n)).toEqual(blanks);
      expect([sj.members, sj.invalid, sj.blank]).toEqual([n, 0, 2]);
      const t = await cba(['cost', '--roster', f, '--scenario', 'fixtures/bargain/proposal-a.yaml']);
      expect(t.stderr.split('\n').filter((l) => /blank/.test(l))).toEqual([`note: 2 blank rows skipped (rows ${n + 1}, ${n + 2})`]);
      const sc = await cba(['cost', '--roster', f, '--scenario', 'fixtures/bargain/proposal-a.yaml', '--csv']);
      expect(sc.stdout.trim().split('\n').slice(-2).map((l) => [l.split(',')[2], l.split(',').pop()])).toEqual([['blank', 'blank row'], ['blank', 'blank row']]);
    }
  });
});
