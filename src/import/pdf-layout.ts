// Finds the salary grids in the text of a PDF, from the positions of the printed words alone.
// Pure: pages of positioned text in, ImportedGrid[] out (or a PdfLayoutError naming the page and the
// text that could not be read with confidence). No PDF library here: src/import/pdf.ts reads the file.
//
// What a grid is here: rows led by a step label ("1", "12", "L1"), each with amounts ("$54,404",
// "52,658", "289.02") standing in columns; the columns are found from where the amounts stand (right
// edges or centres in line), the classes from the header lines printed above them. Every amount must
// stand in a column; an amount or word out of line inside the grid refuses the page (never a guess),
// except a labelled figure printed beside the grid ("*SWAP 46.54"), which becomes a note.
import Big from 'big.js';
import { formatCents, parseCents } from '../core/money';
import type { CellSource, GridCell, GridClass, GridStep, ImportedGrid } from './grid';

/** One run of text as the PDF places it: x from the left, y of the baseline from the bottom (PDF units). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PdfPageText {
  /** 1-based */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

/** The layout cannot be read with confidence: the message names the page and the text. */
export class PdfLayoutError extends Error {
  constructor(
    message: string,
    readonly page?: number,
  ) {
    super(message);
    this.name = 'PdfLayoutError';
  }
}

// ---------------------------------------------------------------------------------------------
// tokens

interface Tok {
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
  kind: 'money' | 'label' | 'blank' | 'word';
  /** money: the decimal text without $ and separators */
  value?: string;
  /** label: the step number */
  step?: number;
  /** money: a footnote mark printed after it */
  mark?: string;
}
const cx = (t: { x0: number; x1: number }) => (t.x0 + t.x1) / 2;

const MONEY_RE = /^(\$\s?)?((?:\d{1,3}(?:,\d{3})+)|\d+)(\.\d{2})?\s?([*†‡¹²³⁴⁵]+|\(\d\))?$/;
const LABEL_RE = /^(?:step\s*)?([A-Za-z]?)(\d{1,2})(\+?)$/i;
const BLANK_RE = /^(?:-{1,3}|–|—|n\/a|na|none)$/i;

function classify(text: string): Pick<Tok, 'kind' | 'value' | 'step' | 'mark'> {
  const m = MONEY_RE.exec(text);
  if (m) {
    const [, dollar, int, cents, mark] = m;
    const digits = int.replace(/,/g, '');
    const punctuated = !!dollar || int.includes(',') || !!cents;
    if (punctuated || digits.length >= 3) {
      return { kind: 'money', value: digits.replace(/^0+(?=\d)/, '') + (cents ?? ''), mark: mark || undefined };
    }
  }
  const l = LABEL_RE.exec(text);
  if (l && (l[1] === '' || /^[LS]$/i.test(l[1]))) return { kind: 'label', step: Number(l[2]) };
  if (BLANK_RE.test(text)) return { kind: 'blank' };
  return { kind: 'word' };
}

interface Line {
  y: number;
  h: number;
  toks: Tok[];
  text: string;
}

/** Items to tokens (runs on one baseline that touch are one token; a lone "$" joins the amount after it), then lines. */
export function pageLines(items: PdfTextItem[]): Line[] {
  const its = items
    // private-use glyphs (bullets drawn from a symbol font) carry no text
    .map((i) => ({ ...i, str: i.str.replace(/[\uE000-\uF8FF\u2022\u25AA\u25CF]/g, ' ').replace(/\s+/g, ' ') }))
    .filter((i) => i.str.trim() !== '')
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; items: PdfTextItem[] }[] = [];
  for (const it of its) {
    const h = it.h > 0 ? it.h : 10;
    const near = lines.find((l) => Math.abs(l.y - it.y) <= 0.35 * Math.max(h, l.h));
    if (near) {
      near.items.push(it);
      near.h = Math.max(near.h, h);
    } else lines.push({ y: it.y, h, items: [it] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((l) => {
    const sorted = l.items.sort((a, b) => a.x - b.x);
    const runs: { text: string; x0: number; x1: number }[] = [];
    for (const it of sorted) {
      const last = runs[runs.length - 1];
      const gap = last ? it.x - last.x1 : Infinity;
      if (last && gap >= -0.5 && gap <= Math.max(0.8, 0.12 * l.h)) {
        last.text += (gap > 0.2 * l.h ? ' ' : '') + it.str;
        last.x1 = Math.max(last.x1, it.x + it.w);
      } else runs.push({ text: it.str, x0: it.x, x1: it.x + it.w });
    }
    const toks: Tok[] = [];
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i];
      const text = r.text.trim();
      const next = runs[i + 1];
      // "$" printed at the left of the cell and the amount at its right (an accounting format)
      if (text === '$' && next && classify(next.text.trim()).kind !== 'word') {
        next.text = `$ ${next.text.trim()}`;
        continue;
      }
      toks.push({ text, x0: r.x0, x1: r.x1, y: l.y, h: l.h, ...classify(text) });
    }
    return { y: l.y, h: l.h, toks, text: toks.map((t) => t.text).join(' ') };
  });
}

// ---------------------------------------------------------------------------------------------
// rows and lanes

interface Row {
  page: number;
  /** the line(s) it came from (index into the page's lines) */
  lineIdx: number[];
  y: number;
  h: number;
  label: Tok;
  toks: Tok[];
}

interface Lane {
  /** the step-label column: rows start with a label at about this x */
  labelX1: number;
  rows: Row[];
}

const numberOf = (t: Tok) => t.step!;

/**
 * The rows of a page, split into lanes: a schedule printed beside another repeats the step label
 * between them ("1 | 289.02 ... | 1 | 483.47"); each repeated label starts a lane of its own.
 */
