// Article XV.4-6: the schedule each position is paid on. Pure: the agreement's positions list in,
// the schedule id with the sentence that puts the position on it out.
import { FieldError } from '../../core/errors';
import { nearest } from '../../core/suggest';
import { cite, type Source } from '../source';
import type { Agreement } from '../types';

export interface PositionSchedule {
  /** the position as printed */
  position: string;
  schedule: string;
  source: Source;
}

/** "Nurse, School" and "school nurse" are the same position: lower case, words only, and a printed
 *  "Noun, Qualifier" also matches "Qualifier Noun". */
function keys(name: string): string[] {
  const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const out = [words(name)];
  const i = name.indexOf(',');
  if (i > 0) out.push(words(`${name.slice(i + 1)} ${name.slice(0, i)}`));
  return out;
}

export function positionList(a: Agreement): PositionSchedule[] {
  return (a.meta.positions ?? []).flatMap((p) => p.names.map((n) => ({ position: n, schedule: p.schedule, source: cite(p.cite, { figure: 'position' }) })));
}

export function scheduleForPosition(a: Agreement, name: string): PositionSchedule {
  const list = positionList(a);
  if (!list.length) throw new FieldError('position', `the agreement ${a.meta.id} lists no positions (agreement.yaml positions); give {schedule} instead`);
  const want = keys(name)[0];
  const hit = list.find((p) => keys(p.position).includes(want));
  if (!hit) {
    const byLower = new Map(list.map((p) => [p.position.toLowerCase(), p.position]));
    const near = nearest(name.toLowerCase(), [...byLower.keys()]).map((n) => byLower.get(n)!);
    throw new FieldError('position', `{position} "${name}" is not a position the agreement names${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''} (cba schedule --positions lists them)`);
  }
  return hit;
}
