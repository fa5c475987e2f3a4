// A command's printed JSON value as data, without printing it and reading it back: the value that
// JSON.parse(JSON.stringify(value)) gives, copied directly when the value is plain JSON data (plain
// objects and arrays, strings, finite numbers, booleans, null), else through JSON itself.

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
const hasOwn = Object.prototype.hasOwnProperty;

function copy(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  // NaN, the infinities and -0 print as null and 0
  if (typeof v === 'number') {
    if (Number.isFinite(v) && !Object.is(v, -0)) return v;
    throw NOT_PLAIN;
  }
  if (typeof v !== 'object' || depth > 256 || 'toJSON' in v) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) throw NOT_PLAIN;
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      // a hole or undefined prints as null
      if (!(i in v) || v[i] === undefined) throw NOT_PLAIN;
      out.push(copy(v[i], depth + 1));
    }
    return out;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    // undefined is left out of the text; an inherited key is not printed; __proto__ is a key of JSON.parse's own
    if (x === undefined || !hasOwn.call(v, k) || k === '__proto__') throw NOT_PLAIN;
    out[k] = copy(x, depth + 1);
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
