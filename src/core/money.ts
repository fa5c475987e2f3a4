// The one money module: every amount, rate and hour figure goes through here.
// Exact decimals (big.js); rounding happens only where a figure is shown or paid,
// with a mode and unit that come from the rules, never from code.
import Big from 'big.js';

Big.DP = 30;
Big.RM = Big.roundHalfUp;

export type Dec = Big;
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';
export interface Rounding {
  mode: RoundingMode;
  /** the unit rounded to, as a decimal string or number: 0.01, 1 */
  unit: string | number;
}

export const CENT: Rounding = { mode: 'half-up', unit: '0.01' };

const MODE: Record<RoundingMode, 0 | 1 | 2 | 3> = { down: 0, 'half-up': 1, 'half-even': 2, up: 3 };

/** An exact decimal from a string, an integer, a YAML number or a Big. */
export function dec(v: string | number | Big): Big {
  if (v instanceof Big) return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    // Number#toString gives the shortest text that reads back as the same double,
    // which is the literal the YAML file holds (186.58 -> "186.58").
    return new Big(String(v));
  }
  return new Big(v.trim());
}

/** Is this text an exact decimal (no exponent, no sign unless allowed)? */
export function isDecimalText(s: string, allowNegative = false): boolean {
  return (allowNegative ? /^-?\d+(\.\d+)?$/ : /^\d+(\.\d+)?$/).test(s.trim()) || /^\.\d+$/.test(s.trim());
}

/** A rounding unit, read once: its value, and its decimal places when it is a power of ten (0.01 -> 2, 1 -> 0). */
const units = new Map<string | number, { unit: Big; places: number | null }>();
function unitOf(u: string | number): { unit: Big; places: number | null } {
  let hit = units.get(u);
  if (!hit) {
    const unit = dec(u);
    if (unit.lte(0)) throw new RangeError('rounding unit must be positive');
    const t = unit.toFixed();
    const m = /^(?:1|0\.(0*)1)$/.exec(t);
    hit = { unit, places: m ? (t === '1' ? 0 : m[1].length + 1) : /^10*$/.test(t) ? -(t.length - 1) : null };
    units.set(u, hit);
  }
  return hit;
}

/** x / n, exactly, to `places` decimals (x / n at 30 places costs more than a whole command's start-up). */
function divTo(x: Big, n: Big, places: number, mode: 0 | 1 | 2 | 3): Big {
  const dp = Big.DP, rm = Big.RM;
  Big.DP = places;
  Big.RM = mode;
  try {
    return x.div(n);
  } finally {
    Big.DP = dp;
    Big.RM = rm;
  }
}

export function round(x: Big, r: Rounding = CENT): Big {
  const { unit, places } = unitOf(r.unit);
  // a power of ten (0.01, 1): round at that place; any other unit (0.05, 0.25): x / unit to an integer, scaled back
  if (places !== null && places >= 0) return x.round(places, MODE[r.mode]);
  return divTo(x, unit, 0, MODE[r.mode]).times(unit);
}

/** x / divisor rounded to r, exactly as round(x.div(divisor), r) but with one short division: the
 *  quotient is computed to the rounding's own place (big.js rounds a division by its remainder), not
 *  to 30 decimals and then rounded. For daily rates (annual / 190), monthly pay (/ 12) and the like. */
export function divRound(x: Big, divisor: Big | number | string, r: Rounding = CENT): Big {
  const d = divisor instanceof Big ? divisor : dec(divisor);
  if (d.eq(0)) throw new RangeError('division by zero');
  const { unit, places } = unitOf(r.unit);
  if (places !== null && places >= 0) {
    const whole = wholeQuotient(x, d, places, MODE[r.mode]);
    return whole !== undefined ? new Big(whole) : divTo(x, d, places, MODE[r.mode]);
  }
  return divTo(x, d.times(unit), 0, MODE[r.mode]).times(unit);
}

/** A whole number of at most 15 digits held by a Big, or undefined: big.js keeps a number as its
 *  sign s, digits c (no trailing zeros) and exponent e, so it is whole when e reaches its last digit. */
