// (Run from test/import/pdf.test.ts with the other tests that read PDFs: one worker warms pdf.js for all.)
// A scanned schedule (a page that is only a picture) read by OCR: the picture made ready for
// tesseract, its words placed on the page, every cell marked ocr, and the import writing them only
// with --accept-ocr and only when nothing falls along a step or a class. A stand-in tesseract (a
// script printing the TSV the test wrote) makes the layout cases exact; the real tesseract reads
// the collection's scan when it is installed (.ci/run installs it).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdfGrids } from '../../src/import/pdf';
import { hasProgram, prepareForOcr, tsvToItems } from '../../src/import/pdf-ocr';
import { cba } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import { pdfOfObjects, picturePdf, table, type Txt } from './pdf-make';
import { EXPECTED_DIR, readExpected } from './expected';

const tmp = mkdtempSync(join(tmpdir(), 'cba-pdf-ocr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the picture made ready for OCR (pure)', () => {
  it('keeps letters, takes out a rule and a filled box, turns a dark bar over', () => {
    // 100 x 40 pixels of white, painted 100 x 40 points (1 pixel a point, so the scale is 4)
    const w = 100;
    const h = 40;
    const data = new Uint8Array(w * h * 3).fill(255);
    const paint = (x0: number, y0: number, x1: number, y1: number, v: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.fill(v, 3 * (y * w + x), 3 * (y * w + x) + 3);
    };
    paint(10, 5, 13, 12, 0); // a letter: 3 x 7 points of ink
    paint(0, 20, 100, 21, 0); // a rule across the page (100 points, longer than 40)
    paint(60, 2, 100, 18, 0); // a filled box 40 points wide
    paint(0, 30, 100, 38, 20); // a dark bar with a light letter in it
    paint(20, 32, 23, 36, 255);
    const r = prepareForOcr({ width: w, height: h, kind: 2, data, ctm: [100, 0, 0, 40, 0, 0] });
    expect(r.scale).toBe(4);
    expect([r.width, r.height]).toEqual([400, 160]);
    // a PBM: 1 bit a pixel, 1 = ink, each row of 400 pixels in 50 bytes, the leftmost pixel the highest bit
    const head = `P4\n400 160\n`;
    expect(r.pbm.subarray(0, head.length).toString('latin1')).toBe(head);
    const at = (xPt: number, yPt: number) => {
      const [x, y] = [Math.floor(xPt * 4), Math.floor(yPt * 4)];
      return (r.pbm[head.length + y * 50 + (x >> 3)] >> (7 - (x & 7))) & 1;
    };
    expect(at(11.5, 8)).toBe(1); // the letter is ink
    expect(at(50, 20.5)).toBe(0); // the rule is gone
    expect(at(80, 10)).toBe(0); // the box is gone
    expect(at(21.5, 34)).toBe(1); // the light letter in the bar is ink now
    expect(at(50, 34)).toBe(0); // the bar is paper
  });

  it('places tesseract words on the page through where the picture is painted', () => {
    // picture 400 x 200 px painted at x 50..450, y 100..300 points (1 point = 1 px here)
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '5\t1\t1\t1\t1\t1\t40\t20\t60\t10\t96.5\t$59,869',
      '5\t1\t1\t1\t1\t2\t140\t20\t60\t10\t93\t$98,705,',
      '5\t1\t1\t1\t1\t3\t240\t20\t20\t10\t12\tee',
      '5\t1\t1\t1\t1\t4\t300\t20\t30\t10\t88\tSTEP',
    ].join('\n');
    const items = tsvToItems(tsv, { width: 400, height: 200, ctm: [400, 0, 0, 200, 50, 100] });
    // x = 50 + 400 * 40 / 400 = 90; baseline y = 100 + 200 * (1 - (20 + 10) / 200) = 270; h = 200 * 10 / 200 = 10
    expect(items[0]).toEqual({ str: '$59,869', x: 90, y: 270, w: 60, h: 10 });
    // the comma tesseract read after the amount is trimmed; low-confidence noise without a digit is left out
    expect(items.map((i) => i.str)).toEqual(['$59,869', '$98,705', 'STEP']);
  });
});

