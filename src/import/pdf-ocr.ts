// Reads a scanned schedule (a page that is only a picture) through the `tesseract` program (Debian's
// tesseract-ocr), when it is installed: the picture is cleaned for OCR (upscaled to about 300 dpi,
// dark text kept, table rules, filled boxes and title bars taken out), tesseract finds the words
// and their boxes, and the words become positioned text in page units, so the same layout reader
// as for a text PDF finds the grid. Every cell read this way is marked `ocr` by the caller.
// The picture work and the reading of tesseract's TSV are pure; only runTesseract does I/O.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfTextItem } from './pdf-layout';

/** A picture as pdf.js decodes it: kind 1 = 1 bit grey (rows padded to bytes, 1 = white), 2 = RGB, 3 = RGBA. */
export interface PdfPicture {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
  /** where the page paints it: the picture's unit square to page units [a b c d e f] */
  ctm: number[];
}

/** Below this luminance (of 255) a pixel is ink. */
const INK = 140;
/** A row of pixels darker than this share of its width is a dark bar (a title printed white on black): turned over. */
const BAR = 0.65;
/** Runs of ink longer than these (in points) are rules, borders or filled boxes, not letters. */
const RULE_ACROSS_PT = 40;
const RULE_DOWN_PT = 13;

/** Grey levels (0-255) of each pixel. */
export function luminance(p: PdfPicture): Float32Array {
  const n = p.width * p.height;
  const out = new Float32Array(n);
  if (p.kind === 1) {
    const rowBytes = (p.width + 7) >> 3;
    for (let y = 0; y < p.height; y++)
      for (let x = 0; x < p.width; x++) out[y * p.width + x] = (p.data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
    return out;
  }
  const step = p.kind === 3 ? 4 : 3;
  if (p.data.length < n * step) throw new Error(`picture data too short (${p.data.length} bytes for ${p.width}x${p.height})`);
  for (let i = 0; i < n; i++) out[i] = 0.299 * p.data[step * i] + 0.587 * p.data[step * i + 1] + 0.114 * p.data[step * i + 2];
  return out;
}

/**
 * The picture made ready for OCR: scaled up (bilinear) to about 300 dpi, ink black on white, dark
 * bars turned over, long runs of ink removed. Returns a binary PBM (1 bit a pixel, 1 = ink: an
 * eighth of the bytes of a grey PGM, and tesseract reads it as it is, without thresholding it
 * again) and the scale used.
 */
export function prepareForOcr(p: PdfPicture, tune: { ink?: number; across?: number; down?: number } = {}): { pbm: Buffer; width: number; height: number; scale: number } {
  const { width: w, height: h } = p;
  const lum = luminance(p);
  const ptWide = Math.hypot(p.ctm[0], p.ctm[1]) || w;
  const pxPerPt = w / ptWide;
  const S = Math.max(1, Math.min(4, Math.round(300 / 72 / pxPerPt)));
  const W = w * S;
  const H = h * S;
  const threshold = tune.ink ?? INK;
  // where each pixel of the scaled picture samples the picture (the same for every row, or column)
  const sample = (n: number, k: number) => {
    const f = Math.min(n - 1, Math.max(0, (k + 0.5) / S - 0.5));
    const a = Math.floor(f);
    return [a, Math.min(n - 1, a + 1), f - a];
  };
  const X0 = new Int32Array(W);
  const X1 = new Int32Array(W);
  const TX = new Float64Array(W);
  for (let x = 0; x < W; x++) [X0[x], X1[x], TX[x]] = sample(w, x);
  // a row of the picture interpolated across (kept for the S rows of the scaled picture that use it)
  const across = (row: number, out: Float64Array) => {
    const b = row * w;
    for (let x = 0; x < W; x++) out[x] = lum[b + X0[x]] * (1 - TX[x]) + lum[b + X1[x]] * TX[x];
  };
  let top = new Float64Array(W);
  let bottom = new Float64Array(W);
  let topRow = -1;
  let bottomRow = -1;
  const ink = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const [y0, y1, ty] = sample(h, y);
    if (y0 !== topRow) {
      if (y0 === bottomRow) [top, bottom, bottomRow] = [bottom, top, -1];
      else across(y0, top);
      topRow = y0;
    }
    if (y1 !== bottomRow) {
      across(y1, bottom);
      bottomRow = y1;
    }
    const b = y * W;
    let n = 0;
    for (let x = 0; x < W; x++) {
      const v = top[x] * (1 - ty) + bottom[x] * ty;
      if (v < threshold) {
        ink[b + x] = 1;
        n++;
      }
    }
    // a dark bar: turned over
    if (n > BAR * W) for (let x = 0; x < W; x++) ink[b + x] ^= 1;
  }
  const acrossMin = Math.round((tune.across ?? RULE_ACROSS_PT) * pxPerPt * S);
  const downMin = Math.round((tune.down ?? RULE_DOWN_PT) * pxPerPt * S);
  // a run may have gaps of a pixel or two (a thin rule half under the threshold)
  const gap = S + 1;
  const rule = new Uint8Array(W * H);
  rulesAcross(ink, rule, W, H, acrossMin, gap);
  rulesDown(ink, rule, W, H, downMin, gap);
  const rowBytes = (W + 7) >> 3;
  const head = Buffer.from(`P4\n${W} ${H}\n`);
  const pbm = Buffer.alloc(head.length + rowBytes * H);
  head.copy(pbm);
  for (let y = 0; y < H; y++) {
    const b = y * W;
    const o = head.length + y * rowBytes;
    for (let x = 0; x < W; x++) if (ink[b + x] && !rule[b + x]) pbm[o + (x >> 3)] |= 0x80 >> (x & 7);
  }
  return { pbm, width: W, height: H, scale: S };
}

