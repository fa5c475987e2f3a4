// The import validates the schedule's data object instead of parsing its own YAML text back (that
// parse was most of a large import's time). This holds the two equal: the text, read by the rules
// reader every other command uses, is the data, for any grid (labels that YAML would read as other
// things, quotes, sources with page, sheet, cell and OCR marks, daily rates, step labels and years).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GridCell, ImportedGrid } from '../../src/import/grid';
import { gridToSchedule } from '../../src/import/schedule-yaml';
import { readYaml } from '../../src/rules/validate';
import { isEqual } from '../helpers/fast-expect';

const label = fc.oneof(
  fc.constantFrom('1', '10', 'I', 'IV', 'BA+45', 'Class I', 'yes', 'No', 'null', 'true', '1e3', '0x1F', '2024-07-01', 'a: b', '#x', '"q"', "it's", '-', '~', 'Col. 3'),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s.length > 0),
);
const amount = fc.tuple(fc.integer({ min: 1, max: 250_000 }), fc.integer({ min: 0, max: 99 }), fc.boolean()).map(([d, c, cents]) => (cents ? `${d}.${String(c).padStart(2, '0')}` : String(d)));
const text = fc.string({ maxLength: 12 });

const gridArb = fc
  .record({
    classes: fc.uniqueArray(label, { minLength: 1, maxLength: 5 }),
    steps: fc.integer({ min: 1, max: 6 }),
    withDaily: fc.boolean(),
    source: fc.record({ page: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }), sheet: fc.option(text, { nil: undefined }), ref: fc.option(text, { nil: undefined }), ocr: fc.option(fc.constant(true), { nil: undefined }) }),
    // one amount a cell: row s, class c takes amounts[s * 5 + c] (at most 6 rows of 5 classes)
    amounts: fc.array(amount, { minLength: 30, maxLength: 30 }),
    printed: text,
    district: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    title: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
    stepLabels: fc.array(fc.option(label, { nil: undefined }), { minLength: 6, maxLength: 6 }),
    byYears: fc.boolean(),
    days: fc.option(fc.integer({ min: 150, max: 260 }), { nil: undefined }),
  })
  .map((g): ImportedGrid => {
    const cell = (v: string): GridCell => ({ value: v, source: { file: 'x.pdf', text: g.printed || v, ...g.source } });
    const values = Array.from({ length: g.steps }, (_, s) => g.classes.map((_, c) => cell(g.amounts[s * 5 + c])));
    return {
      basis: 'annual',
      classes: g.classes.map((l) => ({ label: l })),
      steps: Array.from({ length: g.steps }, (_, s) => ({ label: g.stepLabels[s] ?? String(s + 1), step: s + 1, ...(g.byYears ? { years: s + 1 } : {}) })),
      values,
      ...(g.withDaily ? { daily: values.map((r) => r.map((c) => cell(c!.value.split('.')[0].slice(0, 3) + '.50'))) } : {}),
      title: g.title,
      meta: { schoolYear: '2024-25', ...(g.district !== undefined ? { district: g.district } : {}), ...(g.days !== undefined ? { workDays: g.days, workDaysText: `${g.days} days` } : {}) },
      notes: [],
    };
  });

describe('the imported schedule: its YAML text reads as its data', () => {
  it('holds for any grid', () => {
    fc.assert(
      // the file a workbook's sheet (its name quoted, as text may need) or a PDF's pages
      fc.property(gridArb, fc.boolean(), fc.option(text, { nil: undefined }), (grid, withSha, sheet) => {
        const where = sheet === undefined ? { file: 'x "y".pdf', kind: 'pdf' as const, pages: [1, 3] } : { file: 'x "y".xlsx', kind: 'xlsx' as const, sheet };
        const r = gridToSchedule(grid, { id: 'teacher', assignment: 'teacher', source: { ...where, ...(withSha ? { bytes: new Uint8Array([1, 2, 3]) } : {}) } });
        isEqual(readYaml('t.yaml', 't.yaml', r.yaml).data, r.data);
      }),
      { numRuns: 150 },
    );
  });

  it('a worked example: 56380.50 is written as printed and read as the number 56380.5', () => {
    const grid: ImportedGrid = {
      basis: 'annual',
      classes: [{ label: 'I' }],
      steps: [{ label: '1', step: 1 }],
      values: [[{ value: '56380.50', source: { file: 'a.pdf', page: 2, text: '$56,380.50' } }]],
      title: ['Salary Schedule 2024-25'],
      meta: { schoolYear: '2024-25' },
      notes: [],
    };
    const r = gridToSchedule(grid, { id: 'teacher', assignment: 'teacher', source: { file: 'a.pdf', kind: 'pdf' } });
    expect(r.yaml).toContain('annual: {I: 56380.50}');
    expect(r.data.rows).toEqual([{ step: 1, annual: { I: 56380.5 }, printed: { annual: { I: { text: '$56,380.50', page: 2 } } } }]);
  });
});
