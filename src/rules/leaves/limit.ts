// The check of one leave limit (requested against allowed, with the reason and sources), shared by
// leaves.ts and other-leaves.ts (its own module: neither imports the other for it).
import type { Dec } from '../../core/money';
import type { Source } from '../source';
import type { Reading } from '../readings';

export interface LimitCheck {
  id: string;
  label: string;
  requested: Dec;
  allowed: Dec;
  unit: 'days' | 'hours' | 'months' | 'years' | 'members';
  ok: boolean;
  reason: string;
  sources: Source[];
  extra?: Record<string, string | number>;
  /** the readings the check applied, to print with it */
  readings?: Reading[];
}
