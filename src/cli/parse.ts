// Every conversion from text (a flag, a CSV cell, a check case's input) to a value, in one place, each
// with one clear message naming its field: {field} in a message is the field, shown by the CLI as its
// flag. Table-driven tests: test/cli/parse.test.ts.
import { FieldError } from '../core/errors';
import { own } from '../core/own';
import { isDecimalText } from '../core/money';
import { dec, type Dec } from '../core/money';
import type { LeaveQty } from '../rules/leaves/leaves';
import type { Rating } from '../rules/stipends/stipends';
import { DATE_ORDERS, parseDate, parseRange, type DateOrder, type DayNumber } from '../core/date';

/** Every number a user types is bounded (README, "Limits on input"): a whole number at most WHOLE_MAX, a
 *  decimal below DECIMAL_MAX with at most DECIMAL_PLACES places, so money stays exact in integer cents
 *  (far below 2^53) and a value like 1e20 hours or an FTE of 0.000...1 is refused with the text as typed. */
export const WHOLE_MAX = 1_000_000;
export const DECIMAL_MAX = 1_000_000_000;
export const DECIMAL_PLACES = 6;

/** A whole number (no sign, no decimals). */
export function int(v: string | undefined, field: string, hint: string, max = WHOLE_MAX): number | undefined {
  if (v === undefined) return undefined;
  // /^\s*\d+\s*$/ and the leading zeros but the last digit, read without regular expressions (each is
  // compiled at its first use: --step of every salary): trim() takes off exactly what \s matches
  const digits = v.trim();
  let zeros = 0;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) zeros = -1;
    else if (c === 48 && zeros === i) zeros++;
  }
  if (!digits || zeros < 0) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: not a whole number; ${hint}`);
  const t = digits.slice(Math.min(zeros, digits.length - 1));
  if (t.length > String(max).length || Number(t) > max) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: more than ${max.toLocaleString('en-US')}; ${hint}`);
  return Number(t);
}

/** A decimal as exact text (for the money module): 12, 12.5, and with `negative` -1.25. */
export function decimal(v: string | undefined, field: string, hint: string, negative = false, max = DECIMAL_MAX): string | undefined {
  if (v === undefined) return undefined;
  if (!isDecimalText(v, negative)) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: not a number; ${hint}`);
  const t = v.trim();
  const [whole, frac = ''] = t.replace(/^-/, '').split('.');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > String(max).length || Number(digits) >= max) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: ${max.toLocaleString('en-US')} or more is beyond what cba computes; ${hint}`);
  if (frac.length > DECIMAL_PLACES) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: more than ${DECIMAL_PLACES} decimal places; ${hint}`);
  return t;
}

/** Declared ranges of quantities a user types: hours in a day, hours and days in a year. */
export const RANGES = {
  hoursADay: { max: 24, what: 'hours (a day has 24)' },
  hoursAYear: { max: 8760, what: 'hours (a year has 8,760)' },
  daysAYear: { max: 366, what: 'days (a year has at most 366)' },
} as const;

/** A decimal within a declared range (RANGES), refused with the value as typed. */
export function rangedDecimal(v: string | undefined, field: string, hint: string, range: { max: number; what: string }): string | undefined {
  const t = decimal(v, field, hint);
  if (t !== undefined && Number(t) > range.max) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: more than ${range.max.toLocaleString('en-US')} ${range.what}; ${hint}`);
  return t;
}

/** A decimal as an exact number. */
export function decimalValue(v: string | undefined, field: string, hint: string, negative = false): Dec | undefined {
  const t = decimal(v, field, hint, negative);
  return t === undefined ? undefined : dec(t);
}

export function required<T>(v: T | undefined, field: string, hint: string): T {
  if (v === undefined) throw new FieldError(field, `{${field}} is required: ${hint}`);
  return v;
}

