// (Run from test/import/pdf.test.ts with the other tests that read PDFs: one worker warms pdf.js for all.)
// Schedules printed with the classes down the side and the steps across the top: read cell for
// cell (every amount in its class and step, with its page and printed text), never refused for the
// layout alone; refused, naming the page and the text, where a line cannot be read with confidence.
// The PDFs are made here with pdf-lib; each expected grid is written out by hand below.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPdfGrids } from '../../src/import/pdf';
import { cba } from '../helpers/cli';
import { grouped, makePdf, pdfFolder, type Txt } from './pdf-make';

const write = pdfFolder('cba-pdf-rows-');
const title = (lines: string[], top = 760): Txt[] => lines.map((s, i) => ({ x: 396, y: top - 16 * i, s, size: 11, align: 'center' as const }));

/** A classes-as-rows grid: the step texts across (centred over each column), then per class its label at the left and its amounts right-aligned. */
function across(o: { top: number; side?: string; steps: string[]; rows: { label: string[]; cells: string[] }[]; firstRight?: number; colStep?: number; pitch?: number; labelX?: number }): { texts: Txt[]; bottom: number } {
  const firstRight = o.firstRight ?? 170;
  const colStep = o.colStep ?? 62;
  const pitch = o.pitch ?? 14;
  const texts: Txt[] = [];
  let y = o.top;
  if (o.side) texts.push({ x: o.labelX ?? 30, y, s: o.side });
  o.steps.forEach((s, k) => texts.push({ x: firstRight + k * colStep - 22, y, s, align: 'center' }));
  y -= pitch * 1.5;
  for (const r of o.rows) {
    r.label.forEach((s, li) => texts.push({ x: o.labelX ?? 30, y: y - li * pitch, s }));
    r.cells.forEach((s, k) => s && texts.push({ x: firstRight + k * colStep, y, s, align: 'right' }));
    y -= pitch * Math.max(1, r.label.length);
  }
  return { texts, bottom: y };
}

const values = (g: { values: ({ source: { text: string } } | null)[][] }) => g.values.map((r) => r.map((c) => c?.source.text ?? ''));

