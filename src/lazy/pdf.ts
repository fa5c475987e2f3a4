// Loaded on demand by the PDF schedule import only (dist/lazy/pdf.cjs): pdf.js with its worker
// running in this thread (pdf.js takes a worker module from globalThis.pdfjsWorker instead of
// importing pdf.worker.mjs by path, which a bundle could not do). In the bundle pdf.js does not load
// @napi-rs/canvas, which only rendering needs (see scripts/build.mjs, pdfTextOnly).
// @ts-expect-error: pdf.js ships no types for its worker module
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;

export { getDocument, OPS };
