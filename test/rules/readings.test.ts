// Readings live in the rules YAML (`readings: [{ id, text, cite }]` per family, or a `reading` beside one
// value); the rule functions apply them by id and return { id, text }; docs/readings.md lists them, generated
// from the YAML (scripts/readings-doc.mjs), so the page and the output cannot drift apart.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/rules/load';
import { reading } from '../../src/rules/readings';
import { salary } from '../../src/rules/schedules/salary';
import { computeStipend } from '../../src/rules/stipends/stipends';
import { accrual, extendedAbsence } from '../../src/rules/leaves/leaves';
import { classify } from '../../src/rules/advancement/advancement';
import type { Agreement } from '../../src/rules/types';
import { dec } from '../../src/core/money';
import { AGREEMENT_DIR, FOLDED, fold, ROOT } from '../helpers/contract';
import { yamlOfText } from '../helpers/yaml-data';
// @ts-expect-error a plain .mjs script, no types
import { allReadings, readingsSection, BEGIN, END } from '../../scripts/readings-doc.mjs';

type Entry = { file: string; id: string; text: string; cite?: { article: string; section?: string; quote: string } };
let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

/** The reading ids the code asks for: reading(list, 'id' | cond ? 'id' : 'id', ...) and addReading('id'). */
function idsInSource(): Set<string> {
  const ids = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const t = readFileSync(p, 'utf8');
        // the second argument: an id, or a choice of ids (cond ? 'a-b' : 'c-d'); reading ids are kebab-case with a dash
        for (const m of t.matchAll(/\breading\((?:[^,()]|\([^()]*\))+,\s*([^,)]*)/g)) for (const q of m[1].matchAll(/'([a-z0-9]+-[a-z0-9-]+)'/g)) ids.add(q[1]);
        for (const m of t.matchAll(/\baddReading\('([a-z0-9-]+)'/g)) ids.add(m[1]);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return ids;
}

describe('readings: one source, the rules YAML', () => {
  // the YAML read with yaml through the worker's shared parse (test/helpers/yaml-data.ts)
  const entries: Entry[] = allReadings(undefined, yamlOfText);
  const listed = new Set(entries.map((e) => e.id));

  it('docs/readings.md carries the list generated from the YAML (run node scripts/readings-doc.mjs --write)', () => {
    const doc = readFileSync(join(ROOT, 'docs/readings.md'), 'utf8');
    const i = doc.indexOf(BEGIN);
    const j = doc.indexOf(END);
    expect(i).toBeGreaterThan(0);
    expect(doc.slice(i, j + END.length)).toBe(readingsSection(undefined, yamlOfText));
  });

  it('every reading the code applies is in the YAML, and every reading list entry is applied by the code', () => {
    const used = idsInSource();
    expect(used.size).toBeGreaterThan(20); // the scan sees the calls
    expect([...used].filter((id) => !listed.has(id))).toEqual([]);
    // a list entry (the family's list or a provision's own), not a `reading` written beside a single value
    const listIds = entries.filter((e) => !e.file.startsWith('benefits') && new RegExp(`- id: ${e.id}\\n\\s+text:`).test(readFileSync(join(AGREEMENT_DIR, e.file), 'utf8'))).map((e) => e.id);
    expect(listIds.length).toBeGreaterThan(20);
    expect(listIds.filter((id) => !used.has(id))).toEqual([]);
  });

  it('every cited reading quotes the agreement word for word', () => {
    const bad = entries.filter((e) => e.cite && !FOLDED.includes(fold(e.cite.quote))).map((e) => `${e.file} ${e.id}`);
    expect(bad).toEqual([]);
  });

  it('a reading is returned with its id, its figures filled in and the sentence it reads', () => {
    const r = reading([{ id: 'x-y', text: 'A {{n}}-day calendar, {field} given, {{missing}} kept', cite: { article: 'XI', section: '1.F', quote: 'q' } }], 'x-y', { n: 150 });
    expect(r).toEqual({ id: 'x-y', text: 'A 150-day calendar, {field} given, {{missing}} kept', source: { article: 'XI', section: '1.F', quote: 'q' } });
    expect(reading([], 'x-y')).toBeUndefined();
    expect(reading(undefined, 'x-y')).toBeUndefined();
  });

  it('the rules return the readings they apply, by id, every figure filled in', () => {
    const got = [
      ...salary(a, { class: 'IV', step: 13, days: 150 }).readings, // 150 days: short-calendar-pro-rata
      ...salary(a, { schedule: 'preschool', class: 'II', step: 5, days: 190 }).readings, // hourly schedule past its 184 days
      ...computeStipend(a, 'ltvs', { years: 24, class: 'IV', rating: 'meets' }).readings,
      ...computeStipend(a, 'phd', { awarded: '2005-07-01' }).readings,
      ...computeStipend(a, 'activity-day', { activityHours: '4' }).readings,
      ...accrual(a, { daysWorked: 190 }).readings,
      ...accrual(a, { assignment: 'preschool' }).readings,
      ...extendedAbsence(a, { absenceDays: 30, availableDays: dec(10) }).readings,
    ];
    expect(got.map((r) => r.id)).toEqual([
      'short-calendar-pro-rata', 'hourly-extra-days', 'ltvs-cumulative', 'july-first-strict', 'four-hours-overlap',
      'accrual-below-cap', 'sick-day-at-workday', 'accrual-calendar-assumed', 'partial-day-paid', 'one-increment',
    ]);
    for (const r of got) expect(r.text).not.toMatch(/\{\{/);
    // worked: 123 to 189 days pro rata over 190 (XI.1.F states the minimum); 190 x 1/17.3 = 10.98 days
    expect(got[0].text).toBe('A calendar of 123 to 189 days (a shared or reduced contract, Art. XI.1.F) is paid pro rata: annual x days / 190. The agreement states the 123-day minimum but not the pay formula; this is the reading applied.');
    expect(got[5].text).toBe('At 1 day per 17.3 days worked, the 13-day cap needs 224.9 days worked; a 190-day calendar earns 10.98 days.');
    expect(classify(a, 'preschool', { degree: 'aa', eceUnits: 0 }).reading?.id).toBe('aa-is-ece-cd');
  });
});
