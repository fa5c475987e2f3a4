// (Run from test/import/pdf.test.ts with the other tests that read PDFs: one worker warms pdf.js for all.)
// Property: any schedule grid laid out as the district PDFs lay them out (classes across, steps down,
// amounts right-aligned or centred, with or without "$" and separators, shorter classes blank below
// their last step) reads back from the PDF exactly: every amount, as printed, in its class and step.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdfGrids } from '../../src/import/pdf';
import { grouped, makePdf, table } from './pdf-make';

const tmp = mkdtempSync(join(tmpdir(), 'cba-pdf-prop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 54404 -> "$54,404" or "54,404" or "54404.00": the ways the PDFs print an amount */
function printed(n: number, style: number): string {
  const g = grouped(n);
  return style === 0 ? `$${g}` : style === 1 ? g : `${g}.00`;
}

const gridArb = fc
  .record({
    classes: fc.integer({ min: 1, max: 7 }),
    steps: fc.integer({ min: 1, max: 24 }),
    style: fc.integer({ min: 0, max: 2 }),
    align: fc.constantFrom('right' as const, 'center' as const),
    seed: fc.array(fc.integer({ min: 30_000, max: 140_000 }), { minLength: 7 * 24, maxLength: 7 * 24 }),
    lastStep: fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 7, maxLength: 7 }),
  })
  .map((g) => {
    // the last class prints every step (so every step has a row); the others may stop earlier
    const last = g.lastStep.slice(0, g.classes).map((l, k) => (k === g.classes - 1 ? g.steps : Math.min(l, g.steps)));
    const cells = Array.from({ length: g.steps }, (_, s) => Array.from({ length: g.classes }, (_, k) => (s < last[k] ? printed(g.seed[s * 7 + k], g.style) : '')));
    return { ...g, cells };
  });

describe('a generated grid reads back from its PDF cell for cell', () => {
  it('holds for random sizes, blanks, alignments and amount styles', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(gridArb, async (g) => {
        const t = table({
          top: 700,
          firstRight: 140,
          colStep: 64,
          header: [Array.from({ length: g.classes }, (_, k) => `Class ${k + 1}`)],
          rowHeader: 'Step',
          align: g.align,
          pitch: 13,
          rows: g.cells.map((r, s) => [String(s + 1), ...r]),
        });
        const f = join(tmp, `g${n++}.pdf`);
        writeFileSync(f, await makePdf([[{ x: 306, y: 750, s: 'Salary Schedule 2025-26', size: 11, align: 'center' }, ...t.texts]]));
        const [grid, ...more] = await readPdfGrids(f);
        expect(more).toEqual([]);
        expect(grid.classes.map((c) => c.label)).toEqual(Array.from({ length: g.classes }, (_, k) => `Class ${k + 1}`));
        expect(grid.steps.map((s) => s.step)).toEqual(Array.from({ length: g.steps }, (_, s) => s + 1));
        expect(grid.values.map((r) => r.map((c) => c?.source.text ?? ''))).toEqual(g.cells);
        // the value is the printed amount without "$" and separators
        grid.values.forEach((r, s) => r.forEach((c, k) => c && expect(c.value).toBe(g.cells[s][k].replace(/[$,]/g, ''))));
      }),
      { numRuns: 25, seed: 20261125 },
    );
  }, 120_000);
});
