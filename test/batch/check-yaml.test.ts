// The fast reader of check files (src/core/fast-yaml.ts) against the yaml package read as the rules
// reader reads (src/rules/validate.ts: unique keys, merge keys, aliases bounded at 100): whatever the
// fast reader gives, the yaml package gives too, without an error; anything else it leaves to it.
import { describe, expect, it } from 'vitest';
import { isEqual } from '../helpers/fast-expect';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { fastYaml } from '../../src/core/fast-yaml';

const LIMITS = { maxAliases: 100, maxDepth: 64 };

/** The yaml package's data, or 'error' when it refuses the text (a syntax error, too many aliases). */
function byYaml(text: string): unknown {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, merge: true });
    if (doc.errors.length) return 'error';
    return { data: doc.toJS({ maxAliasCount: LIMITS.maxAliases }) };
  } catch {
    return 'error';
  }
}

function same(text: string): unknown {
  const fast = fastYaml(text, LIMITS);
  if (fast !== undefined) isEqual(byYaml(text), { data: fast }, text);
  return fast;
}

describe('check files: the fast YAML reader', () => {
  it('reads the shipped fixture file as the yaml package does', () => {
    const text = readFileSync('fixtures/check/expected.yaml', 'utf8');
    expect(same(text)).toBeDefined();
  });

  it("reads the bench's shape (a JSON object a line under cases:) as the yaml package does", () => {
    const cases = [
      { name: 'salary 0', run: 'salary', input: { class: 'IV', step: 13 }, expect: { class: 'IV', step: 13 } },
      { name: 'stipend "3"', run: 'stipend', args: ['ltvs'], input: { years: 10, class: 'V', rating: 'meets', fte: 0.5 }, expect: { 'stipends[0].annual': 8495.64, x: null, y: true, z: [1, 'a\\b\n\u00e9'] } },
    ];
    const text = 'cases:\n' + cases.map((c) => `  - ${JSON.stringify(c)}\n`).join('');
    expect(same(text)).toEqual({ cases });
  });

  it('reads block maps and lists, compact maps in lists, comments, quoted keys and the core schema', () => {
    const text = `# a comment
cases:
- name: one   # trailing comment
  run: salary
  input:
    class: IV
    step: 13
    days: 0x10
    fte: .5
  expect: { 'a''b': 1e3, "c": -.inf, d: ~, e: NULL, f: True, g: 0o17, h: 2005-11-18, i: +7, j: 'it''s' }
-   name: two
    args:
      - head-teacher
      - [remote-site, 'x y']
    exitCode: 1

  - nested: list
    - - a
      - b
`;
    expect(fastYaml(text, LIMITS)).toBeUndefined(); // the last item is indented wrongly: the yaml package decides
    const good = text.split('\n  - nested')[0] + '\n';
    const data = same(good) as { cases: Record<string, unknown>[] };
    expect(data.cases[0].expect).toEqual({ "a'b": 1000, c: -Infinity, d: null, e: null, f: true, g: 15, h: '2005-11-18', i: 7, j: "it's" });
    expect(data.cases[0].input).toEqual({ class: 'IV', step: 13, days: 16, fte: 0.5 });
    expect(data.cases[1].args).toEqual(['head-teacher', ['remote-site', 'x y']]);
  });

  it('reads anchors and aliases (an alias is the anchored value itself, as the yaml package gives it)', () => {
    const text = `base: &base { class: IV, step: 13 }
days: &d 200
cases:
  - name: a
    run: salary
    input: *base
    expect: { days: *d }
  - name: b
    run: salary
    input: &other
      class: V
      step: *d
    expect: *other
`;
    const data = same(text) as { base: unknown; cases: { input: unknown; expect: unknown }[] };
    expect(data.cases[0].input).toBe(data.base);
    expect(data.cases[1].expect).toBe(data.cases[1].input);
  });

  it.each([
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a folded scalar', 'a: >\n  text\n'],
    ['a plain scalar on two lines', 'a: one\n  two\n'],
    ['a flow on two lines', 'a: [1,\n  2]\n'],
    ['a quoted scalar on two lines', 'a: "one\n  two"\n'],
    ['a merge key', 'a: &a { x: 1 }\nb:\n  <<: *a\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a duplicate key in a flow', 'a: { x: 1, "x": 2 }\n'],
    ['an alias of no anchor', 'a: *nothing\n'],
    ['an alias inside its own anchor', 'a: &a [1, *a]\n'],
    ['an alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'],
    ['a tab', 'a:\t1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a document marker', '---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a key that is a number', '1: a\n'],
    ['a __proto__ key', '__proto__: { polluted: true }\n'],
    ['a map on a value line', 'a: b: c\n'],
    ['a colon inside a flow scalar', 'a: [10:30]\n'],
    ['an escape JSON does not have', 'a: "\\x41"\n'],
    ['an empty file', ''],
    ['a complex key', '? a\n: b\n'],
    ['a trailing comma in a flow', 'a: [1, 2,]\n'],
    ['brackets nested past the limit', 'a: ' + '['.repeat(70) + ']'.repeat(70) + '\n'],
  ])('leaves %s to the yaml package', (_what, text) => {
    expect(fastYaml(text, LIMITS)).toBeUndefined();
  });

  it('property: on documents written in every style this reader knows (and mangled ones), the same data as the yaml package or undefined', () => {
    const scalar = fc.constantFrom('IV', '13', '-5', '+1', '-0', '0.10', '1e3', '.5', '0o17', '0x1F', '.inf', '-.Inf', '.NaN', 'null', '~', 'True', 'FALSE', 'yes', '2005-11-18', 'a b', 'a: b', 'a #b', 'a#b', "it's", '- x', '-x', '', ' lead', 'trail ', '[x]', '{x}', 'x,y', 'é', '"q"', '\\', '&a', '*a', '!t', '|', '>', '%', '@', '?x', ':x', 'x:', 'x:y', '#', '12345678901234567890', '\u00a0', '\n', 'a\tb');
    const keyName = fc.constantFrom('class', 'step', 'a', 'b', 'name', 'run', 'input', 'expect', '1', 'true', 'a b', 'x:y', "it's", '"q"', '<<', 'stipends[0].annual', '');
    type V = { s: string } | { m: [string, V][] } | { l: V[] } | { alias: true };
    const value: fc.Arbitrary<V> = fc.letrec<{ v: V }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar.map((s) => ({ s })),
        fc.constant({ alias: true as const }),
        fc.array(fc.tuple(keyName, tie('v')), { maxLength: 3 }).map((m) => ({ m })),
        fc.array(tie('v'), { maxLength: 3 }).map((l) => ({ l })),
      ),
    })).v;
    let accepted = 0;
    const style = fc.record({ quote: fc.nat(2), flow: fc.boolean(), indent: fc.constantFrom(1, 2, 4), anchor: fc.nat(5), comment: fc.boolean() });
    fc.assert(
      fc.property(value, fc.array(style, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' ', '-', ':', '#', '\n', '  ', '"', "'", '&a ', '*a', ',', '{', ']')), { maxLength: 2 }), (v, styles, edits) => {
        let k = 0;
        let anchors = 0;
        const st = () => styles[k++ % styles.length];
        const scalarText = (s: string, flow: boolean) => {
          const q = st().quote;
          if (q === 1) return JSON.stringify(s);
          if (q === 2 && !s.includes('\n')) return `'${s.replace(/'/g, "''")}'`;
          return flow ? s : s;
        };
        const props = () => {
          const t = st();
          if (t.anchor === 1) return `&a${++anchors} `;
          return '';
        };
        const inline = (x: V): string => {
          if ('s' in x) return props() + scalarText(x.s, true);
          if ('alias' in x) return anchors ? `*a${1 + (k % anchors)}` : '~';
          if ('m' in x) return props() + `{ ${x.m.map(([key, y]) => `${scalarText(key, true)}: ${inline(y)}`).join(', ')} }`;
          return props() + `[${x.l.map(inline).join(', ')}]`;
        };
        const block = (x: V, pad: string): string => {
          const t = st();
          if ('m' in x && x.m.length && !t.flow) return x.m.map(([key, y]) => `${pad}${scalarText(key, false)}:${nested(y, pad + ' '.repeat(t.indent))}${t.comment ? ' # c' : ''}`).join('\n');
          if ('l' in x && x.l.length && !t.flow) return x.l.map((y) => `${pad}-${nested(y, pad + ' '.repeat(t.indent))}`).join('\n');
          return pad + inline(x);
        };
        const nested = (y: V, pad: string): string => {
          if (('m' in y && y.m.length) || ('l' in y && y.l.length)) {
            const a = props();
            return ` ${a}\n${block(y, pad)}`.replace(/^ \n/, '\n');
          }
          return ' ' + inline(y);
        };
        let text = block(v, '') + '\n';
        for (const [at, ins] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + ins + text.slice(p);
        }
        if (same(text) !== undefined) accepted++;
      }),
      { numRuns: Number(process.env.CHECK_YAML_RUNS ?? 1000), seed: Number(process.env.CHECK_YAML_SEED ?? 19) },
    );
    // not vacuous: many of these documents are read by the fast reader
    expect(accepted).toBeGreaterThan(200);
  });
});