/** A stand-in for tesseract: --version succeeds; reading a picture prints the TSV given. */
function fakeTesseract(name: string, tsv: string): string {
  const out = join(tmp, `${name}.tsv`);
  writeFileSync(out, tsv);
  const f = join(tmp, name);
  // a shell script (a node one costs a start-up per call)
  writeFileSync(f, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5 (stand-in)"; exit 0; fi\ncat '${out}'\n`);
  chmodSync(f, 0o755);
  return f;
}

/**
 * The TSV tesseract would print for texts at these page places, for the picture of picturePdf()
 * (1 x 1 pixel painted at x 50..550, y 100..700: made ready at scale 4, a 4 x 4 picture).
 */
function tsvFor(texts: Txt[]): string {
  const W = 4;
  const H = 4;
  const lines = ['level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext'];
  texts.forEach((t, i) => {
    const size = t.size ?? 9;
    const w = 0.5 * size * t.s.length;
    const x0 = t.align === 'right' ? t.x - w : t.align === 'center' ? t.x - w / 2 : t.x;
    const h = 0.7 * size;
    const left = ((x0 - 50) * W) / 500;
    const top = H * (1 - (t.y - 100) / 600) - (h * H) / 600;
    // one word per text (tesseract splits at spaces; the layout joins words that touch)
    lines.push(`5\t1\t1\t1\t${i + 1}\t1\t${left}\t${top}\t${(w * W) / 500}\t${(h * W) / 600}\t95\t${t.s}`);
  });
  return lines.join('\n') + '\n';
}

describe('a scan read by a stand-in tesseract: every cell marked ocr, written only with --accept-ocr', () => {
  const grid = (rows: string[][]) =>
    table({ top: 600, firstRight: 250, colStep: 120, header: [['Class I', 'Class II']], rowHeader: 'Step', rows }).texts.concat({ x: 300, y: 660, s: '2025-2026', size: 11 });

  it('imports the grid the words make, each cell marked ocr, with a note', async () => {
    const scan = join(tmp, 'scan.pdf');
    writeFileSync(scan, await picturePdf());
    const fake = fakeTesseract('tess-ok', tsvFor(grid([['1', '$60,000', '$62,000'], ['2', '$61,000', '$63,000'], ['3', '$62,000', '$64,000']])));
    const [g] = await readPdfGrids(scan, { tesseract: fake });
    expect(g.values.map((r) => r.map((c) => c!.source.text))).toEqual([
      ['$60,000', '$62,000'],
      ['$61,000', '$63,000'],
      ['$62,000', '$64,000'],
    ]);
    expect(g.values.flat().every((c) => c!.source.ocr === true)).toBe(true);
    expect(g.notes[0]).toBe('Read by OCR (tesseract) from the scanned picture on page 1: every cell is marked ocr; hold each against the paper');
    expect(g.meta.schoolYear).toBe('2025-26');

    const env = { CBA_TESSERACT: fake };
    const dry = await cba(['rules', 'import', 'schedule', scan, '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('  ocr: 6 cells read by OCR from a scan: hold each against the paper; then import again with --accept-ocr to write them');
    const out = join(tmp, 'teacher.yaml');
    const refused = await cba(['rules', 'import', 'schedule', scan, '--out', out], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('cba: scan.pdf: 6 cells were read by OCR from a scanned page and nobody has checked them: hold the review (--dry-run) against the paper, then give --accept-ocr to write them\n');
    expect(existsSync(out)).toBe(false);
    const written = await cba(['rules', 'import', 'schedule', scan, '--out', out, '--accept-ocr'], { env });
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('annual: {"Class I": {text: "$60,000", page: 1, ocr: true}, "Class II": {text: "$62,000", page: 1, ocr: true}}');
    expect(yaml.match(/ocr: true/g)).toHaveLength(6);
  }, 60_000);

  it('a sentence between two rows, read word by word, is a note and the grid goes on', async () => {
    const scan = join(tmp, 'scan-sentence.pdf');
    writeFileSync(scan, await picturePdf());
    const t = table({ top: 600, firstRight: 250, colStep: 120, header: [['Class I', 'Class II']], rowHeader: 'Step', rows: [['1', '$60,000', '$62,000'], ['2', '$61,000', '$63,000'], ['3', '$61,500', '$63,500']], between: { 1: ['x'] } });
    // the "x" line stands for the sentence: each of its words a text of its own, as tesseract gives them
    const line = t.texts.find((x) => x.s === 'x')!;
    const words = 'Starting year 3 through year 9, anniversary increments of $500 per year.'.split(' ');
    const texts = t.texts.filter((x) => x !== line).concat(words.map((w, k) => ({ x: line.x + words.slice(0, k).join(' ').length * 4.5 + (k ? 4.5 : 0), y: line.y, s: w })));
    const [g, ...rest] = await readPdfGrids(scan, { tesseract: fakeTesseract('tess-sentence', tsvFor(texts)) });
    expect(rest).toEqual([]);
    expect(g.steps.map((s) => s.label)).toEqual(['1', '2', '3']);
    expect(g.notes.some((n) => n.includes('increments as a sentence') && n.includes('anniversary increments of $500 per year'))).toBe(true);
  });

  it('refuses to write OCR cells that break the checks (step 3 lower than step 2: a misread)', async () => {
    const scan = join(tmp, 'scan-fall.pdf');
    writeFileSync(scan, await picturePdf());
    const fake = fakeTesseract('tess-fall', tsvFor(grid([['1', '$60,000', '$62,000'], ['2', '$61,000', '$63,000'], ['3', '$16,000', '$64,000']])));
    const out = join(tmp, 'fall.yaml');
    const r = await cba(['rules', 'import', 'schedule', scan, '--out', out, '--accept-ocr'], { env: { CBA_TESSERACT: fake } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cba: scan-fall\.pdf: a cell read by OCR breaks the checks \(class Class I step 3 is 16000, below step 2 \(61000\)/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!hasProgram('tesseract'))('the collection\'s scanned PDFs through the real tesseract: every amount as typed by hand, each marked ocr', () => {
  // the typed grids (test/import/expected/): the scan made of 23-24_CVUSD reads as the grid typed from the
  // text PDF's printed page; 22-23_SPUSD-scanned as the grid typed from its own rendered page
  it.each([
    ['scans/23-24_CVUSD-scan.pdf', '23-24_CVUSD.txt', {}],
    ['22-23_SPUSD-scanned.pdf', 'scans/22-23_SPUSD-scanned.txt', { schoolYear: '2022-23' }],
  ])('%s against expected/%s', async (pdf, typedFile, meta) => {
    const [g] = await readPdfGrids(join(ROOT, 'fixtures', 'schedules-pdf', pdf), { tesseract: 'tesseract' });
    const [typed] = readExpected(join(EXPECTED_DIR, typedFile));
    expect(g.steps.map((s) => s.label)).toEqual(typed.rows.map((r) => r.step));
    expect(g.values.map((r) => r.map((c) => c?.source.text ?? ''))).toEqual(typed.rows.map((r) => r.cells));
    expect(g.values.flat().filter((c) => c).every((c) => c!.source.ocr)).toBe(true);
    expect(g.meta).toMatchObject(meta);
  }, 60_000);
});

/** A one-page PDF painting one RGB picture of w x h pixels whose stream holds only `bytes` bytes of
 *  them (a scan cut off or damaged in its picture: pdf.js decodes what is there). */
function shortPicturePdf(w: number, h: number, bytes: number): Buffer {
  const content = 'q 540 0 0 700 36 46 cm /Im0 Do Q';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${bytes} >>\nstream\n${'\x80'.repeat(bytes)}\nendstream`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  return pdfOfObjects(objs, '%PDF-1.4\n');
}

describe('a scan whose picture is damaged', () => {
  it('is bad input: one line naming the file, the page and what is wrong, exit 2 (not an internal error)', async () => {
    // 200 x 100 RGB pixels are 60,000 bytes; the stream holds 3,000 (and a whole 20 x 10 picture, 600)
    const damaged = join(tmp, 'damaged-scan.pdf');
    writeFileSync(damaged, shortPicturePdf(200, 100, 3000));
    const fake = fakeTesseract('tess-unused', tsvFor([]));
    const want = 'damaged-scan.pdf: the scanned picture on page 1 is damaged (3000 bytes of pixels for 200x100); download the PDF again, or export the schedule to CSV or XLSX and import that';
    await expect(readPdfGrids(damaged, { tesseract: fake })).rejects.toThrow(want);
    const r = await cba(['rules', 'import', 'schedule', damaged, '--dry-run'], { env: { CBA_TESSERACT: fake } });
    expect(r.stderr).toBe(`cba: ${want}\n`);
    expect(r.code).toBe(2);
    // a whole picture goes on to tesseract (whose stand-in here reads no words)
    const whole = join(tmp, 'whole-scan.pdf');
    writeFileSync(whole, shortPicturePdf(20, 10, 600));
    await expect(readPdfGrids(whole, { tesseract: fake })).rejects.toThrow(/^whole-scan\.pdf: the schedule is a picture without a text layer \(a scan\) on page 1; OCR \(tesseract\) found no salary grid in it/);
  }, 60_000);
});
