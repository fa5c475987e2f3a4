// cba rules import schedule <file.pdf> through the built bin: the review, --table for two schedules,
// --page, --daily, an import into an agreement folder that `cba salary` then reads, and bad PDFs
// (one line, exit 2, nothing written). pdf.js is loaded by this command only. Run from
// test/import/pdf.test.ts, with the other tests that read PDFs (one worker warms pdf.js for all).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import { encryptedPdf, picturePdf } from '../import/pdf-make';

const PDF = join(ROOT, 'fixtures', 'schedules-pdf');

describe('cba rules import schedule <file.pdf>', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cba-import-pdf-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints the grid it read to hold against the paper (CVUSD 2023-24, dry run)', async () => {
    const r = await cba(['rules', 'import', 'schedule', join(PDF, '23-24_CVUSD.pdf'), '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Read 23-24_CVUSD\.pdf \(pdf\): .*2023-24, effective 2024-01-01, annual basis/);
    expect(r.stdout).toContain('5 classes: I | II | III | IV | V');
    expect(r.stdout).toContain('17 steps: 1-14, 19, 24, 29');
    // class I prints steps 1-9: 60,015 x 6 + 61,384 + 64,583 + 67,759 = 553,816 (worked by hand)
    expect(r.stdout).toMatch(/I\s+9 cells\s+553816\n/);
    expect(r.stdout).toContain('Footnote on page 1: "*SEMESTER UNITS = 15 HOURS PER UNIT"');
    expect(r.stdout).toContain('Dry run: nothing written.');
  });

  it('two schedules on one page: listed, and chosen with --table; each cell cites its page and printed text', async () => {
    const none = await cba(['rules', 'import', 'schedule', join(PDF, '23-24_OPUSD.pdf'), '--dry-run']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^cba: 23-24_OPUSD\.pdf holds 2 schedules \(1: CLASS X to CLASS D \(page 1, grid 1\); 2: CLASS F to CLASS G \(page 1, grid 2\)\): choose one with --table <n>\n$/);
    const r = await cba(['rules', 'import', 'schedule', join(PDF, '23-24_OPUSD.pdf'), '--table', '2', '--json', '--dry-run']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.review.classes).toEqual(['CLASS F', 'CLASS G']);
    expect(j.review.year).toBe('2023-24');
    expect(j.review.effective).toBe('2024-01-01');
    expect(j.yaml).toContain('annual: {"CLASS F": 102257.28, "CLASS G": 103506.3');
    expect(j.yaml).toContain('"CLASS F": {text: "102,257.28", page: 1}');
  });

  it('--daily imports the printed daily rates; --page reads only the pages given', async () => {
    const d = json(await cba(['rules', 'import', 'schedule', join(PDF, '23-24_FUSD.pdf'), '--table', '1', '--daily', '--json', '--dry-run']));
    expect(d.review.basis).toBe('daily');
    expect(d.yaml).toMatch(/daily: \{"1": 326\.28, "2": 351\.2,? ?/);
    const p2 = await cba(['rules', 'import', 'schedule', join(PDF, '22-23_FUSD.pdf'), '--page', '2', '--year', '2022-23', '--json', '--dry-run']);
    expect(p2.stderr).toBe('');
    const j = json(p2);
    // page 2 prints classes 3 to 6, steps 12 to 40
    expect(j.review.classes).toEqual(['3', '4', '5', '6']);
    expect(j.review.steps[0]).toMatchObject({ label: '12' });
    const bad = await cba(['rules', 'import', 'schedule', join(PDF, '22-23_FUSD.pdf'), '--page', '5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('cba: 22-23_FUSD.pdf: there is no page 5 (the PDF has 2 pages); give --page between 1 and 2\n');
    const csv = await cba(['rules', 'import', 'schedule', join(ROOT, 'fixtures', 'schedules', 'cvusd-2023-24.csv'), '--page', '1']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/^cba: --page is for a PDF/);
  });

  it('imports into an agreement folder, and cba salary pays from the PDF', async () => {
    const rules = join(tmp, 'cvusd');
    expect((await cba(['rules', 'init', rules, '--employer', 'Conejo Valley Unified School District', '--from', '2022-07-01', '--to', '2023-06-30'])).code).toBe(0);
    const r = await cba(['rules', 'import', 'schedule', join(PDF, '22-23_CVUSD.pdf'), '--rules', rules]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote .*\.yaml \(validated with its agreement\)/);
    // class III step 4 prints $61,800 on the page
    const s = await cba(['salary', '--rules', rules, '--class', 'III', '--step', '4', '--json']);
    expect(s.stderr).toBe('');
    expect(JSON.stringify(json(s))).toContain('61800');
  });

  it('bad PDFs: one line, exit 2, nothing written', async () => {
    const files: [string, Uint8Array | string, RegExp][] = [
      ['fake.pdf', 'Step,I\n1,50000\n', /^cba: fake\.pdf: not a PDF/],
      ['locked.pdf', await encryptedPdf(), /^cba: locked\.pdf: the PDF is encrypted with a password; save an unprotected copy/],
      ['scan.pdf', await picturePdf(), /^cba: scan\.pdf: the schedule is a picture without a text layer \(a scan\) on page 1; install tesseract .* or export it to CSV or XLSX/],
    ];
    for (const [name, bytes, re] of files) {
      const f = join(tmp, name);
      writeFileSync(f, bytes);
      const out = join(tmp, `${name}.yaml`);
      // as where tesseract is not installed (test/import/pdf-ocr.cases.ts: with it)
      const r = await cba(['rules', 'import', 'schedule', f, '--out', out], { env: { CBA_TESSERACT: '/nonexistent/tesseract' } });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(re);
      expect(r.stderr.trimEnd().split('\n'), name).toHaveLength(1);
      expect(r.stdout, name).toBe('');
      expect(existsSync(out), name).toBe(false);
    }
    const scanned = await cba(['rules', 'import', 'schedule', join(PDF, '22-23_SPUSD-scanned.pdf')], { env: { CBA_TESSERACT: '/nonexistent/tesseract' } });
    expect(scanned.code).toBe(2);
    expect(scanned.stderr).toMatch(/^cba: 22-23_SPUSD-scanned\.pdf: the schedule is a picture without a text layer .* apt-get install tesseract-ocr/);
  });

  it('pdf.js is a chunk of its own: neither the CLI bundle nor the import chunk holds it', () => {
    const marker = 'PDFDocumentLoadingTask';
    expect(readFileSync(join(ROOT, 'dist', 'lazy', 'pdf.cjs'), 'utf8')).toContain(marker);
    expect(readFileSync(join(ROOT, 'dist', 'cli.cjs'), 'utf8')).not.toContain(marker);
    expect(readFileSync(join(ROOT, 'dist', 'lazy', 'import.cjs'), 'utf8')).not.toContain(marker);
  });
});
