// A table of text cells (from a CSV or a worksheet) read as a salary schedule grid: title lines,
// class headers (over one or more lines), rows led by step labels, daily or hourly lines under the
// annual ones, classes as rows (transposed) detected. Every value keeps the text it was read from.
// A cell that is neither an amount nor a blank ("", "-", "n/a") is refused with its place.
// Pure: cells in, an ImportedGrid out.
import { FieldError, InputError } from '../core/errors';
import type { GridCell, GridClass, GridStep, ImportedGrid } from './grid';

export interface TableInput {
  /** rows of cells as text, as read */
  rows: string[][];
  /** base name of the file, for each cell's source */
  file: string;
  sheet?: string;
  /** the reference of a cell by its 0-based place in `rows`: "r7c3" or "C7" */
  ref: (row: number, col: number) => string;
  /** classes are rows and steps columns; undefined: detect */
  transpose?: boolean;
  /** what the values are; undefined: detect from their size */
  basis?: ImportedGrid['basis'];
}

const BLANK = /^(|-+|–|—|n\/?a|none|—+|\.|x)$/i;

/** "$66,282" -> "66282"; "356.12" -> "356.12"; undefined when not an amount. */
export function parseAmount(text: string): { value: string; mark?: string } | undefined {
  let t = text.trim().replace(/\u00a0/g, ' ');
  let mark: string | undefined;
  const fm = /^(.*?)\s*([*†‡]+|\(\w\))$/.exec(t);
  if (fm && fm[1]) {
    t = fm[1];
    mark = fm[2];
  }
  t = t.replace(/^\$\s*/, '').replace(/\s*\$$/, '');
  if (!/^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/.test(t)) return undefined;
  const v = t.replace(/,/g, '');
  const [i, f] = v.split('.');
  const int = i.replace(/^0+(?=\d)/, '');
  const frac = f?.replace(/0+$/, '');
  if (+v <= 0) return undefined;
  return { value: frac ? `${int}.${frac}` : int, ...(mark ? { mark } : {}) };
}

const isBlank = (t: string) => BLANK.test(t.trim());

/** A step label: "1", "Step 1", "15", "25+", "L1", "Longevity 20", "20 yrs". */
function stepLabel(text: string): { n?: number; years?: number } | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const plain = /^(?:step|stp|st\.?|#)?\s*(\d{1,2})\.?$/i.exec(t);
  if (plain) return { n: +plain[1] };
  if (/^(?:L|Long(?:evity)?\.?)\s*-?\s*\d{1,2}$/i.test(t)) {
    return {};
  }
  const m = /^(?:step\s*)?(\d{1,2})\s*(\+|(?:\s*-\s*\d{1,2}))?\s*(yrs?\.?|years?|yr)?$/i.exec(t) ?? /^(?:longevity|long\.?|yrs?\.?|years?)\s*(\d{1,2})\s*(\+)?\s*(yrs?\.?|years?)?$/i.exec(t);
  if (m) return { n: +m[1], ...(m[3] || /year|yr/i.test(t) ? { years: +m[1] } : {}) };
  return undefined;
}

const INTERLEAVED = /^(daily|per\s*diem|day|daily\s*rate|hourly|hour|hourly\s*rate|per\s*hour|rate)$/i;

interface Table {
  text: string[][];
  refs: string[][];
}

function normalise(input: TableInput): Table {
  const text = input.rows.map((r) => r.map((c) => (c ?? '').replace(/\s+/g, ' ').trim()));
  const refs = input.rows.map((r, i) => r.map((_, j) => input.ref(i, j)));
  const width = Math.max(0, ...text.map((r) => r.length));
  for (let i = 0; i < text.length; i++)
    for (let j = text[i].length; j < width; j++) {
      text[i].push('');
      refs[i].push(input.ref(i, j));
    }
  // drop empty leading columns
  let lead = 0;
  while (lead < width && text.every((r) => r[lead] === '')) lead++;
  return { text: text.map((r) => r.slice(lead)), refs: refs.map((r) => r.slice(lead)) };
}

