// cba check takes a case's printed JSON as data (src/batch/check/json-data.ts) instead of printing it and
// reading it back: the same data as JSON.parse(JSON.stringify(value)), key order included.
import { describe, expect, it } from 'vitest';
import { isEqual, isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import Big from 'big.js';
import { jsonData } from '../../src/batch/check/json-data';

const viaText = (v: unknown) => {
  const t = JSON.stringify(v);
  return t === undefined ? undefined : JSON.parse(t);
};
// equal data, and the same text printed from it (key order, -0 as 0)
const same = (v: unknown) => {
  const d = jsonData(v);
  isEqual(d, viaText(v));
  isSame(JSON.stringify(d, null, 2), JSON.stringify(v, null, 2));
};

describe('a printed JSON value as data', () => {
  it.each([
    ['plain data', { a: 1, b: 'x', c: [true, null, 2.5], d: { e: [] } }],
    ['integer-like keys (printed first)', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['undefined values (left out) and in a list (null)', { a: undefined, b: [1, undefined, 3] }],
    ['NaN, the infinities and -0', { a: NaN, b: Infinity, c: -Infinity, d: -0, e: [NaN, -0] }],
    ['a value with toJSON (a Big)', { a: new Big('1.50'), b: [new Big(2)] }],
    ['a Date', { a: new Date(0) }],
    ['a function and a symbol (left out)', { a: () => 1, b: Symbol('s'), c: 1 }],
    ['a Map (an empty object)', { a: new Map([[1, 2]]) }],
    ['a hole in a list', [1, , 3]],
    ['a __proto__ key of its own', JSON.parse('{"__proto__": {"x": 1}, "a": 1}')],
    ['a string at the top', 'text'],
  ])('%s', (_what, v) => same(v));

  it('undefined at the top prints nothing', () => expect(jsonData(undefined)).toBeUndefined());

  it('a cycle fails as JSON.stringify fails', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => jsonData(a)).toThrow(/circular/i);
  });

  it('property: the same data as JSON.parse(JSON.stringify(value)) for any value', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true }), (v) => same(v)),
      { numRuns: 300, seed: 19 },
    );
  });
});
