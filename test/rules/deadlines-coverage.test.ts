// Every dated duty of the agreement is in deadlines.yaml, read from the agreement's own text:
// a sentence with a time limit ("within N days", "not later than", "prior to", "before <date>",
// "N hours in advance", a time of day...) must be quoted by a deadline entry, or be named in the
// file's `excluded` list with the reason. And every citation's section label is where it says.
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AGREEMENT_DIR, LINES, fold } from '../helpers/contract';
import { checkLabel, sectionTokens } from '../helpers/outline';
import { yamlData } from '../helpers/yaml-data';

const Y = yamlData(join(AGREEMENT_DIR, 'deadlines.yaml'));

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const UNIT = '(?:hours?|days?|workdays?|weeks?|months?)';
/** The phrases that make a sentence a time limit. */
export const TRIGGERS: [string, RegExp][] = [
  ['within a period', new RegExp(`\\bwithin\\b[^.;]{0,40}?\\b${UNIT}\\b`, 'gi')],
  ['not later than', /\b(?:not|no) later than\b/gi],
  ['prior to', /\bprior to\b/gi],
  ['a dated limit', new RegExp(`\\b(?:before|by|after|between|until|prior to|on or before)\\s+${MONTH}\\s+\\d{1,2}`, 'gi')],
  ['in advance', /\bin advance\b/gi],
  ['a time of day', /\b\d{1,2}:\d{2}\s*[ap]\.m\./gi],
  ['a period before or after', new RegExp(`\\b${UNIT}(?:\\s+or more)?\\s+(?:before|after|prior|following|notice)\\b`, 'gi')],
  ['a working-day notice', /\bworking day notice\b/gi],
  ['the months of', /\bduring the months of\b/gi],
  ['the next working day', /\bnext working day\b/gi],
  ['a cycle of years', /\bevery\b[^.;]{0,20}\byears?\b/gi],
];