function transposed(t: Table): Table {
  const h = t.text.length;
  const w = Math.max(0, ...t.text.map((r) => r.length));
  const text: string[][] = [];
  const refs: string[][] = [];
  for (let j = 0; j < w; j++) {
    text.push([]);
    refs.push([]);
    for (let i = 0; i < h; i++) {
      text[j].push(t.text[i][j] ?? '');
      refs[j].push(t.refs[i][j] ?? '');
    }
  }
  return { text, refs };
}

/** How much a line of labels looks like a run of steps: the count of increasing step numbers. */
function stepRun(labels: string[]): number {
  let prev = 0;
  let n = 0;
  for (const l of labels) {
    const s = stepLabel(l);
    if (s?.n !== undefined && s.n > prev) {
      n++;
      prev = s.n;
    }
  }
  return n;
}

function isDataRow(row: string[]): boolean {
  return stepLabel(row[0]) !== undefined && row.slice(1).some((c) => parseAmount(c) !== undefined);
}

function orientationScore(t: Table): number {
  const first = t.text.findIndex(isDataRow);
  if (first < 0) return 0;
  return stepRun(t.text.slice(first).map((r) => r[0]));
}

export function tableToGrid(input: TableInput): ImportedGrid & { transposed: boolean } {
  let t = normalise(input);
  if (!t.text.some((r) => r.some((c) => c !== ''))) throw new InputError(`${input.file}${input.sheet ? ` (sheet ${input.sheet})` : ''}: the file is empty: no cells to read`);
  let flipped = false;
  if (input.transpose === true) {
    t = transposed(t);
    flipped = true;
  } else if (input.transpose === undefined) {
    const tt = transposed(t);
    if (orientationScore(tt) > orientationScore(t)) {
      t = tt;
      flipped = true;
    }
  }
  const where = (i: number, j: number) => `${t.refs[i][j]}${input.sheet ? ` of sheet ${input.sheet}` : ''}`;
  const first = t.text.findIndex(isDataRow);
  if (first < 0)
    throw new FieldError(
      'transpose',
      `${input.file}${input.sheet ? ` (sheet ${input.sheet})` : ''}: no schedule found: expected a column of step labels (1, 2, 3...) beside amounts${input.transpose === undefined ? ', or a row of them ({transpose})' : ''}`,
    );
  const width = Math.max(...t.text.map((r) => r.length));

  // header lines: the rows right above the first step holding labels over the value columns
  const headerRows: number[] = [];
  for (let i = first - 1; i >= 0; i--) {
    const cells = t.text[i].slice(1);
    const filled = cells.filter((c) => c !== '');
    if (!filled.length) {
      // a "STEP" label alone on the line right above the values: part of the header
      if (t.text[i][0] !== '' && !headerRows.length && i === first - 1) continue;
      break;
    }
    if (filled.every((c) => parseAmount(c) !== undefined)) break;
    if (filled.length === 1 && t.text[i][0] === '' && headerRows.length) break;
    headerRows.unshift(i);
  }
  const titleRows = [...Array(headerRows.length ? headerRows[0] : first).keys()];
  const title = titleRows.map((i) => t.text[i].filter((c) => c !== '').join(' ')).filter((x) => x !== '');

  // columns: a class, or a daily / hourly column beside the class to its left
  interface Col {
    j: number;
    kind: 'main' | 'daily' | 'hourly';
    cls: number;
  }
  const classes: GridClass[] = [];
  const cols: Col[] = [];
  const dataRows = t.text.slice(first);
  for (let j = 1; j < width; j++) {
    const lines = headerRows.map((i) => t.text[i][j]).filter((c) => c !== '');
    const hasValues = dataRows.some((r) => r[j] !== undefined && r[j] !== '' && !isBlank(r[j]));
    if (!lines.length && !hasValues) continue;
    const label = lines[lines.length - 1];
    if (!label) {
      const i = first + dataRows.findIndex((r) => r[j] !== '' && !isBlank(r[j]));
      throw new InputError(`${where(i, j)}: a column of values with no class label above it: add the class label to the header line${headerRows.length ? ` (${where(headerRows[headerRows.length - 1], j)})` : ''}`);
    }
    const side = /^(daily|per diem|daily rate|hourly|hourly rate|per hour)$/i.exec(label);
    if (side && cols.length) {
      cols.push({ j, kind: /hour/i.test(side[1]) ? 'hourly' : 'daily', cls: cols[cols.length - 1].cls });
      continue;
    }
    if (!hasValues) continue;
    classes.push({ label, ...(lines.length > 1 ? { header: lines.join(' ') } : {}) });
    cols.push({ j, kind: 'main', cls: classes.length - 1 });
  }
  if (!classes.length) throw new InputError(`${input.file}: no class columns found beside the step labels`);
  // the label: the top header line that names every class once ("I".."V", "Column I"), else the
  // line nearest the values when it is unique, else the whole header
  const mainCols = cols.filter((c) => c.kind === 'main');
  for (const i of headerRows) {
    const line = mainCols.map((c) => t.text[i][c.j]);
    if (line.every((x) => x !== '' && parseAmount(x) === undefined) && new Set(line).size === line.length) {
      mainCols.forEach((c, k) => (classes[c.cls].label = line[k]));
      break;
    }
  }
  const labels = classes.map((c) => c.label);
  if (new Set(labels).size !== labels.length && classes.every((c) => c.header) && new Set(classes.map((c) => c.header)).size === classes.length)
    classes.forEach((c) => (c.label = c.header!));
  const seen = new Map<string, number>();
  for (const col of cols.filter((c) => c.kind === 'main')) {
    const l = classes[col.cls].label;
    const hr = headerRows[headerRows.length - 1] ?? first;
    if (seen.has(l)) throw new InputError(`${where(hr, col.j)}: class label "${l}" appears twice (also at ${where(hr, seen.get(l)!)}): each class needs its own label`);
    seen.set(l, col.j);
  }

  const steps: GridStep[] = [];
  const values: (GridCell | null)[][] = [];
  const daily: (GridCell | null)[][] = [];
  const hourly: (GridCell | null)[][] = [];
  const notes: string[] = [];
  let hasDaily = false;
  let hasHourly = false;
  const cellAt = (i: number, j: number): GridCell | null => {
    const text = t.text[i][j] ?? '';
    if (isBlank(text)) return null;
    const a = parseAmount(text);
    if (!a) throw new InputError(`${where(i, j)}: "${text}" is not an amount (class ${classes[cols.find((c) => c.j === j)?.cls ?? 0]?.label}, line of step ${t.text[i][0] || steps[steps.length - 1]?.label}): write it as a number like 66282 or $66,282.00, or leave it blank (or "-") where the class has no such step`);
    if (a.mark) notes.push(`${where(i, j)}: footnote mark "${a.mark}" on ${text}: read as ${a.value}; encode what the footnote says by hand`);
    return { value: a.value, source: { file: input.file, ...(input.sheet ? { sheet: input.sheet } : {}), ref: t.refs[i][j], text: t.text[i][j] } };
  };
  const blankLine = () => classes.map(() => null as GridCell | null);
  for (let i = first; i < t.text.length; i++) {
    const row = t.text[i];
    if (row.every((c) => c === '')) continue;
    const lead = row[0];
    const filledCols = cols.filter((c) => row[c.j] !== '' && !isBlank(row[c.j]));
    const amounts = filledCols.filter((c) => parseAmount(row[c.j]) !== undefined);
    const sl = stepLabel(lead);
    if (sl && !(lead === '' || INTERLEAVED.test(lead))) {
      const prev = steps[steps.length - 1]?.step ?? 0;
      const n = sl.n ?? prev + 1;
      if (n <= prev) throw new InputError(`${where(i, 0)}: step "${lead}" is not above the step before it (${steps[steps.length - 1].label}): steps must increase down the schedule`);
      if (!filledCols.length) throw new InputError(`${where(i, 0)}: step "${lead}" has no values in any class: fill in its amounts or delete the line`);
      steps.push({ label: lead, step: n, ...(sl.years !== undefined ? { years: sl.years } : {}) });
      const v = blankLine();
      const d = blankLine();
      const h = blankLine();
      for (const c of cols) {
        const cell = cellAt(i, c.j);
        if (c.kind === 'main') v[c.cls] = cell;
        else if (c.kind === 'daily') (d[c.cls] = cell), (hasDaily ||= cell !== null);
        else (h[c.cls] = cell), (hasHourly ||= cell !== null);
      }
      values.push(v);
      daily.push(d);
      hourly.push(h);
      continue;
    }
    if ((lead === '' || INTERLEAVED.test(lead)) && amounts.length && steps.length) {
      // a daily or hourly line under the step's annual line
      const k = steps.length - 1;
      let kind: 'daily' | 'hourly' | undefined = /hour/i.test(lead) ? 'hourly' : /da(il)?y|diem/i.test(lead) ? 'daily' : undefined;
      if (!kind) {
        const c = amounts.find((x) => x.kind === 'main' && values[k][x.cls]);
        if (c) {
          const ratio = +values[k][c.cls]!.value / +(parseAmount(row[c.j])?.value ?? 'NaN');
          kind = ratio >= 100 && ratio <= 400 ? 'daily' : ratio > 400 ? 'hourly' : undefined;
        }
      }
      if (!kind) throw new InputError(`${where(i, 0)}: a line of amounts with no step label that is not a daily or hourly rate of the step above: label it with its step, or "daily" / "hourly"`);
      const target = kind === 'daily' ? daily : hourly;
      if (target[k].some((x) => x !== null)) throw new InputError(`${where(i, 0)}: a second ${kind} line under step ${steps[k].label}`);
      for (const c of cols.filter((x) => x.kind === 'main')) target[k][c.cls] = cellAt(i, c.j);
      if (kind === 'daily') hasDaily = true;
      else hasHourly = true;
      continue;
    }
    if (!amounts.length) {
      notes.push(`${where(i, 0)}: ${row.filter((c) => c !== '').join(' ')}`);
      continue;
    }
    throw new InputError(`${where(i, 0)}: "${lead}" is not a step label (1, 2, 3..., "Step 4", "25+", "L1") and the line holds amounts: fix the label, or move the line out of the table`);
  }

  let basis = input.basis;
  if (!basis) {
    const nums = values.flat().filter((x): x is GridCell => x !== null).map((x) => +x.value);
    const max = Math.max(...nums);
    basis = max < 200 ? 'hourly' : max < 2000 ? 'daily' : 'annual';
  }
  // the title as printed, and any header line (a title cut into two cells reads as one)
  const meta = readTitle([...title, ...headerRows.map((i) => t.text[i].filter((c) => c !== '').join(' '))]);
  return {
    basis,
    classes,
    steps,
    values,
    ...(hasDaily ? { daily } : {}),
    ...(hasHourly ? { hourly } : {}),
    title,
    meta,
    notes,
    transposed: flipped,
  };
}

