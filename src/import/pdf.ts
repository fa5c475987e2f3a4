// Reads the salary grids of a schedule PDF: the text and its positions through pdf.js (pdfjs-dist,
// imported here only, lazily, so no other command loads it), the grid from the positions in
// pdf-layout.ts (pure). A PDF without a text layer, an encrypted, damaged or non-PDF file, or a page
// whose layout cannot be read with confidence is a PdfImportError: one line for the user, exit 2.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fieldText, InputError } from '../core/errors';
import type { ImportedGrid } from './grid';
import { gridsFromPages, PdfLayoutError, type PdfPageText } from './pdf-layout';
import { hasProgram, prepareForOcr, runTesseract, tsvToItems, type PdfPicture } from './pdf-ocr';

export { PdfLayoutError } from './pdf-layout';

/** The user's PDF cannot be imported: the message is the one line to print (bad input, exit 2). */
export class PdfImportError extends InputError {
  /** the message with the fields it names as {field}, when it names any: the CLI writes them as its flags */
  template?: string;
}

/** A PdfImportError naming fields ({page}): the library says page, the CLI --page. */
function pdfFieldError(template: string): PdfImportError {
  const e = new PdfImportError(fieldText(template, (f) => f));
  e.template = template;
  return e;
}

export interface PdfReadOptions {
  /** read only these pages (1-based), as --page gives them */
  pages?: number[];
  /** the bytes, when the caller has read them already (stdin) */
  data?: Uint8Array;
  /** the name to cite in each cell's source (default: the file's base name) */
  name?: string;
  /**
   * the OCR program for a scanned page (default: $CBA_TESSERACT, else `tesseract` on the PATH);
   * null: never OCR (a scan gets the one-line message)
   */
  tesseract?: string | null;
}

/** How to get the OCR program, for the message about a scan. */
export const TESSERACT_HINT = 'install tesseract (Debian/Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract) to read it by OCR';

type PdfJs = typeof import('../lazy/pdf');
let pdfjsP: Promise<PdfJs> | undefined;

/** The built-ins pdf.js's legacy build replaces for the whole process: its core-js forces script
 *  versions of these on Node 20 (for edge cases of the specification pdf.js does not meet: pushing onto
 *  a frozen length, JSON source text), and every later push, JSON.parse and JSON.stringify of the run
 *  went through them, several times slower. The engine's own are put back once pdf.js is loaded; what
 *  core-js adds (Promise.withResolvers, Map.prototype.getOrInsert, ...) stays for pdf.js. */
const REPLACED: [object, string][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

async function loadPdfJs(): Promise<PdfJs> {
  // pdf.js's legacy build (the one it supports in Node), a lazy chunk of its own in the CLI
  if (!pdfjsP) {
    const natives = REPLACED.map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)!] as const);
    pdfjsP = import('../lazy/pdf').finally(() => {
      for (const [o, k, d] of natives) Object.defineProperty(o, k, d);
    });
  }
  return pdfjsP;
}

const PDF_MAGIC = '%PDF-';

type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** The PDF opened by pdf.js (the caller destroys it), or a PdfImportError for a file pdf.js cannot open. */
async function openPdf(bytes: Uint8Array, name: string): Promise<PdfDoc> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes(PDF_MAGIC)) {
    throw new PdfImportError(`${name}: not a PDF (it does not start with "%PDF-"); give the schedule's PDF, or import a CSV or XLSX export of it`);
  }
  const pdfjs = await loadPdfJs();
  try {
    return await pdfjs.getDocument({
      data: Uint8Array.from(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      // no standardFontDataUrl: the outlines of the 14 standard fonts cost a Type 1 parse per font
      // (a third of a ten-page import) and change no text or position (the widths come from the
      // PDF or pdf.js's own metrics; checked on every PDF of the collection)
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
    }).promise;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name === 'PasswordException') {
      throw new PdfImportError(`${name}: the PDF is encrypted with a password; save an unprotected copy (or export the schedule to CSV or XLSX) and import that`);
    }
    throw damaged(name, e);
  }
}

function damaged(name: string, e: unknown): PdfImportError {
  const err = e as { message?: string };
  return new PdfImportError(`${name}: the PDF is damaged and cannot be read (${(err.message ?? String(e)).replace(/\s+/g, ' ').slice(0, 120)}); download it again or export the schedule to CSV or XLSX`);
}

