// The layers of docs/architecture.md, checked on the source: no import cycle, and no folder imports
// from a layer above it (value imports and dynamic imports; `import type` is erased and not counted).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers/contract';
import { yamlData } from './helpers/yaml-data';

const SRC = join(ROOT, 'src');
const files: string[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
walk(SRC);

/** The modules a file imports at run time (static value imports, re-exports, dynamic imports), or with
 *  `withTypes` every module it names in an import (`import type` too: what madge --circular counts). */
function imports(file: string, withTypes = false): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const stat = /^\s*(import|export)\s+([^;]*?)\s+from\s+['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(stat)) {
    const clause = m[2];
    if (!withTypes && /^type\s/.test(clause)) continue; // import type / export type
    const names = /^\{([^}]*)\}$/.exec(clause.trim());
    if (!withTypes && names && names[1].split(',').filter((s) => s.trim()).every((s) => /^\s*type\s/.test(s))) continue;
    out.push(m[3]);
  }
  for (const m of text.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out.map((spec) => {
    const base = resolve(dirname(file), spec);
    return [base + '.ts', join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile()) ?? base;
  });
}

const LAYER: [string, number][] = [
  ['core/', 1],
  ['rules/', 2],
  ['batch/', 3],
  ['import/', 3],
  ['cli/', 4],
  ['commands/', 4],
  // the lazy chunks: the validator (rules and schemas) above all; the others wrap one npm library each
  ['lazy/validate.ts', 4],
  ['lazy/import.ts', 4],
  // exceljs with the sheet reader of src/import/xlsx.ts, for an .xlsx roster
  ['lazy/xlsx.ts', 3],
  ['lazy/xlsx-stream.ts', 3],
  // cba check's fast reader of YAML check files (src/core/fast-yaml.ts)
  ['lazy/check-yaml.ts', 3],
  ['lazy/', 1],
  ['lib.ts', 5],
];
const layerOf = (f: string) => LAYER.find(([p]) => relative(SRC, f).startsWith(p))?.[1] ?? 9;
const rel = (f: string) => relative(ROOT, f);
const graph = new Map(files.map((f) => [f, imports(f)]));
/** with the type imports: a cycle of types alone is no fault at run time, but it still ties two modules together */
const fullGraph = new Map(files.map((f) => [f, imports(f, true)]));

