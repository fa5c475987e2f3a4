import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { formatDate, weekday, WEEKDAY_SHORT, type DayNumber } from '../core/date';
import { allDeadlines, clockText, computeDeadline, grievanceChain, officeCalendar, UNIT_TEXT, whenText, type CalendarOptions, type GrievanceChain, type LoadedCalendar } from '../rules/deadline';
import type { Agreement } from '../rules/types';
import { setup, writeUserFile } from '../cli/context';
import { csvLine, note, printJson, renderTable, warn, write, type Ctx } from '../cli/output';
import { sourceText } from '../cli/sources';
import { readValidated } from '../cli/files';
import { citeShort } from '../rules/source';
import { markCheckFailed } from '../cli/check';

const ymd = (d: DayNumber) => `${formatDate(d)} ${WEEKDAY_SHORT[weekday(d)]}`;

export async function calendarFor(a: Agreement, o: { calendar?: string[]; closures?: string[]; allowBeyondCoverage?: boolean }): Promise<LoadedCalendar> {
  const opts: CalendarOptions = { beyondCoverage: o.allowBeyondCoverage };
  if (o.calendar?.length) opts.calendars = await Promise.all(o.calendar.map((f) => readValidated(f, '--calendar', (m) => m.CalendarFile)));
  if (o.closures?.length) opts.closures = await Promise.all(o.closures.map((f) => readValidated(f, '--closures', (m) => m.ClosuresFile)));
  return officeCalendar(a, opts);
}

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

async function writeIcs(file: string, caseId: string, events: { uid: string; day: DayNumber; summary: string; description: string }[]) {
  const { default: ical } = await import('ical-generator');
  const cal = ical({ name: `cba ${caseId}`, prodId: { company: 'cba', product: 'contract calculator', language: 'EN' } });
  for (const e of events) {
    const p = formatDate(e.day).split('-').map(Number);
    // All-day VALUE=DATE events: start that day, end the next; built from UTC parts, so no time zone shifts them.
    cal.createEvent({ id: e.uid, allDay: true, start: new Date(Date.UTC(p[0], p[1] - 1, p[2])), end: new Date(Date.UTC(p[0], p[1] - 1, p[2] + 1)), summary: e.summary, description: e.description });
  }
  writeUserFile(file, cal.toString(), '--ics');
}