/** A plain date, YYYY-MM-DD, that exists on the calendar. */
/** How a batch file writes its dates (--date-format): ISO (the default), MDY or DMY. */
export function dateOrder(v: string | undefined, field = 'dateFormat'): DateOrder {
  if (v === undefined) return 'ISO';
  const o = v.trim().toUpperCase();
  if ((DATE_ORDERS as readonly string[]).includes(o)) return o as DateOrder;
  throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: give MDY (11/21/2005 is November 21), DMY (21/11/2005) or ISO (2005-11-21, the default; read in every order)`);
}

export function date(v: string, field: string): DayNumber {
  return parseDate(v, field);
}

/** A month, YYYY-MM. */
export function month(v: string, field: string): { y: number; m: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (!m || +m[2] < 1 || +m[2] > 12) throw new FieldError(field, `{${field}} ${v}: write YYYY-MM, for example 2005-12`);
  return { y: +m[1], m: +m[2] };
}

/** The words for an evaluation: standard or better ("meets"), or below standard ("unsatisfactory").
 *  One list for every command that takes --rating (stipend, salary --stipend, step-advance). */
export const RATING_WORDS: Readonly<Record<string, Rating>> = {
  meets: 'meets', standard: 'meets', exceeds: 'meets', 'meets-standards': 'meets', satisfactory: 'meets',
  unsatisfactory: 'unsatisfactory', below: 'unsatisfactory', 'below-standard': 'unsatisfactory', 'does-not-meet': 'unsatisfactory',
};

export function rating(v: string | undefined, field = 'rating'): Rating | undefined {
  if (v === undefined) return undefined;
  const r = own(RATING_WORDS, v.trim().toLowerCase());
  if (!r) throw new FieldError(field, `{${field}} ${v}: give meets (standard or better) or unsatisfactory`);
  return r;
}

/** A range of days FROM..TO (a recess, a leave), each a date, FROM <= TO. */
export interface DayRange {
  from: DayNumber;
  to: DayNumber;
}

export function dayRange(v: string, field: string): DayRange {
  const m = /^\s*(\S+?)\s*\.\.\s*(\S+)\s*$/.exec(v);
  if (!m) throw new FieldError(field, `{${field}} ${v}: write FROM..TO, for example 2005-12-19..2005-12-30`);
  return parseRange(m[1], m[2], field);
}

/** Several ranges in one cell, separated by ; or | (a batch row's recess column). */
export function dayRanges(v: string, field: string): DayRange[] {
  return v
    .split(/[;|]/)
    .filter((p) => p.trim())
    .map((p) => dayRange(p, field));
}

/** NAME=VALUE pairs (--done level2-appeal=2006-01-10, --related aide=4). */
export function pair(v: string, field: string, shape: RegExp, example: string): [string, string] {
  const m = /^([^=]+)=(.+)$/.exec(v);
  if (!m || !shape.test(m[1])) throw new FieldError(field, `{${field}} ${v}: write ${example}`);
  return [m[1], m[2]];
}

/** --done STEP=DATE: the actual date of a grievance step. */
export function stepDate(v: string, field = 'done'): [string, string] {
  const [k, d] = pair(v, field, /^[a-z0-9-]+$/, 'STEP=DATE, for example {done} level2-appeal=2006-01-10');
  return [k, d];
}

/** --related KIND=YEARS: years of related experience. */
export function kindYears(v: string, field = 'related'): [string, number] {
  const m = /^([a-z-]+)=(\d+)$/.exec(v);
  if (!m) throw new FieldError(field, `{${field}} ${v}: write KIND=YEARS, for example {${field}} aide=4`);
  return [m[1], int(m[2], field, `give whole years, for example {${field}} aide=4`)!];
}

/** A quantity of leave: days (12, 12d) or hours (81h). */
export function leaveQty(v: string, field: string): LeaveQty {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(d|day|days|h|hr|hrs|hour|hours)?\s*$/i.exec(v);
  if (!m) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: give days or hours as a non-negative number, for example {${field}} 12 (days) or {${field}} 81h (hours)`);
  // bounded as every typed number is: more than a career of leave is a typing error
  if (m[1].split('.')[0].replace(/^0+(?=\d)/, '').length > 6) throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: 1,000,000 or more is beyond what cba computes; give days or hours, for example {${field}} 12`);
  return { value: dec(m[1]), unit: m[2] && m[2][0].toLowerCase() === 'h' ? 'hours' : 'days' };
}