function pageRows(page: number, lines: Line[], skip: Set<number>): { lanes: Lane[]; used: Set<number> } {
  const used = new Set<number>(skip);
  const raw: { row: Row; seps: Tok[] }[] = [];
  const labelOnly = new Map<number, Tok>();
  lines.forEach((l, i) => {
    if (l.toks.length === 1 && l.toks[0].kind === 'label' && !skip.has(i)) labelOnly.set(i, l.toks[0]);
  });
  lines.forEach((l, i) => {
    if (skip.has(i)) return;
    const money = l.toks.filter((t) => t.kind === 'money');
    if (!money.length) return;
    let label: Tok | undefined;
    let rest = l.toks;
    const lineIdx = [i];
    if (l.toks[0].kind === 'label' && l.toks[0].x1 <= money[0].x0) {
      label = l.toks[0];
      rest = l.toks.slice(1);
    } else if (l.toks[0].kind === 'money') {
      // the step label printed on its own baseline, a little above or below the amounts
      let best: number | undefined;
      for (const [j, t] of labelOnly) {
        const d = Math.abs(lines[j].y - l.y);
        if (d <= 1.1 * l.h && t.x1 <= money[0].x0 && (best === undefined || d < Math.abs(lines[best].y - l.y))) best = j;
      }
      if (best !== undefined) {
        label = labelOnly.get(best)!;
        labelOnly.delete(best);
        lineIdx.push(best);
      }
    }
    if (!label) return;
    // a word before the amounts that is not a label: prose with a figure, not a grid row
    const firstMoney = rest.findIndex((t) => t.kind === 'money');
    if (rest.slice(0, firstMoney).some((t) => t.kind === 'word' && t.x1 < money[0].x0 - 1 && !rest.slice(firstMoney).some((u) => u.kind === 'money'))) return;
    const seps = rest.filter((t, k) => t.kind === 'label' && t.text === label!.text && k > firstMoney - 1);
    lineIdx.forEach((k) => used.add(k));
    raw.push({ row: { page, lineIdx, y: l.y, h: l.h, label, toks: rest.filter((t) => !seps.includes(t)) }, seps });
  });
  // lanes: the x of each repeated label, clustered over the rows
  const sepXs: number[] = [];
  for (const { seps } of raw) for (const s of seps) if (!sepXs.some((x) => Math.abs(x - s.x1) < 2 * s.h)) sepXs.push(s.x1);
  sepXs.sort((a, b) => a - b);
  const lanes: Lane[] = [{ labelX1: -Infinity, rows: [] }, ...sepXs.map((x) => ({ labelX1: x, rows: [] as Row[] }))];
  for (const { row, seps } of raw) {
    const bounds = [-Infinity, ...seps.map((s) => s.x0), Infinity];
    const starts = [row.label, ...seps];
    for (let k = 0; k < starts.length; k++) {
      const toks = row.toks.filter((t) => cx(t) > bounds[k] && cx(t) < bounds[k + 1]);
      if (!toks.some((t) => t.kind === 'money')) continue;
      const lane = k === 0 ? lanes[0] : lanes.find((ln) => Math.abs(ln.labelX1 - starts[k].x1) < 2 * starts[k].h)!;
      lane.rows.push({ ...row, label: starts[k], toks });
    }
  }
  // longevity steps printed after the numbered ones ("10", then "L1", "L2"): numbered on from the
  // last numbered step (L1 after step 10 is step 11), the printed label kept
  for (const lane of lanes) {
    let last: number | undefined;
    let prev: Tok | undefined;
    for (const r of lane.rows) {
      const prefixed = /^(?:step\s*)?[LS]/i.test(r.label.text);
      if (prefixed && prev && prev.text === r.label.text) r.label.step = prev.step;
      else if (prefixed && last !== undefined && r.label.step! <= last) r.label.step = last + 1;
      last = r.label.step;
      prev = r.label;
    }
  }
  return { lanes: lanes.filter((l) => l.rows.length), used };
}

// ---------------------------------------------------------------------------------------------
// header lines

