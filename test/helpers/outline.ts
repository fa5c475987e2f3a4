// The agreement's outline, read from its own text: where each article starts, and the labels
// ("4.", "A.", "(1)", "(I)", "a.", "3.5") its sections open with. A citation's section label is
// checked against it: the label must be the nearest enclosing one above the quoted sentence.
import { LINES, fold } from './contract';

export interface Block {
  name: string;
  first: number;
  last: number;
}

type Kind = 'num' | 'upper' | 'lower' | 'paren-num' | 'paren-alpha';
interface Label {
  line: number;
  kind: Kind;
  value: string;
}

/** Articles by roman numeral, and "Appendix A".."Appendix C"; the table of contents is skipped. Read
 *  once: the text is a constant, and every check of a label asks for them (hundreds of citations). */
let blocksMemo: Map<string, Block> | undefined;
export function blocks(): Map<string, Block> {
  return (blocksMemo ??= readBlocks());
}

function readBlocks(): Map<string, Block> {
  const starts: { name: string; line: number }[] = [];
  const tocEnd = LINES.findIndex((l) => /^1\s*$/.test(l));
  LINES.forEach((l, i) => {
    if (i <= tocEnd) return;
    const a = /^ARTICLE\s*([IVX]+)\s*[.:]/.exec(l);
    if (a) starts.push({ name: a[1], line: i });
    const ap = /^APPENDIX\s*[“"]([A-C])/.exec(l);
    if (ap && !starts.some((s) => s.name === `Appendix ${ap[1]}`)) starts.push({ name: `Appendix ${ap[1]}`, line: i });
  });
  const out = new Map<string, Block>();
  starts.forEach((s, k) => out.set(s.name, { name: s.name, first: s.line, last: (starts[k + 1]?.line ?? LINES.length) - 1 }));
  return out;
}

function labelOf(line: string): { kind: Kind; value: string } | undefined {
  let m = /^\((\d+)\)(?=\s|\.|$)/.exec(line);
  if (m) return { kind: 'paren-num', value: m[1] };
  m = /^\(([A-Za-z]+)\)(?=\s|\.|$)/.exec(line);
  if (m) return { kind: 'paren-alpha', value: m[1] };
  m = /^(\d+(?:\.\d+)*)\.?(?=\s|$)/.exec(line);
  if (m) return { kind: 'num', value: m[1] };
  m = /^([A-Z])\.(?=\s|$)/.exec(line);
  if (m) return { kind: 'upper', value: m[1] };
  m = /^([a-z])[.)](?=\s|$)/.exec(line);
  if (m) return { kind: 'lower', value: m[1] };
  return undefined;
}

/** The labels of a block, found once per block (the text is a constant). */
const labelsMemo = new Map<string, Label[]>();
function labels(b: Block): Label[] {
  const key = `${b.first}:${b.last}`;
  let hit = labelsMemo.get(key);
  if (!hit) labelsMemo.set(key, (hit = findLabels(b)));
  return hit;
}

function findLabels(b: Block): Label[] {
  const out: Label[] = [];
  for (let i = b.first + 1; i <= b.last; i++) {
    if (/^\d{1,3}\s*$/.test(LINES[i])) continue; // a page number, not a label
    const l = labelOf(LINES[i]);
    if (l) out.push({ line: i, ...l });
  }
  return out;
}

/** "2.D(7)" -> [2, D, (7)]; "1.(I)(1)" -> [1, (I), (1)]; "3.5" -> [3.5]; "12.C.3" -> [12, C, 3] */
export function sectionTokens(section: string): { kind: Kind; value: string }[] {
  const out: { kind: Kind; value: string }[] = [];
  const re = /\((\d+)\)|\(([A-Za-z]+)\)|(\d+(?:\.\d+)*)|([A-Z])|([a-z])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(section))) {
    if (m[1]) out.push({ kind: 'paren-num', value: m[1] });
    else if (m[2]) out.push({ kind: 'paren-alpha', value: m[2] });
    else if (m[3]) out.push({ kind: 'num', value: m[3] });
    else if (m[4]) out.push({ kind: 'upper', value: m[4] });
    else if (m[5]) out.push({ kind: 'lower', value: m[5] });
  }
  return out;
}

/** A block's lines folded and joined by spaces, with the line each character comes from; made once
 *  per block (the text is a constant). */
const foldedMemo = new Map<string, { text: string; lineAt: number[] }>();
function foldedBlock(b: Block): { text: string; lineAt: number[] } {
  const key = `${b.first}:${b.last}`;
  let hit = foldedMemo.get(key);
  if (hit) return hit;
  let text = '';
  const lineAt: number[] = [];
  for (let i = b.first; i <= b.last; i++) {
    const f = fold(LINES[i]);
    if (!f) continue;
    if (text) text += ' ';
    for (let k = 0; k <= f.length; k++) lineAt.push(i);
    text += f;
  }
  foldedMemo.set(key, (hit = { text, lineAt }));
  return hit;
}

