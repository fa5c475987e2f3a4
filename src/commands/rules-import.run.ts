// cba rules import schedule <file>: read a CSV, XLSX (or PDF) schedule, show what was read, and
// write the schedule YAML (to stdout, --out, or an agreement folder under --rules) after validating
// it with the agreement it joins. Nothing is written on any error, nor over a file without --force.
// Loaded only by this command (dist/lazy/import.js).
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hasOwn } from '../core/own';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors';
import type { Ctx } from '../cli/output';
import { readGrids } from '../import/readers';
import { gridToSchedule, type Review } from '../import/schedule-yaml';
import { findAgreementDirs, loadAgreementDir, validateFile } from '../rules/validate';
import { ScheduleFile } from '../rules/schema';
import { packageRoot } from '../rules/load';
import { readBoundedFile } from '../core/read-bounded';

export interface ImportFlags {
  schedule?: string;
  name?: string;
  year?: string;
  effective?: string;
  until?: string;
  basis?: string;
  days?: string;
  assignment?: string;
  sheet?: string;
  table?: string;
  transpose?: boolean;
  delimiter?: string;
  dryRun?: boolean;
  acceptOcr?: boolean;
  json?: boolean;
  force?: boolean;
  out?: string;
  page?: string;
  daily?: boolean;
}

/** --page 2, 1-3, 1,3 -> page numbers */
function pagesOf(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const out: number[] = [];
  for (const part of v.split(',')) {
    const m = /^\s*(\d{1,4})\s*(?:-\s*(\d{1,4})\s*)?$/.exec(part);
    if (!m || +m[1] < 1 || (m[2] !== undefined && +m[2] < +m[1])) throw new InputError(`--page ${v}: give page numbers like 2, 1-3 or 1,3`);
    for (let p = +m[1]; p <= +(m[2] ?? m[1]); p++) if (!out.includes(p)) out.push(p);
  }
  return out;
}

