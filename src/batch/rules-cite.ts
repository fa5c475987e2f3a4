// cba rules cite: where the rules cite an article (and section), found from the data: each YAML line
// that cites it, with the path of the value it stands beside, and the words a reader can search the
// code and tests for. Pure: file texts in, hits out.
import { utf8Text } from '../core/file-bytes';

export interface CiteQuery {
  article: string;
  section?: string;
}

/** XIII.1.F -> { article: XIII, section: 1.F }; "Appendix A" stays one article. */
export function parseCiteQuery(text: string): CiteQuery {
  const t = text.trim();
  const m = /^([IVXLC]+)(?:\.(.+))?$/i.exec(t);
  if (m) return { article: m[1].toUpperCase(), section: m[2] };
  return { article: t };
}

export interface CiteHit {
  file: string;
  line: number;
  article: string;
  section?: string;
  /** the YAML path of the mapping that holds the citation, e.g. sickLeave.extendedAbsence */
  path: string;
  /** the key a reader searches the code for: the nearest named key above the citation */
  key: string;
  quote?: string;
}

const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, '').trim();
const GENERIC = new Set(['cite', 'source', 'quote', 'article', 'section', 'endCite', 'recessCite', 'dayCite']);

/** Does a cited section fall under the asked one? 1.F is under 1, and 1.F(2) under 1.F. */
export function sectionMatches(cited: string | undefined, asked: string | undefined): boolean {
  if (asked === undefined) return true;
  if (cited === undefined) return false;
  const c = cited.toUpperCase(), a = asked.toUpperCase();
  return c === a || c.startsWith(a + '.') || c.startsWith(a + '(') || c.startsWith(a + '-');
}

/** The citations of one YAML file (block or flow style) matching the query. */
export function citesIn(file: string, text: string, q: CiteQuery): CiteHit[] {
  return citations(file, text, (article, section) => article.toUpperCase() === q.article.toUpperCase() && sectionMatches(section, q.section));
}

