// cba rules: the rules files themselves: validate (schema), audit (consistency), init (a new
// agreement folder) and import (a schedule from CSV, XLSX or PDF).
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadRules, defaultRulesRoot } from '../rules/load';
import type { Agreement } from '../rules/types';
import { auditRules } from '../batch/rules-audit';
import { parseCiteQuery, type CiteHit } from '../batch/rules-cite';
import { packageRoot } from '../rules/load';
import { InputError } from '../core/errors';
import { JSON_OPTION, JSON_CSV_OPTIONS, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { printJson, renderTable, write, warn, csvLine } from '../cli/output';
import { below, citeSources, filesUnder, isYaml } from '../cli/cite-sources';

export const DESCRIPTION = 'Check the rules files: schema validation and consistency audit';

export const VALIDATE_OPTIONS = {
  strict: { flags: '--strict', help: 'a citation not yet filled is an error (exit 1)' },
  ...JSON_OPTION,
} as const;
export type ValidateOptions = OptionsOf<typeof VALIDATE_OPTIONS>;

export const AUDIT_OPTIONS = {
  ...JSON_CSV_OPTIONS,
} as const;
export type AuditRulesOptions = OptionsOf<typeof AUDIT_OPTIONS>;

export const CITE_OPTIONS = {
  ...JSON_OPTION,
} as const;
export type CiteOptions = OptionsOf<typeof CITE_OPTIONS>;

export const INIT_OPTIONS = {
  id: { flags: '--id <id>', help: 'agreement id (default: the folder name)' },
  name: { flags: '--name <text>', help: 'agreement name' },
  employer: { flags: '--employer <text>', help: 'the employer (county office or district)' },
  association: { flags: '--association <text>', help: 'the association' },
  from: { flags: '--from <date>', help: 'first day of the term, YYYY-MM-DD (default: July 1 this year)' },
  to: { flags: '--to <date>', help: 'last day of the term (default: three years on)' },
  days: { flags: '--days <n>', help: 'base work year in days', default: '185' },
  hours: { flags: '--hours <h>', help: 'hours of the teacher work day', default: '7' },
  months: { flags: '--months <n>', help: 'monthly pay warrants a year', default: '12' },
  ...JSON_OPTION,
} as const;
export type InitOptions = OptionsOf<typeof INIT_OPTIONS>;

export const IMPORT_OPTIONS = {
  schedule: { flags: '--schedule <id>', help: 'schedule id (kebab-case)', default: 'teacher' },
  name: { flags: '--name <text>', help: 'schedule name (default: the title line)' },
  year: { flags: '--year <yyyy-yy>', help: 'school year (default: read from the title)' },
  effective: { flags: '--effective <date>', help: 'first day in force, YYYY-MM-DD (default: printed, else July 1 of the year)' },
  until: { flags: '--until <date>', help: 'last day in force, when the agreement says (default: until the next schedule of the id)' },
  basis: { flags: '--basis <kind>', help: 'annual | daily | hourly (default: from the size of the amounts)' },
  days: { flags: '--days <n>', help: "work days of the schedule: the divisor of its daily rate (default: the agreement's base year)" },
  assignment: { flags: '--assignment <key>', help: "the agreement's assignment this schedule pays (hours per day)" },
  sheet: { flags: '--sheet <name|n>', help: 'worksheet of an .xlsx workbook (default: the first)' },
  table: { flags: '--table <n>', help: 'which schedule, when the file holds several (a PDF may print two side by side)' },
  page: { flags: '--page <n>', help: 'PDF: read only these pages: 2, 1-3 or 1,3 (default: every page)' },
  daily: { flags: '--daily', help: 'PDF: import the printed daily rates as the values (default: the annual salaries, each with its daily rate)' },
  transpose: { flags: '--transpose', help: 'classes are rows and steps are columns (detected when not given)' },
  delimiter: { flags: '--delimiter <c>', help: 'CSV delimiter (detected: comma, semicolon, tab or pipe)' },
  out: { flags: '--out <file>', help: 'write the YAML to this file (or into this folder)' },
  dryRun: { flags: '--dry-run', help: 'read and validate, show the review, write nothing' },
  acceptOcr: { flags: '--accept-ocr', help: 'PDF scan: write the cells read by OCR (tesseract) after holding the review against the paper' },
  force: { flags: '--force', help: 'replace an existing schedule file' },
  json: { flags: '--json', help: 'print the review and the YAML as JSON' },
} as const;
export type ImportOptions = OptionsOf<typeof IMPORT_OPTIONS>;

export function register(program: Command, exec: Exec): void {
  const rules = program.command('rules').description(DESCRIPTION).addHelpText('after', () => examples(['cba rules validate', 'cba rules audit', 'cba rules audit --rules fixtures/rules/example-district --json']));
  declare(rules.command('validate').description('Validate every rules file against the schema (names file, path and line of the first problem); lists citations not yet filled'), VALIDATE_OPTIONS)
    .addHelpText('after', () => examples(['cba rules validate', 'cba rules validate --rules fixtures/rules/example-district']))
    .action((o: ValidateOptions, c: Command) => exec(c, (ctx) => validate(o, ctx)));
  declare(rules.command('audit').description('Check every schedule and stipend file for internal consistency (printed vs computed, ordering, siblings, quotes)'), AUDIT_OPTIONS)
    .addHelpText('after', () => examples(['cba rules audit', 'cba rules audit --rules fixtures/rules/example-district', 'cba rules audit --json | jq ".findings[] | select(.severity == \\"error\\")"']))
    .action((o: AuditRulesOptions, c: Command) => exec(c, (ctx) => audit(o, ctx)));
  declare(rules.command('cite <article>').description('Where the rules cite an article (XIII or XIII.1.F): each file and line, the value it stands beside, and the rule functions and tests that read it'), CITE_OPTIONS)
    .addHelpText('after', () => examples(['cba rules cite XIII.1.F', 'cba rules cite XV.8 --json', 'cba rules cite "Appendix A"']))
    .action((article: string, o: CiteOptions, c: Command) => exec(c, (ctx) => cite({ ...o, article }, ctx)));
  declare(rules.command('init <dir>').description('Start the rules of another agreement: a folder that validates at once, each file linked to its JSON Schema, every citation marked unfilled'), INIT_OPTIONS)
    .addHelpText('after', () => examples(['cba rules init my-office --employer "Example County Office of Education" --from 2024-07-01 --to 2027-06-30', 'cba rules import schedule salary.csv --rules my-office --year 2024-25', 'cba rules validate --rules my-office']))
    .action((dir: string, o: InitOptions, c: Command) => exec(c, async (ctx) => (await import('./rules-init.run')).initRules(dir, o, ctx.out)));
  const imp = rules.command('import').description('Import rules from a file: a salary schedule from CSV, XLSX or PDF');
  declare(imp.command('schedule <file>').description('Read a salary schedule (CSV with any delimiter, XLSX, PDF) and write it as a schedule YAML: prints what it read (classes, steps, blank cells, plateaus, column sums) to check against the paper'), IMPORT_OPTIONS)
    .addHelpText(
      'after',
      () => `
Target: --out <file>; else --rules <folder> (or CBA_RULES) writes into that agreement's schedules/;
else the YAML goes to stdout and the review to stderr. The result is validated (with the agreement
it joins) before anything is written; an existing file is replaced only with --force.
Blank, "-" and "n/a" cells are "no such step"; "$" and thousands commas are stripped; a line of
amounts under a step labelled daily/hourly (or blank) is that step's printed rate.
A PDF is read from its text layer; each cell cites its page and printed text; a page whose layout
cannot be read with confidence is refused with the page and the text, never guessed. Classes
printed down the side (steps across) are detected. A scanned page (a picture) is read by OCR when
the tesseract program is installed (apt-get install tesseract-ocr): every cell is marked ocr, and
it is written only with --accept-ocr and only when no value falls along a step or a class.
${examples([
        'cba rules import schedule salary-2024-25.csv --year 2024-25 --dry-run',
        'cba rules import schedule salary.xlsx --sheet "Certificated" --rules my-rules --schedule teacher',
        'cba rules import schedule schedule.csv --out schedules/teacher-2024-25.yaml --days 185',
        'cba rules import schedule 23-24_OPUSD.pdf --table 2 --dry-run',
        'cba rules import schedule scanned.pdf --dry-run && cba rules import schedule scanned.pdf --accept-ocr --out teacher.yaml',
        'cat schedule.csv | cba rules import schedule - --year 2024-25 > teacher-2024-25.yaml',
      ])}`,
    )
    .action((file: string, o: ImportOptions, c: Command) => exec(c, async (ctx) => (await import('./rules-import.run')).importSchedule(file, o, ctx.global, ctx.out, ctx.io.stdin)));
}

/** Every citation still marked unfilled (cba rules init, cba rules import), by file and path. */
export function unfilledCitations(a: Agreement): { file: string; where: string }[] {
  const out: { file: string; where: string }[] = [];
  const walk = (v: unknown, file: string, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, file, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      if ((v as { unfilled?: unknown }).unfilled === true) out.push({ file, where: path || '(top level)' });
      for (const [k, x] of Object.entries(v)) if (k !== 'file' && k !== 'rows') walk(x, file, path ? `${path}.${k}` : k);
    }
  };
  walk(a.meta, relative(process.cwd(), join(a.dir, 'agreement.yaml')), '');
  for (const s of a.schedules) walk(s, s.file, '');
  for (const [k, v] of Object.entries(a.parts)) if (k !== 'files') (Array.isArray(v) ? v : [v]).forEach((x) => walk(x, (x as { file?: string }).file ?? k, ''));
  return out;
}

