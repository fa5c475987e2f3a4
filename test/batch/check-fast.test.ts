// The check file's fast path (src/batch/check/fast.ts) against the schema it stands in for: whatever it
// accepts, the schema accepts with the same data; what the schema refuses, it never accepts.
import { describe, expect, it } from 'vitest';
import { isEqual, isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CheckFile } from '../../src/batch/check/schema';
import { fastCheckFile } from '../../src/batch/check/fast';

const DEPTH = 64;

describe('check files: the shape check before the schema', () => {
  it('accepts the shipped fixture file (as JSON) with the data the schema gives', () => {
    const data = JSON.parse(JSON.stringify(parse(readFileSync('fixtures/check/expected.yaml', 'utf8'))));
    const fast = fastCheckFile(data, DEPTH);
    expect(fast).toBeDefined();
    expect(fast).toEqual(CheckFile.parse(data));
  });

  it.each([
    ['a case without expect, error or exitCode', { cases: [{ name: 'a', run: 'salary', input: { class: 'IV' } }] }],
    ['an unknown key', { cases: [{ name: 'a', run: 'salary', expect: {}, extra: 1 }] }],
    ['an unknown computation', { cases: [{ name: 'a', run: 'audit', expect: {} }] }],
    ['an input named like no flag', { cases: [{ name: 'a', run: 'salary', input: { Class: 'IV' }, expect: {} }] }],
    ['an empty name', { cases: [{ name: '', run: 'salary', expect: {} }] }],
    ['no cases', { cases: [] }],
    ['exitCode 3', { cases: [{ name: 'a', run: 'salary', exitCode: 3 }] }],
    ['expect as a list', { cases: [{ name: 'a', run: 'salary', expect: [1] }] }],
    ['an object as an input value', { cases: [{ name: 'a', run: 'salary', input: { class: { x: 1 } }, expect: {} }] }],
  ])('leaves %s to the schema (which refuses it)', (_what, data) => {
    expect(fastCheckFile(data, DEPTH)).toBeUndefined();
    expect(CheckFile.safeParse(data).success).toBe(false);
  });

  it('leaves an expect nested deeper than the limit to the schema and its depth check', () => {
    let deep: unknown = 1;
    for (let i = 0; i < DEPTH; i++) deep = { a: deep };
    expect(fastCheckFile({ cases: [{ name: 'a', run: 'salary', expect: deep }] }, DEPTH)).toBeUndefined();
  });

  it('property: on arbitrary case-like files, never accepts what the schema refuses, and gives its data', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }));
    const key = fc.constantFrom('name', 'run', 'args', 'input', 'expect', 'exitCode', 'error', 'other', 'class', 'step', 'Class', '__proto__');
    const caseLike = fc.dictionary(key, fc.oneof(value, fc.constantFrom('salary', 'stipend', 'audit', 0, 1, 3, 'x'), fc.dictionary(fc.constantFrom('class', 'step', 'Step', 'days-served', '1x'), value, { maxKeys: 3 })), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(caseLike, { maxLength: 3 }), fc.boolean(), (cases, schema) => {
        const data = JSON.parse(JSON.stringify({ ...(schema ? { $schema: 'x' } : {}), cases }));
        const fast = fastCheckFile(data, DEPTH);
        // the schema asked only where the shape check accepts (2% of these files): what it leaves, the
        // schema decides, and zod's refusals (issues built, messages made) were most of this test's time
        if (fast !== undefined) {
          const z = CheckFile.safeParse(data);
          isSame(z.success, true);
          isEqual(fast, z.data);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: on files of near-valid cases (some fields off), the same answer as the schema', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean());
    const value = fc.oneof(scalar, fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean()), { maxLength: 2 }), fc.constant(null));
    const nearCase = fc.record(
      {
        name: fc.string({ maxLength: 3 }),
        run: fc.constantFrom('salary', 'stipend', 'deadline', 'audit'),
        args: fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean()), { maxLength: 2 }),
        input: fc.dictionary(fc.constantFrom('class', 'step', 'days-served', 'Step', '9x'), value, { maxKeys: 3 }),
        expect: fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(value, fc.dictionary(fc.string({ maxLength: 2 }), scalar, { maxKeys: 2 })), { maxKeys: 3 }), fc.constant([1])),
        exitCode: fc.constantFrom(0, 1, 2, 3),
        error: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(nearCase, { minLength: 1, maxLength: 3 }), (cases) => {
        const data = JSON.parse(JSON.stringify({ cases }));
        const fast = fastCheckFile(data, DEPTH);
        if (fast !== undefined) {
          const z = CheckFile.safeParse(data);
          accepted++;
          isSame(z.success, true);
          isEqual(fast, z.data);
        }
      }),
      { numRuns: 3000, seed: 19 },
    );
    // the property is not vacuous: some of these files are accepted by the shape check
    expect(accepted).toBeGreaterThan(10);
  });
});
