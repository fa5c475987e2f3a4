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

/** An annual table: a step line of tab-separated salaries, then a line of daily rates. */
export function parseAnnualTable(marker: string, classes: string[], steps = 13): PrintedCell[] {
  const cells: PrintedCell[] = [];
  let i = lineIndex(marker) + 1;
  let found = 0;
  while (found < steps) {
    const m = /^(\d+)\t/.exec(LINES[i]);
    if (m) {
      const a = LINES[i].split('\t');
      const d = LINES[i + 1].split('\t');
      classes.forEach((c, k) => {
        const v = (a[k + 1] ?? '').trim();
        if (v) cells.push({ class: c, step: +m[1], annual: num(v), daily: num(d[k + 1] ?? '') });
      });
      found++;
      i += 2;
    } else i++;
  }
  return cells;
}

export function parseHourlyTable(marker: string, classes: string[], steps = 13): PrintedCell[] {
  const cells: PrintedCell[] = [];
  let i = lineIndex(marker) + 1;
  let found = 0;
  while (found < steps) {
    const m = /^(\d+)\t/.exec(LINES[i]);
    if (m) {
      const a = LINES[i].split('\t');
      classes.forEach((c, k) => {
        const v = (a[k + 1] ?? '').trim();
        if (v && v !== '-') cells.push({ class: c, step: +m[1], hourly: num(v) });
      });
      found++;
    }
    i++;
  }
  return cells;
}

export const BASIC = () => parseAnnualTable('Basic Teacher Compensation Plan 2005-2006', ['A', 'I', 'II', 'III', 'IV', 'V', 'VI']);
export const COMMUNITY_DAY = () => parseAnnualTable('Community Day School Teacher Effective', ['A', 'I', 'II', 'III', 'IV', 'V', 'VI']);
export const PRESCHOOL = () => parseHourlyTable('PRESCHOOL TEACHERS COMPENSATION PLAN 2005-2006', ['I', 'II', 'III', 'IV', 'V']);

/** Round-half-up of n / d to an integer, in BigInt (an oracle independent of the money module). */
export function divHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** "372.62" -> 37262n */
export function cents(s: string): bigint {
  const [i, f = ''] = s.split('.');
  return BigInt(i) * 100n + BigInt((f + '00').slice(0, 2));
}
