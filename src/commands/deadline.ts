// cba deadline: grievance timelines, every other deadline, and batches of trigger dates.
import type { Command } from 'commander';
import { InputError, fieldText } from '../core/errors';
import { formatDate, readDateAs, weekday, WEEKDAY_SHORT, type DayNumber } from '../core/date';
import { allDeadlines, clockText, computeDeadline, countedDeadline, whenText, dueFrom, grievanceChain, unitText, type UNIT_TEXT, type GrievanceChain, type LoadedCalendar } from '../rules/deadlines/deadlines';
import { CoverageError } from '../core/busdays';
import type { Agreement } from '../rules/types';
import { csvCells, csvLine, note, printJson, renderTable, warn, write, type Ctx } from '../cli/output';
import { sourceText } from '../cli/sources';
import { calendarFor, writeUserFile } from '../cli/files';
import { BatchWriter, inputColumnNames, lineRecord, readCsvLines, type CsvRecord } from '../cli/batch-io';
import { citeShort } from '../rules/source';
import type { CsvDelimiter } from '../core/csv';
import { dateOrder, dayRange, dayRanges, stepDate } from '../cli/parse';
import { JSON_CSV_OPTIONS, declare, flagOf, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { existsSync, readFileSync } from 'node:fs';
import { icsStamp, icsText, previousEvents, type IcsEvent, type PreviousEvent } from '../cli/ics';

export const DESCRIPTION = 'Grievance timelines and every other deadline of the agreement, on the office calendar';

export const OPTIONS = {
  occurred: { flags: '--occurred <date>', help: 'grievance: date of the occurrence' },
  known: { flags: '--known <date>', help: 'grievance: date the member could reasonably have known of it' },
  filed: { flags: '--filed <date>', help: 'grievance: date the Level I grievance was filed (received)' },
  decisionReceived: { flags: '--decision-received <date>', help: 'grievance: date the decision of --level was received' },
  level: { flags: '--level <n>', help: 'grievance: the level (1-3) whose decision --decision-received is' },
  done: { flags: '--done <step=date>', help: 'grievance: actual date of any step (repeatable), e.g. level2-appeal=2006-01-10', repeat: true },
  level3Issued: { flags: '--level3-issued <date>', help: 'grievance: issuance date of the Level III decision' },
  resolutionProvided: { flags: '--resolution-provided <date>', help: 'grievance: the Association received a proposed resolution' },
  recess: { flags: '--recess <from..to>', help: "grievance: the grievant's scheduled recess or approved leave, not counted (repeatable)", repeat: true },
  recessGrievantOnly: { flags: '--recess-grievant-only', help: "grievance: the narrower reading of the recess: it extends only the grievant's own time lines" },
  today: { flags: '--today <date>', help: 'mark each step done, due in N days, or overdue as of this date' },
  case: { flags: '--case <id>', help: 'case id for the calendar file UIDs (default: from the occurrence date)' },
  from: { flags: '--from <date>', help: 'other deadlines: the date the period counts from' },
  year: { flags: '--year <yyyy-yy>', help: 'fixed dates: the school year' },
  since: { flags: '--since <yyyy-yy>', help: 'fixed dates due every N years: the first school year of the cycle' },
  calendar: { flags: '--calendar <file>', help: "office calendar file replacing the agreement's (repeatable)", repeat: true },
  closures: { flags: '--closures <file>', help: 'extra closures layered on the calendar (repeatable)', repeat: true },
  allowBeyondCoverage: { flags: '--allow-beyond-coverage', help: 'count weekdays only past the loaded calendars (with a warning)' },
  explain: { flags: '--explain', help: 'list the dates counted' },
  ics: { flags: '--ics <file>', help: 'write the deadlines as all-day events to an iCalendar file (- prints it); a re-export replaces the events of the same case' },
  input: { flags: '--input <file>', help: 'batch: CSV or .xlsx with a trigger date per row (- for stdin)' },
  sheet: { flags: '--sheet <name>', help: 'an .xlsx --input: the worksheet, by name or number (default: the first)' },
  dateFormat: { flags: '--date-format <order>', help: 'batch: how --input writes its dates: ISO (2005-11-21, the default, always read), MDY (11/21/2005) or DMY (21/11/2005); a date that is not one in that order is the row\'s error, never a guess' },
  ...JSON_CSV_OPTIONS,
} as const;
export type DeadlineOptions = OptionsOf<typeof OPTIONS> & { name: string };

export function register(program: Command, exec: Exec): void {
  declare(program.command('deadline').argument('<name>', 'grievance, list, or a deadline id from cba deadline list').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        'cba deadline grievance --occurred 2005-11-18',
        'cba deadline grievance --occurred 2005-11-18 --filed 2005-12-01 --decision-received 2005-12-20 --level 1 --today 2006-01-05',
        'cba deadline grievance --occurred 2005-11-18 --recess 2005-12-19..2005-12-30 --ics grievance.ics',
        'cba deadline grievance --occurred 2005-11-18 --json --explain',
        'cba deadline list',
        'cba deadline evaluation-second-request --from 2006-03-01',
        'cba deadline sabbatical-application --from 2007-03-31',
        'cba deadline sick-leave-statement --year 2005-06',
        'cba deadline sick-leave-call-in --from 2006-01-10',
        'cba deadline industrial-injury-report --from 2006-01-10T14:30',
        'cba deadline reopener-notice --year 2006-07',
        'cba deadline level1-file --input triggers.csv --csv',
      ]),
    )
    .action((name: string, o: OptionsOf<typeof OPTIONS>, c: Command) => exec(c, (ctx) => run({ ...o, name }, ctx)));
}