/** The agreement's sentences after the table of contents, whitespace folded. */
function sentences(): string[] {
  const tocEnd = LINES.findIndex((l) => /^1\s*$/.test(l));
  // page numbers on a line of their own are not text
  const body = fold(LINES.slice(tocEnd + 1).filter((l) => !/^\d{1,2}\s*$/.test(l)).join('\n'));
  return body.split(/(?<=[.?!])\s+(?=[A-Z(“"•])/).filter((s) => s.length > 3);
}

interface Quoted {
  id: string;
  quote: string;
  excluded: boolean;
}
const quoted: Quoted[] = [
  ...Object.entries(Y.counting)
    .filter(([, c]) => typeof (c as { quote?: unknown }).quote === 'string')
    .map(([k, c]) => ({ id: `counting.${k}`, quote: fold((c as { quote: string }).quote), excluded: false })),
  ...[...Y.grievance, ...Y.deadlines, ...Y.fixed].map((d: { id: string; cite: { quote: string } }) => ({ id: d.id, quote: fold(d.cite.quote), excluded: false })),
  ...(Y.excluded ?? []).map((x: { quote: string }, i: number) => ({ id: `excluded[${i}]`, quote: fold(x.quote), excluded: true })),
];

function triggersIn(s: string): string[] {
  const out: string[] = [];
  for (const [, re] of TRIGGERS) for (const m of s.matchAll(re)) out.push(m[0]);
  return out;
}

/** Entries whose quote covers this occurrence of the phrase in the sentence. */
function coveredBy(s: string, phrase: string): Quoted[] {
  return quoted.filter((q) => (s.includes(q.quote) && q.quote.includes(phrase)) || q.quote.includes(s));
}

describe('every sentence of the agreement with a time limit is a deadline or a reasoned exclusion', () => {
  const limited = sentences()
    .map((s) => ({ s, phrases: triggersIn(s) }))
    .filter((x) => x.phrases.length);

  it('the agreement has sentences with time limits to check (more than 80)', () => {
    expect(limited.length).toBeGreaterThan(80);
  });

  it('each time-limit phrase of each sentence is quoted by an entry or an exclusion', () => {
    const missing: string[] = [];
    for (const { s, phrases } of limited) for (const p of phrases) if (!coveredBy(s, p).length) missing.push(`"${p}" in: ${s}`);
    expect(missing).toEqual([]);
  });

  it('every exclusion names a sentence that has a time limit, and gives its reason', () => {
    const stale: string[] = [];
    for (const x of Y.excluded ?? []) {
      const q = fold(x.quote);
      if (!triggersIn(q).length) stale.push(q);
      expect(x.reason.length).toBeGreaterThan(15);
    }
    expect(stale).toEqual([]);
  });

  it('no sentence is both a deadline and excluded', () => {
    const both = quoted.filter((q) => q.excluded && quoted.some((d) => !d.excluded && (d.quote.includes(q.quote) || q.quote.includes(d.quote))));
    expect(both.map((b) => b.quote)).toEqual([]);
  });

  it.each([
    ['IV.4 copies of the agreement', 'agreement-copies'],
    ['V.8 notice of released time', 'released-time-notice'],
    ['VII.1 proposals', 'proposal-window'],
    ['VII.1 negotiations after the hearings', 'negotiations-after-hearings'],
    ['VII.3 meetings after a request', 'negotiations-meeting'],
    ['VIII.4.B(6) professional growth transfer notice', 'professional-growth-transfer-notice'],
    ['VIII.4.C(3) consultation before August 1', 'enrollment-consultation-august'],
    ['VIII.4.C(3) consultation before February 1', 'enrollment-consultation-february'],
    ['VIII.4.D preparation days', 'reassignment-preparation'],
    ['XII.1.B every two years', 'evaluation-permanent-cycle'],
    ['XII.1.C forms before September 15', 'evaluation-materials'],
    ['XII.2.C(1) lesson plan', 'evaluation-lesson-plan'],
    ['XII.2.C(2) observation form', 'observation-form-copy'],
    ['XII.2.E(2) second evaluator', 'second-evaluator-choice'],
    ['XII.3.D final plan', 'track2-final-plan'],
    ['XII.3.F updates', 'track2-updates'],
    ['XII.3.I final conference', 'track2-final-conference'],
    ['XII.3.J change to Track I', 'track2-change-to-track1'],
    ['XIII.1.H call-in', 'sick-leave-call-in'],
    ['XIII.1.I return notice', 'sick-leave-return-notice'],
    ['XIII.2 24-hour report', 'industrial-injury-report'],
    ['XIV.1 24-hour report', 'accident-report'],
    ['XIV.3 24-hour report', 'unsafe-condition-report'],
    ['XVI.1 open enrollment', 'open-enrollment'],
    ['XVI.3.A(3) retiree payment', 'retiree-payment-due'],
    ['XVIII.10 tuberculosis notice', 'tb-examination-notice'],
    ['XX.3.5 PAR Council meeting', 'par-council-meeting'],
    ['XXII reopener window', 'reopener-notice'],
  ])('the issue\'s list: %s is an entry (%s)', (_what, id) => {
    expect(quoted.some((q) => q.id === id)).toBe(true);
  });
});

// ------------------------------------------------------------------ section labels

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}
function citations(v: unknown, path: string, out: { path: string; article: string; section?: string; quote: string }[]) {
  if (Array.isArray(v)) v.forEach((x, i) => citations(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.article === 'string' && typeof o.quote === 'string') out.push({ path, article: o.article, section: o.section as string | undefined, quote: o.quote });
    else for (const [k, x] of Object.entries(o)) citations(x, `${path}.${k}`, out);
  }
}

describe('every cited section label exists in the text, under that article, above the quote', () => {
  const all = yamlFiles(AGREEMENT_DIR).flatMap((f) => {
    const out: { path: string; article: string; section?: string; quote: string }[] = [];
    citations(yamlData(f), f.slice(AGREEMENT_DIR.length + 1), out);
    return out;
  });
  it('there are citations to check', () => expect(all.length).toBeGreaterThan(100));
  it('each label is the nearest enclosing one of its quote', () => {
    const bad = all.map((c) => ({ c, why: checkLabel(c.article, c.section, c.quote) })).filter((x) => x.why);
    expect(bad.map((b) => `${b.c.path}: ${b.c.article} ${b.c.section ?? ''}: ${b.why}`)).toEqual([]);
  });
  it.each([
    // the labels issue 13 found wrong, as they were: each must fail
    ['XII', '2.A(1)', 'The evaluator and unit member will conduct an Annual Planning and Goals Conference by October 1'],
    ['XII', '2.C.A', 'prior to the mid-year conference held by December 15.'],
    ['XII', '2.C.B', 'prior to the final evaluation conference held by March 15.'],
    ['XIII', '12.E', 'The Unit member must have donated a minimum of 6.75 hours of eligible leave credits'],
    ['X', '4.A', 'No later than fifteen (15) days after the Office of Education'],
  ])('a wrong label is caught: %s %s', (article, section, quote) => {
    expect(checkLabel(article, section, quote)).toBeTruthy();
  });
  it.each([
    ['XII', '1.(I)(1)', 'The evaluator and unit member will conduct an Annual Planning and Goals Conference by October 1'],
    ['XII', '2.A', 'prior to the mid-year conference held by December 15.'],
    ['XII', '2.B', 'prior to the final evaluation conference held by March 15.'],
    ['XIII', '12.C.3', 'The Unit member must have donated a minimum of 6.75 hours of eligible leave credits'],
    ['XX', '3.5', 'The PAR Council shall meet with a Participating Teacher'],
  ])('a right label holds: %s %s', (article, section, quote) => {
    expect(checkLabel(article, section, quote)).toBeUndefined();
  });
  it('section labels are read as the text writes them', () => {
    expect(sectionTokens('2.D(7)')).toEqual([{ kind: 'num', value: '2' }, { kind: 'upper', value: 'D' }, { kind: 'paren-num', value: '7' }]);
    expect(sectionTokens('1.(I)(1)').map((t) => t.value)).toEqual(['1', 'I', '1']);
  });
});