function wholeOf(x: Big): number | undefined {
  const c = x.c;
  if (x.s !== 1 || x.e > 14 || x.e < c.length - 1) return undefined;
  let v = 0;
  for (let i = 0; i < c.length; i++) v = v * 10 + c[i];
  for (let i = c.length - 1; i < x.e; i++) v *= 10;
  return v;
}

/** x / d to `places` decimals, rounded by the mode, for x and d whole numbers (x >= 0, d > 0: a
 *  schedule's annual salary by its days, or a year's pay by 12) in integer arithmetic, exact while
 *  x * 10^places and the quotient times d stay below 2^53; the text of the result (big.js divides
 *  digit by digit, a cost a whole schedule of daily rates feels at start-up), else undefined. */
function wholeQuotient(x: Big, d: Big, places: number, mode: 0 | 1 | 2 | 3): string | undefined {
  const n = wholeOf(x), m = wholeOf(d);
  if (n === undefined || m === undefined || m === 0 || places > 15) return undefined;
  const a = n * 10 ** places;
  if (!(a + m <= Number.MAX_SAFE_INTEGER)) return undefined;
  // the quotient and remainder: the division of doubles is off by one at most, then set right
  let q = Math.floor(a / m);
  let rem = a - q * m;
  if (rem < 0) (q -= 1), (rem += m);
  else if (rem >= m) (q += 1), (rem -= m);
  // down: as it is; up: any remainder; half-up: half or more; half-even: more than half, or half to an even quotient
  if (rem > 0 && (mode === 3 || (mode === 1 && 2 * rem >= m) || (mode === 2 && (2 * rem > m || (2 * rem === m && q % 2 === 1))))) q += 1;
  if (places === 0) return String(q);
  const t = String(q).padStart(places + 1, '0');
  return `${t.slice(0, t.length - places)}.${t.slice(t.length - places)}`;
}

export function sum(xs: Iterable<Big>): Big {
  let t = new Big(0);
  for (const x of xs) t = t.plus(x);
  return t;
}

/** A percentage written as 1.5 (meaning 1.5%) as a factor 0.015. */
export function percent(p: string | number | Big): Big {
  return dec(p).times(HUNDREDTH); // exact, as / 100 is, without a long division
}
const HUNDREDTH = new Big('0.01');

/** 1061.96 -> "1,061.96"; decimals fixed (2 by default), grouping with commas. */
export function formatMoney(x: Big, decimals = 2): string {
  return groupMoney(x.toFixed(decimals));
}

/** A decimal's fixed text ("1061.96", as toFixed writes it) grouped with commas: "1,061.96". */
export function groupMoney(s: string): string {
  const neg = s.charCodeAt(0) === 45;
  const dot = s.indexOf('.');
  const int = s.slice(neg ? 1 : 0, dot === -1 ? s.length : dot);
  // commas between groups of three digits from the right (toFixed gives digits only)
  let grouped = int.slice(0, int.length % 3 || 3);
  for (let i = grouped.length; i < int.length; i += 3) grouped += ',' + int.slice(i, i + 3);
  return (neg ? '-' : '') + grouped + (dot === -1 ? '' : s.slice(dot));
}

/** Plain number for JSON: the value rounded for display, exactly as printed. */
export function toJsonNumber(x: Big, decimals = 2): number {
  return Number(x.toFixed(decimals));
}

/** Shortest exact text of a decimal (no trailing zeros): "0.015", "70797". */
export function plain(x: Big): string {
  return x.toFixed();
}

export { Big };

/** Integer cents of a decimal text with at most two decimals ("1,234.5" is not accepted; "-12.50" is).
 *  Exact for any amount below 90 trillion; null when the text is not such an amount. For batch hot paths. */
/** The largest amount a roster may state (README, "Limits on input"): below 1,000,000,000.00, so
 *  every amount is exact in integer cents, far below 2^53. */
export const MONEY_MAX_DIGITS = 9;

export function parseCents(text: string): number | null {
  return parseCentsAt(text, 0, text.length);
}