describe('classes as rows, steps across', () => {
  it('"Step 1" to "Step 8" across, classes with their degree on a second line, "$" and blanks: every cell in its class and step', async () => {
    const t = across({
      top: 660,
      side: 'Class',
      steps: ['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5', 'Step 6', 'Step 7', 'Step 8'],
      rows: [
        { label: ['Class I', 'BA'], cells: ['$50,100', '$51,600', '$53,150', '$54,740', '$56,380', '', '', ''] },
        { label: ['Class II', 'BA + 30'], cells: ['$52,300', '$53,870', '$55,490', '$57,150', '$58,870', '$60,630', '', ''] },
        { label: ['Class III', 'MA or BA + 60'], cells: ['$55,000', '$56,650', '$58,350', '$60,100', '$61,900', '$63,760', '$65,670', '$67,640'] },
      ],
    });
    const f = await write('steps-across.pdf', makePdf([[...title(['Harbor Hills Unified School District', 'Certificated Salary Schedule 2025-2026', '184 Day Work Year', 'Board Approved: June 10, 2025']), ...t.texts]], { width: 792, height: 792 }));
    const [g, ...rest] = await readPdfGrids(f);
    expect(rest).toEqual([]);
    expect(g.transposed).toBe(true);
    expect(g.classes).toEqual([
      { label: 'Class I', header: 'Class I BA' },
      { label: 'Class II', header: 'Class II BA + 30' },
      { label: 'Class III', header: 'Class III MA or BA + 60' },
    ]);
    expect(g.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ label: `Step ${n}`, step: n })));
    // the grid as printed, turned: one line per step, one column per class
    expect(values(g)).toEqual([
      ['$50,100', '$52,300', '$55,000'],
      ['$51,600', '$53,870', '$56,650'],
      ['$53,150', '$55,490', '$58,350'],
      ['$54,740', '$57,150', '$60,100'],
      ['$56,380', '$58,870', '$61,900'],
      ['', '$60,630', '$63,760'],
      ['', '', '$65,670'],
      ['', '', '$67,640'],
    ]);
    expect(g.values[6][2]).toEqual({ value: '65670', source: { file: 'steps-across.pdf', page: 1, text: '$65,670' } });
    expect(g.meta).toMatchObject({ district: 'Harbor Hills Unified School District', schoolYear: '2025-26', boardApproved: '2025-06-10', workDays: 184 });
  });

  it('bare step numbers across, classes I-III down, a Daily line under each class checked with the 185 days', async () => {
    // 185 days: 55,500 / 185 = 300.00; 57,350 / 185 = 310.00; 59,200 / 185 = 320.00; 61,050 / 185 = 330.00 (worked by hand)
    const t = across({
      top: 640,
      side: 'Class',
      steps: ['1', '2', '3'],
      rows: [
        { label: ['I'], cells: ['55,500.00', '57,350.00', '59,200.00'] },
        { label: ['Daily'], cells: ['300.00', '310.00', '320.00'] },
        { label: ['II'], cells: ['57,350.00', '59,200.00', '61,050.00'] },
        { label: ['Daily'], cells: ['310.00', '320.00', '330.00'] },
      ],
    });
    const [g] = await readPdfGrids(await write('daily-under.pdf', makePdf([[...title(['Salary Schedule 2025-26', 'Based on 185 Days']), ...t.texts]])));
    expect(g.classes.map((c) => c.label)).toEqual(['I', 'II']);
    expect(g.steps.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(g.values.map((r) => r.map((c) => c!.value))).toEqual([['55500.00', '57350.00'], ['57350.00', '59200.00'], ['59200.00', '61050.00']]);
    expect(g.daily!.map((r) => r.map((c) => c!.value))).toEqual([['300.00', '310.00'], ['310.00', '320.00'], ['320.00', '330.00']]);
    expect(g.notes).toContain('Daily rates checked against the annual salaries: 6 of 6 equal annual / 185 days, rounded to the cent');
  });

  it('steps 1-4 in one band and 5-8 in a band under it, same classes: one grid of eight steps', async () => {
    const rows = (a: string[], b: string[]) => [
      { label: ['BA'], cells: a },
      { label: ['MA'], cells: b },
    ];
    const one = across({ top: 660, steps: ['Step 1', 'Step 2', 'Step 3', 'Step 4'], rows: rows(['40,000', '41,000', '42,000', '43,000'], ['44,000', '45,000', '46,000', '47,000']) });
    const two = across({ top: one.bottom - 30, steps: ['Step 5', 'Step 6', 'Step 7', 'Step 8'], rows: rows(['44,000', '45,000', '', ''], ['48,000', '49,000', '50,000', '51,000']) });
    const [g, ...rest] = await readPdfGrids(await write('two-bands.pdf', makePdf([[...title(['Salary Schedule 2025-26']), ...one.texts, ...two.texts]])));
    expect(rest).toEqual([]);
    expect(g.classes.map((c) => c.label)).toEqual(['BA', 'MA']);
    expect(g.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(values(g)).toEqual([
      ['40,000', '44,000'],
      ['41,000', '45,000'],
      ['42,000', '46,000'],
      ['43,000', '47,000'],
      ['44,000', '48,000'],
      ['45,000', '49,000'],
      ['', '50,000'],
      ['', '51,000'],
    ]);
  });

  it('classes numbered 1-3 down the side: "Step" printed with the numbers across says which way the grid runs', async () => {
    const t = across({ top: 640, side: 'Class', steps: ['Step 1', 'Step 2', 'Step 3', 'Step 4'], rows: [1, 2, 3].map((c) => ({ label: [String(c)], cells: [0, 1, 2, 3].map((s) => `${50 + 5 * c + s},000`) })) });
    const [g] = await readPdfGrids(await write('numbered.pdf', makePdf([[...title(['Salary Schedule 2025-26']), ...t.texts]])));
    expect(g.classes.map((c) => c.label)).toEqual(['1', '2', '3']);
    expect(g.steps.map((s) => s.label)).toEqual(['Step 1', 'Step 2', 'Step 3', 'Step 4']);
    // class 2 step 3: 50 + 10 + 2 = 62 thousand
    expect(g.values[2][1]!.source.text).toBe('62,000');
  });

  it('steps by years of service across ("Years" over the numbers)', async () => {
    const t = across({ top: 640, steps: ['1', '5', '10', '15'], rows: [{ label: ['Counselor'], cells: ['60,000', '64,000', '68,000', '72,000'] }, { label: ['Psychologist'], cells: ['65,000', '69,000', '73,000', '77,000'] }] });
    const texts = [...title(['Salary Schedule 2025-26']), { x: 200, y: 660, s: 'Years of Service' }, ...t.texts];
    const [g] = await readPdfGrids(await write('years.pdf', makePdf([texts])));
    expect(g.steps).toEqual([
      { label: '1', step: 1, years: 1 },
      { label: '5', step: 5, years: 5 },
      { label: '10', step: 10, years: 10 },
      { label: '15', step: 15, years: 15 },
    ]);
    expect(g.classes.map((c) => c.label)).toEqual(['Counselor', 'Psychologist']);
  });

  it('the CLI imports it and says the classes were read as rows', async () => {
    const t = across({ top: 640, side: 'Class', steps: ['Step 1', 'Step 2', 'Step 3'], rows: [{ label: ['A'], cells: ['$45,000', '$46,350', '$47,740'] }, { label: ['B'], cells: ['$47,000', '$48,410', '$49,860'] }] });
    const f = await write('cli-across.pdf', makePdf([[...title(['Salary Schedule 2025-26']), ...t.texts]]));
    const r = await cba(['rules', 'import', 'schedule', f, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(pdf, classes as rows: transposed)');
    expect(r.stdout).toContain('2 classes: A | B');
    // A: 45,000 + 46,350 + 47,740 = 139,090; B: 47,000 + 48,410 + 49,860 = 145,270 (worked by hand)
    expect(r.stdout).toMatch(/A\s+3 cells\s+139090\n/);
    expect(r.stdout).toMatch(/B\s+3 cells\s+145270\n/);
  });
});

describe('a generated classes-as-rows grid reads back from its PDF cell for cell', () => {
  const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
  it('holds for random sizes, labels, blanks at the end of a class and amount styles', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          classes: fc.integer({ min: 1, max: 6 }),
          steps: fc.integer({ min: 3, max: 10 }),
          labels: fc.constantFrom('roman', 'class', 'degree'),
          stepText: fc.constantFrom('Step ', ''),
          dollar: fc.boolean(),
          seed: fc.array(fc.integer({ min: 30_000, max: 140_000 }), { minLength: 60, maxLength: 60 }),
          stops: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 6, maxLength: 6 }),
        }),
        async (g) => {
          // "Step" across or word labels down the side: the evidence the reader needs (bare numbers with roman labels)
          const label = (c: number) => (g.labels === 'roman' ? ROMAN[c] : g.labels === 'class' ? `Class ${String.fromCharCode(65 + c)}` : `BA + ${15 * c}`);
          // the first class prints every step (so every step has an amount); the others may stop earlier
          const stop = (c: number) => (c === 0 ? g.steps : Math.min(g.steps, g.stops[c]));
          const amount = (v: number) => `${g.dollar ? '$' : ''}${grouped(v)}`;
          const rows = Array.from({ length: g.classes }, (_, c) => ({ label: [label(c)], cells: Array.from({ length: g.steps }, (_, s) => (s < stop(c) ? amount(g.seed[c * 10 + s]) : '')) }));
          const t = across({ top: 640, side: 'Class', steps: Array.from({ length: g.steps }, (_, s) => `${g.stepText}${s + 1}`), rows });
          const [grid, ...rest] = await readPdfGrids(await write(`prop-${n++}.pdf`, makePdf([[...title(['Salary Schedule 2025-26']), ...t.texts]], { width: 792 })));
          expect(rest).toEqual([]);
          expect(grid.classes.map((c) => c.label)).toEqual(rows.map((r) => r.label[0]));
          expect(grid.steps.map((s) => s.step)).toEqual(Array.from({ length: g.steps }, (_, s) => s + 1));
          expect(values(grid)).toEqual(Array.from({ length: g.steps }, (_, s) => rows.map((r) => r.cells[s])));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('classes as rows: refused where a line cannot be read with confidence', () => {
  const base = (cellsB: string[]) =>
    across({ top: 640, side: 'Class', steps: ['Step 1', 'Step 2', 'Step 3'], rows: [{ label: ['A'], cells: ['$45,000', '$46,350', '$47,740'] }, { label: ['B'], cells: cellsB }] }).texts;

  it('a word where an amount belongs', async () => {
    const f = await write('word-across.pdf', makePdf([base(['$47,000', 'TBD', '$49,860'])]));
    await expect(readPdfGrids(f)).rejects.toThrow(/^word-across\.pdf page 1, class "B": "TBD" stands in the grid where an amount or a blank belongs/);
  });

  it('an amount out of line with the steps', async () => {
    const texts = base(['$47,000', '$48,410', '']).concat({ x: 170 + 2 * 62 - 16, y: 640 - 21 - 14, s: '$49,860', align: 'right' });
    const f = await write('askew-across.pdf', makePdf([texts]));
    await expect(readPdfGrids(f)).rejects.toThrow(/^askew-across\.pdf page 1, class "B": "\$49,860" stands out of line with the steps printed across/);
  });

  it('a line of amounts with no class label', async () => {
    const texts = base(['$47,000', '$48,410', '$49,860']).concat([0, 1, 2].map((k) => ({ x: 170 + k * 62, y: 640 - 21 - 28, s: '$50,000', align: 'right' as const })));
    const f = await write('nolabel-across.pdf', makePdf([texts]));
    await expect(readPdfGrids(f)).rejects.toThrow(/^nolabel-across\.pdf page 1: a line of amounts with no class label \("\$50,000 \$50,000 \$50,000"\)/);
  });
});