export async function action0(name: string, o: any, cmd: Command) {
      const { a, ctx } = await setup(cmd);
      if (name === 'list') {
        const list = allDeadlines(a);
        if (o.json)
          return printJson(
            ctx,
            list.map((d) => ({
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
        const rows = list.map((d) => [d.id, d.name, whenText(d), citeShort(d.cite)]);
        if (o.csv) return write(ctx, [csvLine(['id', 'name', 'when', 'source']), ...rows.map((r) => csvLine(r))].join('').trimEnd());
        return write(ctx, await renderTable(ctx, { head: ['Id', 'Deadline', 'When', 'Source'], rows }));
      }
      const loaded = await calendarFor(a, o);
      if (o.input !== undefined) {
        const { runDeadlineBatch } = await import('./deadline-batch');
        return runDeadlineBatch(a, loaded, name, o, ctx);
      }
      if (name === 'grievance') {
        if (!o.occurred) throw new InputError('grievance: give --occurred <date> (the date of the act or omission)');
        const done: Record<string, string> = {};
        for (const d of o.done ?? []) {
          const m = /^([a-z0-9-]+)=(.+)$/.exec(d);
          if (!m) throw new InputError(`--done ${d}: write STEP=DATE, for example --done level2-appeal=2006-01-10`);
          done[m[1]] = m[2];
        }
        if (o.filed) done['level1-file'] = o.filed;
        if (o.decisionReceived !== undefined || o.level !== undefined) {
          if (o.decisionReceived === undefined || !/^[123]$/.test(String(o.level ?? ''))) throw new InputError('--decision-received needs --level 1, 2 or 3 (and --level needs --decision-received)');
          done[`level${o.level}-decision`] = o.decisionReceived;
        }
        const recess = (o.recess ?? []).map((r: string) => {
          const m = /^(.+)\.\.(.+)$/.exec(r);
          if (!m) throw new InputError(`--recess ${r}: write FROM..TO, for example 2005-12-19..2005-12-30`);
          return { from: m[1], to: m[2] };
        });
        const chain = grievanceChain(a, loaded, { occurred: o.occurred, known: o.known, done, level3Issued: o.level3Issued, resolutionProvided: o.resolutionProvided, recess, today: o.today });
        if (chain.steps.some((s) => s.status === 'overdue' || s.status === 'done-late')) markCheckFailed();
        for (const w of chain.warnings) warn(ctx, w);
        const caseId = o.case ?? `grievance-${o.occurred}`;
        if (o.ics) {
          await writeIcs(o.ics, caseId, chain.steps.map((s) => ({ uid: `${caseId}.${s.step}@cba`, day: s.due, summary: `${s.name}: deadline`, description: `${s.days} ${UNIT_TEXT[s.unit]} after ${formatDate(s.from)} (${s.fromEvent}). ${sourceText(s.source)}: "${s.source.quote}"` })));
          note(ctx, `wrote ${chain.steps.length} events to ${o.ics}`);
        }
        if (o.json) return printJson(ctx, { agreement: a.meta.id, case: caseId, occurred: o.occurred, known: o.known ?? null, countingRule: chain.countingRule, steps: chainJson(chain, Boolean(o.explain)), notices: chain.notices, warnings: chain.warnings, sources: chain.sources });
        if (o.csv) {
          let s = csvLine(['step', 'name', 'due', 'days', 'unit', 'from', 'assumed', 'actual', 'status', 'source']);
          for (const x of chain.steps) s += csvLine([x.step, x.name, formatDate(x.due), x.days, x.unit, formatDate(x.from), x.assumed, x.actual !== undefined ? formatDate(x.actual) : '', x.status ?? '', sourceText(x.source)]);
          for (const b of chain.beyond) s += csvLine([b.step, b.name, '', b.days, b.unit, b.from !== undefined ? formatDate(b.from) : '', '', '', 'beyond-calendar', sourceText(b.source)]);
          return write(ctx, s.trimEnd());
        }
        const rows = chain.steps.map((s) => [s.step, ctx.paint.bold(ymd(s.due)), `${s.days} ${s.unit}`, `${ymd(s.from)}${s.assumed ? '*' : ''}`, STATUS_TEXT(ctx, s), sourceText(s.source)]);
        for (const b of chain.beyond) rows.push([b.step, ctx.paint.yellow('beyond the calendar'), `${b.days} ${b.unit}`, b.from !== undefined ? ymd(b.from) : '-', b.from !== undefined ? 'runs past the last calendar' : 'follows a step beyond the calendar', sourceText(b.source)]);
        write(ctx, await renderTable(ctx, { title: `Grievance timeline: occurred ${o.occurred}${o.known ? `, known ${o.known}` : ''}`, head: ['Step', 'Due (end of day)', 'Period', 'Counted after', 'Status', 'Source'], rows }));
        write(ctx, ctx.paint.dim(`Counting: ${chain.countingRule}`));
        if (chain.steps.some((s) => s.assumed)) write(ctx, ctx.paint.dim('* not yet known: counted from the previous step\'s deadline'));
        for (const n of chain.notices) write(ctx, ctx.paint.dim(`Note: ${n}`));
        for (const b of chain.beyond) write(ctx, ctx.paint.dim(`Beyond the calendar: ${b.step}: ${b.reason}`));
        if (o.explain) for (const s of chain.steps) write(ctx, `${s.step}: ${s.counted.map((d) => formatDate(d)).join(' ')}`);
        return;
      }
      const r = computeDeadline(a, loaded, name, { from: o.from, year: o.year, since: o.since });
      for (const w of r.warnings) warn(ctx, w);
      if (o.ics) {
        await writeIcs(o.ics, o.case ?? `${r.id}-${o.from ?? o.year}`, [{ uid: `${o.case ?? `${r.id}-${o.from ?? o.year}`}@cba`, day: r.due, summary: `${r.name}${r.dueTime ? ` (${r.timeRelation === 'before' ? 'before' : 'by'} ${clockText(r.dueTime)})` : ''}`, description: `${sourceText(r.source)}: "${r.source.quote}"` }]);
        note(ctx, `wrote 1 event to ${o.ics}`);
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
        readings: r.readings,
        warnings: r.warnings,
        source: r.source,
        ...(o.explain && r.counted ? { countedDays: r.counted.map(formatDate) } : {}),
      };
      if (o.json) return printJson(ctx, j);
      if (o.csv) return write(ctx, (csvLine(['id', 'due', 'time', 'opens', 'days', 'unit', 'direction', 'from', 'source']) + csvLine([r.id, j.due, r.dueTime ?? '', r.opens !== undefined ? formatDate(r.opens) : '', r.days, r.unit, r.direction, j.from, sourceText(r.source)])).trimEnd());
      const timeWord = r.dueTime ? (r.timeRelation === 'before' ? `before ${clockText(r.dueTime)}` : `by ${clockText(r.dueTime)}`) : '';
      const dueText = `${ymd(r.due)}${r.unit === 'hours' ? at : timeWord ? ` ${timeWord}` : ''}`;
      const period =
        r.unit === 'date'
          ? r.relation === 'window' ? `window from ${ymd(r.opens!)}` : r.relation === 'before' ? 'fixed date (the day before)' : 'fixed date'
          : r.days === 0 ? `on ${formatDate(r.from!)}` : `${r.days} ${UNIT_TEXT[r.unit as keyof typeof UNIT_TEXT]} ${r.direction} ${formatDate(r.from!)}${r.fromTime && r.unit === 'hours' ? ` ${r.fromTime}` : ''}`;
      const rows = [[r.name, ctx.paint.bold(dueText), period, sourceText(r.source)]];
      write(ctx, await renderTable(ctx, { head: ['Deadline', 'Due', 'Period', 'Source'], rows }));
      for (const n of r.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
      for (const n of r.readings) write(ctx, ctx.paint.dim(`Reading: ${n}`));
      if (o.explain && r.counted) write(ctx, `counted: ${r.counted.map(formatDate).join(' ')}`);
    }
