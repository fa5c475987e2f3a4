// The grids typed by hand from the printed pages of the district PDFs (test/import/expected/*.txt, and
// expected/scans/ for a scanned page): `grid N`, `meta k=v; ...`, `classes A | B`, then one line a
// step, `step | cell | ...` ("" where the page prints no amount, "annual / daily" where it prints both).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXPECTED_DIR = join(import.meta.dirname, 'expected');

export interface ExpectedGrid {
  n: number;
  meta: Record<string, string>;
  classes: string[];
  rows: { step: string; cells: string[] }[];
}

/** test/import/expected/<pdf>.txt: grids typed by hand from the printed page. */
export function readExpected(file: string): ExpectedGrid[] {
  const out: ExpectedGrid[] = [];
  let cur: ExpectedGrid | undefined;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const g = /^grid (\d+)$/.exec(line);
    if (g) {
      cur = { n: Number(g[1]), meta: {}, classes: [], rows: [] };
      out.push(cur);
    } else if (line.startsWith('meta ')) {
      for (const kv of line.slice(5).split('; ')) {
        const i = kv.indexOf('=');
        cur!.meta[kv.slice(0, i)] = kv.slice(i + 1);
      }
    } else if (line.startsWith('classes ')) cur!.classes = line.slice(8).split(' | ');
    else {
      const [step, ...cells] = line.split('|').map((s) => s.trim());
      cur!.rows.push({ step, cells });
    }
  }
  return out;
}

/** A typed grid's amounts as numbers ($ and thousands commas dropped), null where the page prints none. */
export function typedAmounts(g: ExpectedGrid): { steps: number[]; grid: (number | null)[][] } {
  return { steps: g.rows.map((r) => +r.step), grid: g.rows.map((r) => r.cells.map((c) => (c ? +c.replace(/[$,]/g, '') : null))) };
}
