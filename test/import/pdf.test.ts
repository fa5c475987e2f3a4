// The PDF schedule reader: real district PDFs against grids typed by hand from their printed pages
// (test/import/expected/), and PDFs the tests make for each layout and each kind of bad input.
//
// Every test that reads a PDF runs from this one file, so that one worker runs them all: pdf.js,
// pdf-lib and the canvas module are loaded, and pdf.js's code warmed up, once for the suite rather
// than in each worker (a worker new to pdf.js spends about 0.9 s of CPU more on the same PDFs). The
// other files hold their tests as they were and are imported here: the OCR of scans, classes as
// rows, other layouts, the round-trip property, and the command `cba rules import schedule <pdf>`.
import './pdf-ocr.cases';
import './pdf-rows.cases';
import './pdf-layouts.cases';
import './pdf-property.cases';
import '../e2e/import-pdf-cli.cases';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportedGrid } from '../../src/import/grid';
import { chooseGrid, dailyGrid, PdfImportError, readPdfGrids, readPdfText } from '../../src/import/pdf';
import { readDate, readMeta } from '../../src/import/pdf-layout';
import { encryptedPdf, makePdf, makePdfWithPdfLib, pdfFolder, picturePdf, table, type Txt } from './pdf-make';
import { readExpected, type ExpectedGrid } from './expected';

const root = join(__dirname, '..', '..');
const realDir = join(root, 'fixtures', 'schedules-pdf');
const expectedDir = join(__dirname, 'expected');

/** the amount a printed text stands for, worked by hand: drop "$" and the thousands commas */
const plain = (printed: string) => printed.replace(/^\$\s?/, '').replace(/,/g, '');

function compareGrid(got: ImportedGrid, want: ExpectedGrid, file: string): string[] {
  const diffs: string[] = [];
  expect(got.classes.map((c) => c.label)).toEqual(want.classes);
  expect(got.steps.map((s) => s.label)).toEqual(want.rows.map((r) => r.step));
  want.rows.forEach((r, si) => {
    expect(r.cells.length, `expected row ${r.step} has one cell per class`).toBe(want.classes.length);
    r.cells.forEach((cellText, ci) => {
      const [annual, daily] = cellText ? cellText.split(' / ') : [];
      const a = got.values[si][ci];
      const d = got.daily?.[si][ci] ?? null;
      const where = `${file} ${want.classes[ci]} step ${r.step}`;
      if ((a?.source.text ?? '') !== (annual ?? '')) diffs.push(`${where}: read "${a?.source.text ?? ''}", printed "${annual ?? ''}"`);
      else if (a && a.value !== plain(annual)) diffs.push(`${where}: value ${a.value} for "${annual}"`);
      if (daily !== undefined || d) {
        if ((d?.source.text ?? '') !== (daily ?? '')) diffs.push(`${where} daily: read "${d?.source.text ?? ''}", printed "${daily ?? ''}"`);
        else if (d && d.value !== plain(daily)) diffs.push(`${where} daily: value ${d.value} for "${daily}"`);
      }
      if (a) expect(a.source).toMatchObject({ file, page: expect.any(Number) });
    });
  });
  for (const [k, v] of Object.entries(want.meta)) {
    expect(String((got.meta as Record<string, unknown>)[k]), `${file} meta ${k}`).toBe(v);
  }
  return diffs;
}

/** Each district PDF read once for the tests below that look at it (the reader is pure: the same file
 *  gives the same grids; no test changes them). */
const readOnce = new Map<string, Promise<ImportedGrid[]>>();
const realGrids = (pdf: string): Promise<ImportedGrid[]> => {
  if (!readOnce.has(pdf)) readOnce.set(pdf, readPdfGrids(join(realDir, pdf)));
  return readOnce.get(pdf)!;
};