/** Lines of a block where the quote starts (every occurrence). */
export function quoteLines(b: Block, quote: string): number[] {
  const { text, lineAt } = foldedBlock(b);
  const q = fold(quote);
  const out: number[] = [];
  for (let k = text.indexOf(q); k >= 0; k = text.indexOf(q, k + 1)) out.push(lineAt[k]);
  return out;
}

/**
 * Why a label does not hold for a quote, or undefined when it does. The first number is the
 * article's top-level section: numbered labels count as top-level only in sequence (1, 2, 3...),
 * so a list numbered inside a section (XIII.12.C.1-3) is not taken for one.
 */
export function checkLabel(article: string, section: string | undefined, quote: string): string | undefined {
  const all = blocks();
  const b = all.get(article);
  if (!b) return `no article ${article} in the text (articles: ${[...all.keys()].join(', ')})`;
  const at = quoteLines(b, quote);
  if (!at.length) return `the quote is not in ${article}`;
  if (section === undefined) return undefined;
  const why: string[] = [];
  for (const q of at) {
    const r = article.startsWith('Appendix') ? checkAppendix(b, section, q) : checkArticle(b, section, q);
    if (!r) return undefined;
    why.push(r);
  }
  return why.join('; ');
}

function nearest(ls: Label[], kind: Kind, lo: number, q: number): Label | undefined {
  let best: Label | undefined;
  for (const l of ls) if (l.kind === kind && l.line >= lo && l.line <= q) best = l;
  return best;
}

function checkTokens(ls: Label[], toks: { kind: Kind; value: string }[], lo: number, q: number, where: string): string | undefined {
  for (const t of toks) {
    const n = nearest(ls, t.kind, lo, q);
    if (!n) return `no ${t.kind} label ${t.value} above the quote in ${where}`;
    const ok = t.kind === 'num' ? n.value === t.value || n.value.startsWith(t.value + '.') : n.value === t.value;
    if (!ok) return `the quote is under ${n.value} (line ${n.line + 1}), not ${t.value}, in ${where}`;
    lo = n.line;
  }
  return undefined;
}

function checkArticle(b: Block, section: string, q: number): string | undefined {
  const ls = labels(b);
  const toks = sectionTokens(section);
  if (!toks.length || toks[0].kind !== 'num') return `section ${section} does not start with a section number`;
  // top-level sections, in sequence
  const top: Label[] = [];
  let cur = 0;
  for (const l of ls) {
    if (l.kind !== 'num') continue;
    const first = +l.value.split('.')[0];
    if (first === cur || first === cur + 1) {
      top.push(l);
      cur = first;
    }
  }
  const t0 = nearest(top, 'num', b.first, q);
  const want = toks[0].value.split('.')[0];
  if (!t0 || t0.value.split('.')[0] !== want) return `the quote is in section ${t0 ? t0.value.split('.')[0] : '(none)'} of ${b.name}, not ${want}`;
  const start = top.find((l) => l.value.split('.')[0] === want)!.line;
  // a dotted first token (3.5, 7.3.1) is itself a label
  const rest = toks[0].value.includes('.') ? toks : toks.slice(1);
  return checkTokens(ls, rest, start, q, `${b.name}.${want}`);
}

function checkAppendix(b: Block, section: string, q: number): string | undefined {
  const m = /^(.*?)(?:\s+(\d+(?:\.[a-z])?))?(?:, footnote)?$/.exec(section)!;
  const pre = /^Pre-?school\s+/i.test(m[1]);
  // the heading as printed: its first three words (the schedules' titles wrap over lines)
  const heading = m[1].replace(/^Pre-school\s+/i, '').toLowerCase().split(/\s+/).slice(0, 3).join(' ');
  const schoolLine = LINES.findIndex((l, i) => i > b.first && /^PRESCHOOL TEACHERS COMPENSATION PLAN/.test(l));
  const lo = pre ? schoolLine : b.first;
  const hi = pre ? b.last : schoolLine;
  if (q < lo || q > hi) return `the quote is ${pre ? 'not in' : 'in'} the pre-school part of ${b.name}`;
  let h = -1;
  for (let i = lo; i <= q; i++) if (LINES[i].toLowerCase().includes(heading)) h = i;
  if (h < 0) return `no heading "${heading}" above the quote in ${b.name}`;
  if (!m[2]) return undefined;
  return checkTokens(labels({ ...b, first: h }), sectionTokens(m[2]), h, q, `${b.name}, ${m[1]}`);
}
