// A command's printed JSON value as data, without printing it and reading it back: the value that
// JSON.parse(JSON.stringify(value)) gives, copied directly when the value is plain JSON data (plain
// objects and arrays of strings, numbers, booleans, null; undefined, functions and symbols left
// out or null as JSON prints them), else (toJSON, other prototypes, bigints) through JSON itself.

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
const hasOwn = Object.prototype.hasOwnProperty;

/** What JSON prints for a value inside a list: null for undefined, a function or a symbol. */
const LEFT_OUT = (x: unknown) => x === undefined || typeof x === 'function' || typeof x === 'symbol';

function copy(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  // NaN and the infinities print as null, -0 as 0
  if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
  if (typeof v !== 'object' || depth > 256 || 'toJSON' in v) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      // a hole, undefined, a function or a symbol prints as null
      const x = i in v ? v[i] : undefined;
      out.push(LEFT_OUT(x) ? null : copy(x, depth + 1));
    }
    return out;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k in v) {
    // an inherited key is not printed; __proto__ is a key of JSON.parse's own, not the prototype
    if (!hasOwn.call(v, k) || k === '__proto__') throw NOT_PLAIN;
    const x = (v as Record<string, unknown>)[k];
    // undefined, a function or a symbol is left out
    if (!LEFT_OUT(x)) out[k] = copy(x, depth + 1);
  }
  return out;
}

/** JSON.parse(JSON.stringify(value)): the data a reader of the printed JSON gets (undefined when nothing prints). */
export function jsonData(value: unknown): unknown {
  try {
    return copy(value, 0);
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    const t = JSON.stringify(value);
    return t === undefined ? undefined : JSON.parse(t);
  }
}