const ymd = (d: DayNumber) => `${formatDate(d)} ${WEEKDAY_SHORT[weekday(d)]}`;


function chainJson(c: GrievanceChain, explain: boolean) {
  const beyond = c.beyond.map((b) => ({
    step: b.step,
    name: b.name,
    actor: b.actor,
    due: null,
    days: b.days,
    unit: b.unit,
    from: b.from !== undefined ? formatDate(b.from) : null,
    fromEvent: b.fromEvent,
    status: 'beyond-calendar',
    note: b.reason,
    source: b.source,
  }));
  return [...chainSteps(c, explain), ...beyond];
}

function chainSteps(c: GrievanceChain, explain: boolean) {
  return c.steps.map((s) => ({
    step: s.step,
    name: s.name,
    actor: s.actor,
    due: formatDate(s.due),
    days: s.days,
    unit: s.unit,
    from: formatDate(s.from),
    fromEvent: s.fromEvent,
    assumed: s.assumed,
    ...(s.actual !== undefined ? { actual: formatDate(s.actual) } : {}),
    ...(s.status ? { status: s.status } : {}),
    ...(s.daysLeft !== undefined ? { daysLeft: s.daysLeft, officeDaysLeft: s.officeDaysLeft } : {}),
    ...(s.note ? { note: s.note } : {}),
    source: s.source,
    ...(explain ? { countedDays: s.counted.map(formatDate) } : {}),
  }));
}

const STATUS_TEXT = (ctx: Ctx, s: GrievanceChain['steps'][number]) => {
  switch (s.status) {
    case 'done': return ctx.paint.green(`done ${formatDate(s.actual!)}`);
    case 'done-late': return ctx.paint.red(`done late ${formatDate(s.actual!)}`);
    case 'due': return `due in ${s.daysLeft} days (${s.officeDaysLeft} office days)`;
    case 'due-today': return ctx.paint.yellow('due today');
    case 'overdue': return ctx.paint.red('overdue');
    case 'missed-by-administration': return ctx.paint.yellow('missed by the administration: may appeal');
    default: return s.assumed ? 'if the previous step takes all its time' : '';
  }
};

