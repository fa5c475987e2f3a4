// (Run from test/import/pdf.test.ts with the other tests that read PDFs: one worker warms pdf.js for all.)
// Schedules laid out differently from the collection's (no network here: each laid out after a
// public schedule's printed text, made with pdf-lib): a "Step #" schedule whose first steps are
// printed "1,2,3  Reserved", one class a page with annual, daily and hourly columns, a landscape page
// with longevity steps L1 and L2, a page turned by /Rotate, and a PDF that places every character
// on its own. Each expected value is worked by hand beside it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportedGrid } from '../../src/import/grid';
import { readPdfGrids } from '../../src/import/pdf';
import { degrees, grouped, makePdf, PDFDocument, StandardFonts, table, type Txt } from './pdf-make';

const tmp = mkdtempSync(join(tmpdir(), 'cba-pdf-layouts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
async function read(name: string, bytes: Uint8Array): Promise<ImportedGrid[]> {
  const f = join(tmp, `${name}.pdf`);
  writeFileSync(f, bytes);
  return readPdfGrids(f, { tesseract: null });
}
const title = (lines: string[], top = 760, x = 306): Txt[] => lines.map((s, i) => ({ x, y: top - 16 * i, s, size: 11, align: 'center' as const }));
const money = grouped;
const texts = (g: ImportedGrid, rows = g.values) => rows.map((r) => r.map((c) => c?.source.text ?? ''));

describe('layouts from outside the collection', () => {
  it('"Step #" with steps 1-3 printed "Reserved": read from step 4, the reserved line a note; the title is not a heading', async () => {
    const rows: string[][] = [];
    for (let s = 4; s <= 33; s++) rows.push([String(s), ...[0, 1, 2, 3, 4].map((c) => money(50000 + (s - 4) * 2000 + c * 1500))]);
    const t = table({ top: 700, firstRight: 170, colStep: 90, header: [['Bachelors', 'Bachelors + 15', 'Masters', 'Masters + 30', 'Doctorate']], rowHeader: 'Step #', rows: [['1,2,3', 'Reserved', 'Reserved', 'Reserved', 'Reserved', 'Reserved'], ...rows], pitch: 13, size: 8 });
    const grids = await read('pwcs', await makePdf([[...title(['Teacher Salary Scale 2020-21', '(Adopted 05.20.20)', '195 Day Contract']), ...t.texts, { x: 40, y: t.bottom - 8, s: '* Step numbers do not correlate to years of creditable service.', size: 7 }]]));
    expect(grids).toHaveLength(1);
    const [g] = grids;
    expect(g.classes.map((c) => c.label)).toEqual(['Bachelors', 'Bachelors + 15', 'Masters', 'Masters + 30', 'Doctorate']);
    expect(g.steps.map((s) => s.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 4));
    // step 4: 50,000 + class x 1,500; step 33: 50,000 + 29 x 2,000 = 108,000, + class x 1,500
    expect(texts(g)[0]).toEqual(['50,000', '51,500', '53,000', '54,500', '56,000']);
    expect(texts(g).at(-1)).toEqual(['108,000', '109,500', '111,000', '112,500', '114,000']);
    expect(g.meta).toMatchObject({ schoolYear: '2020-21', workDays: 195 });
    expect(g.notes).toContain('Printed above the first priced step on page 1, read as no amounts for those steps: "1,2,3 Reserved Reserved Reserved Reserved Reserved"');
  });

  it('one class a page, with annual, daily and hourly columns: a grid a page, the daily rates checked', async () => {
    const pages: Txt[][] = [];
    ['BACHELORS', 'MASTERS', 'SPECIALIST', 'DOCTORATE'].forEach((deg, k) => {
      const rows: string[][] = [];
      for (let s = 1; s <= 12; s++) {
        const annual = 47500 + s * 1000 + k * 3000; // 196 days, 7.5 hours
        // in whole cents, rounded half up: annual x 100 / 196, and annual x 100 x 2 / (196 x 15)
        const cents = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));
        const asMoney = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
        const daily = asMoney(cents(annual * 100, 196));
        const hourly = asMoney(cents(annual * 200, 196 * 15));
        rows.push([String(s), `$${money(annual)}.00`, `$${daily}`, `$${hourly}`]);
      }
      const t = table({ top: 680, firstRight: 220, colStep: 110, header: [['Annual', 'Daily Rate', 'Hourly Rate']], rowHeader: 'Step', rows });
      pages.push([...title(['THE SCHOOL BOARD OF EXAMPLE COUNTY, FLORIDA', 'INSTRUCTIONAL SALARY SCHEDULE 2024-2025', deg, '196 Days']), ...t.texts]);
    });
    const grids = await read('broward', await makePdf(pages));
    expect(grids.map((g) => g.name)).toEqual(['BACHELORS', 'MASTERS', 'SPECIALIST', 'DOCTORATE']);
    const [ba] = grids;
    expect(ba.classes).toEqual([{ label: 'BACHELORS', header: 'BACHELORS 196 Days' }]);
    expect(ba.meta.workDays).toBe(196);
    // step 1: 47,500 + 1,000 = 48,500; / 196 = 247.448... -> 247.45; / 7.5 = 32.993... -> 32.99
    expect(texts(ba)[0]).toEqual(['$48,500.00']);
    expect(texts(ba, ba.daily)[0]).toEqual(['$247.45']);
    expect(texts(ba, ba.hourly)[0]).toEqual(['$32.99']);
    expect(ba.notes).toContain('Daily rates checked against the annual salaries: 12 of 12 equal annual / 196 days, rounded to the cent');
  });

  it('a landscape page with longevity steps L1 and L2 after step 10: one grid, L1 numbered 11', async () => {
    const rows: string[][] = [];
    for (let s = 1; s <= 10; s++) rows.push([String(s), ...Array.from({ length: 9 }, (_, c) => money(45000 + s * 1200 + c * 1800))]);
    rows.push(['L1', ...Array.from({ length: 9 }, (_, c) => money(60000 + c * 1800))]);
    rows.push(['L2', ...Array.from({ length: 9 }, (_, c) => money(62000 + c * 1800))]);
    const t = table({ top: 500, firstRight: 120, colStep: 75, header: [['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'], ['BA', 'BA+15', 'BA+30', 'BA+45', 'BA+60', 'MA', 'MA+15', 'MA+30', 'PhD']], rowHeader: 'Step', rows });
    const grids = await read('landscape', await makePdf([[...title(['Lakeview Elementary School District', 'Certificated Salary Schedule 2024-25', 'Effective July 1, 2024 - 184 Work Days'], 580, 396), ...t.texts]], { width: 792, height: 612 }));
    expect(grids).toHaveLength(1);
    const [g] = grids;
    expect(g.classes.map((c) => c.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(g.steps.slice(-3)).toEqual([{ label: '10', step: 10 }, { label: 'L1', step: 11 }, { label: 'L2', step: 12 }]);
    // L2: 62,000 + class x 1,800
    expect(texts(g).at(-1)![8]).toBe('76,400');
    expect(g.meta).toMatchObject({ district: 'Lakeview Elementary School District', effective: '2024-07-01', workDays: 184 });
  });

  it('a page turned by /Rotate 90 is read the way it is viewed', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    page.setRotation(degrees(90));
    // drawn rotated: reading direction up the page; text at x = 612 - y', y = x'
    const put = (s: string, x: number, y: number, right = false) => {
      const w = font.widthOfTextAtSize(s, 9);
      const xx = right ? x - w : x;
      page.drawText(s, { x: 612 - y, y: xx, size: 9, font, rotate: degrees(90) });
    };
    put('Salary Schedule 2024-25', 300, 560);
    put('Step', 40, 500);
    ['Class I', 'Class II', 'Class III'].forEach((c, k) => put(c, 150 + k * 100, 500));
    for (let s = 1; s <= 5; s++) {
      put(String(s), 40, 500 - s * 14);
      for (let k = 0; k < 3; k++) put(money(50000 + s * 1000 + k * 2000), 200 + k * 100, 500 - s * 14, true);
    }
    const grids = await read('rotated', await doc.save());
    const [g] = grids;
    expect(g.classes.map((c) => c.label)).toEqual(['Class I', 'Class II', 'Class III']);
    // step 1: 50,000 + 1,000 + class x 2,000
    expect(texts(g)[0]).toEqual(['51,000', '53,000', '55,000']);
    expect(g.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a misprinted step label ("8" printed for 28, on the next line after 27): refused, not read as a second schedule', async () => {
    const rows: string[][] = [];
    for (let s = 4; s <= 33; s++) rows.push([s === 28 ? '8' : String(s), ...[0, 1, 2].map((c) => money(50000 + (s - 4) * 2000 + c * 1500))]);
    const t = table({ top: 700, firstRight: 170, colStep: 90, header: [['Bachelors', 'Masters', 'Doctorate']], rowHeader: 'Step #', rows, pitch: 13, size: 8 });
    await expect(read('misprint', await makePdf([[...title(['Teacher Salary Scale 2020-21']), ...t.texts]]))).rejects.toThrow(
      /^misprint\.pdf page 1, step "8": follows step "27" on the next line with nothing between \(a misprinted step label\?\)/,
    );
  });

  it('every character placed on its own reads as the words it spells', async () => {
    const t = table({ top: 660, firstRight: 200, colStep: 100, header: [['Class I', 'Class II', 'Class III']], rowHeader: 'Step', rows: [['1', '$50,000', '$52,000', '$54,000'], ['2', '$51,000', '$53,000', '$55,000'], ['3', '$52,000', '$54,000', '$56,000']] });
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    for (const x of [...title(['Salary Schedule 2024-25']), ...t.texts]) {
      const size = x.size ?? 9;
      const w = font.widthOfTextAtSize(x.s, size);
      let cx = x.align === 'right' ? x.x - w : x.align === 'center' ? x.x - w / 2 : x.x;
      for (const ch of x.s) {
        page.drawText(ch, { x: cx, y: x.y, size, font });
        cx += font.widthOfTextAtSize(ch, size);
      }
    }
    const grids = await read('glyphs', await doc.save());
    const [g] = grids;
    expect(g.classes.map((c) => c.label)).toEqual(['Class I', 'Class II', 'Class III']);
    expect(texts(g)).toEqual([
      ['$50,000', '$52,000', '$54,000'],
      ['$51,000', '$53,000', '$55,000'],
      ['$52,000', '$54,000', '$56,000'],
    ]);
  });
});