/** The text of each page of an open PDF with positions. */
async function pageTexts(doc: PdfDoc, name: string, pages?: number[]): Promise<{ pages: PdfPageText[]; images: Set<number>; numPages: number }> {
  try {
    const want = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const bad = want.find((p) => !Number.isInteger(p) || p < 1 || p > doc.numPages);
    if (bad !== undefined) throw pdfFieldError(`${name}: there is no page ${bad} (the PDF has ${doc.numPages} page${doc.numPages === 1 ? '' : 's'}); give {page} between 1 and ${doc.numPages}`);
    const out: PdfPageText[] = [];
    const images = new Set<number>();
    for (const p of want) {
      const page = await doc.getPage(p);
      const vp = page.getViewport({ scale: 1 });
      const tc = await page.getTextContent();
      const items = [];
      for (const it of tc.items) {
        if (!('str' in it) || !it.str) continue;
        const [a, b, , d, e, f] = it.transform as number[];
        // positions as the page shows (a page turned by /Rotate is read the way it is viewed):
        // the viewport's x, and y from its bottom
        const [vx, vy] = vp.convertToViewportPoint(e, f) as [number, number];
        const h = it.height || Math.hypot(b, d) || Math.abs(a);
        items.push({ str: it.str, x: vx, y: vp.height - vy, w: it.width, h });
      }
      out.push({ page: p, width: vp.width, height: vp.height, items });
      page.cleanup();
    }
    return { pages: out, images, numPages: doc.numPages };
  } catch (e) {
    if (e instanceof PdfImportError) throw e;
    throw damaged(name, e);
  }
}

/** The text of each page with positions, or a PdfImportError for a file pdf.js cannot open. */
export async function readPdfText(bytes: Uint8Array, name: string, pages?: number[]): Promise<{ pages: PdfPageText[]; images: Set<number>; numPages: number }> {
  const doc = await openPdf(bytes, name);
  try {
    return await pageTexts(doc, name, pages);
  } finally {
    await doc.destroy();
  }
}

type Matrix = number[];
const times = (m: Matrix, n: Matrix): Matrix => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];

/**
 * The pictures the pages paint (a scanned page is one), the largest of each page with where it
 * stands on the page; decoded (pixels) only when `decode`.
 */
async function pagePictures(doc: PdfDoc, pages: number[], decode: boolean): Promise<Map<number, PdfPicture | true>> {
  const O = (await loadPdfJs()).OPS;
  const out = new Map<number, PdfPicture | true>();
  for (const p of pages) {
    const page = await doc.getPage(p);
    // the page's operators, asked for once a page: pdf.js keeps them (and the pictures they paint)
    // for a second call on the same page, so finding the pictures and then decoding one reads the
    // page once; a page whose operators cannot be read paints no picture for us
    let ops: Awaited<ReturnType<typeof page.getOperatorList>>;
    try {
      ops = await page.getOperatorList();
    } catch {
      continue;
    }
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let best: { id?: string; inline?: unknown; ctm: Matrix; area: number } | undefined;
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === O.save) stack.push(ctm);
      else if (fn === O.restore) ctm = stack.pop() ?? ctm;
      else if (fn === O.transform) ctm = times(ctm, args as Matrix);
      else if (fn === O.paintFormXObjectBegin) {
        stack.push(ctm);
        if (Array.isArray(args[0])) ctm = times(ctm, args[0] as Matrix);
      } else if (fn === O.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
      else if (fn === O.paintImageXObject || fn === O.paintInlineImageXObject || fn === O.paintImageXObjectRepeat) {
        const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
        if (!best || area > best.area) best = { ...(typeof args[0] === 'string' ? { id: args[0] } : { inline: args[0] }), ctm, area };
      }
    });
    if (!best) continue;
    if (!decode) {
      out.set(p, true);
      continue;
    }
    const b = best;
    const img = (b.inline ??
      (await new Promise((resolve) => (b.id!.startsWith('g_') ? page.commonObjs : page.objs).get(b.id!, resolve)))) as { width: number; height: number; kind?: number; data?: Uint8Array } | null;
    if (img?.data && img.kind) out.set(p, { width: img.width, height: img.height, kind: img.kind, data: img.data, ctm: b.ctm });
  }
  return out;
}

/**
 * Every salary grid the PDF prints, each cell with its page and printed text. Grids continued over
 * pages are joined; a file with two schedules returns both (the caller chooses, see chooseGrid).
 */
export async function readPdfGrids(file: string, opts: PdfReadOptions = {}): Promise<ImportedGrid[]> {
  const name = opts.name ?? basename(file);
  let bytes: Uint8Array;
  if (opts.data) bytes = opts.data;
  else {
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new PdfImportError(code === 'ENOENT' ? `${file}: no such file; check the path` : code === 'EISDIR' ? `${file}: is a folder, not a PDF` : `${file}: cannot be read (${code ?? (e as Error).message})`);
    }
  }
  // one document for the text and, when a page turns out to be a scan, its picture
  const doc = await openPdf(bytes, name);
  try {
    const text = await pageTexts(doc, name, opts.pages);
    let result;
    try {
      result = gridsFromPages(name, text.pages);
    } catch (e) {
      if (e instanceof PdfLayoutError) throw new PdfImportError(e.message);
      throw e;
    }
    if (!result.grids.length) {
      const read = text.pages.map((p) => p.page);
      const pictures = [...(await pagePictures(doc, read, false)).keys()];
      const noText = text.pages.every((p) => p.items.every((i) => !/\d/.test(i.str)) || pictures.includes(p.page));
      if (pictures.length && noText) return await ocrGrids(doc, name, pictures, opts, text.pages);
      throw new PdfImportError(`${name}: no salary grid found on ${read.length === 1 ? `page ${read[0]}` : `pages ${read[0]}-${read[read.length - 1]}`} (no rows led by a step number with amounts beside it); check it is the salary schedule, or export it to CSV or XLSX`);
    }
    return result.grids;
  } finally {
    await doc.destroy();
  }
}

