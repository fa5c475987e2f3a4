// cba rules cite: the citations of an article found in the rules text, and the code and tests that read them.
import { describe, expect, it } from 'vitest';
import { Writable, PassThrough } from 'node:stream';
import { citesIn, parseCiteQuery, sectionMatches } from '../../src/batch/rules-cite';
import { main } from '../../src/cli/main';

const YAML = `sickLeave:
  carryOver:
    article: XIII
    section: 1.D
    quote: "Unused sick leave shall accrue from school year to school year without limits."
  differential:
    percent: 50
    cite: { article: XIII, section: 1.F, quote: "Upon exhaustion of all accumulated sick leave credit" }
stipends:
  - id: phd
    cite: { article: 'Appendix A', quote: "Doctorate stipend" }
`;

describe('citesIn (block and flow style)', () => {
  it.each([
    ['XIII', [3, 8]],
    ['XIII.1', [3, 8]],
    ['XIII.1.F', [8]],
    ['XIII.1.D', [3]],
    ['XV', []],
    ['Appendix A', [11]],
  ])('%s is cited on lines %j', (q, lines) => expect(citesIn('leaves.yaml', YAML, parseCiteQuery(q)).map((h) => h.line)).toEqual(lines));
  it('names the value each citation stands beside', () => {
    expect(citesIn('leaves.yaml', YAML, parseCiteQuery('XIII')).map((h) => h.path)).toEqual(['sickLeave.carryOver', 'sickLeave.differential.cite']);
    expect(citesIn('leaves.yaml', YAML, parseCiteQuery('Appendix A'))[0].path).toBe('stipends.phd.cite');
  });
  it.each([
    ['1.F', '1', true], ['1.F', '1.F', true], ['1.F(2)', '1.F', true], ['10', '1', false], ['1.F', '1.D', false], [undefined, '1', false], [undefined, undefined, true],
  ])('section %s falls under %s: %s', (c, a, yes) => expect(sectionMatches(c, a)).toBe(yes));
});

describe('cba rules cite', () => {
  const run = async (args: string[]) => {
    let out = '';
    const stdin = new PassThrough();
    stdin.end();
    const code = await main(['node', 'cba', ...args], { stdout: new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }), stderr: new Writable({ write: (_c, _e, cb) => cb() }), stdin, env: {} });
    return { code, out };
  };
  it('XIII.1.F: leaves.yaml, read by the leave rules and their tests', async () => {
    const r = await run(['rules', 'cite', 'XIII.1.F', '--json']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.out).citations as { file: string; code: string[]; tests: string[] }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.file.endsWith('leaves.yaml'))).toBe(true);
    expect(hits.some((h) => h.code.some((c) => c.startsWith('src/rules/leaves/')))).toBe(true);
    expect(hits.some((h) => h.tests.some((t) => t.startsWith('test/rules/leaves.test.ts')))).toBe(true);
  });
  it('an article the rules never cite: exit 1', async () => expect((await run(['rules', 'cite', 'XCIX'])).code).toBe(1));
});
