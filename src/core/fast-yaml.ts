// A fast reader of the plain shapes of YAML a check file is written in, so that 10,000 cases do not
// take seconds in the yaml parser: block maps and lists, one-line flow maps and lists ({ class: IV },
// JSON-like lines), plain, single- and double-quoted scalars, comments, anchors (&a) and aliases (*a).
// It gives exactly the data the yaml package gives (YAML 1.2 core schema, as src/rules/validate.ts
// reads: unique keys, aliases bounded) or, for anything else or anything it is not sure of (tags,
// block scalars, multi-line scalars or flows, merge keys, duplicate keys, errors, aliases that
// could pass the bound), undefined: the caller then reads the file with the yaml package, which
// gives the data or names the line of the problem. test/batch/check-yaml.test.ts holds it to that.
import { flowDepthOver } from './yaml-depth';

/** Not a shape this reader is sure of: the yaml package decides. */
class Decline extends Error {}
const no = (): never => {
  throw new Decline();
};

interface Line {
  indent: number;
  text: string;
}

/** An anchor as set (&name): its value, the anchors its value holds aliases of, and how many aliases of it there are. */
interface Anchor {
  value: unknown;
  inner: Set<Anchor>;
  count: number;
  open: boolean;
}

// YAML 1.2 core schema, as the yaml package resolves a plain scalar (the tags in its order)
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Characters that, first in a plain scalar, mean something else (or that this reader leaves to the yaml package). */
const NOT_FIRST = new Set('-?:,[]{}#&*!|>\'"%@`'.split(''));
const FLOW_END = new Set([',', '[', ']', '{', '}']);
/** Characters this reader never reads (tabs, carriage returns, controls, BOM, line separators): the yaml package does. */
const UNSURE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const NAME = /^[A-Za-z0-9_-]+/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function resolvePlain(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

export interface FastYamlLimits {
  /** the yaml package's maxAliasCount */
  maxAliases: number;
  /** nesting allowed (LIMITS.yamlDepth) */
  maxDepth: number;
}

/** The data of a YAML text, exactly as the yaml package reads it, or undefined when this reader is not sure. */
export function fastYaml(text: string, limits: FastYamlLimits): unknown {
  if (UNSURE.test(text) || flowDepthOver(text, limits.maxDepth)) return undefined;
  try {
    return new Reader(text, limits).document();
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

class Reader {
  private readonly lines: Line[] = [];
  private li = 0;
  private readonly anchors = new Map<string, Anchor>();
  private readonly all: Anchor[] = [];
  /** anchors whose values are being read (an alias inside one counts towards it) */
  private readonly opened: Anchor[] = [];
  /** nesting of the value being read */
  private depth = 0;
  // the line being read inline, and where
  private s = '';
  private i = 0;

  constructor(
    text: string,
    private readonly limits: FastYamlLimits,
  ) {
    for (const raw of text.split('\n')) {
      let indent = 0;
      while (raw.charCodeAt(indent) === 32) indent++;
      if (indent === raw.length || raw[indent] === '#') continue;
      // document markers and directives: the yaml package
      if (indent === 0 && (raw.startsWith('---') || raw.startsWith('...') || raw[0] === '%')) no();
      this.lines.push({ indent, text: raw.slice(indent) });
    }
  }

  document(): unknown {
    if (!this.lines.length) no();
    const v = this.node(this.lines[0].indent, -1);
    if (this.li < this.lines.length) no();
    // the yaml package's bound on aliases: an alias of a value holding aliases counts as many; the
    // reader is sure only when no alias could reach the bound, counted at its highest
    const most = new Map<Anchor, number>();
    const weight = (a: Anchor): number => {
      let w = most.get(a);
      if (w === undefined) {
        w = 1;
        for (const b of a.inner) w = Math.max(w, b.count * weight(b));
        most.set(a, w);
      }
      return w;
    };
    for (const a of this.all) if (a.count > 0 && a.count * weight(a) > this.limits.maxAliases) no();
    return v;
  }

  private deeper(): void {
    if (++this.depth > this.limits.maxDepth) no();
  }

  /** A block node whose first line is lines[li], at `indent`; after a value on its own line, the next line may be indented at most `parent`. */
  private node(indent: number, parent: number, anchored = false): unknown {
    const line = this.lines[this.li];
    if (line.indent !== indent) no();
    const t = line.text;
    if (t[0] === '-' && (t.length === 1 || t[1] === ' ')) return this.seq(indent);
    if (this.keyOf(t) !== undefined) return this.map(indent);
    // a value alone on its line(s): a scalar, a flow, an alias or an anchored value (not below an
    // anchor of its own line: the yaml package reads two anchors as one node's, an error)
    if (anchored) no();
    this.s = t;
    this.i = 0;
    const anchor = this.anchorHere();
    if (anchor && this.atEnd()) no();
    return this.valueOnLine(anchor, parent);
  }

  private seq(indent: number): unknown[] {
    const out: unknown[] = [];
    this.deeper();
    while (this.li < this.lines.length) {
      const line = this.lines[this.li];
      if (line.indent < indent) break;
      if (line.indent > indent) no();
      const t = line.text;
      if (!(t[0] === '-' && (t.length === 1 || t[1] === ' '))) no();
      let at = 1;
      while (t[at] === ' ') at++;
      out.push(this.item(indent, indent + at, t.slice(at)));
    }
    this.depth--;
    return out;
  }

  private map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.deeper();
    while (this.li < this.lines.length) {
      const line = this.lines[this.li];
      if (line.indent < indent) break;
      if (line.indent > indent) no();
      const k = this.keyOf(line.text);
      if (k === undefined) no();
      const [key, at] = k!;
      if (seen.has(key)) no();
      seen.add(key);
      let rest = at;
      while (line.text[rest] === ' ') rest++;
      // a list under a key may start at the key's own indent
      out[key] = this.item(indent, indent + rest, line.text.slice(rest), true);
    }
    this.depth--;
    return out;
  }

  /** The value after a key's colon or a list's dash (`rest`, at column `col`), owned by a node at `indent`. */
  private item(indent: number, col: number, rest: string, inMap = false): unknown {
    // a map or a list begun on a dash's line: its further lines sit at the column it starts at
    if (!inMap && ((rest[0] === '-' && (rest.length === 1 || rest[1] === ' ')) || this.keyOf(rest) !== undefined)) {
      this.lines[this.li] = { indent: col, text: rest };
      return this.node(col, indent);
    }
    this.s = rest;
    this.i = 0;
    const anchor = this.anchorHere();
    if (this.atEnd()) {
      // the value is on the lines below (more indented; a list may also sit at a key's indent), or null
      this.li++;
      const next = this.lines[this.li];
      let v: unknown = null;
      if (next && next.indent > indent) v = this.node(next.indent, indent, Boolean(anchor));
      else if (next && inMap && next.indent === indent && next.text[0] === '-' && (next.text.length === 1 || next.text[1] === ' ')) v = this.seq(indent);
      if (anchor) this.close(anchor, v);
      return v;
    }
    return this.valueOnLine(anchor, indent);
  }

  /** The rest of the line as one value (a scalar, a flow, an alias), under the anchor read before it if
   *  any; the next line may be indented at most `most` (deeper would be a continuation this reader declines). */
  private valueOnLine(anchor: Anchor | undefined, most: number): unknown {
    const v = this.inline(false);
    this.endOfLine();
    if (anchor) this.close(anchor, v);
    this.li++;
    if (this.li < this.lines.length && this.lines[this.li].indent > most) no();
    return v;
  }

  /** A block map's key at the start of `t` and where its value starts (after the colon), or undefined when `t` is not one. */
  private keyOf(t: string): [string, number] | undefined {
    const c = t[0];
    if (c === '"' || c === "'") {
      this.s = t;
      this.i = 0;
      const key = this.quoted();
      if (t[this.i] !== ':' || (this.i + 1 < t.length && t[this.i + 1] !== ' ')) return undefined;
      if (this.i > 1000) no();
      return [this.checkKey(key), this.i + 1];
    }
    if (c === undefined || NOT_FIRST.has(c)) return undefined;
    let j = t.indexOf(':');
    while (j !== -1 && j + 1 < t.length && t[j + 1] !== ' ') j = t.indexOf(':', j + 1);
    if (j === -1) return undefined;
    const hash = t.indexOf(' #');
    if (hash !== -1 && hash < j) return undefined;
    const key = t.slice(0, j);
    if (key.endsWith(' ') || j > 1000 || typeof resolvePlain(key) !== 'string') no();
    return [this.checkKey(key), j + 1];
  }

  private checkKey(key: string): string {
    if (key === '__proto__' || key === '<<') no();
    return key;
  }

  private atEnd(): boolean {
    const s = this.s;
    while (s[this.i] === ' ') this.i++;
    return this.i >= s.length || s[this.i] === '#';
  }

  private endOfLine(): void {
    const before = this.i;
    if (!this.atEnd() || (this.i < this.s.length && this.i === before)) no();
  }

  /** An anchor (&name) at the reading position, opened for the value that follows. */
  private anchorHere(): Anchor | undefined {
    if (this.s[this.i] !== '&') return undefined;
    const name = this.name();
    // two anchors on one value, or an anchored alias, are errors the yaml package names
    let j = this.i;
    while (this.s[j] === ' ') j++;
    if (this.s[j] === '&' || this.s[j] === '*') no();
    const a: Anchor = { value: undefined, inner: new Set(), count: 0, open: true };
    this.opened.push(a);
    this.all.push(a);
    this.anchors.set(name, a);
    return a;
  }

  private close(a: Anchor, v: unknown): void {
    a.value = v;
    a.open = false;
    this.opened.splice(this.opened.indexOf(a), 1);
  }

  /** The name after & or *, followed by a space, the end, or (in a flow) its punctuation. */
  private name(): string {
    const m = NAME.exec(this.s.slice(this.i + 1));
    if (!m) no();
    this.i += 1 + m![0].length;
    const c = this.s[this.i];
    if (!(c === undefined || c === ' ' || c === ',' || c === ']' || c === '}')) no();
    return m![0];
  }

  /** A value on the line from the reading position: flow map or list, quoted or plain scalar, alias, anchored value. */
  private inline(flow: boolean): unknown {
    const s = this.s;
    while (s[this.i] === ' ') this.i++;
    const c = s[this.i];
    if (c === '&') {
      const a = this.anchorHere()!;
      while (s[this.i] === ' ') this.i++;
      if (this.i >= s.length || s[this.i] === ',' || s[this.i] === ']' || s[this.i] === '}' || s[this.i] === '#') no();
      const v = this.inline(flow);
      this.close(a, v);
      return v;
    }
    if (c === '*') {
      const a = this.anchors.get(this.name());
      if (!a || a.open) no();
      a!.count++;
      for (const o of this.opened) o.inner.add(a!);
      return a!.value;
    }
    if (c === '{') return this.flowMap();
    if (c === '[') return this.flowSeq();
    if (c === '"' || c === "'") return this.quoted();
    if (c === undefined || (NOT_FIRST.has(c) && !(c === '-' && s[this.i + 1] !== undefined && s[this.i + 1] !== ' ' && !(flow && FLOW_END.has(s[this.i + 1]))))) no();
    return resolvePlain(flow ? this.flowPlain() : this.blockPlain());
  }

  private blockPlain(): string {
    const s = this.s;
    let end = s.indexOf(' #', this.i);
    if (end === -1) end = s.length;
    const v = s.slice(this.i, end).trimEnd();
    // a colon and space inside, or one at the end, is a map the yaml package refuses on this line
    if (v.includes(': ') || v.endsWith(':')) no();
    this.i = this.i + v.length;
    return v;
  }

  private flowPlain(): string {
    const s = this.s;
    let j = this.i;
    for (; j < s.length; j++) {
      const c = s[j];
      if (FLOW_END.has(c)) break;
      if (c === ':') {
        const n = s[j + 1];
        if (n === undefined || n === ' ' || FLOW_END.has(n)) break;
        no();
      }
      if (c === '#' && s[j - 1] === ' ') no();
    }
    const v = s.slice(this.i, j).trimEnd();
    if (!v) no();
    this.i += v.length;
    return v;
  }

  /** A quoted scalar on one line: JSON's escapes in double quotes, '' in single quotes. */
  private quoted(): string {
    const s = this.s;
    const q = s[this.i];
    let out = '';
    let from = ++this.i;
    for (;;) {
      const j = q === '"' ? indexOf2(s, '"', '\\', from) : s.indexOf("'", from);
      if (j === -1) no();
      out += s.slice(from, j);
      if (q === "'") {
        if (s[j + 1] === "'") {
          out += "'";
          from = j + 2;
          continue;
        }
        this.i = j + 1;
        return out;
      }
      if (s[j] === '"') {
        this.i = j + 1;
        return out;
      }
      const e = s[j + 1];
      if (e === 'u') {
        const hex = s.slice(j + 2, j + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) no();
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) no();
        out += String.fromCharCode(code);
        from = j + 6;
      } else {
        const x = ESCAPES[e];
        if (x === undefined) no();
        out += x;
        from = j + 2;
      }
    }
  }

  private flowMap(): Record<string, unknown> {
    const s = this.s;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.flow('}', () => {
      const start = this.i;
      const c = s[this.i];
      let key: string;
      if (c === '"' || c === "'") {
        key = this.quoted();
        if (s[this.i] !== ':') no();
      } else {
        if (c === undefined || NOT_FIRST.has(c)) no();
        key = this.flowPlain();
        if (typeof resolvePlain(key) !== 'string' || s[this.i] !== ':' || (s[this.i + 1] !== ' ' && s[this.i + 1] !== undefined)) no();
      }
      if (this.i - start > 1000 || seen.has(key)) no();
      this.checkKey(key);
      seen.add(key);
      this.i++;
      while (s[this.i] === ' ') this.i++;
      if (s[this.i] === ',' || s[this.i] === '}' || this.i >= s.length) no();
      out[key] = this.inline(true);
    });
    return out;
  }

  private flowSeq(): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    this.flow(']', () => {
      if (s[this.i] === ',' || s[this.i] === ']' || this.i >= s.length) no();
      out.push(this.inline(true));
    });
    return out;
  }

  /** A flow collection from its opening bracket to `close`: `entry` reads one entry at the cursor
   *  (spaces skipped); entries apart by commas, none leading, doubled or trailing. */
  private flow(close: '}' | ']', entry: () => void): void {
    const s = this.s;
    this.deeper();
    this.i++;
    while (s[this.i] === ' ') this.i++;
    if (s[this.i] !== close)
      for (;;) {
        while (s[this.i] === ' ') this.i++;
        entry();
        while (s[this.i] === ' ') this.i++;
        if (s[this.i] === close) break;
        if (s[this.i] !== ',') no();
        this.i++;
        while (s[this.i] === ' ') this.i++;
        if (s[this.i] === close || s[this.i] === ',') no();
      }
    this.i++;
    this.depth--;
  }
}

/** The first of two characters at or after `from`, or -1. */
function indexOf2(s: string, a: string, b: string, from: number): number {
  const x = s.indexOf(a, from);
  const y = s.indexOf(b, from);
  if (x === -1) return y;
  if (y === -1) return x;
  return Math.min(x, y);
}