/**
 * The grids of scanned pages read through tesseract, every cell marked `ocr`; or, without the
 * program, the one line that says what the file is and how to read it.
 */
async function ocrGrids(doc: PdfDoc, name: string, pages: number[], opts: PdfReadOptions, read: PdfPageText[]): Promise<ImportedGrid[]> {
  const scan = `${name}: the schedule is a picture without a text layer (a scan) on page ${pages.join(', ')}`;
  const command = opts.tesseract === undefined ? process.env.CBA_TESSERACT || 'tesseract' : opts.tesseract;
  if (!command || !hasProgram(command)) {
    throw new PdfImportError(`${scan}; ${TESSERACT_HINT}, or export it to CSV or XLSX (or type it into one) and import that`);
  }
  const pictures = await pagePictures(doc, pages, true);
  const texts: PdfPageText[] = [];
  for (const p of pages) {
    const pic = pictures.get(p);
    if (!pic || pic === true) continue;
    // a picture whose decoded pixels fall short of its size (a damaged or cut-off stream) is the
    // file's fault: said as such, not an internal error of the picture work
    if (pic.data.length < pictureBytes(pic)) {
      throw new PdfImportError(`${name}: the scanned picture on page ${p} is damaged (${pic.data.length} bytes of pixels for ${pic.width}x${pic.height}); download the PDF again, or export the schedule to CSV or XLSX and import that`);
    }
    const ready = prepareForOcr(pic);
    let tsv: string;
    try {
      tsv = runTesseract(command, ready.pbm);
    } catch (e) {
      throw new PdfImportError(`${scan}; tesseract (${command}) could not read it: ${(e as Error).message.slice(0, 160)}; export it to CSV or XLSX and import that`);
    }
    const size = read.find((r) => r.page === p) ?? { width: 612, height: 792 };
    // the page's own text (a sentence printed under the scan) with the words read from the picture
    const own = read.find((r) => r.page === p)?.items ?? [];
    texts.push({ page: p, width: size.width, height: size.height, items: [...own, ...tsvToItems(tsv, { width: ready.width, height: ready.height, ctm: pic.ctm })] });
  }
  let result;
  try {
    result = gridsFromPages(name, texts);
  } catch (e) {
    if (e instanceof PdfLayoutError) throw new PdfImportError(`${e.message} (read by OCR from a scan: check the scan, or export it to CSV or XLSX)`);
    throw e;
  }
  if (!result.grids.length) throw new PdfImportError(`${scan}; OCR (tesseract) found no salary grid in it; export it to CSV or XLSX (or type it into one) and import that`);
  for (const g of result.grids) {
    for (const rows of [g.values, g.daily, g.hourly]) for (const row of rows ?? []) for (const c of row) if (c) c.source.ocr = true;
    g.notes.unshift(`Read by OCR (tesseract) from the scanned picture on page ${pages.join(', ')}: every cell is marked ocr; hold each against the paper`);
  }
  return result.grids;
}

/** The bytes of pixels a picture of its size and kind holds (pdf.js's kinds: 1 bit grey, rows padded to bytes; RGB; RGBA). */
function pictureBytes(p: PdfPicture): number {
  return p.kind === 1 ? ((p.width + 7) >> 3) * p.height : p.width * p.height * (p.kind === 3 ? 4 : 3);
}

/** The grid a flag names: its 1-based number in the list, or (part of) its name or a class label. */
export function chooseGrid(grids: ImportedGrid[], which: string | undefined, file: string): ImportedGrid {
  const list = () => grids.map((g, i) => `${i + 1} "${g.name ?? g.classes.map((c) => c.label).join(', ')}"`).join(', ');
  if (which === undefined) {
    if (grids.length === 1) return grids[0];
    throw pdfFieldError(`${file}: holds ${grids.length} schedules (${list()}); choose one with {table} <n>`);
  }
  const n = Number(which);
  if (Number.isInteger(n) && n >= 1 && n <= grids.length) return grids[n - 1];
  const w = which.toLowerCase();
  const hits = grids.filter((g) => (g.name ?? '').toLowerCase().includes(w) || g.classes.some((c) => c.label.toLowerCase() === w));
  if (hits.length === 1) return hits[0];
  throw pdfFieldError(`${file}: {table} ${which} names ${hits.length ? 'more than one' : 'none'} of its schedules (${list()}); give the number`);
}

/** The grid with its daily rates as the main values (--daily). */
export function dailyGrid(g: ImportedGrid, file: string): ImportedGrid {
  if (!g.daily) throw pdfFieldError(`${file}: the schedule prints no daily rates; leave out {daily} to import the annual salaries`);
  const { daily, ...rest } = g;
  return { ...rest, basis: 'daily', values: daily };
}
