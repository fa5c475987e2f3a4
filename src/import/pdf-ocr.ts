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

// The work of prepareForOcr is done by the small functions below, each called once a row or once a
// block of a row: V8 optimises a function called thousands of times after a few calls, while one
// large function with the loops inside it is optimised on the fly in the middle of its loops and
// thrown back each time a branch it had not seen yet is taken (six times on the first scan read in a
// process: the first call took four to five times as long as a later one, 0.42 s against 0.09 s).

/** The darkest pixel of the picture each block samples, for each row of the picture. */
function darkestByBlock(lum: Float32Array, w: number, h: number, X0: Int32Array, X1: Int32Array, W: number, nb: number): Float32Array {
  const darkest = new Float32Array(h * nb);
  for (let k = 0; k < nb; k++) {
    const from = X0[k * BLOCK];
    const to = X1[Math.min(W, (k + 1) * BLOCK) - 1];
    for (let y = 0; y < h; y++) darkest[y * nb + k] = darkestIn(lum, y * w + from, y * w + to);
  }
  return darkest;
}

function darkestIn(lum: Float32Array, from: number, to: number): number {
  let m = Infinity;
  for (let i = from; i <= to; i++) if (lum[i] < m) m = lum[i];
  return m;
}

/** A row of the picture interpolated across, for the pixels x0..x1 of a block. */
function interpolateAcross(values: Float64Array, lum: Float32Array, b: number, X0: Int32Array, X1: Int32Array, UX: Float64Array, TX: Float64Array, x0: number, x1: number): void {
  for (let x = x0; x < x1; x++) values[x] = lum[b + X0[x]] * UX[x] + lum[b + X1[x]] * TX[x];
}

/** The pixels x0..x1 of scaled row b that fall under the threshold, interpolated down between two rows across: marked ink, and their x
 *  listed in xs from n on; the new length of the list. */
function thresholdBlock(ink: Uint8Array, b: number, top: Float64Array, bottom: Float64Array, uy: number, ty: number, threshold: number, x0: number, x1: number, xs: Int32Array, n: number): number {
  for (let x = x0; x < x1; x++) {
    if (top[x] * uy + bottom[x] * ty < threshold) {
      ink[b + x] = 1;
      xs[n++] = x;
    }
  }
  return n;
}

/** A dark bar: every pixel of the row turned over; its ink (what was paper) listed in xs; how many. */
function turnOver(ink: Uint8Array, b: number, W: number, xs: Int32Array): number {
  let n = 0;
  for (let x = 0; x < W; x++) if ((ink[b + x] ^= 1)) xs[n++] = x;
  return n;
}

/** A run of ink down a column, ended: marked a rule if it is long enough. */
function endDown(ink: Uint8Array, x: number, W: number, downStart: Int32Array, downLast: Int32Array, downMin: number): void {
  if (downLast[x] + 1 - downStart[x] >= downMin) for (let y = downStart[x], i = y * W + x; y <= downLast[x]; y++, i += W) ink[i] |= 2;
}

/**
 * Row y's ink pixels (xs, in order across): the run of ink down each of their columns carried on, or
 * ended and marked (gaps of up to `gap` rows joined), and the runs of ink across the row, the long
 * ones marked (gaps of up to `gap` pixels joined). Only the ink is visited: a run ends where the next
 * ink of its row or column is further than the gap, or at the end.
 */
function runs(ink: Uint8Array, y: number, W: number, xs: Int32Array, n: number, downStart: Int32Array, downLast: Int32Array, gap: number, downMin: number, acrossMin: number): void {
  const b = y * W;
  let s = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (downStart[x] < 0 || y - downLast[x] > gap) {
      if (downStart[x] >= 0) endDown(ink, x, W, downStart, downLast, downMin);
      downStart[x] = y;
    }
    downLast[x] = y;
    if (s < 0 || x - last > gap) {
      if (s >= 0 && last + 1 - s >= acrossMin) markAcross(ink, b + s, b + last);
      s = x;
    }
    last = x;
  }
  if (s >= 0 && last + 1 - s >= acrossMin) markAcross(ink, b + s, b + last);
}

/** A run of ink across a row, long enough to be a rule: marked. */
function markAcross(ink: Uint8Array, from: number, to: number): void {
  for (let i = from; i <= to; i++) ink[i] |= 2;
}

/** The bits of a block of a scaled row into the PBM: 1 for a pixel with the ink bit alone. Eight pixels
 *  without any mark (two words of `words`, the marks read four at a time) leave their byte 0 (paper). */