const MAX_BYTES = 50 * 1024 * 1024;

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  if (file === '-') {
    // the invocation's standard input (the process's, or a test's in process)
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of stdin as AsyncIterable<Buffer | string>) {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      size += b.length;
      if (size > MAX_BYTES) throw new InputError(`-: more than 50 MB on standard input is too large for a salary schedule`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  const st = statSync(file);
  if (st.isDirectory()) throw new InputError(`${file}: a folder, not a schedule file (give a .csv, .xlsx or .pdf)`);
  if (st.size > MAX_BYTES) throw new InputError(`${file}: ${Math.round(st.size / 1048576)} MB is too large for a salary schedule (at most 50 MB)`);
  // a regular file only (a FIFO or /dev/zero is refused before reading), never more than the cap
  return readBoundedFile(file, file, MAX_BYTES, 'a salary schedule');
}

function checkDate(v: string | undefined, flag: string): void {
  if (v === undefined) return;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const ok = m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
  if (!ok) throw new InputError(`${flag} ${v}: give a date written YYYY-MM-DD, for example 2024-07-01`);
}

export async function importSchedule(file: string, o: ImportFlags, g: { rules?: string; agreement?: string }, ctx: Ctx, stdin: NodeJS.ReadableStream = process.stdin): Promise<void> {
  if (o.basis !== undefined && !['annual', 'daily', 'hourly'].includes(o.basis)) throw new InputError(`--basis ${o.basis}: give annual, daily or hourly`);
  let days: number | undefined;
  if (o.days !== undefined) {
    if (!/^\d+$/.test(o.days) || +o.days < 1 || +o.days > 366) throw new InputError(`--days ${o.days}: give the schedule's work days as a whole number (for example 185)`);
    days = +o.days;
  }
  checkDate(o.effective, '--effective');
  checkDate(o.until, '--until');
  if (o.delimiter !== undefined && o.delimiter.replace('\\t', '\t').length !== 1) throw new InputError(`--delimiter ${o.delimiter}: give one character, like ";" or "\\t"`);
  if (o.out && g.rules) throw new InputError('give --out <file> or --rules <folder> as the target, not both');

  const bytes = await readInput(file, stdin);
  if (!bytes.length) throw new InputError(`${file}: the file is empty: no cells to read`);
  const read = await readGrids(file, bytes, { sheet: o.sheet, transpose: o.transpose ? true : undefined, basis: o.basis as 'annual' | undefined, delimiter: o.delimiter?.replace('\\t', '\t'), pages: pagesOf(o.page), daily: o.daily });
  let gi = 0;
  if (read.grids.length > 1) {
    const list = read.grids.map((x, i) => `${i + 1}: ${x.name ?? x.title[0] ?? '(untitled)'}`).join('; ');
    if (o.table === undefined) throw new InputError(`${basename(file)} holds ${read.grids.length} schedules (${list}): choose one with --table <n>`);
    gi = +o.table - 1;
    if (!Number.isInteger(gi) || gi < 0 || gi >= read.grids.length) throw new InputError(`--table ${o.table}: give 1 to ${read.grids.length} (${list})`);
  } else if (o.table !== undefined && o.table !== '1') throw new InputError(`--table ${o.table}: ${basename(file)} holds one schedule`);
  const grid = read.grids[gi];

  // the target: --out file (or folder), an agreement folder under --rules, or stdout
  let agreementDir: string | undefined;
  let assignment = o.assignment;
  const id = o.schedule ?? 'teacher';
  if (g.rules) {
    const root = resolve(g.rules);
    if (!existsSync(root)) throw new InputError(`--rules ${g.rules}: no such folder; create one with: cba rules init ${g.rules}`);
    const dirs = findAgreementDirs(root);
    if (dirs.length > 1) {
      if (!g.agreement) throw new InputError(`--rules ${g.rules} holds several agreements (${dirs.map((d) => basename(d)).join(', ')}): choose one with --agreement`);
      const d = dirs.find((x) => basename(x) === g.agreement || loadAgreementDir(x, process.cwd()).meta.id === g.agreement);
      if (!d) throw new InputError(`--agreement ${g.agreement}: no such agreement under ${g.rules} (${dirs.map((x) => basename(x)).join(', ')})`);
      agreementDir = d;
    } else agreementDir = dirs[0];
    const a = loadAgreementDir(agreementDir, process.cwd());
    if (!assignment) {
      const byId = Object.entries(a.meta.assignments).find(([, x]) => x.schedule === id);
      const keys = Object.keys(a.meta.assignments);
      assignment = byId?.[0] ?? (keys.length === 1 ? keys[0] : undefined);
      if (!assignment) throw new InputError(`which assignment does the ${id} schedule pay? give --assignment (one of ${keys.join(', ')})`);
    } else if (!hasOwn(a.meta.assignments, assignment)) throw new InputError(`--assignment ${assignment}: not an assignment of ${a.meta.id} (${Object.keys(a.meta.assignments).join(', ')})`);
  }
  assignment ??= 'teacher';

  const draft = gridToSchedule(grid, {
    id,
    name: o.name,
    year: o.year,
    effective: o.effective,
    until: o.until,
    basis: o.basis as 'annual' | undefined,
    days,
    assignment,
    source: { file: file === '-' ? 'stdin' : basename(file), kind: read.kind, bytes, ...(read.sheet ? { sheet: read.sheet } : {}) },
  });
  let target: string | undefined;
  if (o.out) target = existsSync(o.out) && statSync(o.out).isDirectory() ? join(o.out, draft.fileName) : o.out;
  else if (agreementDir) target = join(agreementDir, 'schedules', draft.fileName);
  const schemaRef = target ? schemaRefFrom(dirname(resolve(target)), agreementDir) : 'schedule.schema.json';
  const yaml = draft.yaml.replace(/^# yaml-language-server: \$schema=.*$/m, `# yaml-language-server: $schema=${schemaRef}`);
  const shown = target ? relative(process.cwd(), target) || target : `${draft.fileName} (stdout)`;

  // validate: the file alone (its data, which is what its text reads as; the text is read back only
  // to name the line of a problem), then with the agreement it joins
  if (!ScheduleFile.safeParse(draft.data).success) {
    try {
      validateFile(ScheduleFile, target ?? draft.fileName, shown, yaml);
    } catch (e) {
      throw new InputError(`the imported schedule does not validate: ${(e as Error).message}`);
    }
    throw new InputError(`the imported schedule does not validate (${shown})`);
  }
  // cells read by OCR from a scan: written only when a person says they held them against the
  // paper (--accept-ocr), and only when no value falls along a step or a class (where misreads show)
  const ocrCells = [grid.values, grid.daily ?? []].flat(2).filter((c) => c?.source.ocr).length;
  if (ocrCells && !o.dryRun) {
    const shownFile = file === '-' ? 'stdin' : basename(file);
    if (!o.acceptOcr) throw new InputError(`${shownFile}: ${ocrCells} cells were read by OCR from a scanned page and nobody has checked them: hold the review (--dry-run) against the paper, then give --accept-ocr to write them`);
    const falls = draft.review.falls;
    if (falls.length) {
      const f = falls[0];
      throw new InputError(`${shownFile}: a cell read by OCR breaks the checks (class ${f.class} step ${f.step} is ${f.value}, below ${f.against}${falls.length > 1 ? `; and ${falls.length - 1} more` : ''}): a misread; import a CSV or XLSX typed from the paper instead`);
    }
  }
  if (target && existsSync(target) && !o.force) throw new InputError(`${shown} exists: give --force to replace it, or --out another file`);
  if (agreementDir) validateWithAgreement(agreementDir, target!, yaml);

  let written: string | null = null;
  if (target && !o.dryRun) {
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, yaml);
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`${shown}: cannot write the file (${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : code ?? String(e)})`);
    }
    written = shown;
  }
  const review = draft.review;
  if (o.json) {
    ctx.stdout.write(JSON.stringify({ file: basename(file), kind: read.kind, ...(read.sheet ? { sheet: read.sheet } : {}), transposed: (grid as { transposed?: boolean }).transposed ?? false, target: target ? shown : null, written, dryRun: !!o.dryRun, review, yaml }, null, 2) + '\n');
    return;
  }
  const text = reviewText(review, file === '-' ? 'stdin' : basename(file), read.kind, (grid as { transposed?: boolean }).transposed ?? false);
  if (!target && !o.dryRun) {
    ctx.stderr.write(text);
    ctx.stdout.write(yaml);
    return;
  }
  ctx.stdout.write(text);
  ctx.stdout.write(written ? `Wrote ${written} (validated${agreementDir ? ' with its agreement' : ''}). Next: cba salary${agreementDir ? ` --rules ${g.rules}` : ''} --schedule ${review.schedule} --year ${review.year} --class "${review.classes[0]}" --step ${review.steps[0].step}\n` : `Dry run: nothing written${target ? ` (would write ${shown})` : ''}.\n`);
}

