// cba rules cite names the lines of the rule functions (src/rules, src/batch) and of the tests (test/)
// that name a value's key: in a source checkout only (an installed package has neither folder, and
// names none). The build indexes every key of the shipped rules (dist/cite-index.json), so a run reads
// that one file instead of the ~120 files of src/ and test/ (0.9 MB); a key the index lacks (a --rules
// folder's own) is looked up in the files themselves. The index is made again by every build, npm
// test's too (scripts/build.mjs), so it is as fresh as the bundles that read it.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { citeIndex, citedWords, indexedLines, linesNaming, type CiteIndex, type SourceFile } from '../batch/rules-cite';

/** The index, relative to the package folder. */
export const CITE_INDEX = 'dist/cite-index.json';

/** Files under a folder whose name passes the test (no node_modules, no dist, no dot names), sorted. */
export function filesUnder(dir: string, want: (f: string) => boolean): string[] {
  const out: string[] = [];
  // the entries' types come with the listing (a stat each only for a symbolic link, followed)
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isSymbolicLink() ? statSync(p).isDirectory() : e.isDirectory()) walk(p);
      else if (want(p)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

const isTs = (f: string) => f.endsWith('.ts');
const CODE_DIRS = ['src/rules', 'src/batch'];

/** The rule functions and the tests of the checkout at root, read. */
function readSources(root: string): { code: SourceFile[]; tests: SourceFile[] } {
  const read = (f: string): SourceFile => ({ name: relative(root, f), text: readFileSync(f, 'utf8') });
  return { code: CODE_DIRS.flatMap((d) => filesUnder(join(root, d), isTs)).map(read), tests: filesUnder(join(root, 'test'), isTs).map(read) };
}

/** The index of every key of the rules under root/rules: what the build writes to dist/cite-index.json. */
export function makeCiteIndex(root: string): CiteIndex {
  const words = filesUnder(join(root, 'rules'), (f) => /\.ya?ml$/.test(f)).flatMap((f) => citedWords(readFileSync(f, 'utf8')));
  const { code, tests } = readSources(root);
  return citeIndex(words, code, tests);
}

/** Write dist/cite-index.json (the build); false when there is no checkout to index (no src/rules). */
export function writeCiteIndex(root: string): boolean {
  if (!existsSync(join(root, 'src', 'rules'))) return false;
  writeFileSync(join(root, CITE_INDEX), JSON.stringify(makeCiteIndex(root)) + '\n');
  return true;
}

export interface CiteSources {
  /** the lines of the rule functions naming a key */
  code(key: string): string[];
  /** the lines of the tests naming a key */
  tests(key: string): string[];
}

/** Where the code and the tests of the checkout at root name a key: from the build's index, else
 *  (a key it lacks, or no index) from the files; nothing where the folders are not there. */
export function citeSources(root: string): CiteSources {
  const hasCode = CODE_DIRS.some((d) => existsSync(join(root, d)));
  const hasTests = existsSync(join(root, 'test'));
  let index: CiteIndex | undefined;
  if (hasCode || hasTests) {
    try {
      index = JSON.parse(readFileSync(join(root, CITE_INDEX), 'utf8')) as CiteIndex;
    } catch {
      // no index (a checkout not built): the files are read
    }
  }
  let files: ReturnType<typeof readSources> | undefined;
  const lookup = (part: 'code' | 'tests', key: string): string[] => {
    if (!key || key.length < 4) return [];
    return (index && indexedLines(index, part, key)) ?? linesNaming((files ??= readSources(root))[part], key);
  };
  return { code: (key) => (hasCode ? lookup('code', key) : []), tests: (key) => (hasTests ? lookup('tests', key) : []) };
}
