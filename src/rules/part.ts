// The one accessor of an agreement's optional rule files (no zod: the CLI loads this at start-up).
import { InputError } from '../core/errors';
import type { Agreement, Parts } from './types';

const FILE_OF: Record<keyof Parts, string> = {
  stipends: 'stipends.yaml',
  leaves: 'leaves.yaml',
  deadlines: 'deadlines.yaml',
  advancement: 'advancement.yaml',
  benefits: 'benefits.yaml',
  calendars: 'calendars/ folder',
};

/** The rules of one family, or a clear error naming the file the agreement folder lacks. */
export function part<K extends keyof Parts>(a: Agreement, kind: K): NonNullable<Parts[K]> {
  const p = a.parts[kind];
  if (!p) throw new InputError(`the agreement ${a.meta.id} has no ${FILE_OF[kind]} in its rules folder`);
  return p as NonNullable<Parts[K]>;
}
