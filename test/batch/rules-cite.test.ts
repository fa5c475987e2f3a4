// cba rules cite: the citations of an article found in the rules text, and the code and tests that read them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isEqual, isSame, isStrictEqual } from '../helpers/fast-expect';
import { Writable, PassThrough } from 'node:stream';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { allCitations, citeIndexLookup, citeIndexText, citedWords, citesIn, indexedLines, linesNaming, parseCiteQuery, sectionMatches, wordIndex, type SourceFile } from '../../src/batch/rules-cite';
import { below, filesUnder, makeCiteIndex, citeSources, writeCiteIndex } from '../../src/cli/cite-sources';
import { main } from '../../src/cli/main';
import { ROOT } from '../helpers/contract';

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

describe("rules cite's index (made by the build: dist/cite-index.txt)", () => {
  let made: ReturnType<typeof makeCiteIndex> | undefined;
  const checkout = () => (made ??= makeCiteIndex(ROOT));
  const code: SourceFile[] = [
    { name: 'src/rules/a.ts', text: 'const baseYearDays = p.baseYearDays; // baseYearDays\r\nbaseYearDaysX\n  printed-daily-rate-differs\nx.__proto__' },
    { name: 'src/rules/b.ts', text: 'daily_rate rate\nreading("printed-daily-rate-differs")\n' },
  ];
  it('names the lines linesNaming names, once a line, in file order (lines 1 and 3 of a.ts; a word inside a longer one is not named)', () => {
    const ix = wordIndex(['baseYearDays', 'printed-daily-rate-differs', 'rate', '__proto__', 'none'], code, []);
    expect(indexedLines(ix, 'code', 'baseYearDays')).toEqual(['src/rules/a.ts:1']);
    expect(indexedLines(ix, 'code', 'printed-daily-rate-differs')).toEqual(['src/rules/a.ts:3', 'src/rules/b.ts:2']);
    // "daily_rate" is one word; "rate" alone on line 1 of b.ts and inside "printed-daily-rate-differs" (a hyphen bounds a word)
    expect(indexedLines(ix, 'code', 'rate')).toEqual(['src/rules/a.ts:3', 'src/rules/b.ts:1', 'src/rules/b.ts:2']);
    expect(indexedLines(ix, 'code', '__proto__')).toEqual(['src/rules/a.ts:4']);
    expect(indexedLines(ix, 'code', 'none')).toEqual([]);
    // a word it was not made with: undefined (the command then reads the files)
    expect(indexedLines(ix, 'code', 'constructor')).toBeUndefined();
    for (const w of ['baseYearDays', 'printed-daily-rate-differs', 'rate', '__proto__', 'none']) expect(indexedLines(ix, 'code', w)).toEqual(linesNaming(code, w));
  });
  it('property: on made-up files and words (hyphens, $, dots, spaces, \\r\\n, lone \\r, a break inside a word), the lines linesNaming names', () => {
    // the index searches each file's text whole; linesNaming, the oracle, searches line by line, so a
    // word that holds a line break names nothing. The texts are made of the words and bits of text
    const ch = fc.constantFrom('a', 'b', '1', '_', '-', '$', '.', ' ', '\n', '\r', 'é');
    const str = (min: number, max: number) => fc.array(ch, { minLength: min, maxLength: max }).map((a) => a.join(''));
    const made = fc
      .array(str(4, 7), { minLength: 1, maxLength: 4 })
      .chain((words) => fc.tuple(fc.constant(words), fc.array(fc.array(fc.oneof(fc.constantFrom(...words), str(0, 3)), { maxLength: 10 }).map((a) => a.join('')), { minLength: 1, maxLength: 3 })));
    fc.assert(
      fc.property(made, ([words, texts]) => {
        const files = texts.map((text, i) => ({ name: `f${i}.ts`, text }));
        const ix = wordIndex(words, files, files);
        for (const w of words) {
          const want = linesNaming(texts.map((text, i) => ({ name: `f${i}.ts`, text })), w);
          isEqual(indexedLines(ix, 'code', w), want, JSON.stringify({ w, texts }));
          isEqual(indexedLines(ix, 'tests', w), want, JSON.stringify({ w, texts }));
        }
      }),
      { numRuns: 200, seed: 19 },
    );
  });
  it('of this checkout: the words of the rules (every fourth, and each hyphenated one), in the code and the tests, as linesNaming finds them', () => {
    const ix = checkout();
    const words = Object.keys(ix.code);
    expect(words.length).toBeGreaterThan(100);
    expect(words).toContain('baseYearDays');
    const read = (dir: string) => readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).sort().map((f) => ({ name: join(dir, f), text: readFileSync(join(ROOT, dir, f), 'utf8') }));
    const src = [...read('src/rules'), ...read('src/batch')];
    const tests = read('test');
    // and as the text the build writes gives them back
    const lookup = citeIndexLookup(citeIndexText(ix));
    const some = words.filter((w, i) => i % 4 === 0 || w.includes('-'));
    expect(some.length).toBeGreaterThan(60);
    for (const w of some) {
      isEqual(indexedLines(ix, 'code', w), linesNaming(src, w));
      isEqual(indexedLines(ix, 'tests', w), linesNaming(tests, w));
      isEqual([lookup.lines('code', w), lookup.lines('tests', w)], [indexedLines(ix, 'code', w), indexedLines(ix, 'tests', w)]);
    }
    expect(lookup.lines('code', 'notAKeyOfTheRules')).toBeUndefined();
  });
  it('of this checkout: the citations of every rules file, for every article and section cited and a few not, as citesIn finds them', () => {
    const lookup = citeIndexLookup(citeIndexText(checkout()));
    let found = 0;
    for (const f of readdirSync(join(ROOT, 'rules'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f))) {
      const name = join('rules', f);
      const text = readFileSync(join(ROOT, name), 'utf8');
      const at = lookup.rulesFile(name)!.at;
      const asked = new Set(['XCIX', 'Appendix B', 'xiii', 'appendix a']);
      for (const h of allCitations(name, text)) asked.add(h.article).add(`${h.article}${h.section ? '.' + h.section : ''}`).add(`${h.article}.${(h.section ?? '1').split('.')[0]}`);
      for (const a of asked) {
        const q = parseCiteQuery(a);
        const want = citesIn(`shown/${name}`, text, q);
        found += want.length;
        isStrictEqual(lookup.citesIn(at, `shown/${name}`, q), want);
      }
    }
    expect(found).toBeGreaterThan(500);
    expect(lookup.rulesFile('rules/none.yaml')).toBeUndefined();
  });
  it('holds every word a citation of the shipped rules looks up (each part of its path, and its key)', () => {
    const words = new Set(Object.keys(checkout().code));
    const dir = join(ROOT, 'rules');
    let looked = 0;
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const articles = new Set([...text.matchAll(/article:\s*("[^"]*"|'[^']*'|[^,}#\n]+)/g)].map((m) => m[1].trim().replace(/^["']|["']$/g, '').trim()));
      for (const article of articles)
        for (const h of citesIn(f, text, { article }))
          for (const w of [...h.path.split('.'), h.key].filter((w) => w.length >= 4)) {
            looked++;
            isSame(words.has(w), true, `${w} (${f}:${h.line})`);
          }
    }
    expect(looked).toBeGreaterThan(200);
    // a list item's id is a key as a whole (some.thing) and in its parts
    expect(citedWords('a:\n  cite: { article: XV, section: 1 }\nlist:\n  - id: some.thing\n    cite: { article: I }\n')).toEqual(['cite', 'list', 'some', 'thing', 'some.thing']);
  });
  it('a rules file edited since the index was made is read again (its stat differs); one it never held is read', () => {
    const root = mkdtempSync(join(tmpdir(), 'cba-cite-'));
    try {
      for (const d of ['dist', 'rules/a', 'src/rules', 'test']) mkdirSync(join(root, d), { recursive: true });
      writeFileSync(join(root, 'rules/a/leaves.yaml'), 'sickLeave:\n  carryOver:\n    cite: { article: XIII, section: 1.D }\n');
      writeFileSync(join(root, 'src/rules/leaves.ts'), 'export const carryOver = 1;\n');
      writeFileSync(join(root, 'test/leaves.test.ts'), '// carryOver\n');
      expect(writeCiteIndex(root)).toBe(true);
      const q = parseCiteQuery('XIII');
      const file = join(root, 'rules/a/leaves.yaml');
      const s = citeSources(root);
      expect(s.citesIn(file, 'leaves.yaml', q).map((h) => [h.line, h.path])).toEqual([[3, 'sickLeave.carryOver.cite']]);
      expect([s.code('carryOver'), s.tests('carryOver')]).toEqual([['src/rules/leaves.ts:1'], ['test/leaves.test.ts:1']]);
      // the index still says line 3 only; the file now cites XIII on line 5 too
      appendFileSync(file, '  differential:\n    cite: { article: XIII, section: 1.F }\n');
      expect(citeSources(root).citesIn(file, 'leaves.yaml', q).map((h) => [h.line, h.path])).toEqual([[3, 'sickLeave.carryOver.cite'], [5, 'sickLeave.differential.cite']]);
      // a file the index never held
      writeFileSync(join(root, 'rules/a/more.yaml'), 'x:\n  cite: { article: XIII }\n');
      expect(citeSources(root).citesIn(join(root, 'rules/a/more.yaml'), 'more.yaml', q).map((h) => h.line)).toEqual([2]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('below(from, to) is path.relative for a path inside the folder, and for any other; filesUnder lists as path.join names', () => {
    const cases: [string, string][] = [
      ['/work/cba', '/work/cba/rules/a.yaml'], ['/work/cba', '/work/cba'], ['/work/cba', '/work/cbax/a.yaml'], ['/work/cba', '/work/other/a.yaml'],
      ['/', '/work/a.yaml'], ['/work/cba/', '/work/cba/rules/a.yaml'], ['/work/cba/rules', '/work/cba'], ['/work/cba', '/work/cba/x'],
    ];
    for (const [from, to] of cases) expect([from, to, below(from, to)]).toEqual([from, to, relative(from, to)]);
    const dir = join(ROOT, 'rules');
    const listed = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)).sort();
    expect(filesUnder(dir, (f) => /\.ya?ml$/.test(f))).toEqual(listed);
    expect(filesUnder(dir + '/', (f) => /\.ya?ml$/.test(f))).toEqual(listed);
    expect(filesUnder(relative(process.cwd(), dir), (f) => /\.ya?ml$/.test(f))).toEqual(listed.map((f) => relative(process.cwd(), f)));
  });
  it('an installed copy (no src/ or test/ beside the rules) names no line', () => {
    const s = citeSources(join(ROOT, 'fixtures'));
    expect([s.code('baseYearDays'), s.tests('baseYearDays')]).toEqual([[], []]);
  });
});
