// What cba rules cite reads besides the rules: the citations of the rules files, and the lines of the
// rule functions (src/rules, src/batch) and of the tests (test/) that name a value's key (in a source
// checkout only: an installed package has neither folder, and names none). The build makes an index
// of both (dist/cite-index.txt): every key of the shipped rules with the lines naming it, and every
// citation of each rules file with the file's stat. A run reads that one file (and stats the rules
// files) instead of the ~120 files of src/ and test/ (0.9 MB) and the rules' YAML; a rules file
// changed since (its stat differs), or not indexed (a --rules folder's), is read, and a key the index
// lacks is looked up in the files themselves. The index is made again by every build, npm test's too
// (scripts/build.mjs), so it is as fresh as the bundles that read it.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { citeIndexLookup, citeIndexOfRules, citeIndexText, citedWords, citesIn, linesNaming, wordIndex, type CiteHit, type CiteIndex, type CiteIndexLookup, type CiteQuery, type SourceFile } from '../batch/rules-cite';
import { readFileBytes } from '../core/file-bytes';

/** The index, relative to the package folder. */
export const CITE_INDEX = 'dist/cite-index.txt';

/** `relative(from, to)` for `to` inside the folder `from`, both absolute and normal (as path.join
 *  makes them, and process.cwd() is): the rest of `to`, cut off by hand; path.relative for any other.
 *  Node's path functions normalise their text character by character, and the hundred-odd calls of a
 *  run made V8 compile that loop (normalizeString) at start-up. */
export function below(from: string, to: string): string {
  if (to.length > from.length + 1 && to.startsWith(from) && !from.endsWith(sep) && to[from.length] === sep) return to.slice(from.length + 1);
  return relative(from, to);
}

/** Files under a folder whose name passes the test (no node_modules, no dist, no dot names), sorted. */
export function filesUnder(dir: string, want: (f: string) => boolean): string[] {
  const out: string[] = [];
  // an entry's path: the folder's (normal) and its name, as path.join gives it
  const top = normalize(dir);
  const child = isAbsolute(top) ? (d: string, name: string) => (d.endsWith(sep) ? d + name : d + sep + name) : join;
  // the entries' types come with the listing (a stat each only for a symbolic link, followed)
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = child(d, e.name);
      if (e.isSymbolicLink() ? statSync(p).isDirectory() : e.isDirectory()) walk(p);
      else if (want(p)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(top);
  return out.sort();
}

const isTs = (f: string) => f.endsWith('.ts');
export const isYaml = (f: string) => /\.ya?ml$/.test(f);
const CODE_DIRS = ['src/rules', 'src/batch'];

/** The rule functions and the tests of the checkout at root, read. */
function readSources(root: string): { code: SourceFile[]; tests: SourceFile[] } {
  const read = (f: string): SourceFile => ({ name: relative(root, f), text: readFileSync(f, 'utf8') });
  return { code: CODE_DIRS.flatMap((d) => filesUnder(join(root, d), isTs)).map(read), tests: filesUnder(join(root, 'test'), isTs).map(read) };
}

/** A file's identity and times (inode, size, modification and change times): an edit, even one that
 *  keeps the size and sets the modification time back, changes it (the change time cannot be set). */
function statKey(file: string): string {
  const st = statSync(file);
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** A rules file's name in the index: relative to the package, with / between folders. */
const ruleName = (root: string, file: string) => below(root, file).split(sep).join('/');

/** The index of the checkout at root: every key the citations of root/rules look up, and those citations. */
export function makeCiteIndex(root: string): CiteIndex {
  const rules = filesUnder(join(root, 'rules'), isYaml).map((f) => ({ name: ruleName(root, f), stat: statKey(f), text: readFileSync(f, 'utf8') }));
  const { code, tests } = readSources(root);
  return { ...wordIndex(rules.flatMap((r) => citedWords(r.text)), code, tests), ...citeIndexOfRules(rules) };
}

/** Write dist/cite-index.txt (the build); false when there is no checkout to index (no src/rules). */
export function writeCiteIndex(root: string): boolean {
  if (!existsSync(join(root, 'src', 'rules'))) return false;
  writeFileSync(join(root, CITE_INDEX), citeIndexText(makeCiteIndex(root)));
  return true;
}

export interface CiteSources {
  /** the citations of a rules file (its path; shown as `shown`) matching the query */
  citesIn(file: string, shown: string, q: CiteQuery): CiteHit[];
  /** the lines of the rule functions naming a key */
  code(key: string): string[];
  /** the lines of the tests naming a key */
  tests(key: string): string[];
}

/** What cba rules cite reads, for the package at root: from the build's index where it holds the
 *  answer, else from the files; no code or test lines where the folders are not there. */
export function citeSources(root: string): CiteSources {
  const hasCode = CODE_DIRS.some((d) => existsSync(join(root, d)));
  const hasTests = existsSync(join(root, 'test'));
  let index: CiteIndexLookup | undefined;
  if (hasCode || hasTests) {
    try {
      index = citeIndexLookup(readFileBytes(join(root, CITE_INDEX)));
    } catch {
      // no index (a checkout not built): the files are read
    }
  }
  let files: ReturnType<typeof readSources> | undefined;
  const lookup = (part: 'code' | 'tests', key: string): string[] => {
    if (!key || key.length < 4) return [];
    return index?.lines(part, key) ?? linesNaming((files ??= readSources(root))[part], key);
  };
  return {
    citesIn(file, shown, q) {
      const known = index?.rulesFile(ruleName(root, file));
      if (known && statKey(file) === known.stat) return index!.citesIn(known.at, shown, q);
      return citesIn(shown, readFileSync(file, 'utf8'), q);
    },
    code: (key) => (hasCode ? lookup('code', key) : []),
    tests: (key) => (hasTests ? lookup('tests', key) : []),
  };
}