/** --ics FILE: the events as a calendar file, replacing an earlier export (SEQUENCE goes up where a date moved); --ics - prints it. */
function writeIcs(ctx: Ctx, file: string, caseId: string, events: IcsEvent[]): void {
  let previous: Map<string, PreviousEvent> | undefined;
  if (file !== '-' && existsSync(file)) {
    try {
      previous = previousEvents(readFileSync(file, 'utf8'));
    } catch {
      previous = undefined; // not readable as text: written anew
    }
  }
  const text = icsText(`cba ${caseId}`, events, icsStamp(new Date()), previous);
  if (file === '-') ctx.stdout.write(text);
  else {
    writeUserFile(file, text, '--ics');
    note(ctx, `wrote ${events.length} event${events.length === 1 ? '' : 's'} to ${file}`);
  }
}

export async function run(o: DeadlineOptions, { out: ctx, agreement, io }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  if (o.name === 'list') return list(a, o, ctx);
  const loaded = await calendarFor(a, o);
  if (o.dateFormat !== undefined && o.input === undefined) throw new InputError('--date-format is for the dates of an --input file; dates given as options are YYYY-MM-DD');
  if (o.sheet !== undefined && o.input === undefined) throw new InputError('--sheet is for an .xlsx --input file');
  if (o.input !== undefined) return batch(a, loaded, { ...o, input: o.input }, ctx, o.input === '-' ? io.stdin : undefined);
  if (o.name === 'grievance') return grievance(a, loaded, o, ctx);
  return one(a, loaded, o, ctx);
}

async function list(a: Agreement, o: DeadlineOptions, ctx: Ctx): Promise<RunResult> {
  const all = allDeadlines(a);
  if (o.json)
    printJson(
      ctx,
      all.map((d) => ({
        id: d.id,
        kind: d.kind,
        name: d.name,
        when: whenText(d),
        ...(d.kind === 'fixed'
          ? { date: `${d.month}-${d.day}`, relation: d.relation ?? 'by', ...(d.opens ? { opens: `${d.opens.month}-${d.opens.day}` } : {}), ...(d.calendarYear ? { calendarYear: d.calendarYear } : {}), ...(d.everyYears ? { everyYears: d.everyYears } : {}) }
          : { days: d.days, unit: d.unit, direction: d.kind === 'period' ? d.direction : 'after', from: d.from, ...(d.kind === 'period' && d.time ? { time: d.time, timeRelation: d.timeRelation ?? 'not-later-than' } : {}), ...(d.kind === 'period' && d.anchor ? { anchor: d.anchor } : {}) }),
        ...(d.kind !== 'grievance' && d.reading ? { reading: d.reading } : {}),
        source: d.cite,
      })),
    );
  else {
    const rows = all.map((d) => [d.id, d.name, whenText(d), citeShort(d.cite)]);
    if (o.csv) write(ctx, [csvLine(['id', 'name', 'when', 'source']), ...rows.map((r) => csvLine(r))].join('').trimEnd());
    else write(ctx, await renderTable(ctx, { head: ['Id', 'Deadline', 'When', 'Source'], rows }));
  }
  return {};
}

