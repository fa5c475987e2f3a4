// Loaded on demand by the PDF schedule import only (dist/lazy/pdf.cjs): pdf.js with its worker
// running in this thread (pdf.js takes a worker module from globalThis.pdfjsWorker instead of
// importing pdf.worker.mjs by path, which a bundle could not do).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// @ts-expect-error: pdf.js ships no types for its worker module
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;

/** pdf.js's metrics of the 14 standard fonts (a PDF that names Helvetica without embedding it), when installed. */
export function standardFontDataUrl(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
  } catch {
    return undefined;
  }
}

export { getDocument, OPS };
