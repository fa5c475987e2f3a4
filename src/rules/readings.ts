// Readings of the contract: how cba reads a sentence the agreement leaves open. Each lives in the YAML of
// its family (`readings: [{ id, text, cite }]`) beside the values it interprets; a rule that applies one
// returns it, by id, with its text filled in. docs/readings.md is checked against these (test/rules/readings.test.ts).
import type { ReadingEntry } from './schema';
import { cite, type Source } from './source';

/** A reading applied to a result: its id, its text filled in, and the sentence it reads. */
export interface Reading {
  id: string;
  text: string;
  source?: Source;
}

/** The reading `id` of a family's readings, its {{name}} placeholders filled from vars; undefined when the
 *  agreement states no such reading (an agreement of another office need not carry every reading). */
export function reading(list: readonly ReadingEntry[] | undefined, id: string, vars: Record<string, string | number> = {}): Reading | undefined {
  const r = list?.find((x) => x.id === id);
  if (!r) return undefined;
  const text = r.text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m));
  return { id: r.id, text, ...(r.cite ? { source: cite(r.cite) } : {}) };
}

/** Readings without repeats (by text), in order. */
export function uniqueReadings(rs: readonly (Reading | undefined)[]): Reading[] {
  const seen = new Set<string>();
  const out: Reading[] = [];
  for (const r of rs) if (r && !seen.has(r.text)) (seen.add(r.text), out.push(r));
  return out;
}