// What a hand writing a rules file may put in it, each with the data written out here (the YAML 1.2
// core schema: yes/no/on/off, dates, 1_000 and 0b1 stay strings; 007 is 7; -0 is negative zero),
// read by the fast reader and by the yaml package alike; and the shapes the fast reader must leave to
// the yaml package (it gives other data or an error there).
describe('the fast YAML reader on the quoting, numbers and words a rules file may hold', () => {
  it.each<[string, string, unknown]>([
    ["'' in single quotes", "a: 'it''s'\n", { a: "it's" }],
    ['a backslash in single quotes', "a: 'C:\\x'\n", { a: 'C:\\x' }],
    ['\\t, \\" and \\\\ in double quotes', 'a: "tab\\there \\"q\\" \\\\"\n', { a: 'tab\there "q" \\' }],
    ['\\u00e9 in double quotes', 'a: "\\u00e9t\\u00C9"\n', { a: 'étÉ' }],
    ['# inside double quotes', 'a: "x # not a comment"\n', { a: 'x # not a comment' }],
    ['# inside single quotes, then a comment', "a: 'x #y' # c\n", { a: 'x #y' }],
    ['# without a space before it', 'a: x#y\n', { a: 'x#y' }],
    ['a comment after a value', 'a: x # c\nb: 1 #c\n', { a: 'x', b: 1 }],
    ['trailing spaces', 'a: x   \nb: "y "  \n', { a: 'x', b: 'y ' }],
    ['comment lines at any indent', '# c\na:\n    # c\n  b: 1\n# c\nc: 2\n', { a: { b: 1 }, c: 2 }],
    ['1e3, 1E-2, +.5e+1', 'a: [1e3, 1E-2, +.5e+1]\n', { a: [1000, 0.01, 5] }],
    ['0x1F, 0o17, and 0b101 (a string)', 'a: [0x1F, 0o17, 0b101, 0o8, 0x]\n', { a: [31, 15, '0b101', '0o8', '0x'] }],
    ['.5, 1., +1', 'a: [.5, 1., +1]\n', { a: [0.5, 1, 1] }],
    ['1_000 (a string in YAML 1.2)', 'a: 1_000\n', { a: '1_000' }],
    ['leading zeros', 'a: [007, 08]\n', { a: [7, 8] }],
    ['-0', 'a: -0\n', { a: -0 }],
    ['.inf, -.Inf, .nan', 'a: [.inf, -.Inf, .nan, -.nan]\n', { a: [Infinity, -Infinity, NaN, '-.nan'] }],
    ['yes/no/on/off (strings in YAML 1.2)', 'a: [yes, no, on, off, y, n, Yes]\n', { a: ['yes', 'no', 'on', 'off', 'y', 'n', 'Yes'] }],
    ['True/TRUE/false', 'a: [True, TRUE, false]\n', { a: [true, true, false] }],
    ['NULL, Null, ~ and nothing', 'a: [NULL, Null, ~, null]\nb:\nc: ~\n', { a: [null, null, null, null], b: null, c: null }],
    ['dates and times (strings)', 'a: 2005-07-01\nb: 2005-07-01T10:00:00Z\nc: 12:30\n', { a: '2005-07-01', b: '2005-07-01T10:00:00Z', c: '12:30' }],
    ['colons inside keys and values', 'a:b: c\nd: e:f\n"g: h": i\n', { 'a:b': 'c', d: 'e:f', 'g: h': 'i' }],
    ['brackets inside plain block scalars', 'a[0]: b]\nc{d}: e,f\n', { 'a[0]': 'b]', 'c{d}': 'e,f' }],
    ['flow sequences and maps', 'a: [1, \'two\', "3", {b: c, "d": [e]}, [], {}]\n', { a: [1, 'two', '3', { b: 'c', d: ['e'] }, [], {}] }],
    ['spaces before the commas of a flow', 'a: [x , y ,z]\n', { a: ['x', 'y', 'z'] }],
    ['JSON-like keys with no space after the colon', '{"a":1, \'b\':2}\n', { a: 1, b: 2 }],
    ['nested lists of maps', '- {a: 1}\n- a: 2\n  b: [x]\n  c:\n  - d: 3\n- - y\n  - z\n', [{ a: 1 }, { a: 2, b: ['x'], c: [{ d: 3 }] }, ['y', 'z']]],
    ['an anchor and its alias', 'a: &x [1, 2]\nb: *x\nc: &y 3\nd: [*y]\n', { a: [1, 2], b: [1, 2], c: 3, d: [3] }],
  ])('%s', (_what, text, want) => {
    expect(fastYaml(text, LIMITS)).toEqual(want);
    expect(byYaml(text)).toEqual({ data: want });
  });

  it.each<[string, string]>([
    ['\\x41', 'a: "\\x41"\n'],
    ['\\U0001F600', 'a: "\\U0001F600"\n'],
    ['\\ (an escaped space)', 'a: "\\ "\n'],
    ['\\N, \\e, \\0', 'a: ["\\N", "\\e", "\\0"]\n'],
    ['a tab before a comment', 'a: 1\t# c\n'],
    ['a tab after a colon', 'a:\tb\n'],
    ['a BOM', '\ufeffa: 1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['a no-break space after a plain value (kept by YAML, not white space to it)', 'a: x\u00a0\n'],
    ['a no-break space at the end of a flow scalar', 'a: [x\u00a0]\n'],
    ['a space before a flow colon', '{a : b}\n'],
    ['an alias of a later anchor', 'a: *y\nb: &y 1\n'],
  ])('leaves %s to the yaml package', (_what, text) => {
    expect(fastYaml(text, LIMITS)).toBeUndefined();
  });
});
