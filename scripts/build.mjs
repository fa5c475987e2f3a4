// Build: one ESM bundle for the CLI (a lazy chunk per heavy library), the library bundle,
// type declarations, the JSON Schemas of the rules files, and the compiled rules cache.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// esbuild loaded only when something is built: npm test's build finds dist/ up to date most runs, and
// loading esbuild was half of that check's CPU (0.1 of 0.23 s)
const build = async (options) => (await import('esbuild')).build(options);
const t0 = Date.now();
// --if-changed (npm test's build): nothing is rebuilt when the inputs of the build (sources, rules,
// bin, this script, the lockfile) hash to what they did at the last build and its outputs are there
const STAMP = join(root, 'dist', '.build-inputs');
function inputsHash(paths = ['src', 'rules', 'bin', 'scripts/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) {
  const h = createHash('sha256');
  h.update(`${process.version} ${process.env.CBA_NO_MINIFY ?? ''}\n`);
  const walk = (rel) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) for (const e of readdirSync(abs).sort()) walk(join(rel, e));
    else h.update(`${rel}\0`).update(readFileSync(abs)).update('\0');
  };
  for (const p of paths) walk(p);
  return h.digest('hex');
}
const inputs = inputsHash();
const outputs = ['dist/cli.cjs', 'dist/cmd', 'dist/lib.js', 'dist/lazy', 'dist/rules-cache.json', 'schema', 'dist/cite-index.txt'];
// cba rules cite's index of where src/ and test/ name each key of the rules (src/cli/cite-sources.ts),
// made again whenever they or the rules change: tests are no input of the bundles, so --if-changed
// looks at them here (about 0.4 s to make, 10 ms to see that nothing changed)
const CITE_STAMP = join(root, 'dist', '.cite-inputs');
async function writeCiteIndex(onlyIfChanged) {
  const citeInputs = `${inputs} ${inputsHash(['test'])}`;
  if (onlyIfChanged && existsSync(join(root, 'dist', 'cite-index.txt')) && existsSync(CITE_STAMP) && readFileSync(CITE_STAMP, 'utf8') === citeInputs) return;
  const r = await build({ bundle: true, platform: 'node', format: 'esm', target: 'node20', entryPoints: [join(root, 'src/cli/cite-sources.ts')], write: false, packages: 'external', logLevel: 'warning' });
  const file = join(root, 'dist', `.cite-index-${process.pid}.mjs`);
  writeFileSync(file, r.outputFiles[0].text);
  try {
    (await import(file)).writeCiteIndex(root);
  } finally {
    rmSync(file, { force: true });
  }
  writeFileSync(CITE_STAMP, citeInputs);
}
if (process.argv.includes('--if-changed') && outputs.every((o) => existsSync(join(root, o))) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) {
  await writeCiteIndex(true);
  console.error('build: dist/ is up to date with src/, rules/ and the lockfile (nothing rebuilt)');
  process.exit(0);
}
// --no-types (npm test's build) keeps the declarations of the last full build (npm run build, prepack)
const keepTypes = process.argv.includes('--no-types');
if (keepTypes) {
  for (const e of existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')) : []) if (e !== 'types') rmSync(join(root, 'dist', e), { recursive: true, force: true });
} else rmSync(join(root, 'dist'), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  banner: { js: "import { createRequire as __cbaCreateRequire } from 'node:module'; const require = __cbaCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};
// The CLI is one CommonJS file (one script to compile at start-up, through bin/cba.js's V8 code
// cache); the heavy libraries are separate CommonJS bundles under dist/lazy/, loaded only when a
// command needs them (a dynamic import of one becomes a call of the loader's __cbaLazy(name)).
const LAZY = { './validate': 'validate', '../rules/validate': 'validate', '../rules/all-schemas': 'validate', '../batch/check/schema': 'validate', '../batch/scenario-schema': 'validate', 'csv-parse': 'csv', chalk: 'chalk', '../lazy/chart': 'chart', './rules-import.run': 'import', './rules-init.run': 'import', '../lazy/pdf': 'pdf' };
// the table renderer (src/lazy/table.ts, cli-table3) is no chunk of its own: it is in the bundle,
// still run only when imported (text output), which spares a text answer a second file to read and
// a second script to deserialize at every start
// exceljs for an .xlsx roster (audit, cost, retro, scenario costing, deadline --input)
LAZY['../lazy/xlsx'] = 'xlsx';
// exceljs's streaming reader, for an .xlsx roster: a chunk of its own, without the whole-workbook model
LAZY['../lazy/xlsx-stream'] = 'xlsx-stream';
// commander, for help, the version and errors of the command line (a plain call is read without it),
// and cli-table3 for a table drawSimple does not draw: chunks of their own, so the bundle every
// start-up reads, holds as a string and deserializes the code cache of is ~70 KB (40%) smaller
LAZY.commander = 'commander';
LAZY['cli-table3'] = 'cli-table3';
// cba check's fast reader of YAML check files
LAZY['../core/fast-yaml'] = 'check-yaml';
// chunks required synchronously (the name of the package and chunk: what of the chunk's exports the
// require gives): the yaml package, which the validator needs only for a rules file the fast reader
// declines or the line of a value refused (src/rules/validate.ts), out of the validator's chunk
const REQUIRED = { 'cli-table3': '.default', yaml: '' };
const lazyPlugin = {
  name: 'lazy',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && LAZY[args.path] ? { path: LAZY[args.path], namespace: 'cba-lazy' } : undefined));
    // a synchronous require of a chunk (REQUIRED), loaded then: table.ts's require('cli-table3') (the
    // chunk's default export, the class), the validator's require('yaml') (the chunk's exports)
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'require-call' && args.path in REQUIRED && !args.importer.includes('node_modules') ? { path: args.path, namespace: 'cba-lazy-require' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'cba-lazy-require' }, (args) => ({ contents: `module.exports = __cbaLazy(${JSON.stringify(args.path)})${REQUIRED[args.path]};\n`, loader: 'js' }));
    // an ES module naming the chunk's exports (its default too), filled from the loaded chunk
    b.onLoad({ filter: /.*/, namespace: 'cba-lazy' }, (args) => {
      const names = lazyExports[args.path];
      const own = names.filter((n) => n !== 'default');
      return { contents: `const m = __cbaLazy(${JSON.stringify(args.path)});\n${names.includes('default') ? 'export default m.default;\n' : ''}export const { ${own.join(', ')} } = m;\n`, loader: 'js' };
    });
  },
};
const stub = join(root, 'src/cli/no-child-process.ts');
const cjs = { ...common, format: 'cjs', banner: undefined, define: { 'import.meta.url': '__cbaMeta.url' }, minify: !process.env.CBA_NO_MINIFY };
// cli-table3 measures text with string-width 4; src/lazy/text-width.ts is the same measure, faster
const tableAlias = { 'string-width': join(root, 'src/lazy/string-width-shim.cjs') };
// each chunk's export names, from an ES module build of it that is not written (a CommonJS output's
// metafile does not list them); a chunk's own dynamic imports of other chunks stay outside it
const lazyOutside = {
  name: 'lazy-outside',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && LAZY[args.path] ? { path: args.path, external: true } : undefined));
  },
};
const lazyExports = {};
for (const n of new Set(Object.values(LAZY))) {
  const r = await build({ ...common, alias: tableAlias, entryPoints: [join(root, 'src/lazy', `${n}.ts`)], write: false, metafile: true, outdir: join(root, 'dist/lazy'), plugins: [lazyOutside] });
  lazyExports[n] = Object.values(r.metafile.outputs).find((o) => o.entryPoint).exports;
}
// pdf.js in Node loads @napi-rs/canvas (a native module: ~0.1 s of a PDF import) at start-up for
// DOMMatrix, ImageData and Path2D, which only rendering uses; cba reads text and images and never
// renders, so the pdf chunk hands it stand-ins that fail if rendering is ever attempted.
const CANVAS_LOAD = 'canvas = require("@napi-rs/canvas");';
const CANVAS_STUB = "(() => { const no = (what) => class { constructor() { if (what !== 'DOMMatrix') throw new Error('cba does not render PDF pages (' + what + ')'); } }; return { DOMMatrix: no('DOMMatrix'), ImageData: no('ImageData'), Path2D: no('Path2D') }; })()";
// both halves of pdf.js polyfill Response.prototype.bytes (only saving a PDF uses it) by reading the
// global Response at start-up, which makes Node load undici (~0.05 s): left out
const RESPONSE_BYTES = 'if (typeof Response.prototype.bytes !== "function") {';
const pdfTextOnly = {
  name: 'pdf-text-only',
  setup(b) {
    b.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf(\.worker)?\.mjs$/ }, (args) => {
      let src = readFileSync(args.path, 'utf8');
      const patches = [[RESPONSE_BYTES, 'if (false) {']];
      if (!args.path.includes('worker')) patches.push([CANVAS_LOAD, `canvas = ${CANVAS_STUB};`]);
      for (const [from, to] of patches) {
        if (!src.includes(from)) throw new Error(`${args.path} no longer holds ${from}: review pdfTextOnly in scripts/build.mjs`);
        src = src.replace(from, to);
      }
      return { contents: src, loader: 'js' };
    });
  },
};
// a chunk may load another on demand (the import chunk loads pdf.js only for a PDF)
await build({ ...cjs, alias: tableAlias, entryPoints: Object.fromEntries([...new Set([...Object.values(LAZY), ...Object.keys(REQUIRED)])].map((n) => [n, join(root, 'src/lazy', `${n}.ts`)])), outdir: join(root, 'dist/lazy'), outExtension: { '.js': '.cjs' }, minify: !process.env.CBA_NO_MINIFY, plugins: [lazyPlugin, pdfTextOnly] });
await build({ ...cjs, entryPoints: { cli: join(root, 'src/cli/entry.ts') }, outdir: join(root, 'dist'), outExtension: { '.js': '.cjs' }, alias: { ...tableAlias, 'node:child_process': stub, child_process: stub }, plugins: [lazyPlugin] });
// One bundle per command (dist/cmd/<command>.cjs), which bin/cba.js runs when the words name that
// command: the same CLI with only that command's module (the others are their name and description,
// as a start-up registers them anyway), a third of dist/cli.cjs or less to read, deserialize and run.
// dist/cli.cjs, with every command, answers the rest (cba alone, --help, help, an unknown word), and
// the commands that run the others: completion and man (every command's options) and check.
const WHOLE_CLI = new Set(['completion', 'man', 'check']);
const INDEX = join(root, 'src/commands/index.ts');
const indexText = readFileSync(INDEX, 'utf8');
const IMPORT = /^import \* as (\w+) from '\.\/([\w-]+)';$/gm;
const modules = [...indexText.matchAll(IMPORT)].map((m) => m[1]);
// each command's name, module and description, from an ES module build of the index that is not kept
const probe = await build({
  ...common,
  stdin: { contents: `import { COMMANDS } from './index';\n${modules.map((m) => `import * as ${m} from './${[...indexText.matchAll(IMPORT)].find((x) => x[1] === m)[2]}';`).join('\n')}\nconst mods = [${modules.join(', ')}];\nexport default Object.entries(COMMANDS).map(([name, m]) => [name, mods.indexOf(m), m.DESCRIPTION]);\n`, resolveDir: dirname(INDEX), loader: 'ts' },
  write: false,
  packages: 'external',
  plugins: [lazyOutside],
});
const probeFile = join(root, 'dist', `.commands-${process.pid}.mjs`);
writeFileSync(probeFile, probe.outputFiles[0].text);
const commandList = (await import(probeFile)).default;
rmSync(probeFile);
const description = Object.fromEntries(commandList.filter(([, i]) => i >= 0).map(([, i, d]) => [modules[i], d]));
await Promise.all(
  commandList
    .filter(([name, i]) => i >= 0 && !WHOLE_CLI.has(name))
    .map(([name, i]) => {
      const own = modules[i];
      const contents = indexText.replace(IMPORT, (line, id) => (id === own || id === 'completion' ? line : `const ${id} = { DESCRIPTION: ${JSON.stringify(description[id])}, register() { throw new Error('cba: this bundle holds the command ${own} only'); } } as CommandModule;`));
      const onlyOne = { name: 'only-one-command', setup: (b) => b.onLoad({ filter: /[\\/]src[\\/]commands[\\/]index\.ts$/ }, () => ({ contents, loader: 'ts', resolveDir: dirname(INDEX) })) };
      return build({ ...cjs, entryPoints: { [name]: join(root, 'src/cli/entry.ts') }, outdir: join(root, 'dist/cmd'), outExtension: { '.js': '.cjs' }, alias: { ...tableAlias, 'node:child_process': stub, child_process: stub }, plugins: [lazyPlugin, onlyOne] });
    }),
);
// each CommonJS bundle starts with a stamp of its text (bin/cba.js keys its code caches on it) and is
// written as the function bin/cba.js runs it as (BUNDLE_HEAD, as Node wraps a CommonJS module): the
// text read is the very script compiled, with no second copy of it made at every start
const BUNDLE_HEAD = '(function (exports, require, module, __filename, __dirname, __cbaMeta, __cbaLazy) {';
// A command's bundle is padded to LARGE bytes (with a trailing comment): bin/cba.js reads it as one
// string, and a string under V8's largest regular object (128 KB) is made in the young generation,
// which it then fills by a sixth (a 106 KB rules.cjs made `rules cite` collect it once: 1.4 M
// instructions more, and 57 more page faults, than the 169 KB bundle it was before commander and
// cli-table3 became chunks); a larger one is made in the large-object space, outside it
const LARGE = 132 * 1024;
for (const f of ['dist/cli.cjs', ...['lazy', 'cmd'].flatMap((d) => readdirSync(join(root, 'dist', d)).map((n) => `dist/${d}/${n}`))]) {
  const text = readFileSync(join(root, f), 'utf8');
  const out = `//cba-build:${createHash('sha256').update(text).digest('hex')}\n${BUNDLE_HEAD}${text}\n})`;
  const pad = f.startsWith('dist/cmd/') ? LARGE - Buffer.byteLength(out) - 4 : 0;
  writeFileSync(join(root, f), pad > 0 ? `${out}\n//${' '.repeat(pad)}\n` : out);
}
await build({ ...common, entryPoints: { lib: join(root, 'src/lib.ts') }, outdir: join(root, 'dist'), splitting: false, packages: 'external' });
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--emitDeclarationOnly'], { stdio: 'inherit' });
  fullySpecifyTypes(join(root, 'dist/types'));
}