function packBlock(pbm: Buffer, o: number, ink: Uint8Array, words: Uint32Array, b: number, x0: number, end: number): void {
  for (; x0 < end; x0 += 8, o++) {
    const e = Math.min(end, x0 + 8);
    if (e - x0 === 8 && ((b + x0) & 3) === 0 && (words[(b + x0) >> 2] | words[((b + x0) >> 2) + 1]) === 0) continue;
    let byte = 0;
    for (let x = x0; x < e; x++) if (ink[b + x] === 1) byte |= 0x80 >> (x - x0);
    pbm[o] = byte;
  }
}

/** The PBM of the scaled picture: a row's blocks that may hold ink packed, 1 for a pixel with the ink bit alone, the rest 0 (paper). */
function packPbm(ink: Uint8Array, live: Uint8Array, W: number, H: number, nb: number): Buffer {
  const rowBytes = (W + 7) >> 3;
  const head = Buffer.from(`P4\n${W} ${H}\n`);
  const pbm = Buffer.alloc(head.length + rowBytes * H);
  head.copy(pbm);
  const words = new Uint32Array(ink.buffer, ink.byteOffset, ink.length >> 2);
  for (let y = 0; y < H; y++) {
    for (let k = 0; k < nb; k++) {
      if (live[y * nb + k]) packBlock(pbm, head.length + y * rowBytes + k * (BLOCK >> 3), ink, words, y * W, k * BLOCK, Math.min(W, (k + 1) * BLOCK));
    }
  }
  return pbm;
}

/** Where pixel k of the scaled picture samples the picture's n pixels (S scaled pixels a pixel): between pixel floor(f) and the next. */
function sampleAt(n: number, k: number, S: number): number {
  return Math.min(n - 1, Math.max(0, (k + 0.5) / S - 0.5));
}

/** The pass down the scaled picture, a row at a time (see prepareForOcr). */
class ScaledRows {
  readonly W: number;
  readonly nb: number;
  /** ink marks a pixel: bit 1 ink, bit 2 part of a rule, border or filled box (taken out) */
  readonly ink: Uint8Array;
  /** the blocks of each row that may hold ink */
  readonly live: Uint8Array;
  readonly blocks: Int32Array;
  /** the x of each ink pixel of the row being worked, in order across */
  readonly xs: Int32Array;
  /** the run of ink down each column so far: its first and last row (-1: none) */
  readonly downStart: Int32Array;
  readonly downLast: Int32Array;
  /** a run may have gaps of a pixel or two (a thin rule half under the threshold) */
  readonly gap: number;
  readonly paper: number;
  // two rows of the picture interpolated across, block by block as rows of the scaled picture need
  // them (kept for the S rows of the scaled picture that use them): the row above and the row below
  upperRow = -1;
  upper: Float64Array;
  upperDone: Uint8Array;
  lowerRow = -1;
  lower: Float64Array;
  lowerDone: Uint8Array;

  constructor(
    readonly lum: Float32Array,
    readonly w: number,
    readonly h: number,
    readonly S: number,
    readonly X0: Int32Array,
    readonly X1: Int32Array,
    readonly UX: Float64Array,
    readonly TX: Float64Array,
    readonly darkest: Float32Array,
    readonly threshold: number,
    readonly acrossMin: number,
    readonly downMin: number,
  ) {
    const W = w * S;
    const H = h * S;
    this.W = W;
    this.nb = Math.ceil(W / BLOCK);
    this.ink = new Uint8Array(W * H);
    this.live = new Uint8Array(H * this.nb);
    this.blocks = new Int32Array(this.nb);
    this.xs = new Int32Array(W);
    this.downStart = new Int32Array(W).fill(-1);
    this.downLast = new Int32Array(W).fill(-1);
    this.gap = S + 1;
    this.paper = threshold + 1;
    this.upper = new Float64Array(W);
    this.upperDone = new Uint8Array(this.nb);
    this.lower = new Float64Array(W);
    this.lowerDone = new Uint8Array(this.nb);
  }

  /**
   * Row y of the scaled picture: interpolated, thresholded (its ink listed as found), turned over if
   * it is a bar, then the runs of ink across and down found in one pass over the listed ink, not two
   * over every pixel of the live blocks. Its own loops are in the functions it calls (on the first scan
   * of a process V8 compiled a row() holding them twice, 60-120 ms each on a busy machine).
   */
  row(y: number): void {
    const fy = sampleAt(this.h, y, this.S);
    const y0 = Math.floor(fy);
    const y1 = Math.min(this.h - 1, y0 + 1);
    const ty = fy - y0;
    const nb = this.nb;
    let nLive = liveBlocks(this.darkest, y0 * nb, y1 * nb, nb, this.paper, this.blocks);
    if (nLive === 0) return;
    this.sourceRows(y0, y1);
    const W = this.W;
    let n = thresholdRow(this, y * W, 1 - ty, ty, nLive);
    // a dark bar: turned over (all of it)
    if (n > BAR * W) {
      n = turnOver(this.ink, y * W, W, this.xs);
      nLive = allBlocks(this.blocks, nb);
    }
    if (n === 0) return;
    markLive(this.live, y * nb, this.blocks, nLive);
    runs(this.ink, y, W, this.xs, n, this.downStart, this.downLast, this.gap, this.downMin, this.acrossMin);
  }