describe('architecture (docs/architecture.md)', () => {
  it('every file is in a known layer', () => {
    expect(files.filter((f) => layerOf(f) === 9).map(rel)).toEqual([]);
  });

  it('no folder imports from a layer above it (core < rules < batch, import < cli, commands)', () => {
    const up: string[] = [];
    for (const [f, deps] of graph) for (const d of deps) if (layerOf(d) > layerOf(f)) up.push(`${rel(f)} -> ${rel(d)}`);
    expect(up).toEqual([]);
  });

  it('nothing in src/rules or src/batch imports src/cli or src/commands (type imports too)', () => {
    const bad = [...fullGraph].flatMap(([f, deps]) => (layerOf(f) <= 3 ? deps.filter((d) => /src\/(cli|commands)\//.test(d)).map((d) => `${rel(f)} -> ${rel(d)}`) : []));
    expect(bad).toEqual([]);
  });

  it('no import cycle, counting type imports (as madge --circular does)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 1);
      stack.push(f);
      for (const d of fullGraph.get(f) ?? []) {
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].map(rel).join(' -> '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 2);
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('every test lives in the folder of what it tests (test/<layer or family>/), none at the test/ root but this one', () => {
    const FOLDERS = ['core', 'rules', 'batch', 'import', 'cli', 'e2e', 'helpers'];
    const TEST = join(ROOT, 'test');
    const stray = readdirSync(TEST).filter((e) => (statSync(join(TEST, e)).isDirectory() ? !FOLDERS.includes(e) : e.endsWith('.ts') && e !== 'architecture.test.ts'));
    expect(stray).toEqual([]);
  });

  it('no contract figure typed into src/: no stipend id of the rules as a string, no dollar figure (they live in rules/ YAML)', () => {
    const ids = (yamlData(join(ROOT, 'rules/sdcoe-ae-2005-2008/stipends.yaml')) as { stipends: { id: string }[] }).stipends.map((x) => x.id);
    expect(ids.length).toBeGreaterThan(10);
    const idText = new RegExp(`['"\`](${ids.map((x) => x.replace(/-/g, '\\-')).join('|')})['"\`]`);
    // what cannot move, each with its reason (file: the text allowed)
    const ALLOWED: Record<string, string[]> = {
      // the import readers describe how any county office prints its schedules ("$66,282"): a format, not this agreement's figure
      'src/import/': ['$'],
      'src/rules/schema.ts': ['"$66,282"'], // the schema's example of a cell typed as printed (a format)
    };
    const found: string[] = [];
    for (const f of files) {
      const r = rel(f).replace(/^src\//, 'src/');
      const allowed = Object.entries(ALLOWED).filter(([k]) => r.startsWith(k)).flatMap(([, v]) => v);
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (idText.test(line)) found.push(`${r}:${i + 1}: a stipend id (${idText.exec(line)![1]}): read it from the rules (a field of the stipend), not by name`);
        // $1..$9 alone are a replace() back-reference, not money: a figure has two digits or a separator
        const figures = [...line.matchAll(/\$\d(?:[\d,.]*\d)?/g)].map((m) => m[0]).filter((x) => !/^\$\d$/.test(x));
        for (const x of figures) if (!allowed.some((ok) => ok === '$' || line.includes(ok))) found.push(`${r}:${i + 1}: a dollar figure ${x}: put it in rules/ YAML with its citation`);
      });
    }
    expect(found).toEqual([]);
  });

  it('no article citation typed into src/ strings ("XIII.2.F", "Article XV"): a citation comes from the rules\' cite', () => {
    // a citation in code (not in a comment): "Article XV", "Art. XV", or a numbered provision "XIII.2.F", "V.8", "XX.7.3.1"
    const CITE = /\b(?:Article|Art\.)\s+[IVXL]+\b|\b[IVXL]{1,5}\.\d+(?:\.[A-Za-z0-9]+)*/g;
    // what has not moved yet or cannot move, each with its reason (file: the citations allowed on its lines)
    const ALLOWED: Record<string, { cites: string[]; why: string }> = {
      'src/import/': { cites: ['*'], why: 'the import readers describe how county offices print schedules: examples of a format, not citations of this agreement' },
      'src/commands/rules.ts': { cites: ['XIII.1.F', 'XV.8'], why: 'cba rules cite takes an article as its argument: the help shows how one is typed' },
    };
    for (const [k, v] of Object.entries(ALLOWED)) expect(v.why.length, k).toBeGreaterThan(20);
    const found: string[] = [];
    let seen = 0;
    for (const f of files) {
      const r = rel(f);
      const allowed = Object.entries(ALLOWED).filter(([k]) => r.startsWith(k)).flatMap(([, v]) => v.cites);
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // a comment line
        const code = line.replace(/\s\/\/\s.*$/, ''); // a trailing comment
        for (const m of code.matchAll(CITE)) {
          seen++;
          if (!allowed.some((ok) => ok === '*' || m[0] === ok)) found.push(`${r}:${i + 1}: the citation "${m[0]}": name the provision in words, or take its citation from the rules (citeRef / citeShort of a cite)`);
        }
      });
    }
    expect(seen).toBeGreaterThan(0); // the pattern finds the allowed ones: it is not vacuous
    expect(found).toEqual([]);
  });

  it('no reading of the contract typed into src/rules: a sentence saying how the agreement is read lives in rules/ YAML (readings: [{ id, text, cite }])', () => {
    // the words a reading is written in; a rule applies it with reading(list, 'id', { figures }) instead
    const READS = /\b(?:is|are) read (?:as|strictly)\b|\bread strictly\b|\bthe agreement (?:does not|says|states|prints|is silent)\b/i;
    expect(READS.test('"Working days" are read as the days the office is open')).toBe(true); // the pattern sees a reading
    // what stays, each with its reason (file: words of the string allowed)
    const ALLOWED: Record<string, { text: string; why: string }[]> = {
      'src/rules/deadlines/deadlines.ts': [{ text: 'the agreement does not move this deadline', why: 'countPeriodRaw counts on a calendar with no agreement at hand; it says why the date stands' }],
      'src/rules/leaves/other-leaves.ts': [{ text: 'the agreement does not speak to insurance', why: 'the working of one figure (how), beside the reading personal-leave-over-30-days that says the same' }],
    };
    for (const v of Object.values(ALLOWED)) for (const x of v) expect(x.why.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const f of files) {
      const r = rel(f);
      // schema files describe the YAML fields (their help in editors), they apply no reading
      if (!r.startsWith('src/rules/') || r.endsWith('schema.ts')) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // a comment line
        for (const m of line.matchAll(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
          if (!READS.test(m[0]) || (ALLOWED[r] ?? []).some((x) => m[0].includes(x.text))) continue;
          found.push(`${r}:${i + 1}: a reading written in code (${READS.exec(m[0])![0]}): put it in the family's YAML readings with its cite and apply it by id`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('below the CLI no text names a flag: rules, batch and import write {field} (the CLI makes it --field), or a whole command line to run (cba ...)', () => {
    // what cannot change, with its reason (file: flags allowed)
    const ALLOWED: Record<string, string[]> = {
      'src/import/pdf-ocr.ts': ['--version', '--psm'], // the options of the tesseract program it runs
    };
    const found: string[] = [];
    let strings = 0;
    for (const f of files.filter((x) => layerOf(x) <= 3)) {
      const r = rel(f);
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // a comment line
        for (const m of line.replace(/\/\/ .*$/, '').matchAll(/(['"`])((?:(?!\1).)*?)\1/g)) {
          strings++;
          for (const fm of m[2].matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
            if (/\bcba [a-z]/.test(m[2].slice(0, fm.index)) || ALLOWED[r]?.includes(fm[0])) continue;
            found.push(`${r}:${i + 1}: ${fm[0]}: write {${fm[0].slice(2).replace(/-([a-z])/g, (_x, c: string) => c.toUpperCase())}} (FieldError, fieldText) and let the CLI name the flag`);
          }
        }
      });
    }
    expect(strings).toBeGreaterThan(1000);
    expect(found).toEqual([]);
  });

  it('the checker sees imports (it is not vacuous)', () => {
    expect(graph.get(join(SRC, 'cli/main.ts'))).toContain(join(SRC, 'commands/index.ts'));
    expect(graph.get(join(SRC, 'commands/check.ts'))).toContain(join(SRC, 'commands/salary.ts'));
    expect(fullGraph.get(join(SRC, 'cli/command.ts'))).toContain(join(SRC, 'cli/output.ts')); // a type import
  });

  it('docs/architecture.md names only files and functions that exist (its walk of cba salary stays true)', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const ticks = [...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const yaml = readdirSync(join(ROOT, 'rules/sdcoe-ae-2005-2008')).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(ROOT, 'rules/sdcoe-ae-2005-2008', f), 'utf8')).join('\n');
    const missing: string[] = [];
    let names = 0;
    for (const t of ticks) {
      const path = /^[\w./<>*-]+\.(ts|yaml|json|js|cjs|mjs)$|^[\w./-]+\/$/.test(t) ? t.replace('<agreement>', 'sdcoe-ae-2005-2008').replace('<family>', 'leaves').replace('<name>', 'salary') : undefined;
      if (path && !path.includes('*')) {
        const bases = ['', 'src/', 'src/cli/', 'src/rules/', 'src/batch/', 'src/core/', 'rules/sdcoe-ae-2005-2008/', 'rules/sdcoe-ae-2005-2008/schedules/'];
        if (!bases.some((b) => existsSync(join(ROOT, b, path)))) missing.push(t);
        continue;
      }
      // a function, type or field: camelCase or PascalCase with a lower-case letter, as a name or a call
      const name = /^([A-Za-z_]\w*)(\(.*\))?$/.exec(t)?.[1];
      if (!name || !/[a-z]/.test(name) || !/[A-Z]/.test(name)) continue;
      names++;
      const defined = new RegExp(`(function|const|class|interface|type|let)\\s+${name}\\b|\\b${name}[?]?:|\\b${name}\\(`).test(source) || new RegExp(`\\b${name}:`).test(yaml);
      if (!defined) missing.push(t);
    }
    expect(names).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