function schemaRefFrom(dir: string, agreementDir?: string): string {
  if (agreementDir && existsSync(join(agreementDir, 'schema', 'schedule.schema.json'))) return relative(dir, join(agreementDir, 'schema', 'schedule.schema.json'));
  try {
    const f = join(packageRoot(), 'schema', 'schedule.schema.json');
    if (existsSync(f)) return relative(dir, f);
  } catch {
    /* no package folder: a bare reference */
  }
  return 'schedule.schema.json';
}

/** Load the agreement with the new file in a scratch copy: the real folder is touched only after. */
function validateWithAgreement(agreementDir: string, target: string, yaml: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'cba-import-'));
  try {
    const copy = join(scratch, basename(agreementDir));
    cpSync(agreementDir, copy, { recursive: true });
    writeFileSync(join(copy, relative(agreementDir, target)), yaml);
    try {
      loadAgreementDir(copy, scratch);
    } catch (e) {
      throw new InputError(`the imported schedule does not fit the agreement in ${relative(process.cwd(), agreementDir) || '.'}: ${(e as Error).message}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** "8, 9, 10, 11, 25+" -> "8-11, 25+" */
function ranges(steps: string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < steps.length) {
    let j = i;
    while (j + 1 < steps.length && /^\d+$/.test(steps[j]) && /^\d+$/.test(steps[j + 1]) && +steps[j + 1] === +steps[j] + 1) j++;
    out.push(j > i + 1 ? `${steps[i]}-${steps[j]}` : j === i + 1 ? `${steps[i]}, ${steps[j]}` : steps[i]);
    i = j + 1;
  }
  return out.join(', ');
}

export function reviewText(r: Review, file: string, kind: string, transposed: boolean): string {
  const out: string[] = [];
  const numbers = r.steps.map((s) => s.step);
  const gaps = numbers.some((n, i) => i > 0 && n !== numbers[i - 1] + 1);
  out.push(`Read ${file} (${kind}${transposed ? ', classes as rows: transposed' : ''}): ${r.name}, ${r.year}, effective ${r.effective}, ${r.basis} basis`);
  out.push(`  ${r.classes.length} classes: ${r.classes.join(' | ')}`);
  out.push(`  ${r.steps.length} steps: ${ranges(r.steps.map((s) => (s.label === String(s.step) ? s.label : `${s.step} ("${s.label}")`)))}${gaps ? ' (numbers skip: a step not printed is paid at the printed step below it)' : ''}`);
  out.push(`  ${r.cells} cells, ${r.blankCells.length} blank (no such step)${r.daily ? ', each with its printed daily rate' : ''}`);
  if (r.blankCells.length) {
    const by = new Map<string, string[]>();
    for (const b of r.blankCells) by.set(b.class, [...(by.get(b.class) ?? []), b.step]);
    out.push(`  blank: ${[...by].map(([c, s]) => `${c} steps ${ranges(s)}`).join('; ')}`);
  }
  for (const b of r.between) out.push(`  between printed steps: class ${b.class} step ${b.step} is blank: paid at step ${b.paidAt} (the printed step above it)`);
  for (const p of r.plateaus) out.push(`  plateau: class ${p.class} steps ${p.from} to ${p.to} all ${p.value}`);
  out.push('  column sums (hold them against the paper):');
  const w = Math.max(...r.columnSums.map((c) => c.class.length));
  for (const c of r.columnSums) out.push(`    ${c.class.padEnd(w)}  ${String(c.cells).padStart(3)} cells  ${c.sum}`);
  for (const f of r.falls) out.push(`  check: class ${f.class} step ${f.step} is ${f.value}, below ${f.against} (a misread, or as printed?)`);
  for (const a of r.assumed) out.push(`  assumed: ${a}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  if (r.ocrCells) out.push(`  ocr: ${r.ocrCells} cells read by OCR from a scan: hold each against the paper; then import again with --accept-ocr to write them`);
  return out.join('\n') + '\n';
}
