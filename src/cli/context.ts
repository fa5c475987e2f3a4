// What every command needs: the chosen agreement, the output context, the global flags.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { InputError } from '../core/errors';
import { loadAgreement } from '../rules/load';
import type { Agreement } from '../rules/types';
import { makeCtx, type Ctx } from './output';

export interface GlobalOpts {
  rules?: string;
  agreement?: string;
  color?: boolean;
  debug?: boolean;
}

export async function setup(cmd: Command): Promise<{ a: Agreement; ctx: Ctx; g: GlobalOpts }> {
  const g = cmd.optsWithGlobals() as GlobalOpts;
  const own = cmd.opts() as { json?: boolean; csv?: boolean };
  if (own.json && own.csv) throw new InputError('give --json or --csv, not both');
  const [a, ctx] = await Promise.all([loadAgreement({ rules: g.rules, agreement: g.agreement }), makeCtx(g.color)]);
  return { a, ctx, g };
}

export { examples } from './help';

/** Write a file the user asked for (--ics, --out-schedule); a path that cannot be written is bad input. */
export function writeUserFile(file: string, text: string, flag: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${flag} ${file}: cannot write the file (${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : code ?? String(e)})`);
  }
}
