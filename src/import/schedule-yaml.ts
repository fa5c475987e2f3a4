// The one function that turns an ImportedGrid (from any reader: CSV, XLSX, PDF) into a schedule
// file's YAML text, with the review a person holds against the paper: classes, steps, blank cells,
// plateaus, column sums, values that fall along a step or a class. Pure: grid and options in,
// text and report out; nothing is written here.
import { createHash } from 'node:crypto';
import { Big, parseCents, sum } from '../core/money';
import { FieldError, InputError } from '../core/errors';
import type { GridCell, ImportedGrid } from './grid';

export interface ImportOptions {
  /** schedule id (kebab-case) */
  id: string;
  name?: string;
  year?: string;
  effective?: string;
  until?: string;
  basis?: ImportedGrid['basis'];
  days?: number;
  /** the agreement's assignment this schedule pays (hours per day) */
  assignment: string;
  /** the source file: base name, kind, contents for the hash */
  source: { file: string; kind: 'csv' | 'xlsx' | 'pdf'; bytes?: Uint8Array; sheet?: string; pages?: number[] };
  /** the path of the JSON Schema from where the file will be written */
  schemaRef?: string;
}

export interface Review {
  schedule: string;
  name: string;
  year: string;
  effective: string;
  basis: ImportedGrid['basis'];
  classes: string[];
  steps: { label: string; step: number; years?: number }[];
  cells: number;
  blankCells: { class: string; step: string }[];
  /** blank cells between two printed steps of a class: paid at the printed step above */
  between: { class: string; step: string; paidAt: string }[];
  plateaus: { class: string; from: string; to: string; value: string }[];
  columnSums: { class: string; cells: number; sum: string }[];
  falls: { class: string; step: string; value: string; against: string; along: 'step' | 'class' }[];
  daily: boolean;
  /** cells read by OCR from a scanned page (each marked ocr in its printed source) */
  ocrCells: number;
  hourlyDropped: boolean;
  assumed: string[];
  notes: string[];
}

const q = (s: string) => JSON.stringify(s);
/** Two amounts compared: in integer cents where both are such amounts (a large grid's review makes thousands of comparisons), else as decimals. */
function cmp(a: string, b: string): number {
  const x = parseCents(a);
  const y = parseCents(b);
  return x !== null && y !== null ? Math.sign(x - y) : new Big(a).cmp(b);
}
const key = (k: string) => (/^[A-Za-z][A-Za-z0-9]*$/.test(k) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(k) ? k : q(k));

function srcYaml(c: GridCell): string {
  const s = c.source;
  const parts = [`text: ${q(s.text)}`];
  if (s.page !== undefined) parts.push(`page: ${s.page}`);
  if (s.sheet !== undefined) parts.push(`sheet: ${q(s.sheet)}`);
  if (s.ref !== undefined) parts.push(`ref: ${q(s.ref)}`);
  if (s.ocr) parts.push('ocr: true');
  return `{${parts.join(', ')}}`;
}

/** srcYaml's text as data (what a YAML reader makes of it) */
function srcData(c: GridCell): Record<string, unknown> {
  const s = c.source;
  return { text: s.text, ...(s.page !== undefined ? { page: s.page } : {}), ...(s.sheet !== undefined ? { sheet: s.sheet } : {}), ...(s.ref !== undefined ? { ref: s.ref } : {}), ...(s.ocr ? { ocr: true } : {}) };
}

function kebab(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'schedule';
}

/**
 * The schedule file for a grid: its YAML text, and `data`, the same file as the values a YAML reader
 * makes of that text (the import validates `data` rather than parsing its own text back, which took
 * most of a large import's time; a test holds the parsed text equal to `data`).
 */