  /** The rows of the picture above (y0) and below (y1) the scaled row: kept from the last row where they are the same. */
  sourceRows(y0: number, y1: number): void {
    if (this.upperRow !== y0) {
      if (this.lowerRow === y0) {
        const values = this.upper;
        const done = this.upperDone;
        this.upper = this.lower;
        this.upperDone = this.lowerDone;
        this.upperRow = y0;
        this.lower = values;
        this.lowerDone = done;
        this.lowerRow = -1;
      } else {
        this.upperRow = y0;
        this.upperDone.fill(0);
      }
    }
    if (this.lowerRow !== y1) {
      this.lowerRow = y1;
      this.lowerDone.fill(0);
    }
  }
}

/** The blocks of a scaled row that may hold ink: those whose darkest pixel, in the picture's row above (at a) or below (at b), is not paper; how many. */
function liveBlocks(darkest: Float32Array, a: number, b: number, nb: number, paper: number, blocks: Int32Array): number {
  let n = 0;
  for (let k = 0; k < nb; k++) if (darkest[a + k] < paper || darkest[b + k] < paper) blocks[n++] = k;
  return n;
}

/** Every block of a row (a dark bar's); how many. */
function allBlocks(blocks: Int32Array, nb: number): number {
  for (let k = 0; k < nb; k++) blocks[k] = k;
  return nb;
}

function markLive(live: Uint8Array, at: number, blocks: Int32Array, nLive: number): void {
  for (let j = 0; j < nLive; j++) live[at + blocks[j]] = 1;
}

/** The live blocks of the scaled row starting at b: the picture's rows above and below interpolated across where not done yet, then thresholded between them; the count of ink, listed in r.xs. */
function thresholdRow(r: ScaledRows, b: number, uy: number, ty: number, nLive: number): number {
  const { blocks, upper, lower, upperDone, lowerDone, lum, w, X0, X1, UX, TX, ink, W, xs, threshold } = r;
  const above = r.upperRow * w;
  const below = r.lowerRow * w;
  let n = 0;
  for (let j = 0; j < nLive; j++) {
    const k = blocks[j];
    const x0 = k * BLOCK;
    const x1 = Math.min(W, x0 + BLOCK);
    if (!upperDone[k]) {
      interpolateAcross(upper, lum, above, X0, X1, UX, TX, x0, x1);
      upperDone[k] = 1;
    }
    if (!lowerDone[k]) {
      interpolateAcross(lower, lum, below, X0, X1, UX, TX, x0, x1);
      lowerDone[k] = 1;
    }
    n = thresholdBlock(ink, b, upper, lower, uy, ty, threshold, x0, x1, xs, n);
  }
  return n;
}

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
  // where each pixel of the scaled picture samples the picture across (the same for every row)
  const X0 = new Int32Array(W);
  const X1 = new Int32Array(W);
  const TX = new Float64Array(W);
  const UX = new Float64Array(W);
  for (let x = 0; x < W; x++) {
    const f = sampleAt(w, x, S);
    const a = Math.floor(f);
    X0[x] = a;
    X1[x] = Math.min(w - 1, a + 1);
    TX[x] = f - a;
    UX[x] = 1 - TX[x];
  }
  const nb = Math.ceil(W / BLOCK);
  const darkest = darkestByBlock(lum, w, h, X0, X1, W, nb);
  const acrossMin = Math.round((tune.across ?? RULE_ACROSS_PT) * pxPerPt * S);
  const downMin = Math.round((tune.down ?? RULE_DOWN_PT) * pxPerPt * S);
  const rows = new ScaledRows(lum, w, h, S, X0, X1, UX, TX, darkest, threshold, acrossMin, downMin);
  for (let y = 0; y < H; y++) rows.row(y);
  const { ink, live, downStart, downLast } = rows;
  for (let x = 0; x < W; x++) if (downStart[x] >= 0) endDown(ink, x, W, downStart, downLast, downMin);
  const pbm = packPbm(ink, live, W, H, nb);
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

/** The programs found to run, so a process that reads several scans asks once (a missing one is asked again). */
const found = new Set<string>();

/** Is the program there? (run with --version) */
export function hasProgram(command: string): boolean {
  if (found.has(command)) return true;
  const r = spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 20_000 });
  if (r.error || r.status !== 0) return false;
  found.add(command);
  return true;
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