/** cba rules validate: every agreement under the rules root, validated (through the cache when it holds). */
export async function validate(o: ValidateOptions, { out: ctx, global: g }: RunCtx): Promise<RunResult> {
  const set = await loadRules(g.rules ?? defaultRulesRoot());
  const summary = set.agreements.map((a) => ({ agreement: a.meta.id, schedules: [...a.schedules].sort((x, y) => (x.id + x.effective < y.id + y.effective ? -1 : 1)).map((s) => `${s.id} ${s.year}${s.effective.slice(5) !== '07-01' ? ` from ${s.effective}` : ''}`), parts: Object.keys(a.parts.files), unfilled: unfilledCitations(a) }));
  const unfilled = summary.reduce((n, s) => n + s.unfilled.length, 0);
  const failed = Boolean(o.strict && unfilled);
  if (o.json) {
    printJson(ctx, { valid: !failed, root: set.root, agreements: summary });
    return { failed };
  }
  for (const s of summary) {
    write(ctx, `${s.agreement}: valid (${s.schedules.length} schedules${s.schedules.length ? `: ${s.schedules.join(', ')}` : ': none yet, import one with cba rules import schedule'}${s.parts.length ? `; ${s.parts.join(', ')}` : ''})${s.unfilled.length ? `, ${s.unfilled.length} citation${s.unfilled.length === 1 ? '' : 's'} not yet filled` : ''}`);
    for (const u of s.unfilled) (o.strict ? (m: string) => ctx.stderr.write(`error: ${m}\n`) : (m: string) => warn(ctx, m))(`${u.file}: ${u.where}: citation not yet filled (give article, section and the sentence quoted, and remove unfilled: true)`);
  }
  return { failed };
}
/** cba rules audit: the consistency findings of every agreement; an error is a failed check. */
export async function audit(o: AuditRulesOptions, { out: ctx, global: g }: RunCtx): Promise<RunResult> {
  const set = await loadRules(g.rules ?? defaultRulesRoot());
  const findings = set.agreements.flatMap((a) => {
    let text: string | undefined;
    try {
      text = readFileSync(join(a.dir, a.meta.source), 'utf8');
    } catch {
      text = undefined;
    }
    return auditRules(a, text).map((f) => ({ agreement: a.meta.id, ...f }));
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (o.json) printJson(ctx, { errors, warnings: findings.length - errors, findings });
  else if (o.csv) write(ctx, [csvLine(['agreement', 'severity', 'check', 'file', 'where', 'message']), ...findings.map((f) => csvLine([f.agreement, f.severity, f.check, f.file, f.where, f.message]))].join('').trimEnd());
  else {
    if (findings.length)
      write(ctx, await renderTable(ctx, { head: ['Severity', 'Check', 'File', 'Where', 'Finding'], rows: findings.map((f) => [f.severity === 'error' ? ctx.paint.red('error') : ctx.paint.yellow('warning'), f.check, f.file, f.where, f.message]) }));
    write(ctx, `${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'} in ${set.agreements.map((a) => a.meta.id).join(', ')}`);
  }
  return { failed: errors > 0 };
}

/** cba rules cite: every file and line of the rules citing an article (and section), with the rule
 *  functions and tests that read those values (in a source checkout: src/ and test/ beside rules/). */
export async function cite(o: CiteOptions & { article: string }, { out: ctx, global: g }: RunCtx): Promise<RunResult> {
  const q = parseCiteQuery(o.article);
  if (!q.article) throw new InputError('give an article, for example cba rules cite XIII.1.F');
  // the shipped rules through the compiled cache (naming the folder would read and validate every file)
  const set = await loadRules(g.rules);
  // the citations of the rules files, and the rule functions and tests that name the values' keys (a
  // source checkout's src/ and test/): from the build's index where it holds them
  const sources = citeSources(packageRoot());
  const hits: (CiteHit & { agreement: string; code: string[]; tests: string[] })[] = [];
  for (const a of set.agreements)
    for (const f of filesUnder(a.dir, isYaml)) {
      const shown = below(process.cwd(), f) || f;
      for (const h of sources.citesIn(f, shown, q)) {
        // the most specific key of the value's path that the rule functions name
        const counts = h.path.split('.').filter((k) => k.length >= 4 && !/^(cite|source|quote)$/.test(k)).map((k) => [k, sources.code(k).length] as const);
        const word = counts.filter(([, n]) => n > 0).sort((x, y) => x[1] - y[1])[0]?.[0] ?? h.key;
        hits.push({ agreement: a.meta.id, ...h, key: word, code: sources.code(word), tests: sources.tests(word) });
      }
    }
  const asked = `${q.article}${q.section ? '.' + q.section : ''}`;
  if (o.json) {
    printJson(ctx, { article: q.article, section: q.section ?? null, citations: hits });
    return { failed: hits.length === 0 };
  }
  if (!hits.length) {
    write(ctx, `no citation of ${asked} in the rules (${set.agreements.map((a) => a.meta.id).join(', ')})`);
    return { failed: true };
  }
  const few = (xs: string[]) => (xs.length > 4 ? [...xs.slice(0, 4), `and ${xs.length - 4} more`] : xs).join(', ');
  write(
    ctx,
    await renderTable(ctx, {
      title: `${asked}: ${hits.length} citation${hits.length === 1 ? '' : 's'} in the rules`,
      head: ['Rules file:line', 'Cites', 'Value', 'Read by (src)', 'Tests'],
      rows: hits.map((h) => [`${h.file}:${h.line}`, `${h.article}${h.section ? '.' + h.section : ''}`, h.path, few(h.code), few(h.tests)]),
    }),
  );
  return {};
}
