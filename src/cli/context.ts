// What every command needs: the chosen agreement, the output context, the global flags.
import type { Command } from 'commander';
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
  const [a, ctx] = await Promise.all([loadAgreement({ rules: g.rules, agreement: g.agreement }), makeCtx(g.color)]);
  return { a, ctx, g };
}

export { examples } from './help';