async function grievance(a: Agreement, loaded: LoadedCalendar, o: DeadlineOptions, ctx: Ctx): Promise<RunResult> {
  if (!o.occurred) throw new InputError('grievance: give --occurred <date> (the date of the act or omission)');
  const done: Record<string, string> = Object.create(null);
  for (const d of o.done ?? []) {
    const [step, day] = stepDate(d);
    done[step] = day;
  }
  if (o.filed) done['level1-file'] = o.filed;
  if (o.decisionReceived !== undefined || o.level !== undefined) {
    if (o.decisionReceived === undefined || !/^[123]$/.test(String(o.level ?? ''))) throw new InputError(`${o.level !== undefined ? `--level ${JSON.stringify(o.level)}: ` : ''}--decision-received needs --level 1, 2 or 3 (and --level needs --decision-received)`);
    done[`level${o.level}-decision`] = o.decisionReceived;
  }
  const recess = (o.recess ?? []).map((r) => {
    const { from, to } = dayRange(r, 'recess');
    return { from: formatDate(from), to: formatDate(to) };
  });
  const chain = grievanceChain(a, loaded, { occurred: o.occurred, known: o.known, done, level3Issued: o.level3Issued, resolutionProvided: o.resolutionProvided, recess, recessGrievantOnly: Boolean(o.recessGrievantOnly), today: o.today });
  const failed = chain.steps.some((s) => s.status === 'overdue' || s.status === 'done-late');
  for (const w of chain.warnings) warn(ctx, w);
  const caseId = o.case ?? `grievance-${o.occurred}`;
  if (o.ics) {
    writeIcs(ctx, o.ics, caseId, chain.steps.map((s) => {
      const done = (s.status === 'done' || s.status === 'done-late') && s.actual !== undefined;
      return {
        uid: `${caseId}.${s.step}@cba`,
        day: done ? s.actual! : s.due,
        done,
        summary: done ? s.name : `${s.name}: deadline`,
        description: `${done ? `Done ${formatDate(s.actual!)}; the deadline was ${formatDate(s.due)}. ` : ''}${s.days} ${unitText(a, s.unit)} after ${formatDate(s.from)} (${s.fromEvent}). ${sourceText(s.source)}: "${s.source.quote}"`,
      };
    }));
    if (o.ics === '-') return { failed };
  }
  if (o.json) printJson(ctx, { agreement: a.meta.id, case: caseId, occurred: o.occurred, known: o.known ?? null, countingRule: chain.countingRule, steps: chainJson(chain, Boolean(o.explain)), readings: chain.readings.map((r) => r.text), notices: chain.notices, warnings: chain.warnings, sources: chain.sources });
  else if (o.csv) {
    let s = csvLine(['step', 'name', 'due', 'days', 'unit', 'from', 'assumed', 'actual', 'status', 'source']);
    for (const x of chain.steps) s += csvLine([x.step, x.name, formatDate(x.due), x.days, x.unit, formatDate(x.from), x.assumed, x.actual !== undefined ? formatDate(x.actual) : '', x.status ?? '', sourceText(x.source)]);
    for (const b of chain.beyond) s += csvLine([b.step, b.name, '', b.days, b.unit, b.from !== undefined ? formatDate(b.from) : '', '', '', 'beyond-calendar', sourceText(b.source)]);
    write(ctx, s.trimEnd());
  } else {
    const rows = chain.steps.map((s) => [s.step, ctx.paint.bold(ymd(s.due)), `${s.days} ${s.unit}`, `${ymd(s.from)}${s.assumed ? '*' : ''}`, STATUS_TEXT(ctx, s), sourceText(s.source)]);
    for (const b of chain.beyond) rows.push([b.step, ctx.paint.yellow('beyond the calendar'), `${b.days} ${b.unit}`, b.from !== undefined ? ymd(b.from) : '-', b.from !== undefined ? 'runs past the last calendar' : 'follows a step beyond the calendar', sourceText(b.source)]);
    write(ctx, await renderTable(ctx, { title: `Grievance timeline: occurred ${o.occurred}${o.known ? `, known ${o.known}` : ''}`, head: ['Step', 'Due (end of day)', 'Period', 'Counted after', 'Status', 'Source'], rows }));
    write(ctx, ctx.paint.dim(`Counting: ${chain.countingRule}`));
    if (chain.steps.some((s) => s.assumed)) write(ctx, ctx.paint.dim('* not yet known: counted from the previous step\'s deadline'));
    for (const n of chain.notices) write(ctx, ctx.paint.dim(`Note: ${n}`));
    for (const n of chain.readings) write(ctx, ctx.paint.dim(`Reading: ${n.text}`));
    for (const b of chain.beyond) write(ctx, ctx.paint.dim(`Beyond the calendar: ${b.step}: ${b.reason}`));
    if (o.explain) for (const s of chain.steps) write(ctx, `${s.step}: ${s.counted.map((d) => formatDate(d)).join(' ')}`);
  }
  return { failed };
}

