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

/** The scaled picture is worked in blocks of this many pixels of a row (8 bytes of a PBM row). */
const BLOCK = 64;

/**
 * The picture made ready for OCR: scaled up (bilinear) to about 300 dpi, ink black on white, dark
 * bars turned over, long runs of ink removed. Returns a binary PBM (1 bit a pixel, 1 = ink: an
 * eighth of the bytes of a grey PGM, and tesseract reads it as it is, without thresholding it
 * again) and the scale used.
 *
 * One pass down the scaled picture does the work row by row: each row interpolated, thresholded
 * and turned over if it is a bar, then its runs of ink across found, and each column's run of ink
 * down carried on (a run down ends at a row without ink in that column, and is marked then). A
 * pixel of a rule keeps its ink bit and gets a second bit, so the runs are found on the ink as
 * thresholded whatever was marked before; the PBM takes the pixels with the ink bit alone. A block
 * of a row sampled only from pixels of the picture that are paper (lighter than the threshold by
 * a grey level or more, so no blend of them can fall under it) has no ink and is skipped, unless
 * the row is a bar: most of a page is paper.
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
  const UX = new Float64Array(W);
  for (let x = 0; x < W; x++) {
    [X0[x], X1[x], TX[x]] = sample(w, x);
    UX[x] = 1 - TX[x];
  }
  // the darkest pixel of the picture each block samples, for each row of the picture
  const nb = Math.ceil(W / BLOCK);
  const darkest = new Float32Array(h * nb);
  for (let k = 0; k < nb; k++) {
    const from = X0[k * BLOCK];
    const to = X1[Math.min(W, (k + 1) * BLOCK) - 1];
    for (let y = 0; y < h; y++) {
      let m = Infinity;
      for (let i = y * w + from, end = y * w + to; i <= end; i++) if (lum[i] < m) m = lum[i];
      darkest[y * nb + k] = m;
    }
  }
  const paper = threshold + 1;
  // a row of the picture interpolated across, block by block as rows of the scaled picture need
  // them (kept for the S rows of the scaled picture that use it)
  interface Across {
    row: number;
    values: Float64Array;
    done: Uint8Array;
  }
  const acrossRow = (): Across => ({ row: -1, values: new Float64Array(W), done: new Uint8Array(nb) });
  const fill = (a: Across, k: number) => {
    const b = a.row * w;
    for (let x = k * BLOCK, end = Math.min(W, x + BLOCK); x < end; x++) a.values[x] = lum[b + X0[x]] * UX[x] + lum[b + X1[x]] * TX[x];
    a.done[k] = 1;
  };
  const acrossMin = Math.round((tune.across ?? RULE_ACROSS_PT) * pxPerPt * S);
  const downMin = Math.round((tune.down ?? RULE_DOWN_PT) * pxPerPt * S);
  // a run may have gaps of a pixel or two (a thin rule half under the threshold)
  const gap = S + 1;
  let upper = acrossRow();
  let lower = acrossRow();
  // bit 1: ink; bit 2: part of a rule, border or filled box (taken out)
  const ink = new Uint8Array(W * H);
  // the blocks of each row that may hold ink
  const live = new Uint8Array(H * nb);
  const blocks = new Int32Array(nb);
  // the run of ink down each column so far: its first and last row (-1: none)
  const downStart = new Int32Array(W).fill(-1);
  const downLast = new Int32Array(W).fill(-1);
  const endDown = (x: number) => {
    if (downLast[x] + 1 - downStart[x] >= downMin) for (let y = downStart[x], i = y * W + x; y <= downLast[x]; y++, i += W) ink[i] |= 2;
  };
  for (let y = 0; y < H; y++) {
    const [y0, y1, ty] = sample(h, y);
    let nLive = 0;
    for (let k = 0; k < nb; k++) if (darkest[y0 * nb + k] < paper || darkest[y1 * nb + k] < paper) blocks[nLive++] = k;
    if (nLive === 0) continue;
    if (upper.row !== y0) {
      if (lower.row === y0) [upper, lower] = [lower, upper];
      else [upper.row, upper.done] = [y0, upper.done.fill(0)];
    }
    if (lower.row !== y1) [lower.row, lower.done] = [y1, lower.done.fill(0)];
    const top = upper.values;
    const bottom = lower.values;
    const uy = 1 - ty;
    const b = y * W;
    let n = 0;
    for (let j = 0; j < nLive; j++) {
      const k = blocks[j];
      if (!upper.done[k]) fill(upper, k);
      if (!lower.done[k]) fill(lower, k);
      const x0 = k * BLOCK;
      const x1 = Math.min(W, x0 + BLOCK);
      for (let x = x0; x < x1; x++) {
        if (top[x] * uy + bottom[x] * ty < threshold) {
          ink[b + x] = 1;
          n++;
        }
      }
    }
    // a dark bar: turned over (all of it)
    if (n > BAR * W) {
      for (let x = 0; x < W; x++) ink[b + x] ^= 1;
      n = W - n;
      for (let k = 0; k < nb; k++) blocks[k] = k;
      nLive = nb;
    }
    if (n === 0) continue;
    for (let j = 0; j < nLive; j++) live[y * nb + blocks[j]] = 1;
    // runs down: carried on, or ended and marked (gaps of up to `gap` rows joined)
    for (let j = 0; j < nLive; j++) {
      const x0 = blocks[j] * BLOCK;
      const x1 = Math.min(W, x0 + BLOCK);
      for (let x = x0; x < x1; x++) {
        if (!(ink[b + x] & 1)) continue;
        if (downStart[x] < 0 || y - downLast[x] > gap) {
          if (downStart[x] >= 0) endDown(x);
          downStart[x] = y;
        }
        downLast[x] = y;
      }
    }
    // runs across this row (gaps of up to `gap` pixels joined)
    let s = -1;
    let last = -1;
    for (let j = 0; j < nLive; j++) {
      const x0 = blocks[j] * BLOCK;
      const x1 = Math.min(W, x0 + BLOCK);
      for (let x = x0; x < x1; x++) {
        if (!(ink[b + x] & 1)) continue;
        if (s < 0 || x - last > gap) {
          if (s >= 0 && last + 1 - s >= acrossMin) for (let i = b + s; i <= b + last; i++) ink[i] |= 2;
          s = x;
        }
        last = x;
      }
    }
    if (s >= 0 && last + 1 - s >= acrossMin) for (let i = b + s; i <= b + last; i++) ink[i] |= 2;
  }
  for (let x = 0; x < W; x++) if (downStart[x] >= 0) endDown(x);
  const rowBytes = (W + 7) >> 3;
  const head = Buffer.from(`P4\n${W} ${H}\n`);
  const pbm = Buffer.alloc(head.length + rowBytes * H);
  head.copy(pbm);
  for (let y = 0; y < H; y++) {
    const b = y * W;
    for (let k = 0; k < nb; k++) {
      if (!live[y * nb + k]) continue;
      const end = Math.min(W, (k + 1) * BLOCK);
      for (let x0 = k * BLOCK, o = head.length + y * rowBytes + k * (BLOCK >> 3); x0 < end; x0 += 8, o++) {
        let byte = 0;
        for (let x = x0, e = Math.min(end, x0 + 8); x < e; x++) if (ink[b + x] === 1) byte |= 0x80 >> (x - x0);
        pbm[o] = byte;
      }
    }
  }
  return { pbm, width: W, height: H, scale: S };
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
