// A figure's provenance: the citation of the rule, plus where in the rules it sits.
import type { Citation } from './schema';

export interface Source extends Citation {
  /** which printed figure this source backs (annualSalary, dailyRate, ...) */
  figure?: string;
  /** a schedule cell, e.g. "Class IV, Step 13" */
  cell?: string;
  /** the rules file it was read from */
  file?: string;
}

export function cite(c: Citation, extra?: Omit<Source, keyof Citation>): Source {
  // the same object as { ...extra, article, section (when given), quote }, built without spreading:
  // V8 copies spread objects of many shapes slowly, and a salary builds a dozen sources
  const out = {} as Source;
  if (extra) for (const k of Object.keys(extra) as (keyof typeof extra)[]) out[k] = extra[k];
  out.article = c.article;
  if (c.section) out.section = c.section;
  out.quote = c.quote;
  return out;
}

/** "Art. XV.1" / "Appendix A, Basic Teacher Compensation Plan 2005-2006" */
export function citeShort(c: Citation): string {
  if (c.article.startsWith('Appendix') || !/^[IVXLCDM\d]/.test(c.article)) return c.section ? `${c.article}, ${c.section}` : c.article;
  return `Art. ${c.article}${c.section ? '.' + c.section : ''}`;
}

/** "XV.3" / "Appendix A": the article and section as the agreement numbers them, for a label or a sentence. */
export function citeRef(c: Citation): string {
  return c.section ? `${c.article}.${c.section}` : c.article;
}