async function one(a: Agreement, loaded: LoadedCalendar, o: DeadlineOptions, ctx: Ctx): Promise<RunResult> {
  const r = computeDeadline(a, loaded, o.name, { from: o.from, year: o.year, since: o.since });
  for (const w of r.warnings) warn(ctx, w);
  if (o.ics) {
    const caseId = o.case ?? `${r.id}-${o.from ?? o.year}`;
    writeIcs(ctx, o.ics, caseId, [{ uid: `${caseId}@cba`, day: r.due, summary: `${r.name}${r.dueTime ? ` (${r.timeRelation === 'before' ? 'before' : 'by'} ${clockText(r.dueTime)})` : ''}`, description: `${sourceText(r.source)}: "${r.source.quote}"` }]);
    if (o.ics === '-') return { failed: false };
  }
  const at = r.dueTime ? ` ${r.dueTime}` : '';
  const j = {
    id: r.id,
    name: r.name,
    due: formatDate(r.due),
    ...(r.dueTime ? { dueTime: r.dueTime, timeRelation: r.timeRelation ?? 'not-later-than' } : {}),
    ...(r.opens !== undefined ? { opens: formatDate(r.opens) } : {}),
    ...(r.relation ? { relation: r.relation } : {}),
    days: r.days ?? null,
    unit: r.unit,
    direction: r.direction ?? null,
    from: r.from !== undefined ? formatDate(r.from) : null,
    ...(r.fromTime ? { fromTime: r.fromTime } : {}),
    fromEvent: r.fromEvent ?? null,
    notes: r.notes,
    readings: r.readings.map((x) => x.text),
    warnings: r.warnings,
    source: r.source,
    ...(o.explain && r.counted ? { countedDays: r.counted.map(formatDate) } : {}),
  };
  if (o.json) printJson(ctx, j);
  else if (o.csv) write(ctx, (csvLine(['id', 'due', 'time', 'opens', 'days', 'unit', 'direction', 'from', 'source']) + csvLine([r.id, j.due, r.dueTime ?? '', r.opens !== undefined ? formatDate(r.opens) : '', r.days, r.unit, r.direction, j.from, sourceText(r.source)])).trimEnd());
  else {
    const timeWord = r.dueTime ? (r.timeRelation === 'before' ? `before ${clockText(r.dueTime)}` : `by ${clockText(r.dueTime)}`) : '';
    const dueText = `${ymd(r.due)}${r.unit === 'hours' ? at : timeWord ? ` ${timeWord}` : ''}`;
    const period =
      r.unit === 'date'
        ? r.relation === 'window' ? `window from ${ymd(r.opens!)}` : r.relation === 'before' ? 'fixed date (the day before)' : 'fixed date'
        : r.days === 0 ? `on ${formatDate(r.from!)}` : `${r.days} ${unitText(a, r.unit as keyof typeof UNIT_TEXT)} ${r.direction} ${formatDate(r.from!)}${r.fromTime && r.unit === 'hours' ? ` ${r.fromTime}` : ''}`;
    const rows = [[r.name, ctx.paint.bold(dueText), period, sourceText(r.source)]];
    write(ctx, await renderTable(ctx, { head: ['Deadline', 'Due', 'Period', 'Source'], rows }));
    for (const n of r.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
    for (const n of r.readings) write(ctx, ctx.paint.dim(`Reading: ${n.text}`));
    if (o.explain && r.counted) write(ctx, `counted: ${r.counted.map(formatDate).join(' ')}`);
  }
  return {};
}

const DATE_COLS = ['date', 'trigger', 'from', 'occurred', 'received'];
const OUT_COLUMNS = ['due', 'days', 'unit', 'status', 'reason'];

/** --input file.csv: one trigger date per row, every row written back with its due date or the reason it is invalid. */
async function batch(a: Agreement, loaded: LoadedCalendar, o: DeadlineOptions & { input: string }, ctx: Ctx, stdin: NodeJS.ReadableStream | undefined): Promise<RunResult> {
  const rule = countedDeadline(a, o.name);
  const order = dateOrder(o.dateFormat);
  const cal = loaded.cal;
  let header: string[] = [];
  let dateCol = '';
  let dateAt = -1;
  let recessAt = -1;
  let bad = 0;
  const w = new BatchWriter(ctx.stdout);
  let keys: string[] = [];
  const dueTime = rule.kind === 'period' && rule.time ? rule.time : undefined;
  /** the output columns after the input's, for a trigger cell and a recess cell; a trigger that is not
   *  a date in the file's order is the row's error, naming the row (rowed: not kept in the memo) */
  /** the row's answer: the output columns after the input's (tail), the same after a comma (ctail: a
   *  copied line takes one concatenation), whether it is ok, and whether it names its row */
  type Answer = { tail: string; ctail: string; ok: boolean; rowed: boolean };
  const answerOf = (tail: string, ok: boolean, rowed = false): Answer => ({ tail, ctail: ',' + tail, ok, rowed });
  const answer = (dateText: string, recess: string, row: number): Answer => {
    let due = '';
    let status = 'ok';
    let reason = '';
    const t = readDateAs(dateText, order);
    if (typeof t !== 'number') return answerOf(tailOf('', 'invalid', `row ${row}, column ${dateCol}: ${fieldText(t.problem, flagOf)}`), false, true);
    try {
      const closed = dayRanges(recess, 'recess');
      due = formatDate(dueFrom(cal, rule, t, closed));
    } catch (e) {
      status = 'invalid';
      reason = e instanceof CoverageError ? `${e.message} (${formatDate(cal.first)} to ${formatDate(cal.last)})` : (e as Error).message.replace(/^[^:]*deadline: /, '');
    }
    return answerOf(tailOf(due, status, reason), status === 'ok');
  };
  const tailOf = (due: string, status: string, reason: string): string =>
    o.json
      ? JSON.stringify({ due: due || null, ...(dueTime ? { dueTime } : {}), days: rule.days, unit: rule.unit, status, reason: reason || null }).slice(1) + '\n'
      : csvLine([due && dueTime ? `${due} ${dueTime}` : due, rule.days, rule.unit, status, reason]);
  // a batch's trigger dates repeat (a few hundred school days a year): each date's answer is worked
  // out once; rows with their own recess are worked out each
  const memo = new Map<string, Answer>();
  const byDigits = new Map<number, Answer>();
  const dated = (dateText: string, row: number): Answer => {
    let hit = memo.get(dateText);
    if (!hit) {
      hit = answer(dateText, '', row);
      if (memo.size >= 50_000) memo.clear();
      if (!hit.rowed) memo.set(dateText, hit);
    }
    return hit;
  };
  let width = 0;
  let delimiter: CsvDelimiter = ',';
  /** CSV out, comma-separated in: a line whose cells csvCells would give back as they are is copied
   *  through whole (no cells cut, no record made) */
  let through = false;
  /** A plain line's output, or undefined when it needs the whole record: a cell csvCells would change
   *  (a leading =, +, - or @, space at an edge), a recess of its own, a blank line or one of the wrong
   *  width, or a quoted cell. (Its text holds no line break, and a quote only at the start of a
   *  quoted cell: the reader's promise for a line.) */
  const lineOut = (line: string, row: number): string | undefined => {
    let cell = 0;
    let start = 0;
    let dateStart = 0;
    let dateEnd = 0;
    let text = false;
    for (;;) {
      let end = line.indexOf(',', start);
      if (end < 0) end = line.length;
      if (end > start) {
        const first = line.charCodeAt(start);
        const last = line.charCodeAt(end - 1);
        // (a quoted cell, which starts with its quote, is cut by the record's way)
        if (first <= 32 || last <= 32 || first === 34 || first === 61 || first === 43 || first === 45 || first === 64 || cell === recessAt) return undefined;
        // an ASCII character other than a space: the line is not blank (others may be spaces: trim decides)
        if (first < 128) text = true;
      }
      if (cell === dateAt) (dateStart = start), (dateEnd = end);
      cell++;
      if (end === line.length) break;
      start = end + 1;
    }
    if (cell !== width || !text) return undefined;
    // a date written YYYY-MM-DD is looked up by its digits as a number (no text cut from the line)
    let key = -1;
    if (dateEnd - dateStart === 10 && line.charCodeAt(dateStart + 4) === 45 && line.charCodeAt(dateStart + 7) === 45) {
      key = 0;
      for (let i = dateStart; i < dateEnd; i++) {
        const d = line.charCodeAt(i) - 48;
        if (d >= 0 && d <= 9) key = key * 10 + d;
        else if (i !== dateStart + 4 && i !== dateStart + 7) {
          key = -1;
          break;
        }
      }
    }
    let res = key < 0 ? undefined : byDigits.get(key);
    if (res === undefined) {
      const hit = dated(line.slice(dateStart, dateEnd), row);
      if (key >= 0 && !hit.rowed) {
        if (byDigits.size >= 50_000) byDigits.clear();
        byDigits.set(key, hit);
      }
      res = hit;
    }
    if (!res.ok) bad++;
    return line + res.ctail;
  };
  let rows = 0;
  let blank = 0;
  for await (const b of readCsvLines(o.input, '--input', { stdin, sheet: o.sheet })) {
    if (!Array.isArray(b)) {
      header = b.header;
      width = header.length;
      delimiter = b.delimiter;
      through = !o.json && delimiter === ',';
      dateCol = header.find((h) => DATE_COLS.includes(h.toLowerCase())) ?? '';
      if (!dateCol) throw new InputError(`--input ${o.input}: no date column; name one of ${DATE_COLS.join(', ')} in the header (found ${header.join(', ')})`);
      dateAt = header.indexOf(dateCol);
      recessAt = header.indexOf('recess');
      // input columns named like the output's own are kept apart as input_<name>
      const names = inputColumnNames(header, o.json ? ['row', 'dueTime', ...OUT_COLUMNS] : OUT_COLUMNS);
      keys = names.map((n) => JSON.stringify(n) + ':');
      if (!o.json) await w.write(csvLine([...names, ...OUT_COLUMNS]));
      continue;
    }
    let chunk = '';
    for (const item of b) {
      const row = ++rows;
      let r: CsvRecord;
      if (typeof item === 'string') {
        if (through) {
          const line = lineOut(item, row);
          if (line !== undefined) {
            chunk += line;
            continue;
          }
        }
        r = lineRecord(item, delimiter, row, header);
      } else r = item;
      const raw = r.raw;
      let res: { tail: string; ok: boolean };
      // a blank row (the rows a sheet keeps at its end): back as "blank", counted apart, not a failure,
      // as cba audit gives it
      if (r.blank) (res = { tail: tailOf('', 'blank', 'blank row'), ok: true }), blank++;
      else if (r.error) res = { tail: tailOf('', 'invalid', r.error), ok: false };
      else {
        const dateText = raw[dateAt] ?? '';
        const recess = recessAt < 0 ? '' : raw[recessAt] ?? '';
        res = recess !== '' ? answer(dateText, recess, r.row) : dated(dateText, r.row);
      }
      if (!res.ok) bad++;
      if (o.json) {
        let line = `{"row":${r.row},`;
        for (let i = 0; i < keys.length; i++) line += keys[i] + JSON.stringify(raw[i] ?? '') + ',';
        chunk += line + res.tail;
      } else {
        chunk += csvCells(raw, header.length) + ',' + res.tail;
      }
    }
    await w.write(chunk);
  }
  await w.end();
  const counts = [bad ? `${bad} row${bad === 1 ? '' : 's'} invalid` : '', blank ? `${blank} blank row${blank === 1 ? '' : 's'}` : ''].filter(Boolean);
  if (counts.length) ctx.stderr.write(`${counts.join(', ')}\n`);
  return { failed: bad > 0 };
}
