// Turning option text into values, with one clear message each.
import { InputError } from '../core/errors';
import { isDecimalText } from '../core/money';

export function intArg(v: string | undefined, flag: string, hint: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(v)) throw new InputError(`${flag} ${JSON.stringify(v)}: not a whole number; ${hint}`);
  return Number(v);
}

export function decArg(v: string | undefined, flag: string, hint: string, allowNegative = false): string | undefined {
  if (v === undefined) return undefined;
  if (!isDecimalText(v, allowNegative)) throw new InputError(`${flag} ${JSON.stringify(v)}: not a number; ${hint}`);
  return v.trim();
}

export function required<T>(v: T | undefined, flag: string, hint: string): T {
  if (v === undefined) throw new InputError(`${flag} is required: ${hint}`);
  return v;
}