describe('the district PDFs, cell for cell against the printed pages', () => {
  const typed = readdirSync(expectedDir).filter((f) => f.endsWith('.txt'));
  it('has a hand-typed grid for every text PDF of the collection', () => {
    const pdfs = readdirSync(realDir).filter((f) => f.endsWith('.pdf') && !f.includes('scanned'));
    expect(pdfs).toHaveLength(8);
    expect(typed.map((t) => t.replace(/\.txt$/, '.pdf')).sort()).toEqual(pdfs.sort());
  });
  for (const t of typed) {
    const pdf = t.replace(/\.txt$/, '.pdf');
    it(pdf, async () => {
      const want = readExpected(join(expectedDir, t));
      const grids = await realGrids(pdf);
      const diffs: string[] = [];
      for (const w of want) diffs.push(...compareGrid(grids[w.n - 1], w, pdf));
      expect(diffs).toEqual([]);
      // every grid the file holds is accounted for in the typed file
      expect(grids.length).toBe(want.length);
    });
  }
});

describe('what the district PDFs print around the grid', () => {
  it('CVUSD: the footnote mark on class V and the anniversary band are notes; no cell is guessed for steps 15-18', async () => {
    const [g] = await realGrids('22-23_CVUSD.pdf');
    expect(g.classes[4].header).toBe('V CLEAR OR PRELIM w/ BA+ 75 INCL. MA and/or DOC*');
    expect(g.notes.some((n) => n.includes('footnote mark'))).toBe(true);
    expect(g.notes.some((n) => n.includes('ANNIVERSARY INCREMENTS'))).toBe(true);
    expect(g.notes.some((n) => n.includes('PLUS $996 FOR DOCTORATE'))).toBe(true);
    expect(g.steps.map((s) => s.step)).not.toContain(15);
    expect(g.values[0][0]!.source).toEqual({ file: '22-23_CVUSD.pdf', page: 1, text: '$54,404' });
  });

  it('PVSD: the anniversary increments written as sentences are notes to encode, not cells', async () => {
    const [g] = await realGrids('23-24_PVSD.pdf');
    const inc = g.notes.filter((n) => n.includes('increments as a sentence'));
    expect(inc.join('\n')).toContain('Starting year 13 through year 19, anniversary increments of $525 per year.');
    expect(inc.join('\n')).toContain('From year 20, the rate increases to $600 per year.');
    // no effective date in the title; the benefits sentence "Effective July 1, 2023 through ..." is not one
    expect(g.meta.effective).toBeUndefined();
  });

  it('FUSD 2022-23: two grids (the main schedule over two pages, the internship), daily rates checked with the 187 days', async () => {
    const grids = await realGrids('22-23_FUSD.pdf');
    expect(grids.map((g) => g.name)).toEqual(['1 to 6 (page 1, grid 1)', 'Internship']);
    const [main] = grids;
    expect(main.meta).toMatchObject({ workDays: 187, boardApproved: '2022-05-03', schoolYear: '2022-23' });
    // 52,658 / 187 = 281.593... -> 281.59 as printed (worked by hand)
    expect(main.daily![0][0]!.source.text).toBe('281.59');
    expect(main.steps.at(-1)!.label).toBe('40');
    expect(main.values.at(-1)![0]).toBeNull();
    expect(main.values.at(-1)![5]!.source).toEqual({ file: '22-23_FUSD.pdf', page: 2, text: '108,332' });
    expect(main.notes.some((n) => /174 of 174 equal annual \/ 187 days/.test(n))).toBe(true);
  });

  it('FUSD 2023-24: the one printed daily rate that is not annual / 187 is named, not changed', async () => {
    const [main] = await realGrids('23-24_FUSD.pdf');
    expect(main.meta.workDays).toBe(187);
    // 100,192 / 187 = 535.7860... -> 535.79; the page prints 535.78
    expect(main.notes.find((n) => n.startsWith('Daily rates checked'))).toContain('1 step 30: 100,192 / 187 = 535.79, printed 535.78');
    expect(main.daily![main.steps.findIndex((s) => s.label === '30')][0]!.value).toBe('535.78');
  });

  it('OPUSD: alternating daily and annual lines, two schedules side by side, steps labelled by years, 0.00 as no step', async () => {
    const grids = await realGrids('22-23_OPUSD.pdf');
    expect(grids).toHaveLength(2);
    const [teachers, counselors] = grids;
    expect(teachers.classes.map((c) => c.label)).toEqual(['Class X', 'Class A', 'Class B', 'Class C', 'Class D']);
    expect(counselors.classes.map((c) => c.label)).toEqual(['Class F', 'Class G']);
    expect(teachers.steps[0]).toEqual({ label: '1', step: 1, years: 1 });
    // the page prints 2021-22 although the file is named 22-23: the page wins
    expect(teachers.meta).toMatchObject({ schoolYear: '2021-22', effective: '2021-07-01', boardApproved: '2022-04-19', workDays: 185 });
    // different work years in one grid: none for the grid, each class's own for the check
    expect(counselors.meta.workDays).toBeUndefined();
    expect(counselors.notes).toContain('Work days differ by class: Class F 192, Class G 190');
    expect(counselors.notes.find((n) => n.startsWith('Daily rates checked'))).toContain('10 of 10');
    // the hourly rates box printed inside the grid's columns is a note, not cells
    expect(teachers.notes.some((n) => n.includes('*SWAP 46.54'))).toBe(true);
    expect(teachers.values.flat().some((c) => c?.source.text === '46.54')).toBe(false);
    expect(chooseGrid(grids, '2', 'f').classes[0].label).toBe('Class F');
    expect(chooseGrid(grids, 'class g', 'f')).toBe(counselors);
    expect(() => chooseGrid(grids, undefined, '22-23_OPUSD.pdf')).toThrow(/holds 2 schedules .*; choose one with table <n>$/); // the field; the CLI says --table
    expect(dailyGrid(counselors, 'f').values[0][0]!.source.text).toBe('483.47');
  });

  it('the scanned PDF, without tesseract: one line saying how to get it, or to export a CSV or XLSX', async () => {
    // without the OCR program (test/import/pdf-ocr.cases.ts reads it by OCR)
    await expect(readPdfGrids(join(realDir, '22-23_SPUSD-scanned.pdf'), { tesseract: null })).rejects.toThrow(
      /^22-23_SPUSD-scanned\.pdf: the schedule is a picture without a text layer \(a scan\) on page 1; install tesseract \(Debian\/Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract\) to read it by OCR, or export it to CSV or XLSX/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// PDFs made by the tests

const write = pdfFolder('cba-pdf-');
const title = (lines: string[], top = 760): Txt[] => lines.map((s, i) => ({ x: 306, y: top - 16 * i, s, size: 11, align: 'center' as const }));
/** A grid under a "Step" row header, as most district PDFs print one: columns 100 points apart, the last
 *  header line at y 660, the first column's right edge at x 200 (each overridable). */
const stepTable = (header: string[][], rows: string[][], more: Partial<Parameters<typeof table>[0]> = {}) => table({ top: 660, firstRight: 200, colStep: 100, rowHeader: 'Step', header, rows, ...more });

describe('layouts, in PDFs the tests make', () => {
  it('a plain grid: $ and separators, a header over three lines, blank cells, a footnote mark on an amount', async () => {
    const t = stepTable(
      [['Class I', 'Class II', 'Class III'], ['BA', 'BA + 30', 'MA'], ['', 'units', 'or BA + 60']],
      [
        ['1', '$50,000', '$52,500.50', '$55,000'],
        ['2', '$51,000', '$53,550', '$56,100*'],
        ['3', '', '$54,600', '$57,200'],
      ],
      { colStep: 110 },
    );
    const f = await write('plain.pdf', makePdf([[...title(['Example Valley Unified School District', '2024-2025 Certificated Salary Schedule', '186-Day Work Year', 'Effective July 1, 2024    Board Approved: June 12, 2024']), ...t.texts, { x: 40, y: t.bottom - 10, s: '* includes the doctorate stipend' }]]));
    const [g] = await readPdfGrids(f);
    expect(g.classes).toEqual([
      { label: 'Class I', header: 'Class I BA' },
      { label: 'Class II', header: 'Class II BA + 30 units' },
      { label: 'Class III', header: 'Class III MA or BA + 60' },
    ]);
    expect(g.steps.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(g.values.map((r) => r.map((c) => c?.value ?? null))).toEqual([
      ['50000', '52500.50', '55000'],
      ['51000', '53550', '56100'],
      [null, '54600', '57200'],
    ]);
    expect(g.values[1][2]!.source).toEqual({ file: 'plain.pdf', page: 1, text: '$56,100*' });
    expect(g.meta).toEqual({
      district: 'Example Valley Unified School District',
      schoolYear: '2024-25',
      effective: '2024-07-01',
      boardApproved: '2024-06-12',
      workDays: 186,
      workDaysText: '186-Day Work Year',
    });
    expect(g.notes.some((n) => n.includes('"$56,100*" (Class III, step 2)'))).toBe(true);
    expect(g.notes).toContain('Footnote on page 1: "* includes the doctorate stipend"');
  });

  it('annual and daily side by side under "Annual" and "Daily"; --daily takes the daily rates', async () => {
    // 190 work days: 57,000 / 190 = 300.00; 58,900 / 190 = 310.00; 60,800 / 190 = 320.00; 62,700 / 190 = 330.00
    const t = stepTable(
      [['1', '1', '2', '2'], ['Annual', 'Daily', 'Annual', 'Daily']],
      [
        ['1', '57,000', '300.00', '60,800', '320.00'],
        ['2', '58,900', '310.00', '62,700', '330.00'],
      ],
      { firstRight: 150, colStep: 70, align: 'center' },
    );
    const f = await write('side.pdf', makePdf([[...title(['Based on 190 Days', 'Certificated Salary Schedule', '2024-2025']), ...t.texts]]));
    const [g] = await readPdfGrids(f);
    expect(g.classes.map((c) => c.label)).toEqual(['1', '2']);
    expect(g.values.map((r) => r.map((c) => c!.value))).toEqual([['57000', '60800'], ['58900', '62700']]);
    expect(g.daily!.map((r) => r.map((c) => c!.value))).toEqual([['300.00', '320.00'], ['310.00', '330.00']]);
    expect(g.meta.workDays).toBe(190);
    expect(g.notes).toContain('Daily rates checked against the annual salaries: 4 of 4 equal annual / 190 days, rounded to the cent');
    const d = dailyGrid(g, 'side.pdf');
    expect(d.basis).toBe('daily');
    expect(d.values[1][1]!.source.text).toBe('330.00');
  });

  it('daily and annual on alternate lines, two schedules side by side, steps by years of service', async () => {
    // left: teachers, 185 days (46,250 / 185 = 250.00, 48,100 / 185 = 260.00); right: counselors, 200 days (60,000 / 200 = 300.00)
    const y0 = 640;
    const texts: Txt[] = [
      ...title(['All Rates Listed as Daily and Annually', '2025-26 School Year']),
      { x: 150, y: 690, s: 'Class A', align: 'right' },
      { x: 220, y: 690, s: 'Class B', align: 'right' },
      { x: 380, y: 690, s: 'Class F', align: 'right' },
      { x: 150, y: 678, s: '185 days', align: 'right' },
      { x: 220, y: 678, s: '185 days', align: 'right' },
      { x: 380, y: 678, s: '200 days', align: 'right' },
      { x: 40, y: 666, s: 'Years' },
      { x: 260, y: 666, s: 'Years' },
    ];
    const rows: [string, string, string, string][] = [
      ['1', '250.00', '260.00', '300.00'],
      ['1', '46,250.00', '48,100.00', '60,000.00'],
      ['2', '260.00', '0.00', '310.00'],
      ['2', '48,100.00', '0.00', '62,000.00'],
    ];
    rows.forEach(([step, a, b, f], i) => {
      const y = y0 - 12 * i;
      texts.push({ x: 40, y, s: step }, { x: 150, y, s: a, align: 'right' }, { x: 220, y, s: b, align: 'right' }, { x: 265, y, s: step }, { x: 380, y, s: f, align: 'right' });
    });
    const f = await write('alternate.pdf', makePdf([texts]));
    const grids = await readPdfGrids(f);
    expect(grids).toHaveLength(2);
    const [left, right] = grids;
    expect(left.classes.map((c) => c.label)).toEqual(['Class A', 'Class B']);
    expect(left.steps).toEqual([{ label: '1', step: 1, years: 1 }, { label: '2', step: 2, years: 2 }]);
    expect(left.values.map((r) => r.map((c) => c?.value ?? null))).toEqual([['46250.00', '48100.00'], ['48100.00', null]]);
    expect(left.daily!.map((r) => r.map((c) => c?.value ?? null))).toEqual([['250.00', '260.00'], ['260.00', null]]);
    expect(left.meta.workDays).toBe(185);
    expect(left.notes).toContain('Printed as 0.00 and read as no such step: Class B step 2');
    expect(right.classes.map((c) => c.label)).toEqual(['Class F']);
    expect(right.values.map((r) => r[0]!.value)).toEqual(['60000.00', '62000.00']);
    expect(right.meta.workDays).toBe(200);
    expect(right.notes).toContain('Daily rates checked against the annual salaries: 2 of 2 equal annual / 200 days, rounded to the cent');
  });

  it('a sentence of increments between the rows is a note; the rows after it carry on the grid', async () => {
    const t = stepTable(
      [['Column I', 'Column II']],
      [
        ['1', '$60,000', '$62,000'],
        ['2', '$61,000', '$63,000'],
        ['3', '$61,500', '$63,500'],
      ],
      { between: { 1: ['Starting year 3, anniversary increments of $500 per year.'] } },
    );
    const [g] = await readPdfGrids(await write('sentence.pdf', makePdf([[...title(['Salary Schedule 2025-26']), ...t.texts]])));
    expect(g.steps.map((s) => s.label)).toEqual(['1', '2', '3']);
    expect(g.notes).toContain('Written inside the grid on page 1, increments as a sentence (encode them by hand; not read into the grid): "Starting year 3, anniversary increments of $500 per year."');
  });

  it('a grid continued on a second page is one grid', async () => {
    const head = [['Class 1', 'Class 2']];
    const p1 = stepTable(head, [['1', '40,000', '42,000'], ['2', '41,000', '43,000']]);
    const p2 = stepTable(head, [['3', '', '44,000'], ['4', '', '45,000']]);
    const [g, ...rest] = await readPdfGrids(await write('two-pages.pdf', makePdf([[...title(['Salary Schedule 2025-26']), ...p1.texts], [...title(['Salary Schedule 2025-26']), ...p2.texts]])));
    expect(rest).toEqual([]);
    expect(g.steps.map((s) => s.label)).toEqual(['1', '2', '3', '4']);
    expect(g.values[3].map((c) => c?.source.page ?? null)).toEqual([null, 2]);
  });
});

describe('refused: one line naming the file, the page and the text', () => {
  const grid = (rows: string[][]) => stepTable([['Class I', 'Class II']], rows).texts;

  it('an amount out of line with its column', async () => {
    const texts = grid([['1', '$60,000', '$62,000'], ['2', '$61,000', '$63,000']]).concat({ x: 270, y: 600, s: '$64,000', align: 'right' }, { x: 40, y: 600, s: '3' });
    const f = await write('askew.pdf', makePdf([texts]));
    await expect(readPdfGrids(f)).rejects.toThrow(/^askew\.pdf page 1, step 3: "\$64,000" stands out of line/);
  });

  it('a line of amounts whose step label is not one (never dropped)', async () => {
    const texts = grid([['1', '$60,000', '$62,000'], ['2', '$61,000', '$63,000']]).concat({ x: 200, y: 611, s: '$62,000', align: 'right' }, { x: 300, y: 611, s: '$64,000', align: 'right' }, { x: 40, y: 611, s: '3a' });
    const f = await write('nolabel.pdf', makePdf([texts]));
    await expect(readPdfGrids(f)).rejects.toThrow(/^nolabel\.pdf page 1: a line of amounts with no step label the reader knows \("3a \$62,000 \$64,000"\)/);
  });

  it('a word where an amount belongs', async () => {
    const f = await write('word.pdf', makePdf([grid([['1', '$60,000', '$62,000'], ['2', '$61,000', 'TBD'], ['3', '$62,000', '$64,000']])]));
    await expect(readPdfGrids(f)).rejects.toThrow(/^word\.pdf page 1, step 2: "TBD" stands in the grid where an amount or a blank belongs/);
  });

  it('steps that go backwards', async () => {
    const f = await write('back.pdf', makePdf([grid([['1', '$60,000', '$62,000'], ['3', '$61,000', '$63,000'], ['3', '$62,000', '$64,000'], ['2', '$63,000', '$65,000']])]));
    await expect(readPdfGrids(f)).rejects.toThrow(PdfImportError);
  });

  it('not a PDF, an encrypted PDF, a damaged PDF, a PDF with no grid, a picture', async () => {
    const cases: [string, Uint8Array | Promise<Uint8Array>, RegExp][] = [
      ['notes.pdf', new TextEncoder().encode('Step,Class I\n1,50000\n'), /^notes\.pdf: not a PDF/],
      ['locked.pdf', encryptedPdf(), /^locked\.pdf: the PDF is encrypted with a password/],
      ['broken.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage\n'), /^broken\.pdf: (the PDF is damaged|no salary grid found)/],
      ['letter.pdf', makePdf([[{ x: 72, y: 700, s: 'Dear colleagues, the schedule will follow in 2025.' }]]), /^letter\.pdf: no salary grid found on page 1/],
      ['scan.pdf', picturePdf(), /^scan\.pdf: the schedule is a picture without a text layer \(a scan\) on page 1; install tesseract .* or export it to CSV or XLSX/],
    ];
    for (const [name, bytes, re] of cases) {
      const f = await write(name, bytes);
      const err = await readPdfGrids(f, { tesseract: null }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(PdfImportError);
      expect((err as Error).message, name).toMatch(re);
      expect((err as Error).message, name).not.toContain('\n');
    }
  });

  it('a page that does not exist', async () => {
    const f = await write('one-page.pdf', makePdf([grid([['1', '$60,000', '$62,000']])]));
    await expect(readPdfGrids(f, { pages: [3] })).rejects.toThrow(/^one-page\.pdf: there is no page 3 \(the PDF has 1 page\)/);
  });
});

describe('title metadata', () => {
  it('reads the dates and work days the way the district PDFs print them', () => {
    expect(readDate('July 1, 2022')).toBe('2022-07-01');
    expect(readDate('5/03/2022')).toBe('2022-05-03');
    expect(readDate('February 30, 2024')).toBeUndefined();
    expect(readMeta(['Based on 185 + 2 PD Days', 'Fillmore Unified School District', '2023-2024'], ['Negotiated 2% Increase Effective 5/01/2024 Board Approved: 5/13/2024'])).toEqual({
      district: 'Fillmore Unified School District',
      schoolYear: '2023-24',
      effective: '2024-05-01',
      boardApproved: '2024-05-13',
      workDays: 187,
      workDaysText: 'Based on 185 + 2 PD Days',
    });
    // two years that do not follow each other are not a school year
    expect(readMeta(['Salary Schedule 2022-2025'], []).schoolYear).toBeUndefined();
  });
});

describe('the PDFs the tests make', () => {
  it('read as the same text, at the same places, as the same pages made through pdf-lib', async () => {
    const t = stepTable([['Class I', 'Class II'], ['BA', 'MA or BA + 60']], [['1', '$50,000', '52,500.00'], ['12', '', '$61,000*']], { align: 'center' });
    const pages = [[...title(['Example Valley Unified School District', 'Salary Schedule 2025-26 (Board Approved)']), ...t.texts], [{ x: 40, y: 100, s: 'Page two: é, ü and (brackets)', size: 7.5 }, { x: 570, y: 90, s: '$1,000', align: 'right' as const }]];
    const ours = await readPdfText(await makePdf(pages), 'ours.pdf');
    const theirs = await readPdfText(await makePdfWithPdfLib(pages), 'theirs.pdf');
    expect(ours.pages[0].items.map((i) => i.str)).toEqual(expect.arrayContaining(['Example Valley Unified School District', 'Class I', 'MA or BA + 60', '$50,000', '$61,000*']));
    expect(ours.pages[1].items.map((i) => i.str)).toEqual(['Page two: é, ü and (brackets)', '$1,000']);
    expect(ours.pages).toEqual(theirs.pages);
  });
});
