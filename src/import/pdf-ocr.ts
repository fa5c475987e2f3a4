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
 * bars turned over, long runs of ink removed. Returns a binary PGM and the scale used.
 */
export function prepareForOcr(p: PdfPicture, tune: { ink?: number; across?: number; down?: number } = {}): { pgm: Buffer; width: number; height: number; scale: number } {
  const { width: w, height: h } = p;
  const lum = luminance(p);
  const ptWide = Math.hypot(p.ctm[0], p.ctm[1]) || w;
  const pxPerPt = w / ptWide;
  const S = Math.max(1, Math.min(4, Math.round(300 / 72 / pxPerPt)));
  const W = w * S;
  const H = h * S;
  const ink = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const fy = Math.min(h - 1, Math.max(0, (y + 0.5) / S - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(w - 1, Math.max(0, (x + 0.5) / S - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(w - 1, x0 + 1);
      const tx = fx - x0;
      const v = (lum[y0 * w + x0] * (1 - tx) + lum[y0 * w + x1] * tx) * (1 - ty) + (lum[y1 * w + x0] * (1 - tx) + lum[y1 * w + x1] * tx) * ty;
      ink[y * W + x] = v < (tune.ink ?? INK) ? 1 : 0;
    }
  }
  for (let y = 0; y < H; y++) {
    let n = 0;
    for (let x = 0; x < W; x++) n += ink[y * W + x];
    if (n > BAR * W) for (let x = 0; x < W; x++) ink[y * W + x] ^= 1;
  }
  const across = Math.round((tune.across ?? RULE_ACROSS_PT) * pxPerPt * S);
  const down = Math.round((tune.down ?? RULE_DOWN_PT) * pxPerPt * S);
  // a run may have gaps of a pixel or two (a thin rule half under the threshold)
  const gap = S + 1;
  const rule = new Uint8Array(W * H);
  markRuns(ink, rule, H, W, W, 1, across, gap); // the rules across: row y from y * W, its pixels 1 apart
  markRuns(ink, rule, W, H, 1, W, down, gap); // the rules down: column x from x, its pixels W apart
  const px = Buffer.alloc(W * H);
  for (let i = 0; i < W * H; i++) px[i] = ink[i] && !rule[i] ? 0 : 255;
  return { pgm: Buffer.concat([Buffer.from(`P5\n${W} ${H}\n255\n`), px]), width: W, height: H, scale: S };
}

/** Marks on `rule` every run of ink at least `min` pixels long (gaps of up to `gap` pixels joined) on
 *  `lines` lines of `len` pixels: pixel k of line i is at i * lineStep + k * step. */
function markRuns(ink: Uint8Array, rule: Uint8Array, lines: number, len: number, lineStep: number, step: number, min: number, gap: number): void {
  for (let i = 0; i < lines; i++) {
    const b = i * lineStep;
    const mark = (s: number, last: number) => {
      if (last + 1 - s >= min) for (let k = s; k <= last; k++) rule[b + k * step] = 1;
    };
    let s = -1;
    let last = -1;
    for (let k = 0; k <= len; k++) {
      if (k < len && ink[b + k * step] === 1) {
        if (s < 0 || k - last > gap) {
          if (s >= 0) mark(s, last);
          s = k;
        }
        last = k;
      } else if (k === len && s >= 0) {
        mark(s, last);
        s = -1;
      }
    }
  }
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

/** Run tesseract on a PGM: its TSV of words, or an Error with its complaint. */
export function runTesseract(command: string, pgm: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'cba-ocr-'));
  try {
    const file = join(dir, 'page.pgm');
    writeFileSync(file, pgm);
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
