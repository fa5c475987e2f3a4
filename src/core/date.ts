// Plain calendar dates. 'YYYY-MM-DD' in and out; whole day numbers inside
// (days since 1970-01-01 in the proleptic Gregorian calendar). No Date object,
// no time zone, no milliseconds: the result is the same on every machine.
import { FieldError, InputError } from './errors';

export type DayNumber = number;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days from civil (H. Hinnant's algorithm). */
export function fromParts(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function toParts(z: DayNumber): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse 'YYYY-MM-DD' strictly; null if it is not a real date. */
export function tryParseDate(s: string): DayNumber | null {
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return fromParts(y, mo, d);
}

/** Parse 'YYYY-MM-DD' strictly. `what` names the value in the message: a field's name (daysServed,
 *  occurred: the CLI shows its flag) or words. */
export function parseDate(s: string, what = 'date'): DayNumber {
  const n = tryParseDate(s);
  if (n === null) {
    const shape = ISO.test(s.trim());
    const field = /^[a-z][a-zA-Z0-9]*$/.test(what) && what !== 'date' ? what : undefined;
    const t = `${field ? `{${field}}` : what} ${JSON.stringify(s)}${shape ? ' does not exist on the calendar; give a real date as YYYY-MM-DD' : ' is not a date; write it as YYYY-MM-DD (for example 2005-11-18)'}`;
    throw field ? new FieldError(field, t) : new InputError(t);
  }
  return n;
}

/** A range of days FROM..TO given as two dates, FROM <= TO. */
export function parseRange(from: string, to: string, field: string): { from: DayNumber; to: DayNumber } {
  const f = parseDate(from, field);
  const t = parseDate(to, field);
  if (t < f) throw new FieldError(field, `{${field}} ${from}..${to}: the range ends before it starts; write FROM..TO`);
  return { from: f, to: t };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDate(z: DayNumber): string {
  const { y, m, d } = toParts(z);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(z: DayNumber): number {
  return (((z + 4) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Add calendar months, clamping to the month's end (Mar 31 - 1 month = Feb 28/29). */
export function addMonths(z: DayNumber, months: number): DayNumber {
  const { y, m, d } = toParts(z);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return fromParts(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The school year that starts on July 1 of a year: 2005 -> '2005-06'. */
export function schoolYearStarting(y: number): string {
  return `${y}-${pad((y + 1) % 100)}`;
}

/** The school year (July 1 - June 30) containing a date, as '2005-06'. */
export function schoolYearOf(z: DayNumber): string {
  const { y, m } = toParts(z);
  return schoolYearStarting(m >= 7 ? y : y - 1);
}

/** '2005-06' -> first and last day numbers of that school year. */
export function schoolYearRange(year: string): { first: DayNumber; last: DayNumber } {
  const m = /^(\d{4})-(\d{2})$/.exec(year);
  if (!m || (+m[1] + 1) % 100 !== +m[2]) {
    throw new InputError(`school year ${JSON.stringify(year)} is not of the form YYYY-YY (for example 2005-06)`);
  }
  const y = +m[1];
  return { first: fromParts(y, 7, 1), last: fromParts(y + 1, 6, 30) };
}

/** How a batch file writes its dates: ISO (YYYY-MM-DD, always read) or slashed month/day/year
 *  (MDY, as US Excel writes 11/21/2005) or day/month/year (DMY). */
export type DateOrder = 'ISO' | 'MDY' | 'DMY';
export const DATE_ORDERS: readonly DateOrder[] = ['ISO', 'MDY', 'DMY'];

const MONTH_WORDS = MONTH_NAMES;
const SLASHED = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;

/** A date cell of a batch file in the stated order: the day, or why it is not one (never a guess:
 *  a slashed date without an order, a two-digit year or a day that does not exist is a problem).
 *  ISO is read in every order; a slashed Y/M/D with a four-digit year first too. The problem text
 *  names the value; `needsOrder` says the value would be a date given an order. */
export function readDateAs(text: string, order: DateOrder): DayNumber | { problem: string; needsOrder?: boolean } {
  const s = text.trim();
  const iso = tryParseDate(s);
  if (iso !== null) return iso;
  const q = JSON.stringify(text);
  if (ISO.test(s)) return { problem: `${q} is not a date: that day does not exist on the calendar` };
  const m = SLASHED.exec(s);
  if (!m) return { problem: `${q} is not a date; write it as YYYY-MM-DD${order === 'ISO' ? '' : order === 'MDY' ? ' or M/D/YYYY' : ' or D/M/YYYY'}` };
  const [a, b, c] = [m[1], m[3], m[4]];
  let y: number, mo: number, d: number;
  if (a.length === 4) [y, mo, d] = [+a, +b, +c]; // 2005/11/21: the year first is never ambiguous
  else {
    if (order === 'ISO') return { problem: `${q} is not a date as YYYY-MM-DD; a slashed date is read only in the order given with {dateFormat} MDY (month/day/year) or DMY (day/month/year)`, needsOrder: true };
    if (c.length !== 4) return { problem: `${q} has a ${c.length}-digit year, which could be more than one century; write the year in full (YYYY)` };
    if (a.length > 2) return { problem: `${q} is not a date in ${order} order (${order === 'MDY' ? 'M/D/YYYY' : 'D/M/YYYY'})` };
    [y, mo, d] = order === 'MDY' ? [+c, +a, +b] : [+c, +b, +a];
  }
  const as = a.length === 4 ? 'as year/month/day' : `in ${order} order (${order === 'MDY' ? 'month/day/year' : 'day/month/year'})`;
  if (mo < 1 || mo > 12) return { problem: `${q} is not a date ${as}: there is no month ${mo}` };
  if (d < 1) return { problem: `${q} is not a date ${as}: there is no day 0` };
  if (d > daysInMonth(y, mo)) return { problem: `${q} is not a date ${as}: ${MONTH_WORDS[mo - 1]} ${y} has ${daysInMonth(y, mo)} days` };
  return fromParts(y, mo, d);
}