const TITLE_RE = /salary schedule|salary scale|board approv|\badopted\b|day contract|work year|\beffective\b|school year|based on|\bnote\b|school district|county office|^\s*(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\s*$/i;
const BASIS_RE = /^(annual|annually|yearly|daily|day|hourly|hour|per day|per hour|daily rate|hourly rate|annual salary)$/i;
/** class labels, most telling first: "Class X", "Column I"; "IV"; "3", "B", "CL1" */
const CLASS_LABEL_RES = [/^(?:class|column|col\.?|range)\s+\S{1,6}$/i, /^[IVX]{1,5}$/, /^(?:\d{1,2}|[A-Z]|CL\s?\d{1,2})$/];
const isClassLabel = (s: string) => CLASS_LABEL_RES.some((r) => r.test(s));
/**
 * A sentence, not a heading: as one run of text, or as many words (OCR gives each word apart) with
 * at least four different lower-case words ("of 185 days" over every class is a heading).
 */
const isProse = (l: Line) =>
  l.toks.some((t) => t.kind === 'word' && (t.text.split(' ').length >= 8 || (/[a-z]{3,}.*\.$/.test(t.text) && t.text.split(' ').length >= 5))) ||
  ((words) => words.length >= 8 && new Set(words.filter((w) => /^[a-z]{2,}[.,;:]?$/.test(w)).map((w) => w.replace(/[.,;:]$/, ''))).size >= 4)(l.toks.map((t) => t.text).join(' ').split(' '));

function basisOf(text: string): 'annual' | 'daily' | 'hourly' {
  return /dai|day/i.test(text) ? 'daily' : /hour/i.test(text) ? 'hourly' : 'annual';
}

// ---------------------------------------------------------------------------------------------
// one block of rows to one grid

interface Column {
  x0: number;
  x1: number;
  /** how the amounts line up: by right edge (most tables), centre, or left edge */
  align: 'right' | 'center' | 'left';
  at: number;
  tol: number;
  basis?: 'annual' | 'daily' | 'hourly';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function aligned(t: Tok, c: Column): boolean {
  const x = c.align === 'right' ? t.x1 : c.align === 'left' ? t.x0 : cx(t);
  return Math.abs(x - c.at) <= c.tol;
}

function columnOf(members: Tok[], x0: number, x1: number, minTol: number): Column {
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const modes = [
    { align: 'right' as const, xs: members.map((t) => t.x1) },
    { align: 'center' as const, xs: members.map(cx) },
    { align: 'left' as const, xs: members.map((t) => t.x0) },
  ].map((m) => ({ ...m, spread: median(m.xs.map((x) => Math.abs(x - median(m.xs)))) + spread(m.xs) / 100 }));
  const best = modes.reduce((a, b) => (b.spread < a.spread - 0.5 ? b : a));
  const at = median(best.xs);
  const mad = median(best.xs.map((x) => Math.abs(x - at)));
  return { x0, x1, align: best.align, at, tol: Math.max(minTol, 1 + 2 * mad) };
}

interface BuildCtx {
  file: string;
  page: PdfPageText;
  lines: Line[];
  usedLines: Set<number>;
  /** y of the lowest row of the block above (same lane) on this page, or the page top */
  ceiling: number;
  laneX0: number;
  laneX1: number;
}

export interface PendingGrid {
  grid: ImportedGrid;
  page: number;
  /** y of the topmost header line: the title is what stands above it */
  top: number;
  /** per class: the work days its header prints ("185 days") */
  classDays: (number | undefined)[];
  /** the lines of this grid's page that belong to it (rows, headers, notes between rows) */
  lines: Set<number>;
}

function src(file: string, page: number, t: Tok): CellSource {
  return { file, page, text: t.text };
}

function buildGrid(rows: Row[], ctx: BuildCtx): PendingGrid {
  const { file, lines } = ctx;
  const pageNo = ctx.page.page;
  const where = (r: Row) => `${file} page ${pageNo}, step ${r.label.text}`;
  const notes: string[] = [];
  const gridLines = new Set<number>();
  for (const r of rows) r.lineIdx.forEach((i) => gridLines.add(i));

  // alternating lines: each step printed twice (one line of daily rates, one of annual salaries)
  let alternating = false;
  const sameNext = rows.filter((r, i) => i + 1 < rows.length && rows[i + 1].label.text === r.label.text).length;
  if (sameNext > 0) {
    if (rows.length % 2 !== 0 || sameNext !== rows.length / 2 || rows.some((r, i) => i % 2 === 1 && rows[i - 1].label.text !== r.label.text)) {
      const r = rows.find((r, i) => i + 1 < rows.length && rows[i + 1].label.text === r.label.text)!;
      throw new PdfLayoutError(`${where(r)}: the step is printed on more lines than the others ("${r.label.text}" twice where the other steps are printed once); the layout cannot be read with confidence`, pageNo);
    }
    alternating = true;
  }

  // columns: where the amounts stand, from rows with nothing else on them
  const clean = rows.filter((r) => r.toks.every((t) => t.kind === 'money' || t.kind === 'blank'));
  const base = (clean.length ? clean : rows).flatMap((r) => r.toks.filter((t) => t.kind === 'money'));
  const iv = base.map((t) => [t.x0, t.x1] as const).sort((a, b) => a[0] - b[0]);
  const spans: [number, number][] = [];
  for (const [a, b] of iv) {
    const last = spans[spans.length - 1];
    if (last && a < last[1] - 0.5) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  const tol = Math.max(2.5, 0.3 * median(rows.map((r) => r.h)));
  const cols: Column[] = spans.map(([a, b]) => columnOf(base.filter((t) => t.x0 >= a - 0.01 && t.x1 <= b + 0.01), a, b, tol));
  for (const t of base) {
    if (!cols.some((c) => aligned(t, c))) {
      const r = rows.find((r) => r.toks.includes(t))!;
      throw new PdfLayoutError(`${where(r)}: "${t.text}" stands out of line with the column of amounts above and below it; the layout cannot be read with confidence`, pageNo);
    }
  }

  // every token of every row into its column, or beside the grid
  const cellsOf: (Tok | null)[][] = [];
  const beside: string[] = [];
  for (const r of rows) {
    const line: (Tok | null)[] = cols.map(() => null);
    const stray = r.toks.filter((t) => !cols.some((c) => aligned(t, c)));
    const strayWords = stray.filter((t) => t.kind === 'word');
    for (const t of r.toks) {
      if (stray.includes(t)) continue;
      const k = cols.findIndex((c) => aligned(t, c));
      if (t.kind === 'word' || t.kind === 'label') {
        throw new PdfLayoutError(`${where(r)}: "${t.text}" stands in the grid where an amount or a blank belongs; the layout cannot be read with confidence`, pageNo);
      }
      if (line[k]) throw new PdfLayoutError(`${where(r)}: two amounts ("${line[k]!.text}" and "${t.text}") stand in one column; the layout cannot be read with confidence`, pageNo);
      line[k] = t;
    }
    if (stray.some((t) => t.kind === 'money') && !strayWords.length) {
      const t = stray.find((t) => t.kind === 'money')!;
      throw new PdfLayoutError(`${where(r)}: "${t.text}" stands out of line with the columns of the grid; the layout cannot be read with confidence`, pageNo);
    }
    if (stray.length) beside.push(stray.map((t) => t.text).join(' '));
    cellsOf.push(line);
  }
  if (beside.length) notes.push(`Printed beside the grid on page ${pageNo} (not part of it): ${beside.join('; ')}`);

  // header lines above the first row, nearest first
  const firstRow = rows[0];
  const pitch = rows.length > 1 ? median(rows.slice(1).map((r, i) => rows[i].y - r.y).filter((d) => d > 0)) || firstRow.h * 2 : firstRow.h * 2;
  const rowPitch = alternating ? pitch * 2 : pitch;
  const header: Line[] = [];
  const firstIdx = Math.min(...firstRow.lineIdx);
  let prevY = Math.max(...firstRow.lineIdx.map((i) => lines[i].y));
  for (let i = firstIdx - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.y <= prevY + 0.01) continue;
    if (l.y >= ctx.ceiling) break;
    if (ctx.usedLines.has(i)) break;
    const toks = l.toks.filter((t) => cx(t) > ctx.laneX0 && cx(t) < ctx.laneX1);
    if (!toks.length) continue;
    if (l.y - prevY > Math.max(2.2 * rowPitch, 3 * l.h)) break;
    const lane: Line = { ...l, toks, text: toks.map((t) => t.text).join(' ') };
    if (TITLE_RE.test(lane.text) || isProse(lane)) break;
    // steps listed but not priced ("1,2,3  Reserved  Reserved ..."), between the headings and the
    // first priced step: not a heading; said in a note
    if (/^\d{1,2}(?:\s*[,&-]\s*\d{1,2})+$|^\d{1,2}\s*(?:-|–|to|thru)\s*\d{1,2}$/i.test(toks[0].text) && toks[0].x0 < firstRow.label.x1 + firstRow.h) {
      notes.push(`Printed above the first priced step on page ${pageNo}, read as no amounts for those steps: "${lane.text}"`);
      gridLines.add(i);
      prevY = l.y;
      continue;
    }
    header.unshift(lane);
    gridLines.add(i);
    prevY = l.y;
  }

  // the basis of each column, from a line of "Annual", "Daily"
  const basisLine = header.find((l) => l.toks.some((t) => BASIS_RE.test(t.text)) && l.toks.every((t) => BASIS_RE.test(t.text) || t.x1 < cols[0].x0 - 1));
  if (basisLine) {
    // each word over the column it stands over, or else the nearest (a heading centred over a
    // column of right-aligned amounts may stand a little left of them), never one shared
    const gapOf = cols.length > 1 ? median(cols.slice(1).map((c, k) => cx(c) - cx(cols[k]))) : Infinity;
    for (const t of basisLine.toks) {
      if (!BASIS_RE.test(t.text)) continue;
      let k = cols.findIndex((c) => cx(t) >= c.x0 - tol && cx(t) <= c.x1 + tol);
      if (k < 0) {
        const near = cols.map((c, j) => [Math.abs(cx(t) - cx(c)), j] as const).sort((x, y) => x[0] - y[0])[0];
        if (near && near[0] < 0.45 * gapOf) k = near[1];
      }
      if (k >= 0 && !cols[k].basis) cols[k].basis = basisOf(t.text);
    }
    const missing = cols.findIndex((c) => !c.basis);
    if (missing >= 0) throw new PdfLayoutError(`${file} page ${pageNo}: the column of amounts at "${cellsOf.flat().find((t, i) => t && i % cols.length === missing)?.text}" has no "Annual" or "Daily" over it where the others have one; the layout cannot be read with confidence`, pageNo);
  }
  // classes: one column each, or a group of an annual column and the daily/hourly beside it
  const groups: number[][] = [];
  for (let k = 0; k < cols.length; k++) {
    const g = groups[groups.length - 1];
    const b = cols[k].basis;
    if (b && g && !g.some((j) => cols[j].basis === b)) g.push(k);
    else groups.push([k]);
  }
  for (const g of groups) {
    if (basisLine && !g.some((j) => cols[j].basis === 'annual')) {
      throw new PdfLayoutError(`${file} page ${pageNo}: a class has ${g.map((j) => cols[j].basis).join(' and ')} rates but no annual salaries over "${basisLine.text}"; the layout cannot be read with confidence`, pageNo);
    }
  }
  const labelX1 = Math.max(...rows.map((r) => r.label.x1));
  const bounds = groups.map((g, i) => {
    const x0 = cols[g[0]].x0;
    const x1 = cols[g[g.length - 1]].x1;
    const prev = i > 0 ? cols[groups[i - 1][groups[i - 1].length - 1]].x1 : labelX1;
    const next = i + 1 < groups.length ? cols[groups[i + 1][0]].x0 : ctx.laneX1;
    const w = Math.min(...g.map((j) => cols[j].x1 - cols[j].x0));
    return { lo: Math.max((prev + x0) / 2, x0 - 0.75 * w), hi: Math.min(next === Infinity ? Infinity : (x1 + next) / 2, x1 + 0.75 * w), c: (x0 + x1) / 2 };
  });
  const classToks: Tok[][] = groups.map(() => []);
  const rowHead: string[] = [];
  let name: string | undefined;
  header.forEach((l, li) => {
    for (const t of l.toks) {
      const covers = bounds.filter((b) => t.x0 <= b.c && t.x1 >= b.c).length;
      if (covers >= 2 || (groups.length === 1 && li === 0 && l.toks.length === 1 && header.length > 1 && !isClassLabel(t.text) && cx(t) > bounds[0].lo)) {
        if (li === 0 && l.toks.length === 1 && name === undefined) name = t.text;
        else notes.push(`A heading over several classes on page ${pageNo}: "${t.text}"`);
        continue;
      }
      const k = bounds.findIndex((b) => cx(t) >= b.lo && cx(t) < b.hi);
      if (k >= 0) classToks[k].push(t);
      else if (t.x1 < bounds[0].lo + 0.25 * (bounds[0].c - bounds[0].lo) && cx(t) > labelX1 - 4 * t.h) rowHead.push(t.text);
    }
  });
  const classDays: (number | undefined)[] = [];
  const classes: GridClass[] = groups.map((_g, i) => {
    const toks = classToks[i].filter((t) => !BASIS_RE.test(t.text));
    const labelTok = CLASS_LABEL_RES.map((re) => toks.find((t) => re.test(t.text))).find((t) => t);
    const label = labelTok?.text ?? (toks.map((t) => t.text).join(' ') || `column ${i + 1}`);
    // the label is the whole header when no part of it reads as a class label
    const rest = labelTok ? toks.filter((t) => t.text !== label).map((t) => t.text) : [];
    const headerText = [label, ...rest].join(' ');
    const days = /(\d{3})[\s-]*(?:work\s*)?days?\b/i.exec(headerText);
    classDays.push(days ? Number(days[1]) : undefined);
    return headerText !== label ? { label, header: headerText } : { label };
  });
  // one class a grid whose only heading is its work year ("196 Days") under the grid's name
  // ("BACHELORS", one class a page): the name is the class
  if (classes.length === 1 && name && /^\d{3}[\s-]*(?:work\s*)?days?$/i.test(classes[0].label)) classes[0] = { label: name, header: `${name} ${classes[0].header ?? classes[0].label}` };
  const dup = classes.find((c, i) => classes.findIndex((d) => d.label === c.label) !== i);
  if (dup) throw new PdfLayoutError(`${file} page ${pageNo}: two classes are both labelled "${dup.label}"; the layout cannot be read with confidence`, pageNo);
  for (const c of classes) {
    if (/[*†‡¹²³]/.test(c.header ?? c.label)) notes.push(`Class ${c.label}: its heading carries a footnote mark ("${c.header ?? c.label}"); read the footnote on the page`);
  }

  // steps and values
  const byYears = /year/i.test(rowHead.join(' '));
  const steps: GridStep[] = [];
  const values: (GridCell | null)[][] = [];
  const daily: (GridCell | null)[][] = [];
  const hourly: (GridCell | null)[][] = [];
  const zeros: string[] = [];
  const marks: string[] = [];
  let dailyFirst: boolean | undefined;
  const cell = (t: Tok | null, r: Row, ci: number): GridCell | null => {
    if (!t || t.kind === 'blank') return null;
    if (/^0*(?:\.0*)?$/.test(t.value!)) {
      const z = `${classes[ci].label} step ${r.label.text}`;
      if (!zeros.includes(z)) zeros.push(z);
      return null;
    }
    if (t.mark) marks.push(`"${t.text}" (${classes[ci].label}, step ${r.label.text})`);
    return { value: t.value!, source: src(file, pageNo, t) };
  };
  const stepRows = alternating ? rows.filter((_, i) => i % 2 === 0) : rows;
  stepRows.forEach((r, si) => {
    const prev = steps[steps.length - 1];
    const n = numberOf(r.label);
    if (prev && n <= prev.step) {
      throw new PdfLayoutError(`${where(r)}: step "${r.label.text}" follows step "${prev.label}"; the steps must increase down the page`, pageNo);
    }
    steps.push(byYears ? { label: r.label.text, step: n, years: n } : { label: r.label.text, step: n });
    if (alternating) {
      const a = cellsOf[2 * si];
      const b = cellsOf[2 * si + 1];
      const sa = a.reduce((s, t) => (t?.value ? s.plus(t.value) : s), new Big(0));
      const sb = b.reduce((s, t) => (t?.value ? s.plus(t.value) : s), new Big(0));
      if (!sa.eq(sb) || !sa.eq(0)) {
        const thisDailyFirst = sa.lt(sb);
        if (dailyFirst === undefined) dailyFirst = thisDailyFirst;
        else if (dailyFirst !== thisDailyFirst) {
          throw new PdfLayoutError(`${where(r)}: the two lines of this step are in the other order (daily and annual) than the lines above; the layout cannot be read with confidence`, pageNo);
        }
      }
      const [d, an] = dailyFirst === false ? [b, a] : [a, b];
      values.push(groups.map((g, ci) => cell(an[g[0]], r, ci)));
      daily.push(groups.map((g, ci) => cell(d[g[0]], r, ci)));
    } else {
      const line = cellsOf[si];
      const pick = (basis: 'annual' | 'daily' | 'hourly') => groups.map((g, ci) => {
        const k = g.find((j) => (cols[j].basis ?? 'annual') === basis);
        return k === undefined ? null : cell(line[k], r, ci);
      });
      values.push(pick('annual'));
      if (basisLine) {
        daily.push(pick('daily'));
        hourly.push(pick('hourly'));
      }
    }
  });
  if (zeros.length) notes.push(`Printed as 0.00 and read as no such step: ${zeros.join(', ')}`);
  if (marks.length) notes.push(`Amounts with a footnote mark (the mark is not part of the amount; read the footnote): ${marks.join(', ')}`);
  // a step with no amount in any class (every cell blank or 0.00) is no step at all: left out, said
  const empty: string[] = [];
  for (let si = steps.length - 1; si >= 0; si--) {
    if (values[si].every((v) => v === null) && (!daily[si] || daily[si].every((v) => v === null)) && (!hourly[si] || hourly[si].every((v) => v === null))) {
      empty.unshift(steps[si].label);
      for (const a of [steps, values, daily, hourly]) if (a.length > si) a.splice(si, 1);
    }
  }
  if (empty.length) notes.push(`${byYears ? 'Years' : 'Steps'} ${empty.join(', ')} print no amount in any class: left out of the grid`);

  // lines between the rows of the grid: notes (increments written as sentences, bands)
  const lastIdx = Math.max(...rows[rows.length - 1].lineIdx);
  for (let i = firstIdx; i <= lastIdx; i++) {
    if (gridLines.has(i)) continue;
    const l = lines[i];
    const toks = l.toks.filter((t) => cx(t) > ctx.laneX0 && cx(t) < ctx.laneX1);
    if (!toks.length) continue;
    gridLines.add(i);
    const text = toks.map((t) => t.text).join(' ');
    if (/^\S{1,3}$/.test(text)) continue;
    notes.push(
      NOTE_INCREMENT_RE.test(text)
        ? `Written inside the grid on page ${pageNo}, increments as a sentence (encode them by hand; not read into the grid): "${text}"`
        : `Printed inside the grid on page ${pageNo}: "${text}"`,
    );
  }

  const anyDaily = daily.some((r) => r.some((c) => c));
  const anyHourly = hourly.some((r) => r.some((c) => c));
  const grid: ImportedGrid = {
    ...(name ? { name } : {}),
    basis: 'annual',
    classes,
    steps,
    values,
    ...(anyDaily ? { daily } : {}),
    ...(anyHourly ? { hourly } : {}),
    title: [],
    meta: {},
    notes,
  };
  const top = header.length ? header[0].y : firstRow.y;
  return { grid, page: pageNo, top, classDays, lines: gridLines };
}

// ---------------------------------------------------------------------------------------------
// classes as rows: the steps printed across the top ("Step 1  Step 2 ..." or "1  2  3 ..."), one
// line per class down the side ("Class I  $50,000  $51,000 ..."). Read as such only with evidence
// that the side holds classes, not steps: side labels that are not step numbers ("I", "BA+30",
// "Class A"), or "Step" printed with the numbers across.

const YEARS_HEAD_RE = /\b(?:years?|yrs?\.?)\b/i;

/** A line of increasing step numbers (at least 3), after any words at its left: the steps across. */
function stepsAcross(l: Line): { steps: Tok[]; lead: Tok[]; stepWord: boolean } | undefined {
  const toks: Tok[] = [];
  for (let i = 0; i < l.toks.length; i++) {
    const t = l.toks[i];
    const n = l.toks[i + 1];
    // "Step" and its number as two runs: one token "Step 3"
    if (/^step$/i.test(t.text) && n && n.kind === 'label' && n.x0 - t.x1 < 0.8 * l.h) {
      const text = `${t.text} ${n.text}`;
      toks.push({ ...n, text, x0: t.x0, ...classify(text) });
      i++;
    } else toks.push(t);
  }
  const first = toks.findIndex((t) => t.kind === 'label');
  if (first < 0) return undefined;
  const steps = toks.slice(first);
  if (steps.length < 3 || steps.some((t, i) => t.kind !== 'label' || (i > 0 && t.step! <= steps[i - 1].step!))) return undefined;
  return { steps, lead: toks.slice(0, first), stepWord: steps.some((t) => /^step/i.test(t.text)) };
}

interface ClassRow {
  idx: number[];
  y: number;
  label: Tok[];
  cells: Tok[];
  /** a "Daily" or "Hourly" line under the class's line */
  basis?: 'daily' | 'hourly';
  header: string[];
}

/** The classes-as-rows grids of a page, and the lines they take (pure; PdfLayoutError where unsure). */
function classesAsRows(file: string, page: PdfPageText, lines: Line[]): { pending: PendingGrid[]; used: Set<number> } {
  const used = new Set<number>();
  const pending: PendingGrid[] = [];
  const pageNo = page.page;
  for (let hi = 0; hi < lines.length; hi++) {
    const head = stepsAcross(lines[hi]);
    if (!head || used.has(hi)) continue;
    const h = lines[hi].h;
    const pitchAcross = median(head.steps.slice(1).map((t, i) => cx(t) - cx(head.steps[i])));
    const gridX0 = cx(head.steps[0]) - 0.6 * pitchAcross;
    // the lines under the steps: class lines (a label, then amounts), their Daily lines, and the
    // words that continue a class's label on the next line
    const rows: ClassRow[] = [];
    const taken = [hi];
    let lastY = lines[hi].y;
    const notes: string[] = [];
    // the first thing that cannot be read with confidence: refused only once the lines are known to be classes
    let problem: string | undefined;
    for (let i = hi + 1; i < lines.length; i++) {
      const l = lines[i];
      if (stepsAcross(l)) break;
      const pitch = rows.length > 1 ? (rows[0].y - rows[rows.length - 1].y) / (rows.length - 1) : 2.5 * h;
      if (lastY - l.y > Math.max(2.6 * pitch, 3 * l.h)) break;
      const money = l.toks.findIndex((t) => t.kind === 'money' || (t.kind === 'blank' && cx(t) > gridX0));
      if (money < 0) {
        // no amounts: the rest of a class's label (beside the grid), a sentence inside it, or the end
        if (!rows.length) break;
        if (l.toks.every((t) => t.x1 < gridX0) && !isProse(l)) {
          rows[rows.length - 1].header.push(l.text);
          taken.push(i);
          lastY = l.y;
          continue;
        }
        if (isProse(l) || TITLE_RE.test(l.text)) {
          const below = lines.slice(i + 1).find((m) => m.toks.some((t) => t.kind === 'money'));
          if (!below || l.y - below.y > 3 * pitch) break;
          notes.push(NOTE_INCREMENT_RE.test(l.text) ? `Written inside the grid on page ${pageNo}, increments as a sentence (encode them by hand; not read into the grid): "${l.text}"` : `Printed inside the grid on page ${pageNo}: "${l.text}"`);
          taken.push(i);
          lastY = l.y;
          continue;
        }
        break;
      }
      const label = l.toks.slice(0, money);
      const cells = l.toks.slice(money);
      if (!label.length) {
        if (!rows.length) break;
        problem ??= `${file} page ${pageNo}: a line of amounts with no class label ("${l.text}") under the steps printed across; the layout cannot be read with confidence`;
        break;
      }
      if (label.some((t) => t.x1 > gridX0 + 0.25 * pitchAcross)) break;
      const stray = cells.find((t) => t.kind === 'word' || t.kind === 'label');
      if (stray) problem ??= `${file} page ${pageNo}, class "${label.map((t) => t.text).join(' ')}": "${stray.text}" stands in the grid where an amount or a blank belongs; the layout cannot be read with confidence`;
      const labelText = label.map((t) => t.text).join(' ');
      if (BASIS_RE.test(labelText) && rows.length && !rows[rows.length - 1].basis && basisOf(labelText) !== 'annual') {
        rows.push({ idx: [i], y: l.y, label, cells, basis: basisOf(labelText) as 'daily' | 'hourly', header: [] });
      } else rows.push({ idx: [i], y: l.y, label, cells, header: [] });
      taken.push(i);
      lastY = l.y;
    }
    const classRows = rows.filter((r) => !r.basis);
    if (!classRows.length) continue;
    // side labels that are all step numbers with bare numbers across: steps down, classes across
    // (the usual layout, read by pageRows), unless "Step" is printed with the numbers across
    const evidence = classRows.every((r) => r.label.length > 1 || r.label[0].kind !== 'label') || head.stepWord;
    if (!evidence) continue;
    if (problem) throw new PdfLayoutError(problem, pageNo);
    const sideWords = head.lead.map((t) => t.text).join(' ');

    // columns: the amounts of each step stand under its number
    const all = rows.flatMap((r) => r.cells.filter((t) => t.kind === 'money' || t.kind === 'blank'));
    const nearest = (t: Tok) => {
      let best = 0;
      for (let k = 1; k < head.steps.length; k++) if (Math.abs(cx(t) - cx(head.steps[k])) < Math.abs(cx(t) - cx(head.steps[best]))) best = k;
      return best;
    };
    // how the amounts stand under the step numbers (right edges, centres or left edges at one offset
    // from the number's centre), from all the amounts at once: one amount out of line shows
    const anchors = [(t: Tok) => t.x1, cx, (t: Tok) => t.x0].map((f) => {
      const ds = all.filter((t) => t.kind === 'money').map((t) => f(t) - cx(head.steps[nearest(t)]));
      const m = ds.length ? median(ds) : 0;
      return { f, m, spread: ds.length ? median(ds.map((d) => Math.abs(d - m))) : 0 };
    });
    const anchor = anchors.reduce((a, b) => (b.spread < a.spread - 0.25 ? b : a));
    const tol = Math.max(2.5, 0.3 * h, 1 + 2 * anchor.spread);
    const inLine = (t: Tok) => t.kind !== 'money' || Math.abs(anchor.f(t) - cx(head.steps[nearest(t)]) - anchor.m) <= tol;
    const where = (r: ClassRow) => `${file} page ${pageNo}, class "${r.label.map((t) => t.text).join(' ')}"${r.basis ? ` (${r.basis})` : ''}`;
    const grid: (Tok | null)[][] = rows.map((r) => {
      const line: (Tok | null)[] = head.steps.map(() => null);
      for (const t of r.cells) {
        const k = nearest(t);
        if (Math.abs(cx(t) - cx(head.steps[k])) > 0.5 * pitchAcross || !inLine(t)) {
          throw new PdfLayoutError(`${where(r)}: "${t.text}" stands out of line with the steps printed across; the layout cannot be read with confidence`, pageNo);
        }
        if (line[k]) throw new PdfLayoutError(`${where(r)}: two amounts ("${line[k]!.text}" and "${t.text}") stand under step ${head.steps[k].text}; the layout cannot be read with confidence`, pageNo);
        line[k] = t;
      }
      return line;
    });

    // the grid: steps are the numbers across, classes the lines down
    // "Years" heading the numbers across (on their line, or the line just above them)
    const above = hi > 0 && !used.has(hi - 1) && lines[hi - 1].y - lines[hi].y < 2.5 * h && YEARS_HEAD_RE.test(lines[hi - 1].text) && !TITLE_RE.test(lines[hi - 1].text) && !lines[hi - 1].toks.some((t) => t.kind === 'money');
    if (above) taken.push(hi - 1);
    const byYears = YEARS_HEAD_RE.test(sideWords) || above;
    const steps: GridStep[] = head.steps.map((t) => (byYears ? { label: t.text, step: t.step!, years: t.step! } : { label: t.text, step: t.step! }));
    const classes: GridClass[] = [];
    const classDays: (number | undefined)[] = [];
    const values: (GridCell | null)[][] = steps.map(() => []);
    const daily: (GridCell | null)[][] = steps.map(() => []);
    const hourly: (GridCell | null)[][] = steps.map(() => []);
    const zeros: string[] = [];
    const marks: string[] = [];
    rows.forEach((r, ri) => {
      if (r.basis) return;
      const label = r.label.map((t) => t.text).join(' ');
      const next = rows[ri + 1]?.basis ? ri + 1 : -1;
      const headerText = [label, ...r.header].join(' ');
      classes.push(r.header.length ? { label, header: headerText } : { label });
      const days = /(\d{3})[\s-]*(?:work\s*)?days?\b/i.exec(headerText);
      classDays.push(days ? Number(days[1]) : undefined);
      const cellOf = (t: Tok | null, si: number): GridCell | null => {
        if (!t || t.kind === 'blank') return null;
        if (/^0*(?:\.0*)?$/.test(t.value!)) {
          zeros.push(`${label} step ${steps[si].label}`);
          return null;
        }
        if (t.mark) marks.push(`"${t.text}" (${label}, step ${steps[si].label})`);
        return { value: t.value!, source: src(file, pageNo, t) };
      };
      steps.forEach((_, si) => {
        values[si].push(cellOf(grid[ri][si], si));
        daily[si].push(next >= 0 && rows[next].basis === 'daily' ? cellOf(grid[next][si], si) : null);
        hourly[si].push(next >= 0 && rows[next].basis === 'hourly' ? cellOf(grid[next][si], si) : null);
      });
    });
    const dup = classes.find((c, i) => classes.findIndex((d) => d.label === c.label) !== i);
    if (dup) throw new PdfLayoutError(`${file} page ${pageNo}: two classes are both labelled "${dup.label}"; the layout cannot be read with confidence`, pageNo);
    if (zeros.length) notes.push(`Printed as 0.00 and read as no such step: ${zeros.join(', ')}`);
    if (marks.length) notes.push(`Amounts with a footnote mark (the mark is not part of the amount; read the footnote): ${marks.join(', ')}`);
    // a step under which no class prints an amount is no step at all: left out, said
    const empty: string[] = [];
    for (let si = steps.length - 1; si >= 0; si--) {
      if ([values, daily, hourly].every((a) => a[si].every((c) => c === null))) {
        empty.unshift(steps[si].label);
        for (const a of [steps, values, daily, hourly]) a.splice(si, 1);
      }
    }
    if (empty.length) notes.push(`Steps ${empty.join(', ')} print no amount in any class: left out of the grid`);
    const anyDaily = daily.some((r) => r.some((c) => c));
    const anyHourly = hourly.some((r) => r.some((c) => c));
    const built: ImportedGrid = { basis: 'annual', classes, steps, values, ...(anyDaily ? { daily } : {}), ...(anyHourly ? { hourly } : {}), title: [], meta: {}, notes, transposed: true };
    taken.forEach((i) => used.add(i));
    // steps continued in a second band under the first (steps 1-10, then 11-20, same classes)
    const prev = pending[pending.length - 1];
    if (prev && prev.grid.classes.map((c) => c.label).join('\n') === classes.map((c) => c.label).join('\n') && prev.grid.steps[prev.grid.steps.length - 1].step < steps[0].step && !!prev.grid.daily === anyDaily) {
      prev.grid.steps.push(...steps);
      prev.grid.values.push(...values);
      if (anyDaily) prev.grid.daily!.push(...daily);
      if (prev.grid.hourly || anyHourly) {
        prev.grid.hourly ??= prev.grid.values.slice(0, -values.length).map((r) => r.map(() => null));
        prev.grid.hourly.push(...hourly);
      }
      for (const n of notes) if (!prev.grid.notes.includes(n)) prev.grid.notes.push(n);
      taken.forEach((i) => prev.lines.add(i));
      continue;
    }
    pending.push({ grid: built, page: pageNo, top: above ? lines[hi - 1].y : lines[hi].y, classDays, lines: new Set(taken) });
  }
  return { pending, used };
}

// ---------------------------------------------------------------------------------------------
// title metadata

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "July 1, 2022", "5/03/2022", "2024-01-01" to YYYY-MM-DD; undefined when it is not a real date. */
export function readDate(s: string): string | undefined {
  let y: number, m: number, d: number;
  const a = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(s);
  const b = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/.exec(s);
  const c = /^(\d{4})-(\d{2})-(\d{2})\b/.exec(s);
  if (a) {
    m = MONTHS.findIndex((n) => n.startsWith(a[1].toLowerCase()) && a[1].length >= 3) + 1;
    d = Number(a[2]);
    y = Number(a[3]);
  } else if (b) {
    m = Number(b[1]);
    d = Number(b[2]);
    y = Number(b[3].length === 2 ? `20${b[3]}` : b[3]);
  } else if (c) {
    y = Number(c[1]);
    m = Number(c[2]);
    d = Number(c[3]);
  } else return undefined;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (m < 1 || m > 12 || d < 1 || d > dim[m - 1]) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const DATE_AT = String.raw`((?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}/\d{1,2}/\d{2,4})|(?:\d{4}-\d{2}-\d{2}))`;

/** What the title (and the foot of the page) prints: district, school year, dates, work days. */
export function readMeta(title: string[], foot: string[]): ImportedGrid['meta'] {
  const meta: ImportedGrid['meta'] = {};
  const all = [...title, ...foot];
  const district = title.find((l) => /(school district|county office of education|unified|union school)/i.test(l) && !/[$:]/.test(l));
  if (district) meta.district = district.replace(/\s+/g, ' ').trim();
  for (const l of title) {
    const y = /\b(20\d\d|19\d\d)\s*[-–/]\s*(\d{4}|\d{2})\b/.exec(l);
    if (y) {
      const first = Number(y[1]);
      const second = Number(y[2].length === 2 ? String(first).slice(0, 2) + y[2] : y[2]);
      if (second === first + 1) {
        meta.schoolYear = `${first}-${String(second).slice(2)}`;
        break;
      }
    }
  }
  for (const l of all) {
    const e = new RegExp(String.raw`\beffective:?\s+(?:date:?\s+)?` + DATE_AT, 'i').exec(l);
    if (e && !meta.effective && !/\bthrough\b/i.test(l)) meta.effective = readDate(e[1]);
    const b = new RegExp(String.raw`\bboard\s+(?:approved|approval|adopted)(?:\s+on)?:?\s+` + DATE_AT, 'i').exec(l);
    if (b && !meta.boardApproved) meta.boardApproved = readDate(b[1]);
  }
  for (const l of title) {
    const total = /total of (\d{3})\s*(?:work\s*)?(?:days|workdays)/i.exec(l);
    const plus = /(\d{3})\s*(?:day calendar|days?)?\s*\+\s*(\d{1,2})\s*(?:additional\s+)?(?:PD|professional development)?\s*days/i.exec(l);
    const one = /(\d{3})[\s-]*(?:day work year|days?\b|work days|workdays)/i.exec(l);
    if (total) {
      meta.workDays = Number(total[1]);
      meta.workDaysText = l.trim();
      break;
    }
    if (plus && meta.workDays === undefined) {
      meta.workDays = Number(plus[1]) + Number(plus[2]);
      meta.workDaysText = l.trim();
    } else if (one && meta.workDays === undefined) {
      meta.workDays = Number(one[1]);
      meta.workDaysText = l.trim();
    }
  }
  return meta;
}

// ---------------------------------------------------------------------------------------------
// daily against annual

function checkDaily(grid: ImportedGrid, classDays: (number | undefined)[]): void {
  if (!grid.daily) return;
  const days = grid.classes.map((_, i) => classDays[i] ?? grid.meta.workDays);
  let n = 0;
  const wrong: string[] = [];
  const unknown = new Set<string>();
  grid.values.forEach((row, si) =>
    row.forEach((a, ci) => {
      const d = grid.daily![si][ci];
      if (!a || !d) {
        if (!!a !== !!d) wrong.push(`${grid.classes[ci].label} step ${grid.steps[si].label}: ${a ? `annual ${a.source.text} but no daily rate` : `daily ${d!.source.text} but no annual salary`}`);
        return;
      }
      const k = days[ci];
      if (!k) {
        unknown.add(grid.classes[ci].label);
        return;
      }
      n++;
      // in integer cents where the amounts allow (half up: floor((2a + k) / 2k)), else in decimals
      const ac = parseCents(a.value);
      const dc = parseCents(d.value);
      const exact = ac !== null && dc !== null && ac >= 0;
      const expect = exact ? formatCents(Math.floor((2 * ac + k) / (2 * k))) : new Big(a.value).div(k).round(2, Big.roundHalfUp).toFixed(2);
      if (exact ? parseCents(expect) !== dc : !new Big(expect).eq(d.value)) wrong.push(`${grid.classes[ci].label} step ${grid.steps[si].label}: ${a.source.text} / ${k} = ${expect}, printed ${d.source.text}`);
    }),
  );
  const perClass = [...new Set(days.filter((d) => d !== undefined))];
  const daysText = perClass.length === 1 ? `${perClass[0]} days` : `each class's own days (${grid.classes.map((c, i) => `${c.label}: ${days[i] ?? '?'}`).join(', ')})`;
  if (n) grid.notes.push(`Daily rates checked against the annual salaries: ${n - wrong.length} of ${n} equal annual / ${daysText}, rounded to the cent${wrong.length ? `; these do not: ${wrong.join('; ')}` : ''}`);
  else if (wrong.length) grid.notes.push(`Daily rates and annual salaries do not pair up: ${wrong.join('; ')}`);
  if (unknown.size) grid.notes.push(`No work days printed for ${[...unknown].join(', ')}: the daily rates were not checked against the annual salaries`);
  if (n >= 4 && wrong.length > n / 2) {
    throw new PdfLayoutError(`${grid.values.flat().find((c) => c)!.source.file} page ${grid.values.flat().find((c) => c)!.source.page}: most daily rates (${wrong.length} of ${n}) are not annual / ${daysText}: the columns may be misread (first: ${wrong[0]})`);
  }
}

// ---------------------------------------------------------------------------------------------
// the whole document

export interface LayoutOptions {
  /** read only these pages (1-based) */
  pages?: number[];
}

export interface LayoutResult {
  grids: ImportedGrid[];
  /** pages read that hold no grid */
  emptyPages: number[];
}

const NOTE_INCREMENT_RE = /anniversary|longevity|increment|per year|\byears?\b.*\d/i;
const NOTE_RE = /anniversary|longevity|increment|doctorate|master'?s|stipend|\bplus\b|credit will be given|\byear\b.*\d%/i;

/** The grids of a document's pages (pure). Throws PdfLayoutError where a grid cannot be read with confidence. */
export function gridsFromPages(file: string, pages: PdfPageText[], opts: LayoutOptions = {}): LayoutResult {
  const out: PendingGrid[] = [];
  const emptyPages: number[] = [];
  for (const page of pages) {
    if (opts.pages && !opts.pages.includes(page.page)) continue;
    const lines = pageLines(page.items);
    // classes printed down the side and steps across first; the usual layout in the lines left
    const across = classesAsRows(file, page, lines);
    const { lanes, used } = pageRows(page.page, lines, across.used);
    const pending: PendingGrid[] = [...across.pending];
    lanes.forEach((lane, li) => {
      const laneX0 = li === 0 ? -Infinity : lane.rows.reduce((m, r) => Math.min(m, r.label.x0), Infinity) - 2 * lane.rows[0].h;
      const next = lanes[li + 1];
      const laneX1 = next ? next.rows.reduce((m, r) => Math.min(m, r.label.x0), Infinity) - 2 * next.rows[0].h : Infinity;
      // blocks: the steps must increase (a step may be printed on two lines, daily and annual);
      // a new header line (Step, Col, Annual) between two rows starts a new block
      const blocks: Row[][] = [];
      let cur: Row[] = [];
      for (const r of lane.rows) {
        const prev = cur[cur.length - 1];
        let breakHere = false;
        if (prev) {
          const a = Math.max(...prev.lineIdx);
          const b = Math.min(...r.lineIdx);
          let between = false;
          for (let i = a + 1; i < b; i++) {
            if (used.has(i)) continue;
            const toks = lines[i].toks.filter((t) => cx(t) > laneX0 && cx(t) < laneX1);
            if (toks.length) between = true;
            if (toks.length >= 2 && !isProse(lines[i]) && toks.some((t) => /^(step|col|column|class|annual|daily|years?)\b/i.test(t.text))) breakHere = true;
          }
          const same = prev.label.text === r.label.text;
          const twiceAlready = cur.length >= 2 && cur[cur.length - 2].label.text === prev.label.text;
          // a step number lower than the one above it, on the very next line of a run of steps with
          // nothing printed between: a misprinted label ("8" for 28), not a second schedule
          if (!breakHere && !between && !same && numberOf(r.label) < numberOf(prev.label) && cur.length >= 3 && cur.every((x, k) => k === 0 || x.label.text !== cur[k - 1].label.text)) {
            const pitch = median(cur.slice(1).map((x, k) => cur[k].y - x.y));
            if (prev.y - r.y <= 1.5 * pitch) {
              throw new PdfLayoutError(`${file} page ${page.page}, step "${r.label.text}": follows step "${prev.label.text}" on the next line with nothing between (a misprinted step label?); the layout cannot be read with confidence`, page.page);
            }
          }
          if (numberOf(r.label) < numberOf(prev.label) || (same && twiceAlready) || (numberOf(r.label) === numberOf(prev.label) && !same)) breakHere = true;
        }
        if (breakHere) {
          blocks.push(cur);
          cur = [];
        }
        cur.push(r);
      }
      if (cur.length) blocks.push(cur);
      // a line of amounts with no step label inside or just under a block: refused, never dropped
      for (const block of blocks) {
        const ys = block.flatMap((r) => r.lineIdx.map((i) => lines[i].y));
        const pitch = block.length > 1 ? (Math.max(...ys) - Math.min(...ys)) / (block.length - 1) : block[0].h * 2;
        lines.forEach((l, i) => {
          if (used.has(i)) return;
          const toks = l.toks.filter((t) => cx(t) > laneX0 && cx(t) < laneX1);
          // prose with figures in it is not a row; a short leading word may be a label the reader does not know
          if (toks.filter((t) => t.kind === 'money').length < 2 || toks.some((t, k) => t.kind === 'word' && (k > 0 || t.text.length > 12))) return;
          if (l.y < Math.min(...ys) - 1.5 * pitch || l.y > Math.max(...ys)) return;
          throw new PdfLayoutError(`${file} page ${page.page}: a line of amounts with no step label the reader knows ("${toks.map((t) => t.text).join(' ')}"); the layout cannot be read with confidence`, page.page);
        });
      }
      let ceiling = Infinity;
      for (const block of blocks) {
        const built = buildGrid(block, { file, page, lines, usedLines: used, ceiling, laneX0, laneX1 });
        pending.push(built);
        ceiling = Math.min(...block[block.length - 1].lineIdx.map((i) => lines[i].y));
      }
    });
    if (!pending.length) {
      emptyPages.push(page.page);
      continue;
    }
    // title: everything above the topmost grid heading; foot: short lines at the bottom of the page
    const top = Math.max(...pending.map((g) => g.top));
    const taken = new Set(pending.flatMap((g) => [...g.lines]));
    const title = lines.filter((l) => l.y > top + 0.01).map((l) => l.text);
    const lowest = Math.min(...pending.flatMap((g) => [...g.lines].map((i) => lines[i].y)));
    const foot = lines.filter((l) => l.y < Math.max(0.1 * page.height, 60) && l.y < lowest).map((l) => l.text);
    // a footnote: from its mark to the end of the line ("*SEMESTER UNITS = 15 HOURS PER UNIT")
    const footnotes = lines.flatMap((l, i) => {
      const k = taken.has(i) ? -1 : l.toks.findIndex((t) => /^[*†‡]/.test(t.text));
      return k < 0 ? [] : [l.toks.slice(k).map((t) => t.text).join(' ')];
    });
    const below = lines.filter((l, i) => !taken.has(i) && l.y < top && NOTE_RE.test(l.text) && !footnotes.includes(l.text)).map((l) => l.text);
    for (const g of pending) {
      // a grid continued from an earlier page: its classes (those that print on this page) are the
      // earlier grid's, in order, and its steps go on from where the earlier page stopped
      const mapTo = (o: ImportedGrid) => {
        const idx = g.grid.classes.map((c) => o.classes.findIndex((d) => d.label === c.label && (d.header ?? '') === (c.header ?? '')));
        return idx.every((k, i) => k >= 0 && (i === 0 || k > idx[i - 1])) ? idx : undefined;
      };
      const continued = out.find((o) => o.page < g.page && o.grid.steps[o.grid.steps.length - 1].step < g.grid.steps[0].step && !!o.grid.daily === !!g.grid.daily && !!mapTo(o.grid));
      if (continued) {
        const o = continued.grid;
        const idx = mapTo(o)!;
        const widen = (rows: (GridCell | null)[][]) => rows.map((r) => o.classes.map((_, k) => (idx.includes(k) ? r[idx.indexOf(k)] : null)));
        o.steps.push(...g.grid.steps);
        o.values.push(...widen(g.grid.values));
        if (o.daily) o.daily.push(...widen(g.grid.daily!));
        if (o.hourly) o.hourly.push(...widen(g.grid.hourly ?? g.grid.values.map((r) => r.map(() => null))));
        for (const n of g.grid.notes) if (!o.notes.includes(n)) o.notes.push(n);
        o.notes.push(`Steps ${g.grid.steps[0].label}-${g.grid.steps[g.grid.steps.length - 1].label} continue on page ${g.page}`);
        continue;
      }
      g.grid.title = title;
      g.grid.meta = readMeta(title, foot);
      const days = g.classDays.filter((d) => d !== undefined);
      if (days.length === g.grid.classes.length && new Set(days).size === 1) {
        if (g.grid.meta.workDays === undefined) {
          g.grid.meta.workDays = days[0];
          g.grid.meta.workDaysText = `${days[0]} days (over each class)`;
        }
      } else if (days.length) {
        // classes of one grid with different work years: no one figure for the grid
        delete g.grid.meta.workDays;
        delete g.grid.meta.workDaysText;
        g.grid.notes.push(`Work days differ by class: ${g.grid.classes.map((c, i) => `${c.label} ${g.classDays[i] ?? '?'}`).join(', ')}`);
      }
      for (const n of below) g.grid.notes.push(`Written on page ${g.page}, to read and encode by hand (not read into the grid): "${n}"`);
      for (const n of footnotes) g.grid.notes.push(`Footnote on page ${g.page}: "${n}"`);
      out.push(g);
    }
  }
  for (const g of out) checkDaily(g.grid, g.classDays);
  // names for grids that share a file
  if (out.length > 1) {
    out.forEach((g, i) => {
      const cs = g.grid.classes;
      if (!g.grid.name) g.grid.name = `${cs.length > 1 ? `${cs[0].label} to ${cs[cs.length - 1].label}` : cs[0].label} (page ${g.page}, grid ${i + 1})`;
    });
  }
  return { grids: out.map((g) => g.grid), emptyPages };
}
