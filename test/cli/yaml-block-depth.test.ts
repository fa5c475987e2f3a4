// The nesting of block maps found before parsing (src/core/yaml-depth.ts blockDepthOver), so that a
// file of 1,500 nested `key:` lines is refused at once instead of costing the YAML parser its stack:
// it refuses exactly where the reader refuses after parsing (a map nested more than the limit), and
// never refuses what the reader would read (it counts only what it is sure of).
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { blockDepthOver } from '../../src/core/yaml-depth';
import { depthOver } from '../../src/rules/validate';

const chain = (n: number, step = 1) => Array.from({ length: n }, (_, i) => `${' '.repeat(i * step)}k${i}:`).join('\n') + '\n';

describe('block map nesting before parsing', () => {
  it('refuses a chain of 66 nested maps at its 66th line, as the reader refuses its data; 65 pass both', () => {
    // line 1 is the top map's key (depth 0); line 66 is a key of the map at depth 65, beyond 64
    expect(blockDepthOver(chain(65), 64)).toBe(0);
    expect(depthOver(parse(chain(65)), 64)).toBe('');
    expect(blockDepthOver(chain(66), 64)).toBe(66);
    expect(depthOver(parse(chain(66)), 64)).not.toBe('');
    expect(blockDepthOver(chain(1500, 2), 64)).toBe(66);
  });

  it('does not count the lines of a block scalar, comments or blank lines; leaves quotes, tabs and open brackets to the parser', () => {
    const scalar = 'a:\n  text: |\n' + Array.from({ length: 100 }, (_, i) => `${' '.repeat(4 + i)}x${i}:`).join('\n') + '\n  b: 1\n';
    expect(depthOver(parse(scalar), 2)).toBe('');
    expect(blockDepthOver(scalar, 2)).toBe(0);
    expect(blockDepthOver('a:\n\n  # b:\n   # c:\n  d:\n    e: 1\n', 2)).toBe(0);
    expect(blockDepthOver('a:\n  b:\n    c:\n      d: 1\n', 2)).toBe(4);
    expect(blockDepthOver('a:\n  b:\n    c: "q"\n      d: 1\n', 2)).toBe(0);
    expect(blockDepthOver('a:\n  b: [1,\n    c:\n      d: 1]\n', 2)).toBe(0);
  });

  // random documents of maps, lists, plain and block scalars and comments, indented by 1 to 3: when
  // the scan refuses, the parsed data is nested beyond the limit (it never refuses a file the reader
  // reads); and a chain of maps alone is refused exactly when its data is too deep
  type Node = { kind: 'map'; keys: [string, Node][] } | { kind: 'list'; items: Node[] } | { kind: 'plain'; text: string } | { kind: 'block'; lines: string[] };
  const word = fc.constantFrom('a', 'b', 'x:', 'y: z', '- c', '#d', 'e:', '|');
  const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ kind: fc.constant('plain' as const), text: fc.constantFrom('1', 'v', 'w x') }),
      fc.record({ kind: fc.constant('block' as const), lines: fc.array(word, { maxLength: 6 }) }),
      fc.record({ kind: fc.constant('map' as const), keys: fc.array(fc.tuple(fc.constantFrom('k', 'm', 'n'), tie('node')), { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('list' as const), items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    ),
  })).node;
  /** The node as the value of the line `prefix` (a key or a dash at column `indent`): its own lines
   *  `step` deeper. */
  function render(n: Node, indent: number, step: number, out: string[], prefix: string): void {
    const inner = ' '.repeat(indent + step);
    if (n.kind === 'plain') out.push(`${prefix} ${n.text}`);
    else if (n.kind === 'block') {
      out.push(`${prefix} |`);
      n.lines.forEach((l, i) => out.push(inner + ' '.repeat(i % 3) + l));
      if (!n.lines.length) out.push(inner + 'x');
    } else if (n.kind === 'map') {
      out.push(prefix);
      n.keys.forEach(([k, v], i) => render(v, indent + step, step, out, `${inner}${k}${i}:`));
    } else {
      out.push(prefix);
      n.items.forEach((v) => render(v, indent + step, step, out, `${inner}-`));
    }
  }
  it('never refuses what the reader reads; refuses a chain of maps exactly where the reader does', () => {
    fc.assert(
      fc.property(node, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), (n, step, max) => {
        const out: string[] = [];
        render(n, 0, step, out, 'top:');
        const text = out.join('\n') + '\n';
        let data: unknown;
        try {
          data = parse(text);
        } catch {
          return; // a document the generator made wrong: nothing to hold the scan to
        }
        if (blockDepthOver(text, max)) expect(depthOver(data, max), text).not.toBe('');
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 10 }), (n, step, max) => {
        const text = chain(n, step);
        expect(blockDepthOver(text, max) > 0).toBe(depthOver(parse(text), max) !== '');
      }),
    );
  });
});
