// cba audit --csv writes most lines by positions (src/commands/audit-csv.ts: no record, the placement
// from a memo on the cells' characters, paid read in place) and the rest the general way (a record,
// Auditor.rowRaw, csvCells). The two must write the same bytes: a roster written with commas (the
// positional way takes its lines) and the same cells written with semicolons (the positional way
// takes none: every row goes the general way) give the same output, on rosters drawn from cells that
// matter (quoted names with commas, formula starts, edge spaces, negative, grouped and over-precise
// amounts, periods, stipends, unknown classes, short and long rows, blank rows), columns in any order.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cba } from '../helpers/cli';
import { loadRules } from '../../src/rules/load';
import { Auditor, rosterIndex } from '../../src/batch/audit';
import { AuditCsvLines } from '../../src/commands/audit-csv';
import { IdCounter } from '../../src/cli/batch-io';
import { csvCell } from '../../src/cli/output';
import { formatCents } from '../../src/core/money';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR } from '../helpers/contract';

const COLUMNS = ['id', 'name', 'schedule', 'class', 'step', 'days', 'fte', 'stipends', 'paid', 'period'];
const CELLS: Record<string, string[]> = {
  id: ['E1', 'E2', 'E1', '=x', ' E3', '-5', 'Ünï', ''],
  name: ['Member 1', 'Doe, Jane', 'say "hi"', '', ' x', '@a', 'a;b'],
  schedule: ['', 'basic', 'basic', 'preschool', 'Basic '],
  class: ['IV', 'IV', 'I', 'VI', 'VII', ' IV', ''],
  step: ['13', '1', '5', '', 'x', ' 3'],
  days: ['', '', '190', '222', 'x'],
  fte: ['', '', '0.5', '1', 'x'],
  stipends: ['', '', 'bilingual', 'ltvs:2 head-teacher', 'nope'],
  paid: ['70797', '70797.00', '5899.75', '49766', '24883.00', '-5', '1,000', '', '$5', '5000.123', '70797.1'],
  period: ['', 'annual', 'monthly', 'Monthly', 'x'],
};

/** A cell as a CSV writer writes it for the delimiter: quoted when it holds a quote, the delimiter or
 *  a comma, or (sometimes, as some exports do) always. */
