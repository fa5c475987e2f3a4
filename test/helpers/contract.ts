// The agreement's own text (the project's copy under rules/), and parsers of its printed figures.
// Tests compare the rules against these, so a typo in the YAML cannot pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const AGREEMENT_DIR = join(ROOT, 'rules', 'sdcoe-ae-2005-2008');
export const TEXT = readFileSync(join(AGREEMENT_DIR, 'source', 'agreement-2005-2008.txt'), 'utf8');
export const LINES = TEXT.split('\n');

export const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
export const FOLDED = fold(TEXT);

const num = (s: string) => s.trim().replace(/,/g, '');

export interface PrintedCell {
  class: string;
  step: number;
  annual?: string;
  daily?: string;
  hourly?: string;
}

function lineIndex(marker: string): number {
  const i = LINES.findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`marker not found in the agreement text: ${marker}`);
  return i;
}

/** A printed schedule of the agreement after the line holding `marker`: a line per step of
 *  tab-separated amounts, one per class. An annual table prints a line of daily rates under each step
 *  line; an hourly table does not, and prints '-' where a class has no such step. */
function parseTable(marker: string, classes: string[], kind: 'annual' | 'hourly', steps = 13): PrintedCell[] {
  const cells: PrintedCell[] = [];
  let i = lineIndex(marker) + 1;
  for (let found = 0; found < steps; i++) {
    const m = /^(\d+)\t/.exec(LINES[i]);
    if (!m) continue;
    const a = LINES[i].split('\t');
    const d = kind === 'annual' ? LINES[++i].split('\t') : undefined;
    classes.forEach((c, k) => {
      const v = (a[k + 1] ?? '').trim();
      if (!v || (!d && v === '-')) return;
      cells.push(d ? { class: c, step: +m[1], annual: num(v), daily: num(d[k + 1] ?? '') } : { class: c, step: +m[1], hourly: num(v) });
    });
    found++;
  }
  return cells;
}

export const BASIC = () => parseTable('Basic Teacher Compensation Plan 2005-2006', ['A', 'I', 'II', 'III', 'IV', 'V', 'VI'], 'annual');
export const COMMUNITY_DAY = () => parseTable('Community Day School Teacher Effective', ['A', 'I', 'II', 'III', 'IV', 'V', 'VI'], 'annual');
export const PRESCHOOL = () => parseTable('PRESCHOOL TEACHERS COMPENSATION PLAN 2005-2006', ['I', 'II', 'III', 'IV', 'V'], 'hourly');

/** Round-half-up of n / d to an integer, in BigInt (an oracle independent of the money module). */
export function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** "372.62" -> 37262n */
export function cents(s: string): bigint {
  const [i, f = ''] = s.split('.');
  return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
}
