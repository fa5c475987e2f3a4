// expect() in a loop of thousands (a property's runs, every day of a range) costs ~20-40 us a call
// here, in vitest's own bookkeeping (it copies and redefines its whole state object at every call):
// 60,000 calls in the suite. These compare first, with the same equality, and call expect() only
// when the values differ, so that a failure is reported by the same matcher with the same message.
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';

/** expect(actual).toBe(expected), paid for only when it fails. */
export function isSame<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) expect(actual, message).toBe(expected);
}

/** expect(actual).toEqual(expected), paid for only when it fails (values that are strictly deep-equal
 *  are toEqual-equal; any other pair goes to toEqual itself). */
export function isEqual<T>(actual: T, expected: T, message?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}

/** expect(actual).toStrictEqual(expected), paid for only when it fails (strictly deep-equal values, the
 *  same prototypes and the same own properties, undefined ones too, pass toStrictEqual). */
export function isStrictEqual<T>(actual: T, expected: T): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toStrictEqual(expected);
}
