// Plain dates: our day-number arithmetic against date-fns (an independent implementation), in UTC.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// date-fns function by function: its index loads all ~250 of them (0.2 s of CPU, five of them 0.015 s)
import { addMonths as fnsAddMonths } from 'date-fns/addMonths';
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { getDay } from 'date-fns/getDay';
import { isValid } from 'date-fns/isValid';
import { addMonths, formatDate, fromParts, parseDate, toParts, tryParseDate, weekday, schoolYearOf } from '../../src/core/date';
import { isEqual, isSame } from '../helpers/fast-expect';

// date-fns reads local time; a Date built at UTC midnight and read back with UTC getters is the same
// calendar day in every zone, so the oracle is used only through UTC parts.
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const partsOf = (dt: Date) => ({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });

describe('plain dates', () => {
  it('day numbers match date-fns day differences from 1970-01-01, and round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150000, max: 150000 }), (n) => {
        const dt = addDays(utc(1970, 1, 1), n);
        isSame(fromParts(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()), n);
        isEqual(toParts(n), partsOf(dt));
        isSame(differenceInCalendarDays(dt, utc(1970, 1, 1)), n);
      }),
      { numRuns: 2000 },
    );
  });
  it('weekdays match', () => {
    for (let n = -400; n < 400; n++) isSame(weekday(n), addDays(utc(1970, 1, 1), n).getUTCDay());
    expect(weekday(parseDate('2005-11-18'))).toBe(5); // a Friday
    expect(getDay(utc(2005, 11, 18))).toBeGreaterThanOrEqual(0);
  });
  it('months clamp to the month end as date-fns does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: -30, max: 30 }), (y, m, d, k) => {
        const n = tryParseDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
        if (n === null) return;
        const dt = fnsAddMonths(utc(y, m, d), k);
        isSame(formatDate(addMonths(n, k)), formatDate(fromParts(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate())));
      }),
      { numRuns: 2000 },
    );
    expect(formatDate(addMonths(parseDate('2007-03-31'), -7))).toBe('2006-08-31');
    expect(formatDate(addMonths(parseDate('2008-03-31'), -1))).toBe('2008-02-29');
  });
  it('real dates only', () => {
    expect(tryParseDate('2006-02-29')).toBeNull();
    expect(tryParseDate('2008-02-29')).not.toBeNull();
    expect(tryParseDate('1900-02-29')).toBeNull();
    expect(tryParseDate('2000-02-29')).not.toBeNull();
    expect(tryParseDate('2005-13-01')).toBeNull();
    expect(tryParseDate('05-11-18')).toBeNull();
    expect(isValid(utc(2005, 2, 28))).toBe(true);
    expect(() => parseDate('2006-02-30', '--occurred')).toThrow(/does not exist/);
    expect(() => parseDate('Nov 18', '--occurred')).toThrow(/YYYY-MM-DD/);
  });
  it('school years run July 1 to June 30', () => {
    expect(schoolYearOf(parseDate('2005-07-01'))).toBe('2005-06');
    expect(schoolYearOf(parseDate('2006-06-30'))).toBe('2005-06');
    expect(schoolYearOf(parseDate('1999-12-31'))).toBe('1999-00');
  });
});
