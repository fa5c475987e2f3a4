// The rules against the agreement's own text: every printed cell, every quote.
import { describe, expect, it, beforeAll } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/rules/load';
import type { Agreement } from '../../src/rules/types';
import { scheduleTable } from '../../src/rules/schedules/salary';
import { AGREEMENT_DIR, BASIC, COMMUNITY_DAY, PRESCHOOL, FOLDED, fold, divHalfUp, cents } from '../helpers/contract';
import { yamlData } from '../helpers/yaml-data';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

const printed = { basic: BASIC, 'community-day': COMMUNITY_DAY, preschool: PRESCHOOL };

describe('Appendix A schedules in rules/ match the printed agreement cell for cell', () => {
  for (const [id, parse] of Object.entries(printed)) {
    it(`${id}: every cell`, () => {
      const text = parse();
      const s = a.schedules.find((x) => x.id === id && x.year === '2005-06')!;
      const yamlCells: { class: string; step: number; annual?: string; daily?: string; hourly?: string }[] = [];
      for (const r of s.rows)
        for (const c of s.classes) {
          const v = s.basis === 'annual' ? r.annual?.[c] : r.hourly?.[c];
          if (v === undefined) continue;
          yamlCells.push(
            s.basis === 'annual'
              ? { class: c, step: r.step, annual: String(v), daily: r.daily![c].toFixed(2) }
              : { class: c, step: r.step, hourly: r.hourly![c].toFixed(2) },
          );
        }
      expect(yamlCells.length).toBeGreaterThan(40);
      expect(yamlCells).toEqual(text);
    });
  }

  it('steps per class as printed: Class A stops at 5, Class I at 8, II to VI at 13; pre-school I at 8, II at 10', () => {
    const last = (id: string) => {
      const cells = printed[id as keyof typeof printed]();
      const m: Record<string, number> = {};
      for (const c of cells) m[c.class] = Math.max(m[c.class] ?? 0, c.step);
      return m;
    };
    expect(last('basic')).toEqual({ A: 5, I: 8, II: 13, III: 13, IV: 13, V: 13, VI: 13 });
    expect(last('preschool')).toEqual({ I: 8, II: 10, III: 13, IV: 13, V: 13 });
  });
});

describe('daily rate = annual / 190, rounded half-up (Article XV.1)', () => {
  it.each(['basic', 'community-day'])('%s: the rule rate of every cell, and the printed rates that differ are reported', (id) => {
    const { cells } = scheduleTable(a, id, '2005-06');
    const text = printed[id as 'basic'](); 
    const differing: string[] = [];
    for (const t of text) {
      const want = divHalfUp(BigInt(t.annual!) * 100n, 190n); // cents
      const c = cells.find((x) => x.class === t.class && x.step === t.step)!;
      expect(cents(c.dailyRate.toFixed(2))).toBe(want);
      expect(c.differs).toBe(cents(t.daily!) !== want);
      if (c.differs) differing.push(`${t.class}-${t.step}`);
    }
    // Found by the oracle above; kept here so a change in the data shows up in review.
    expect(differing).toEqual(id === 'basic' ? [] : ['II-2', 'III-3', 'II-4', 'I-6', 'III-8', 'V-11']);
  });
});

function quotesIn(v: unknown, path: string, out: { path: string; quote: string }[]) {
  if (Array.isArray(v)) v.forEach((x, i) => quotesIn(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'quote' && typeof x === 'string') out.push({ path, quote: x });
      else quotesIn(x, `${path}.${k}`, out);
    }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

describe('citations', () => {
  const files = yamlFiles(AGREEMENT_DIR);
  const quotes = files.flatMap((f) => {
    const out: { path: string; quote: string }[] = [];
    quotesIn(yamlData(f), f.slice(AGREEMENT_DIR.length + 1), out);
    return out;
  });
  it('there are citations to check', () => expect(quotes.length).toBeGreaterThan(10));
  it.each(quotes.map((q) => [q.path, q.quote]))('%s quotes the agreement word for word', (_p, quote) => {
    expect(FOLDED.includes(fold(quote))).toBe(true);
  });
});
