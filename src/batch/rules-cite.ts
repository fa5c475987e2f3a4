// cba rules cite: where the rules cite an article (and section), found from the data: each YAML line
// that cites it, with the path of the value it stands beside, and the words a reader can search the
// code and tests for. Pure: file texts in, hits out.

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
  const lines = text.split(/\r?\n/);
  const hits: CiteHit[] = [];
  const indentOf = (l: string) => l.length - l.trimStart().length;
  lines.forEach((l, i) => {
    const am = /(?:^|[{,\s])article:\s*("[^"]*"|'[^']*'|[^,}#]+)/.exec(l);
    if (!am) return;
    const article = unquote(am[1]);
    if (article.toUpperCase() !== q.article.toUpperCase()) return;
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
    if (!sectionMatches(section, q.section)) return;
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
