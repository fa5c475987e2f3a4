// Makes schedule PDFs for the tests (text placed as pdf-lib places it): text placed where a test says,
// so each layout the PDF reader must handle (and each it must refuse) is a file the test builds itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// pdf-lib required, not imported: an import of its CommonJS build has Node's cjs-module-lexer read
// every file it re-exports for the export names first (0.44 s of CPU against 0.24 s for a require)
export const { PDFDocument, StandardFonts, degrees } = createRequire(import.meta.url)('pdf-lib') as typeof import('pdf-lib');

/** 54404 -> "54,404", as n.toLocaleString('en-US') writes it: one formatter made once (toLocaleString
 *  makes a new one at each call, about 15 us, and the property tests print thousands of amounts). */
export const grouped: (n: number) => string = new Intl.NumberFormat('en-US').format;

export interface Txt {
  x: number;
  /** baseline, from the bottom of the page */
  y: number;
  s: string;
  size?: number;
  /** x is the left edge (default), the right edge, or the centre of the text */
  align?: 'left' | 'right' | 'center';
}

/** Helvetica as pdf-lib measures and encodes it (WinAnsi), for placing and writing the texts. */
let helvetica: ReturnType<Awaited<ReturnType<typeof PDFDocument.create>>['embedFont']> | undefined;

/**
 * A PDF of the texts, a page per list: each text drawn in Helvetica (a standard font, not embedded)
 * exactly as pdf-lib's drawText draws it (the same operators, positions and encoding), written out
 * here rather than through pdf-lib's document model and its compression: the property test alone
 * makes dozens, and pdf-lib spent more CPU making them than pdf.js reading them.
 */