export function gridToSchedule(grid: ImportedGrid, o: ImportOptions): { yaml: string; data: Record<string, unknown>; review: Review; fileName: string } {
  const assumed: string[] = [];
  const basis = o.basis ?? grid.basis;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(o.id)) throw new FieldError('schedule', `{schedule} ${o.id}: a schedule id is kebab-case letters and digits, like teacher or certificated-2024`);
  const year = o.year ?? grid.meta.schoolYear;
  if (!year) throw new FieldError('year', `no school year: the title does not print one; give {year} YYYY-YY (for example {year} 2024-25)`);
  if (!/^\d{4}-\d{2}$/.test(year) || (+year.slice(0, 4) + 1) % 100 !== +year.slice(5)) throw new FieldError('year', `{year} ${year}: write a school year as YYYY-YY, for example 2024-25`);
  let effective = o.effective ?? grid.meta.effective;
  if (!effective) {
    effective = `${year.slice(0, 4)}-07-01`;
    assumed.push(`effective ${effective}: the first day of the school year (no effective date given and none printed)`);
  }
  const named = grid.title.find((t) => /salary|schedule/i.test(t));
  const name = o.name ?? grid.name ?? (named ? named.replace(/\s*[,;:(]?\s*effective\b.*$/i, '').replace(/[\s,;:]*\(?\b(19|20)\d\d\s*[-–/]\s*\d{2,4}\)?[\s,;:]*/g, ' ').trim() || undefined : undefined) ?? grid.title[0] ?? `${o.id} salary schedule`;
  const days = o.days ?? grid.meta.workDays;
  const classes = grid.classes.map((c) => c.label);
  const main = (basis === 'annual' ? grid.values : grid.values) as (GridCell | null)[][];

  // every class has values; a blank between two of its printed steps is paid at the step above it
  const between: Review['between'] = [];
  for (let c = 0; c < classes.length; c++) {
    const have = main.map((r) => r[c] !== null);
    const firstI = have.indexOf(true);
    const lastI = have.lastIndexOf(true);
    if (firstI < 0) throw new InputError(`class ${classes[c]} has no values: remove the column or fill it in`);
    let paidAt = firstI;
    for (let i = firstI; i <= lastI; i++) {
      if (have[i]) paidAt = i;
      else between.push({ class: classes[c], step: grid.steps[i].label, paidAt: grid.steps[paidAt].label });
    }
  }
  main.forEach((r, i) => {
    if (r.every((x) => x === null)) throw new InputError(`step ${grid.steps[i].label} has no values in any class`);
  });

  // printed daily rates kept only where every annual cell has one (the schema's rule); else reported
  let daily = basis === 'annual' && grid.daily ? grid.daily : undefined;
  if (daily) {
    for (let i = 0; i < main.length; i++)
      for (let c = 0; c < classes.length; c++) {
        if ((main[i][c] === null) !== (daily[i][c] === null)) {
          const cell = daily[i][c] ?? main[i][c];
          throw new InputError(
            `${cell!.source.ref ?? `class ${classes[c]}`}: class ${classes[c]} step ${grid.steps[i].label} has ${main[i][c] ? 'an annual salary but no daily rate' : 'a daily rate but no annual salary'}: every printed daily rate goes with its annual salary`,
          );
        }
      }
  }
  const mainKey = basis;
  const hourlyDropped = basis !== 'hourly' && !!grid.hourly?.some((r) => r.some((x) => x));

  const lines: string[] = [];
  const data: Record<string, unknown> = {};
  lines.push(`# yaml-language-server: $schema=${o.schemaRef ?? 'schedule.schema.json'}`);
  lines.push(`# Imported by cba rules import schedule from ${o.source.file}${o.source.sheet ? ` (sheet ${o.source.sheet})` : ''}: every cell with the text it was read from (printed).`);
  lines.push(`# Check it against the paper, then fill in the citation marked unfilled.`);
  lines.push(`id: ${o.id}`);
  lines.push(`name: ${q(name)}`);
  lines.push(`year: ${year}`);
  lines.push(`effective: ${effective}`);
  Object.assign(data, { id: o.id, name, year, effective });
  if (o.until) lines.push(`until: ${o.until}`), (data.until = o.until);
  if (grid.meta.district) lines.push(`district: ${q(grid.meta.district)}`), (data.district = grid.meta.district);
  if (grid.meta.boardApproved) lines.push(`boardApproved: ${grid.meta.boardApproved}`), (data.boardApproved = grid.meta.boardApproved);
  const sha = o.source.bytes ? createHash('sha256').update(o.source.bytes).digest('hex') : undefined;
  lines.push(
    `source: {file: ${q(o.source.file)}, kind: ${o.source.kind}${sha ? `, sha256: ${sha}` : ''}${o.source.sheet ? `, sheet: ${q(o.source.sheet)}` : ''}${o.source.pages?.length ? `, pages: [${o.source.pages.join(', ')}]` : ''}}`,
  );
  data.source = { file: o.source.file, kind: o.source.kind, ...(sha ? { sha256: sha } : {}), ...(o.source.sheet ? { sheet: o.source.sheet } : {}), ...(o.source.pages?.length ? { pages: [...o.source.pages] } : {}) };
  lines.push(`assignment: ${o.assignment}`);
  lines.push(`basis: ${basis}`);
  Object.assign(data, { assignment: o.assignment, basis });
  const titleQuote = grid.title.find((t) => t.length >= 8 && /salary|schedule/i.test(t)) ?? grid.title.find((t) => t.length >= 8);
  if (days !== undefined) {
    lines.push('days:');
    lines.push(`  value: ${days}`);
    lines.push('  unit: days');
    let cite: Record<string, unknown>;
    if (o.days === undefined && grid.meta.workDaysText && titleQuote) {
      cite = { article: 'Salary schedule', section: name, quote: grid.title.find((t) => t.includes(grid.meta.workDaysText!)) ?? titleQuote };
      lines.push(`  cite: {article: Salary schedule, section: ${q(name)}, quote: ${q(cite.quote as string)}}`);
    } else {
      cite = { article: '(unfilled)', quote: `(unfilled: the sentence stating the ${days}-day work year)`, unfilled: true };
      lines.push(`  cite: {article: "(unfilled)", quote: ${q(cite.quote as string)}, unfilled: true}`);
    }
    data.days = { value: days, unit: 'days', cite };
  }
  if (titleQuote) {
    lines.push(`cite: {article: Salary schedule, section: ${q(name)}, quote: ${q(titleQuote)}}`);
    data.cite = { article: 'Salary schedule', section: name, quote: titleQuote };
  } else {
    lines.push(`cite: {article: "(unfilled)", section: ${q(name)}, quote: "(unfilled: the schedule's title as printed)", unfilled: true}`);
    data.cite = { article: '(unfilled)', section: name, quote: "(unfilled: the schedule's title as printed)", unfilled: true };
  }
  lines.push(`classes: [${classes.map(key).join(', ')}]`);
  lines.push('rows:');
  data.classes = [...classes];
  const cellsOf = (r: (GridCell | null)[]) =>
    `{${r
      .map((x, c) => (x ? `${key(classes[c])}: ${x.value}` : null))
      .filter((x) => x !== null)
      .join(', ')}}`;
  const printedOf = (r: (GridCell | null)[]) =>
    `{${r
      .map((x, c) => (x ? `${key(classes[c])}: ${srcYaml(x)}` : null))
      .filter((x) => x !== null)
      .join(', ')}}`;
  // the values as the YAML reader reads the plain scalars written above (566.50 is the number 566.5)
  const cellsData = (r: (GridCell | null)[]) => Object.fromEntries(r.flatMap((x, c) => (x ? [[classes[c], Number(x.value)]] : [])));
  const printedData = (r: (GridCell | null)[]) => Object.fromEntries(r.flatMap((x, c) => (x ? [[classes[c], srcData(x)]] : [])));
  const rows: Record<string, unknown>[] = [];
  grid.steps.forEach((st, i) => {
    lines.push(`  - step: ${st.step}`);
    const row: Record<string, unknown> = { step: st.step };
    if (st.label !== String(st.step)) lines.push(`    label: ${q(st.label)}`), (row.label = st.label);
    if (st.years !== undefined) lines.push(`    years: ${st.years}`), (row.years = st.years);
    lines.push(`    ${mainKey}: ${cellsOf(main[i])}`);
    row[mainKey] = cellsData(main[i]);
    if (daily) lines.push(`    daily: ${cellsOf(daily[i])}`), (row.daily = cellsData(daily[i]));
    lines.push(`    printed:`);
    lines.push(`      ${mainKey}: ${printedOf(main[i])}`);
    const printed: Record<string, unknown> = { [mainKey]: printedData(main[i]) };
    if (daily) lines.push(`      daily: ${printedOf(daily[i])}`), (printed.daily = printedData(daily[i]));
    row.printed = printed;
    rows.push(row);
  });
  data.rows = rows;

  // the review
  const blankCells: Review['blankCells'] = [];
  const plateaus: Review['plateaus'] = [];
  const falls: Review['falls'] = [];
  const columnSums: Review['columnSums'] = [];
  let cells = 0;
  for (let c = 0; c < classes.length; c++) {
    const col = main.map((r) => r[c]);
    const vals = col.filter((x): x is GridCell => x !== null);
    cells += vals.length;
    columnSums.push({ class: classes[c], cells: vals.length, sum: sum(vals.map((x) => new Big(x.value))).toFixed() });
    col.forEach((x, i) => x === null && blankCells.push({ class: classes[c], step: grid.steps[i].label }));
    let run: number | undefined;
    for (let i = 1; i <= col.length; i++) {
      const same = i < col.length && col[i] && col[i - 1] && cmp(col[i]!.value, col[i - 1]!.value) === 0;
      if (same && run === undefined) run = i - 1;
      if (!same && run !== undefined) {
        plateaus.push({ class: classes[c], from: grid.steps[run].label, to: grid.steps[i - 1].label, value: col[run]!.value });
        run = undefined;
      }
      if (i < col.length && col[i] && col[i - 1] && cmp(col[i]!.value, col[i - 1]!.value) < 0)
        falls.push({ class: classes[c], step: grid.steps[i].label, value: col[i]!.value, against: `step ${grid.steps[i - 1].label} (${col[i - 1]!.value})`, along: 'step' });
    }
  }
  main.forEach((r, i) => {
    let prev: number | undefined;
    r.forEach((x, c) => {
      if (!x) return;
      if (prev !== undefined && cmp(x.value, r[prev]!.value) < 0)
        falls.push({ class: classes[c], step: grid.steps[i].label, value: x.value, against: `class ${classes[prev]} (${r[prev]!.value})`, along: 'class' });
      prev = c;
    });
  });
  const review: Review = {
    schedule: o.id,
    name,
    year,
    effective,
    basis,
    classes,
    steps: grid.steps.map((s) => ({ label: s.label, step: s.step, ...(s.years !== undefined ? { years: s.years } : {}) })),
    cells,
    blankCells,
    between,
    plateaus,
    columnSums,
    falls,
    daily: !!daily,
    ocrCells: [main, daily ?? []].flat(2).filter((c) => c?.source.ocr).length,
    hourlyDropped,
    assumed,
    notes: [...grid.notes, ...(hourlyDropped ? ['hourly lines were read but not kept: the hourly rate follows from the daily rate and the assignment\'s hours per day'] : [])],
  };
  const fileName = `${o.id}-${year}${effective !== `${year.slice(0, 4)}-07-01` ? `-${effective}` : ''}.yaml`;
  return { yaml: lines.join('\n') + '\n', data, review, fileName };
}

export { kebab };