function written(cell: string, d: string, quoteAll: boolean): string {
  return quoteAll || cell.includes('"') || cell.includes(d) || cell.includes(',') ? '"' + cell.replace(/"/g, '""') + '"' : cell;
}

const PLACEMENT = ['schedule', 'class', 'step', 'days', 'fte', 'stipends'];
/** Placements as rows hold them (schedule, class, step, days, fte, stipends), few, so that they repeat
 *  (the positional way takes a placement's later rows), with cells that are odd or cannot be priced. */
const PLACEMENTS = [
  ['basic', 'IV', '13', '', '', ''],
  ['', 'IV', '13', '', '', ''],
  ['basic', 'I', '5', '190', '', 'bilingual'],
  ['basic', 'VI', '1', '', '0.5', 'ltvs:2 head-teacher'],
  ['preschool', 'I', '1', '', '', ''],
  ['basic', 'VII', '1', '', '', ''],
  ['Basic ', ' IV', ' 3', 'x', '1', 'nope'],
];
const rowOf = (cols: string[]) =>
  fc.tuple(fc.constantFrom(...PLACEMENTS), fc.tuple(...cols.map((c) => fc.constantFrom(...CELLS[c])))).map(([p, free]) => cols.map((c, i) => (PLACEMENT.includes(c) ? p[PLACEMENT.indexOf(c)] : free[i])));

describe('audit --csv: the positional way writes what the general way writes', () => {
  it('the same output from a comma roster and the same cells with semicolons (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.oneof({ weight: 8, arbitrary: fc.constant('row') }, { weight: 1, arbitrary: fc.constantFrom('blank', 'short', 'long') }), { minLength: 1, maxLength: 40 }),
        fc.infiniteStream(fc.boolean()),
        fc.constantFrom('0', '1'),
        async (cols, seed, kinds, quoteAll, tolerance) => {
          const rows = fc.sample(rowOf(cols), { seed, numRuns: kinds.length });
          const text = (d: string) => {
            const lines = [cols.join(d)];
            kinds.forEach((k, i) => {
              const cells = rows[i] as string[];
              const q = quoteAll.next().value as boolean;
              if (k === 'blank') lines.push(cols.map(() => '').join(d));
              else if (k === 'short') lines.push(cells.slice(0, 3).map((c) => written(c, d, q)).join(d));
              else if (k === 'long') lines.push([...cells, 'extra'].map((c) => written(c, d, q)).join(d));
              else lines.push(cells.map((c) => written(c, d, q)).join(d));
            });
            return lines.join('\n') + '\n';
          };
          // the comma roster as bytes from its first row (a roster this short goes by text unless told)
          const comma = await cba(['audit', '-', '--csv', '--tolerance', tolerance], { input: text(','), env: { CBA_AUDIT_BYTES_AFTER: '0' } });
          const semi = await cba(['audit', '-', '--csv', '--tolerance', tolerance], { input: text(';') });
          expect(comma.stdout).toBe(semi.stdout);
          expect(comma.stderr).toBe(semi.stderr);
          expect(comma.code).toBe(semi.code);
          expect(comma.stdout.split('\n')).toHaveLength(kinds.length + 2);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('AuditCsvLines', () => {
  let a: Agreement;
  beforeAll(async () => {
    a = (await loadRules(AGREEMENT_DIR)).agreements[0];
  });
  const header = ['id', 'name', 'schedule', 'class', 'step', 'days', 'fte', 'stipends', 'paid', 'period'];

  it('takes a line once its placement is learnt, and writes it as the general way does (worked by hand)', () => {
    const at = rosterIndex(header);
    const auditor = new Auditor(a, 0);
    const ids = new IdCounter();
    const lines = new AuditCsvLines(header.length, ',', at, auditor, 0, ids, formatCents, csvCell);
    // a placement of an hourly schedule is not priced in cents: the general way, which teaches it
    const raw = ['E1', 'Member 1', 'preschool', 'I', '1', '', '', '', '21155.40', 'annual'];
    expect(lines.line('E1,"Member 1",preschool,I,1,,,,21155.40,annual')).toBeUndefined();
    auditor.rowRaw(raw, at);
    lines.learn(raw);
    // preschool I-1 is 15.33 an hour (Appendix A), x 7.5 hours x 184 days = 21,155.40; / 12 = 1,762.95
    expect(lines.line('E2,"Member 2",preschool,I,1,,,,21155.40,annual')).toBe('E2,Member 2,preschool,I,1,,,,21155.40,annual,21155.40,0.00,ok,\n');
    expect(lines.line('E3,x,preschool,I,1,,,,1762.94,monthly')).toBe('E3,x,preschool,I,1,,,,1762.94,monthly,1762.95,-0.01,underpaid,monthly salary 21155.40 (monthly)\n');
    // a placement of an annual schedule is priced in cents at its first line (no general way)
    // IV-13 of the 2005-06 Basic Teacher Compensation Plan is 70,797 (Appendix A)
    expect(lines.line('E2,"Member 2",basic,IV,13,,,,70797.00,annual')).toBe('E2,Member 2,basic,IV,13,,,,70797.00,annual,70797.00,0.00,ok,\n');
    expect(lines.status).toBe('ok');
    // 70,797 / 12 = 5,899.75 a month; a cent short
    expect(lines.line('E3,x,basic,IV,13,,,,5899.74,monthly')).toBe('E3,x,basic,IV,13,,,,5899.74,monthly,5899.75,-0.01,underpaid,monthly salary 70797.00 (monthly)\n');
    expect(lines.status).toBe('underpaid');
    // cells csvCell would change, and amounts that are not plain: the general way
    expect(lines.line('=E4,x,basic,IV,13,,,,70797.00,annual')).toBeUndefined();
    expect(lines.line('E5,"a,b",basic,IV,13,,,,70797.00,annual')).toBeUndefined();
    expect(lines.line('E6,x,basic,IV,13,,,,"70,797.00",annual')).toBeUndefined();
    expect(lines.line('E7,x,basic,IV,13,,,,70797.00,Annual')).toBeUndefined();
    expect(lines.line('E8,x,basic,IV,13,,,,70797.00')).toBeUndefined();
    // the ids of the lines taken are counted: E2, E3, E2, E3 (E1 went the general way, uncounted here)
    lines.line('E2,y,basic,IV,13,,,,70797.00,');
    expect(ids.duplicates).toBe(3);
  });
});
