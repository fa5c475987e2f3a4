// Turning option text into values, with one clear message each. Every number a user types is
// bounded (README, "Limits on input"): a whole number at most WHOLE_MAX, a decimal below DECIMAL_MAX
// with at most DECIMAL_PLACES places, so money stays exact in integer cents (far below 2^53) and a
// value like 1e20 hours or an FTE of 0.000...1 is refused with the text as typed.
import { InputError } from '../core/errors';
import { isDecimalText } from '../core/money';

export const WHOLE_MAX = 1_000_000;
export const DECIMAL_MAX = 1_000_000_000;
export const DECIMAL_PLACES = 6;

export function intArg(v: string | undefined, flag: string, hint: string, max = WHOLE_MAX): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(v)) throw new InputError(`${flag} ${JSON.stringify(v)}: not a whole number; ${hint}`);
  const t = v.trim().replace(/^0+(?=\d)/, '');
  if (t.length > String(max).length || Number(t) > max) throw new InputError(`${flag} ${JSON.stringify(v)}: more than ${max.toLocaleString('en-US')}; ${hint}`);
  return Number(t);
}

export function decArg(v: string | undefined, flag: string, hint: string, allowNegative = false, max = DECIMAL_MAX): string | undefined {
  if (v === undefined) return undefined;
  if (!isDecimalText(v, allowNegative)) throw new InputError(`${flag} ${JSON.stringify(v)}: not a number; ${hint}`);
  const t = v.trim();
  const [whole, frac = ''] = t.replace(/^-/, '').split('.');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > String(max).length || Number(digits) >= max) throw new InputError(`${flag} ${JSON.stringify(v)}: ${max.toLocaleString('en-US')} or more is beyond what cba computes; ${hint}`);
  if (frac.length > DECIMAL_PLACES) throw new InputError(`${flag} ${JSON.stringify(v)}: more than ${DECIMAL_PLACES} decimal places; ${hint}`);
  return t;
}

/** Declared ranges of quantities a user types: hours in a day, hours and days in a year. */
export const RANGES = {
  hoursADay: { max: 24, what: 'hours (a day has 24)' },
  hoursAYear: { max: 8760, what: 'hours (a year has 8,760)' },
  daysAYear: { max: 366, what: 'days (a year has at most 366)' },
} as const;

/** A decimal within a declared range (RANGES), refused with the value as typed. */
export function rangedDec(v: string | undefined, flag: string, hint: string, range: { max: number; what: string }): string | undefined {
  const t = decArg(v, flag, hint);
  if (t !== undefined && Number(t) > range.max) throw new InputError(`${flag} ${JSON.stringify(v)}: more than ${range.max.toLocaleString('en-US')} ${range.what}; ${hint}`);
  return t;
}

export function required<T>(v: T | undefined, flag: string, hint: string): T {
  if (v === undefined) throw new InputError(`${flag} is required: ${hint}`);
  return v;
}
