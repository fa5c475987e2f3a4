// cba calendar: the office calendar, a school year's closures or a month view.
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { formatDate, fromParts, daysInMonth, weekday, MONTH_NAMES, schoolYearRange, toParts, WEEKDAY_SHORT } from '../core/date';
import { isOpen } from '../core/busdays';
import { printJson, renderTable, write, csvLine } from '../cli/output';
import { calendarFor } from '../cli/files';
import { date, month } from '../cli/parse';
import { JSON_CSV_OPTIONS, declare, type Exec, type OptionsOf, type RunCtx } from '../cli/command';
import { examples } from '../cli/help';

export const DESCRIPTION = "The office calendar: a school year's closures, or a month view with dates marked";

export const OPTIONS = {
  year: { flags: '--year <yyyy-yy>', help: 'school year (default: the first the calendars cover)' },
  month: { flags: '--month <yyyy-mm>', help: 'show one month as a grid' },
  mark: { flags: '--mark <date>', help: 'mark a date in the month view (repeatable), e.g. a deadline', repeat: true },
  calendar: { flags: '--calendar <file>', help: "office calendar file replacing the agreement\'s (repeatable)", repeat: true },
  closures: { flags: '--closures <file>', help: 'extra closures layered on the calendar (repeatable)', repeat: true },
  ...JSON_CSV_OPTIONS,
} as const;
export type CalendarOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('calendar').description(DESCRIPTION), OPTIONS)
    .addHelpText('after', () => examples(['cba calendar --year 2005-06', 'cba calendar --month 2005-12 --mark 2005-12-28', 'cba calendar --year 2006-07 --closures fixtures/closures/winter-break-2006.yaml --csv']))
    .action((o: CalendarOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}


export async function run(o: CalendarOptions, { out: ctx, agreement }: RunCtx): Promise<void> {
  const a = await agreement();
  const { cal, notes } = await calendarFor(a, o);
  if (o.month) {
    const { y, m: mo } = month(o.month, 'month');
    const marks = new Set((o.mark ?? []).map((d) => date(d, 'mark')));
    const first = fromParts(y, mo, 1);
    const last = fromParts(y, mo, daysInMonth(y, mo));
    if (first < cal.first || last > cal.last) throw new InputError(`--month ${o.month} is outside the loaded calendars (${formatDate(cal.first)} to ${formatDate(cal.last)})`);
    if (o.json || o.csv) {
      // every day of the month: open or closed (and why), marked or not
      const days = [];
      for (let d = first; d <= last; d++) days.push({ date: formatDate(d), weekday: WEEKDAY_SHORT[weekday(d)], open: isOpen(cal, d), closure: cal.closed.get(d) ?? null, marked: marks.has(d) });
      if (o.json) return printJson(ctx, { month: o.month.trim(), openDays: days.filter((x) => x.open).length, days, notes });
      return write(ctx, [csvLine(['date', 'weekday', 'open', 'closure', 'marked']), ...days.map((x) => csvLine([x.date, x.weekday, x.open ? 'yes' : 'no', x.closure ?? '', x.marked ? 'yes' : 'no']))].join('').trimEnd());
    }
    const rows: string[][] = [];
    let row: string[] = Array(weekday(first)).fill('');
    for (let d = first; d <= last; d++) {
      const day = String(toParts(d).d).padStart(2);
      const cell = marks.has(d) ? ctx.paint.bold(`[${day}]`) : isOpen(cal, d) ? ` ${day} ` : ctx.paint.dim(`(${day})`);
      row.push(cell);
      if (row.length === 7) rows.push(row), (row = []);
    }
    if (row.length) rows.push([...row, ...Array(7 - row.length).fill('')]);
    write(ctx, await renderTable(ctx, { title: `${MONTH_NAMES[mo - 1]} ${y}: (dd) office closed, [dd] marked`, head: WEEKDAY_SHORT, rows }));
    for (let d = first; d <= last; d++) if (cal.closed.has(d)) write(ctx, `${formatDate(d)} ${cal.closed.get(d)}`);
    return;
  }
  const years = [...new Set(cal.segments.map((s) => s.label))];
  let range = { first: cal.first, last: cal.last };
  if (o.year) range = schoolYearRange(o.year);
  else {
    const s0 = cal.segments[0];
    range = { first: s0.first, last: s0.last };
  }
  if (range.first < cal.first || range.last > cal.last) throw new InputError(`--year ${o.year}: no calendar covers it (loaded: ${years.join(', ')})`);
  const closed = [...cal.closed.entries()].filter(([d]) => d >= range.first && d <= range.last).sort((x, y) => x[0] - y[0]);
  let open = 0;
  for (let d = range.first; d <= range.last; d++) if (isOpen(cal, d)) open++;
  if (o.json) return printJson(ctx, { from: formatDate(range.first), to: formatDate(range.last), openDays: open, closures: closed.map(([d, n]) => ({ date: formatDate(d), weekday: WEEKDAY_SHORT[weekday(d)], name: n })), notes });
  if (o.csv) return write(ctx, [csvLine(['date', 'weekday', 'name']), ...closed.map(([d, n]) => csvLine([formatDate(d), WEEKDAY_SHORT[weekday(d)], n]))].join('').trimEnd());
  write(ctx, await renderTable(ctx, { title: `Office closures ${formatDate(range.first)} to ${formatDate(range.last)} (${open} open days)`, head: ['Date', 'Day', 'Closure'], rows: closed.map(([d, n]) => [formatDate(d), WEEKDAY_SHORT[weekday(d)], n]) }));
  for (const n of notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
}
