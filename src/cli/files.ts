// Reading user-given rules-like files (calendars, closures) with the validator: named file, line, problem.
import { existsSync } from 'node:fs';
import { InputError } from '../core/errors';
import type { z } from 'zod';

export async function readValidated<T extends z.ZodTypeAny>(file: string, flag: string, pick: (m: typeof import('../rules/all-schemas')) => T): Promise<z.infer<T> & { file: string }> {
  if (!existsSync(file)) throw new InputError(`${flag} ${file}: no such file`);
  const [{ validateFile }, schemas] = await Promise.all([import('../rules/validate'), import('../rules/all-schemas')]);
  try {
    return { ...(validateFile(pick(schemas), file, file) as object), file } as z.infer<T> & { file: string };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}