/** parseCents of the characters from start to end of text (a cell inside a line, not cut out). */
export function parseCentsAt(text: string, from: number, n: number): number | null {
  // by character codes (a batch reads one a row): -?\d{1,9}(\.\d{1,2})?
  let i = from;
  const neg = n > from && text.charCodeAt(from) === 45;
  if (neg) i++;
  let whole = 0;
  const start = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  const digits = i - start;
  if (digits < 1 || digits > MONEY_MAX_DIGITS) return null;
  let frac = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 || n - i - 1 < 1 || n - i - 1 > 2) return null;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j) - 48;
      if (c < 0 || c > 9) return null;
      frac = frac * 10 + c;
    }
    if (n - i - 1 === 1) frac *= 10;
  }
  const c = whole * 100 + frac;
  return neg ? -c : c;
}

/** parseCentsAt on bytes (the cell of an ASCII line read as bytes: each byte is its character's code). */
export function parseCentsBytes(b: Uint8Array, from: number, n: number): number | null {
  let i = from;
  const neg = n > from && b[from] === 45;
  if (neg) i++;
  let whole = 0;
  const start = i;
  for (; i < n; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  const digits = i - start;
  if (digits < 1 || digits > MONEY_MAX_DIGITS) return null;
  let frac = 0;
  if (i < n) {
    if (b[i] !== 46 || n - i - 1 < 1 || n - i - 1 > 2) return null;
    for (let j = i + 1; j < n; j++) {
      const c = b[j] - 48;
      if (c < 0 || c > 9) return null;
      frac = frac * 10 + c;
    }
    if (n - i - 1 === 1) frac *= 10;
  }
  const c = whole * 100 + frac;
  return neg ? -c : c;
}

/** formatCents written as ASCII bytes into b at o (room for 20 bytes); returns the offset after it.
 *  In 32-bit integers (a division by 10 of a double cost more than all else of a row), the rare
 *  amount of 21 million or more through formatCents. */
export function writeCents(b: Uint8Array, o: number, c: number): number {
  if (c <= -0x80000000 || c >= 0x80000000) {
    const s = formatCents(c);
    for (let i = 0; i < s.length; i++) b[o++] = s.charCodeAt(i);
    return o;
  }
  if (c < 0) (b[o++] = 45), (c = -c);
  let whole = (c / 100) | 0;
  const frac = c - whole * 100;
  // the whole part's digits, from the last
  let n = 1;
  for (let t = whole; t >= 10; t = (t / 10) | 0) n++;
  let k = (o += n);
  do {
    const q = (whole / 10) | 0;
    b[--k] = 48 + whole - q * 10;
    whole = q;
  } while (whole > 0);
  const tens = (frac / 10) | 0;
  b[o] = 46;
  b[o + 1] = 48 + tens;
  b[o + 2] = 48 + frac - tens * 10;
  return o + 3;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

/** Integer cents -> "1234.50" (no grouping). */
export function formatCents(c: number): string {
  const neg = c < 0;
  const a = neg ? -c : c;
  const whole = Math.floor(a / 100);
  const s = whole + '.' + TWO_DIGITS[a - whole * 100];
  return neg ? '-' + s : s;
}

/** A rounding in whole cents: its mode and unit (0.01 -> 1, 1 -> 100); null for a unit of less than
 *  a cent or not a whole number of them, or a mode this arithmetic does not know. */
export function centsRounding(r: Rounding): { mode: RoundingMode; u: number } | null {
  const u = parseCents(String(r.unit));
  return u !== null && u >= 1 && (r.mode === 'half-up' || r.mode === 'half-even' || r.mode === 'down' || r.mode === 'up') ? { mode: r.mode, u } : null;
}

/** n / d rounded to a whole number by the mode, for whole n >= 0 and d > 0 below 2^53 (the
 *  division of doubles is off by one at most, then set right by the remainder). */
export function divInt(n: number, d: number, mode: RoundingMode): number {
  let q = Math.floor(n / d);
  let rem = n - q * d;
  if (rem < 0) (q -= 1), (rem += d);
  else if (rem >= d) (q += 1), (rem -= d);
  if (rem > 0 && (mode === 'up' || (mode === 'half-up' && 2 * rem >= d) || (mode === 'half-even' && (2 * rem > d || (2 * rem === d && q % 2 === 1))))) q += 1;
  return q;
}

/** An exact decimal that is a whole number of cents -> integer cents. */
export function toCents(x: Big): number {
  const c = x.times(100);
  if (!c.eq(c.round(0))) throw new RangeError(`${x.toFixed()} is not a whole number of cents`);
  return Number(c.toFixed(0));
}