// The declarations name their relative imports as the sources do ('./core/money'); a package's
// consumer under TypeScript's moduleResolution nodenext (an ES module package) needs them fully
// specified ('./core/money.js', './rules/index.js'), which bundler resolution reads too.
function fullySpecifyTypes(dir) {
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.d.ts')) {
        const text = readFileSync(p, 'utf8');
        const out = text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g, (m, pre, q, spec) => {
          if (/\.(js|mjs|cjs|json)$/.test(spec)) return m;
          const target = join(dirname(p), spec);
          const full = existsSync(`${target}.d.ts`) ? `${spec}.js` : existsSync(join(target, 'index.d.ts')) ? `${spec}/index.js` : undefined;
          if (!full) throw new Error(`build: ${p} imports ${spec}, which has no declaration file`);
          return `${pre}${q}${full}${q}`;
        });
        if (out !== text) writeFileSync(p, out);
      }
    }
  };
  walk(dir);
}
const lib = await import(join(root, 'dist/lib.js'));
const { z } = await import('zod');
rmSync(join(root, 'schema'), { recursive: true, force: true });
mkdirSync(join(root, 'schema'), { recursive: true });
const named = { agreement: lib.schemas.AgreementFile, schedule: lib.schemas.ScheduleFile };
for (const [kind, spec] of Object.entries(lib.PART_SCHEMAS)) named[kind.replace(/s$/, '')] = spec.schema;
named.closures = lib.schemas.ClosuresFile;
named.check = lib.CheckFile;
named.rates = lib.schemas.RatesFile;
named.scenario = lib.ScenarioFile;
for (const [name, schema] of Object.entries(named)) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  writeFileSync(join(root, 'schema', `${name}.schema.json`), JSON.stringify(json, null, 2) + '\n');
}
try {
  await lib.writeRulesCache();
} catch (e) {
  console.error(`build: the rules under rules/ do not validate: ${e.message}`);
  process.exit(2);
}
await writeCiteIndex(false);
writeFileSync(STAMP, inputs);
console.error(`build: dist/ ready in ${Date.now() - t0} ms`);
