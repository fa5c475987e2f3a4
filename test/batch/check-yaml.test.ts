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