/** Marks on `rule` every run of ink across a row at least `min` pixels long (gaps of up to `gap`
 *  pixels joined). */
function rulesAcross(ink: Uint8Array, rule: Uint8Array, W: number, H: number, min: number, gap: number): void {
  for (let y = 0; y < H; y++) {
    const b = y * W;
    let s = -1;
    let last = -1;
    for (let x = 0; x < W; x++) {
      if (ink[b + x] !== 1) continue;
      if (s < 0 || x - last > gap) {
        if (s >= 0 && last + 1 - s >= min) rule.fill(1, b + s, b + last + 1);
        s = x;
      }
      last = x;
    }
    if (s >= 0 && last + 1 - s >= min) rule.fill(1, b + s, b + last + 1);
  }
}

/** Marks on `rule` every run of ink down a column at least `min` pixels long (gaps of up to `gap`
 *  pixels joined): the picture read row by row (in the order it lies in memory), each column's run
 *  carried from row to row. */
function rulesDown(ink: Uint8Array, rule: Uint8Array, W: number, H: number, min: number, gap: number): void {
  const start = new Int32Array(W).fill(-1);
  const last = new Int32Array(W).fill(-1);
  const mark = (x: number) => {
    if (last[x] + 1 - start[x] >= min) for (let y = start[x]; y <= last[x]; y++) rule[y * W + x] = 1;
  };
  for (let y = 0; y < H; y++) {
    const b = y * W;
    for (let x = 0; x < W; x++) {
      if (ink[b + x] !== 1) continue;
      if (start[x] < 0 || y - last[x] > gap) {
        if (start[x] >= 0) mark(x);
        start[x] = y;
      }
      last[x] = y;
    }
  }
  for (let x = 0; x < W; x++) if (start[x] >= 0) mark(x);
}

/**
 * tesseract's TSV (one line per word: level, page, block, paragraph, line, word, left, top, width,
 * height, confidence, text) to text items in page units, through the picture's place on the page.
 * Words with no digit read with low confidence are noise from the picture and left out; stray
 * punctuation after an amount ("$98,705,") is trimmed.
 */
export function tsvToItems(tsv: string, picture: { width: number; height: number; ctm: number[] }): PdfTextItem[] {
  const [a, , , d, e, f] = picture.ctm;
  const out: PdfTextItem[] = [];
  for (const line of tsv.split('\n')) {
    const c = line.split('\t');
    if (c.length < 12 || c[0] !== '5') continue;
    let text = c.slice(11).join('\t').trim();
    const conf = Number(c[10]);
    if (!text || (!/\d/.test(text) && conf < 40)) continue;
    if (/\d/.test(text)) text = text.replace(/^[‘’'"`]+/, '').replace(/[,.;:‘’'"`]+$/, '');
    if (!text) continue;
    const [left, top, width, height] = [6, 7, 8, 9].map((k) => Number(c[k]));
    out.push({ str: text, x: e + (a * left) / picture.width, y: f + d * (1 - (top + height) / picture.height), w: (a * width) / picture.width, h: (d * height) / picture.height });
  }
  return out;
}

/** Is the program there? (run with --version) */
export function hasProgram(command: string): boolean {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 20_000 });
  return !r.error && r.status === 0;
}

/** Run tesseract on a picture (PBM): its TSV of words, or an Error with its complaint. */
export function runTesseract(command: string, pbm: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'cba-ocr-'));
  try {
    const file = join(dir, 'page.pbm');
    writeFileSync(file, pbm);
    // --psm 6: one block of text in lines (a table read line by line); one thread (tesseract's
    // OpenMP threads cost three to four times the time on a small busy machine: 7.5 s against 2 s here)
    const env = { ...process.env, OMP_THREAD_LIMIT: process.env.OMP_THREAD_LIMIT ?? '1' };
    const r = spawnSync(command, [file, 'stdout', '--psm', '6', 'tsv'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, env });
    if (r.error || r.status !== 0) throw new Error((r.error?.message ?? r.stderr ?? '').trim().split('\n').pop() || `exit ${r.status}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