export async function makePdf(pages: Txt[][], opts: { width?: number; height?: number } = {}): Promise<Uint8Array> {
  helvetica ??= PDFDocument.create().then((d) => d.embedFont(StandardFonts.Helvetica));
  const font = await helvetica;
  // objects 1 the catalog, 2 the page tree, 3 the font, then each page and its content
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
  const kids: string[] = [];
  for (const texts of pages) {
    let content = '';
    for (const t of texts) {
      const size = t.size ?? 9;
      const w = font.widthOfTextAtSize(t.s, size);
      const x = t.align === 'right' ? t.x - w : t.align === 'center' ? t.x - w / 2 : t.x;
      content += `q\nBT\n0 0 0 rg\n/F1 ${size} Tf\n24 TL\n1 0 0 1 ${x} ${t.y} Tm\n${font.encodeText(t.s).toString()} Tj\nT*\nET\nQ\n`;
    }
    kids.push(`${objects.length + 1} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /MediaBox [ 0 0 ${opts.width ?? 612} ${opts.height ?? 792} ] /Contents ${objects.length + 2} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [ ${kids.join(' ')} ] /Count ${pages.length} >>`;
  return new Uint8Array(pdfOfObjects(objects));
}

/**
 * A PDF file of these objects (numbered from 1, the first the catalog), with its cross-reference
 * table and trailer; each string is written as latin1 bytes.
 */
export function pdfOfObjects(objects: string[], header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'): Buffer {
  let out = header;
  const at: number[] = [];
  objects.forEach((o, i) => {
    at.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${at.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The same PDF made through pdf-lib's document model (kept to check makePdf against). */
export async function makePdfWithPdfLib(pages: Txt[][], opts: { width?: number; height?: number } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setProducer('cba tests');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const texts of pages) {
    const page = doc.addPage([opts.width ?? 612, opts.height ?? 792]);
    for (const t of texts) {
      const size = t.size ?? 9;
      const w = font.widthOfTextAtSize(t.s, size);
      const x = t.align === 'right' ? t.x - w : t.align === 'center' ? t.x - w / 2 : t.x;
      page.drawText(t.s, { x, y: t.y, size, font });
    }
  }
  return doc.save({ useObjectStreams: false });
}

export interface TableSpec {
  /** y of the first header line */
  top: number;
  /** x of the step labels */
  labelX?: number;
  /** right edge of the first column of amounts, and the distance between columns */
  firstRight: number;
  colStep: number;
  /** header lines, each a list of texts, one per column (centred over the column) */
  header: string[][];
  /** the row header (left of the classes, on the last header line) */
  rowHeader?: string;
  /** rows: the step label then one text per column ('' for a blank cell) */
  rows: string[][];
  pitch?: number;
  size?: number;
  align?: 'right' | 'center';
  /** lines printed between two rows: after row index i, the texts */
  between?: Record<number, string[]>;
}

/** A grid laid out as the district PDFs print it. Returns the texts and the y below the last row. */
export function table(t: TableSpec): { texts: Txt[]; bottom: number } {
  const size = t.size ?? 9;
  const pitch = t.pitch ?? 14;
  const labelX = t.labelX ?? 40;
  const texts: Txt[] = [];
  const colW = t.colStep;
  let y = t.top;
  t.header.forEach((line, li) => {
    line.forEach((s, k) => {
      if (s) texts.push({ x: t.firstRight + k * colW - colW / 2 + 6, y, s, size, align: 'center' });
    });
    if (li === t.header.length - 1 && t.rowHeader) texts.push({ x: labelX, y, s: t.rowHeader, size });
    y -= pitch;
  });
  y -= pitch / 2;
  t.rows.forEach((r, i) => {
    texts.push({ x: labelX, y, s: r[0], size });
    r.slice(1).forEach((s, k) => {
      if (!s) return;
      const right = t.firstRight + k * colW;
      texts.push(t.align === 'center' ? { x: right - colW / 2 + 6, y, s, size, align: 'center' } : { x: right, y, s, size, align: 'right' });
    });
    y -= pitch;
    for (const s of t.between?.[i] ?? []) {
      texts.push({ x: labelX, y, s, size });
      y -= pitch;
    }
  });
  return { texts, bottom: y };
}

/** A PDF that claims to be encrypted (a standard security handler whose password is not empty). */
export async function encryptedPdf(): Promise<Uint8Array> {
  const plain = Buffer.from(await makePdf([[{ x: 72, y: 700, s: 'secret schedule' }]]));
  const text = plain.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  const root = /\/Root (\d+ 0 R)/.exec(text)![1];
  const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const encObj = `${size} 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 11)}> /U <${hex(32, 99)}> /P -44 >>\nendobj\n`;
  const objAt = plain.length;
  const xrefAt = objAt + encObj.length;
  const xref = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objAt).padStart(10, '0')} 00000 n \n`;
  const trailer = `trailer\n<< /Size ${size + 1} /Root ${root} /Prev ${startxref} /Encrypt ${size} 0 R /ID [<${hex(16, 5)}> <${hex(16, 5)}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([plain, Buffer.from(encObj + xref + trailer, 'latin1')]));
}

/**
 * A PDF whose only content is a picture (as a scanned page is): one black RGB pixel painted at x
 * 50..550, y 100..700, the picture pdf-lib's drawImage made of a 1 x 1 grey PNG (embedded by pdf-lib
 * as a 1 x 1 RGB image), written here with the pixel as it is (made once: the tests write it several
 * times, and pdf-lib's PNG decoding and deflate cost more than the tests that read it).
 */
// drawImage's operators: moved to (50, 100), turned by 0, scaled to 500 x 600, skewed by 0
const PICTURE_CONTENT = 'q\n1 0 0 1 50 100 cm\n1 0 0 1 0 0 cm\n500 0 0 600 0 0 cm\n1 0 0 1 0 0 cm\n/Im0 Do\nQ';
let picture: Uint8Array | undefined;
export function picturePdf(): Promise<Uint8Array> {
  picture ??= new Uint8Array(
    pdfOfObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im0 4 0 R >> >> /MediaBox [ 0 0 612 792 ] /Contents 5 0 R >>',
      '<< /Type /XObject /Subtype /Image /BitsPerComponent 8 /Width 1 /Height 1 /ColorSpace /DeviceRGB /Length 3 >>\nstream\n\x00\x00\x00\nendstream',
      `<< /Length ${PICTURE_CONTENT.length} >>\nstream\n${PICTURE_CONTENT}\nendstream`,
    ]),
  );
  return Promise.resolve(picture.slice());
}

/** A temporary folder for the PDFs one test file makes (removed after the file's tests), and the
 *  writer of a PDF into it: the path of the file written. */
export function pdfFolder(prefix: string): (name: string, bytes: Uint8Array | Promise<Uint8Array>) => Promise<string> {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  return async (name, bytes) => {
    const f = join(tmp, name);
    writeFileSync(f, await bytes);
    return f;
  };
}