/** What a title line says, read only where it is plain: a school year, "effective" dates, work days. */
export function readTitle(title: string[]): ImportedGrid['meta'] {
  const meta: ImportedGrid['meta'] = {};
  const all = title.join(' ');
  const y = /\b(20\d\d|19\d\d)\s*[-–/]\s*(\d{2}|\d{4})\b/.exec(all);
  if (y) {
    const a = +y[1];
    const b = +y[2] % 100;
    if ((a + 1) % 100 === b) meta.schoolYear = `${a}-${String(b).padStart(2, '0')}`;
  }
  const eff = /effective:?\s*(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})/i.exec(all);
  const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const effM = /effective:?\s*([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})/i.exec(all);
  if (eff) {
    const yr = eff[3].length === 2 ? 2000 + +eff[3] : +eff[3];
    meta.effective = `${yr}-${eff[1].padStart(2, '0')}-${eff[2].padStart(2, '0')}`;
  } else if (effM) {
    const mi = MONTHS.findIndex((m) => m.startsWith(effM[1].toLowerCase()) && effM[1].length >= 3);
    if (mi >= 0) meta.effective = `${effM[3]}-${String(mi + 1).padStart(2, '0')}-${effM[2].padStart(2, '0')}`;
  }
  const district = title.find((t) => /\b(district|county office|office of education|schools?|college)\b/i.test(t) && !/salary|schedule/i.test(t));
  if (district) meta.district = district;
  const days = /(\d{3})[-\s]*(?:day|work\s*day)s?\b/i.exec(all);
  if (days) {
    meta.workDays = +days[1];
    meta.workDaysText = days[0];
  }
  return meta;
}