/** The citations of one YAML file whose article and section pass the test. */
function citations(file: string, text: string, accept: (article: string, section: string | undefined) => boolean): CiteHit[] {
  const lines = text.split(/\r?\n/);
  const hits: CiteHit[] = [];
  const indentOf = (l: string) => l.length - l.trimStart().length;
  lines.forEach((l, i) => {
    if (!l.includes('article:')) return; // most lines: no citation (a search cheaper than the pattern)
    const am = /(?:^|[{,\s])article:\s*("[^"]*"|'[^']*'|[^,}#]+)/.exec(l);
    if (!am) return;
    const article = unquote(am[1]);
    // the section: on the same line (flow style) or among the next lines of the same mapping
    let section: string | undefined;
    let quote: string | undefined;
    const same = /section:\s*("[^"]*"|'[^']*'|[^,}#]+)/.exec(l);
    if (same) section = unquote(same[1]);
    const qm = /quote:\s*("[^"]*"|'[^']*'|[^}#]+)/.exec(l);
    if (qm) quote = unquote(qm[1]);
    const ind = indentOf(l);
    const block = /^\s*(-\s+)?article:/.test(l);
    if (block)
      for (let j = i + 1; j < lines.length && j < i + 6; j++) {
        const n = lines[j];
        if (!n.trim()) continue;
        if (indentOf(n) < ind) break;
        const sm = /^\s*section:\s*(.+)$/.exec(n);
        if (sm && section === undefined) section = unquote(sm[1]);
        const qq = /^\s*quote:\s*(.+)$/.exec(n);
        if (qq && quote === undefined) quote = unquote(qq[1]);
      }
    if (!accept(article, section)) return;
    // the path: the keys of the lines above with less indentation
    const keys: string[] = [];
    let want = ind;
    const own = /^\s*(?:-\s+)?([A-Za-z][\w-]*):\s*\{/.exec(l);
    if (own && !block) keys.unshift(own[1]);
    for (let j = i - 1; j >= 0 && want > 0; j--) {
      const n = lines[j];
      if (!n.trim() || n.trimStart().startsWith('#')) continue;
      const ni = indentOf(n);
      if (ni < want) {
        const km = /^\s*(?:-\s+)?([A-Za-z][\w-]*):/.exec(n);
        const idm = /^\s*-\s+id:\s*(.+)$/.exec(n);
        if (idm) keys.unshift(unquote(idm[1]));
        else if (km) keys.unshift(km[1]);
        want = ni;
      }
    }
    const key = [...keys].reverse().find((k) => !GENERIC.has(k)) ?? keys[keys.length - 1] ?? '';
    hits.push({ file, line: i + 1, article, section, path: keys.join('.'), key, quote });
  });
  return hits;
}

/** A source file of the checkout (a rule function or a test) by its name relative to the package. */
export interface SourceFile {
  name: string;
  text: string;
  lines?: string[];
}

/** \bkey\b, the key's characters taken as they are. */
function wordPattern(key: string, flags?: string): RegExp {
  return new RegExp(`\\b${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, flags);
}

/** The lines ("src/rules/leaves/leaves.ts:95") of the files that name a key as a word, in the order of
 *  the files; a key shorter than four characters names nothing. Only the files whose text holds the
 *  key are split and searched, and each key is searched once per set of files. */
const namingMemo = new WeakMap<SourceFile[], Map<string, string[]>>();
export function linesNaming(files: SourceFile[], key: string): string[] {
  if (!key || key.length < 4) return [];
  let memo = namingMemo.get(files);
  if (!memo) namingMemo.set(files, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) return hit;
  const re = wordPattern(key);
  const out: string[] = [];
  for (const f of files) {
    if (!f.text.includes(key)) continue;
    (f.lines ??= f.text.split(/\r?\n/)).forEach((l, i) => re.test(l) && out.push(`${f.name}:${i + 1}`));
  }
  memo.set(key, out);
  return out;
}

/** Every citation of a rules file, whatever its article. */
export function allCitations(file: string, text: string): CiteHit[] {
  return citations(file, text, () => true);
}

/** Every word cba rules cite may look up for the citations of a rules file, whatever the article:
 *  each part of each value's path, and the key it falls back on. */
export function citedWords(text: string): string[] {
  const out = new Set<string>();
  for (const h of allCitations('', text)) for (const w of [...h.path.split('.'), h.key]) if (w.length >= 4) out.add(w);
  return [...out];
}

/** cba rules cite's index, made by the build: where the code and the tests name each word, as
 *  linesNaming finds it (the files' names, and for each word its lines as [file, line, line, ...]
 *  groups), and the citations of the rules files (each file's name and stat when indexed, and the
 *  citations of each article: [file, line, article, section, path, key, quote]). */
export interface CiteIndex {
  files: string[];
  code: Record<string, number[][]>;
  tests: Record<string, number[][]>;
  rules: { name: string; stat: string }[];
  cites: Record<string, IndexedCite[]>;
}
export type IndexedCite = [file: number, line: number, article: string, section: string | null, path: string, key: string, quote: string | null];

/** The word part of the index. */
export function wordIndex(words: Iterable<string>, code: SourceFile[], tests: SourceFile[]): Pick<CiteIndex, 'files' | 'code' | 'tests'> {
  const all = [...new Set(words)].filter((w) => w.length >= 4).sort();
  // a word of word characters only is named on a line exactly where it is a whole run of them (as
  // \bword\b finds it): the lines are split into such runs once, not searched once per word
  const simple = new Set(all.filter((w) => /^\w+$/.test(w)));
  const files: string[] = [];
  const part = (sources: SourceFile[]) => {
    const found = new Map<string, number[][]>(all.map((w) => [w, []]));
    const at = (w: string, fi: number, line: number) => {
      const groups = found.get(w)!;
      const last = groups[groups.length - 1];
      if (last?.[0] !== fi) groups.push([fi, line]);
      else if (last[last.length - 1] !== line) last.push(line);
    };
    const first = files.length;
    // each file's text searched whole, a match's line counted from the line breaks before it: a line
    // is what the text holds between two \n (split(/\r?\n/) cuts there too), a run of word
    // characters or a word bounded by \b never spans one, and \r and \n are not word characters, so
    // the matches and their lines are those of the lines searched one by one. A word that is not one
    // run (level1-file) but starts with one (level1) is named only where that run stands whole: only
    // the files holding the run are searched for it (each word's search of every file's text was
    // most of the index's cost)
    const heads = new Map<string, Set<number>>();
    for (const w of all) if (!simple.has(w)) heads.set(/^\w*/.exec(w)![0], new Set());
    const anywhere = heads.get('');
    sources.forEach((f, k) => {
      const fi = files.push(f.name) - 1;
      const text = f.text;
      const runs = /\w+/g;
      let line = 1;
      let nl = text.indexOf('\n');
      for (let m = runs.exec(text); m !== null; m = runs.exec(text)) {
        heads.get(m[0])?.add(k);
        if (!simple.has(m[0])) continue;
        while (nl !== -1 && nl < m.index) (line++, (nl = text.indexOf('\n', nl + 1)));
        at(m[0], fi, line);
      }
      anywhere?.add(k);
    });
    // any other word (level1-file): as linesNaming finds it (\bword\b); a word holding a line break
    // names nothing (linesNaming searches line by line; in the whole text it could span two lines)
    for (const w of all)
      if (!simple.has(w) && !w.includes('\n')) {
        const re = wordPattern(w, 'g');
        const holding = heads.get(/^\w*/.exec(w)![0])!;
        sources.forEach((f, k) => {
          const text = f.text;
          if (!holding.has(k) || !text.includes(w)) return;
          let line = 1;
          let nl = text.indexOf('\n');
          re.lastIndex = 0;
          for (let m = re.exec(text); m !== null; m = re.exec(text)) {
            while (nl !== -1 && nl < m.index) (line++, (nl = text.indexOf('\n', nl + 1)));
            at(w, first + k, line);
          }
        });
      }
    // entries, not assignments: a word such as __proto__ is a key like any other
    return Object.fromEntries(found);
  };
  return { files, code: part(code), tests: part(tests) };
}

/** The citation part of the index: the rules files (name, stat and text) in order. */
export function citeIndexOfRules(rules: { name: string; stat: string; text: string }[]): Pick<CiteIndex, 'rules' | 'cites'> {
  const cites = new Map<string, IndexedCite[]>();
  rules.forEach((f, fi) => {
    for (const h of allCitations(f.name, f.text)) {
      const a = h.article.toUpperCase();
      if (!cites.has(a)) cites.set(a, []);
      cites.get(a)!.push([fi, h.line, h.article, h.section ?? null, h.path, h.key, h.quote ?? null]);
    }
  });
  return { rules: rules.map(({ name, stat }) => ({ name, stat })), cites: Object.fromEntries(cites) };
}

/** The lines of a word in the index, as linesNaming names them; undefined for a word it lacks. */
export function indexedLines(index: Pick<CiteIndex, 'files' | 'code' | 'tests'>, part: 'code' | 'tests', word: string): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(index[part], word)) return undefined;
  return index[part][word].flatMap(([fi, ...lines]) => lines.map((l) => `${index.files[fi]}:${l}`));
}

/** The index as the build writes it: the source files' names on the first line, the rules files on
 *  the second, then a line a word and part (`code "baseYearDays" [[0,55],[6,95]]`) and a line an
 *  article (`cite "XV" [...]`), so that a run parses only the lines it looks up (parsing all of it,
 *  about 6,000 numbers in 1,000 arrays, cost a run more than reading it). */
export function citeIndexText(index: CiteIndex): string {
  let out = `${asciiJson(index.files)}\n${asciiJson(index.rules)}\n`;
  for (const part of ['code', 'tests'] as const) for (const [w, groups] of Object.entries(index[part])) out += `${part} ${asciiJson(w)} ${asciiJson(groups)}\n`;
  for (const [a, cites] of Object.entries(index.cites)) out += `cite ${asciiJson(a)} ${asciiJson(cites)}\n`;
  return out;
}

/** JSON with every character beyond ASCII escaped (\u2019), as the rules cache writes it: a file all
 *  ASCII is read into a one-byte string (the quotes of the agreement hold curly quotes and dashes). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface CiteIndexLookup {
  /** the lines of a word, as indexedLines gives them; undefined for a word the index lacks */
  lines(part: 'code' | 'tests', word: string): string[] | undefined;
  /** a rules file (by its name in the index) and the stat it had when indexed */
  rulesFile(name: string): { at: number; stat: string } | undefined;
  /** the citations of an article in the rules file at `at`, shown as `file` (citesIn's hits) */
  citesIn(at: number, file: string, q: CiteQuery): CiteHit[];
}

/** Lookups in the index, each line parsed when first asked for. Given the file's bytes (as a run reads
 *  it), a line is made a string only when looked up: the whole file as one string (~110 KB) filled the
 *  young generation enough for a collection during the run. */
export function citeIndexLookup(source: string | Uint8Array): CiteIndexLookup {
  const bytes = typeof source === 'string' ? undefined : source;
  const text = typeof source === 'string' ? source : '';
  const size = bytes ? bytes.length : text.length;
  // offsets into the bytes or the text, whichever was given
  // Buffer's search and decoding on the bytes as they were read (a plain Uint8Array: see src/core/file-bytes.ts)
  const find = (s: string, from?: number) => (bytes ? (Buffer.prototype.indexOf as (this: Uint8Array, s: string, from?: number) => number).call(bytes, s, from) : text.indexOf(s, from));
  const cut = (from: number, to: number) => (bytes ? utf8Text(bytes, from, to) : text.slice(from, to));
  const lineOf = (key: string): string | undefined => {
    const at = find(key);
    if (at < 0) return undefined;
    const from = at + key.length; // the key is ASCII (asciiJson): as many bytes as characters
    const end = find('\n', from);
    return cut(from, end < 0 ? size : end);
  };
  const first = find('\n');
  let files: string[] | undefined;
  let rules: Map<string, { at: number; stat: string }> | undefined;
  const cites = new Map<string, IndexedCite[]>();
  return {
    lines(part, word) {
      const line = lineOf(`\n${part} ${asciiJson(word)} `);
      if (line === undefined) return undefined;
      files ??= JSON.parse(cut(0, first)) as string[];
      // by index, not destructuring (each a walk of the array's iterator, in code run once)
      const out: string[] = [];
      for (const g of JSON.parse(line) as number[][]) for (let i = 1; i < g.length; i++) out.push(`${files[g[0]]}:${g[i]}`);
      return out;
    },
    rulesFile(name) {
      rules ??= new Map((JSON.parse(cut(first + 1, find('\n', first + 1))) as CiteIndex['rules']).map((r, at) => [r.name, { at, stat: r.stat }]));
      return rules.get(name);
    },
    citesIn(at, file, q) {
      const a = q.article.toUpperCase();
      let all = cites.get(a);
      if (!all) {
        const line = lineOf(`\ncite ${asciiJson(a)} `);
        cites.set(a, (all = line === undefined ? [] : (JSON.parse(line) as IndexedCite[])));
      }
      const hits: CiteHit[] = [];
      for (let i = 0; i < all.length; i++) {
        const c = all[i];
        if (c[0] === at && sectionMatches(c[3] ?? undefined, q.section)) hits.push({ file, line: c[1], article: c[2], section: c[3] ?? undefined, path: c[4], key: c[5], quote: c[6] ?? undefined });
      }
      return hits;
    },
  };
}
