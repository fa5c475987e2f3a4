import type { Source } from '../rules/source';
import { citeShort } from '../rules/source';

export function sourceText(s: Source | undefined): string {
  if (!s) return '';
  return citeShort(s) + (s.cell ? ` (${s.cell})` : '');
}

/** Sources without repeats, for JSON. */
export function uniqueSources(list: (Source | undefined)[]): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const s of list) {
    if (!s) continue;
    const k = `${s.article}|${s.section}|${s.quote}|${s.cell ?? ''}|${s.figure ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}
