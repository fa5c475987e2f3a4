import { InputError } from '../core/errors';
import { formatDate, fromParts, daysInMonth, weekday, MONTH_NAMES, parseDate, schoolYearRange, toParts, WEEKDAY_SHORT } from '../core/date';
import { isOpen } from '../core/busdays';
import { setup } from '../cli/context';
import { printJson, renderTable, write, csvLine } from '../cli/output';
import { calendarFor } from './deadline.run';


export async function action0(o: any, cmd: any) {
      const { a, ctx } = await setup(cmd);
      const { cal, notes } = await calendarFor(a, o);
      if (o.month) {
        const m = /^(\d{4})-(\d{2})$/.exec(o.month);
        if (!m || +m[2] < 1 || +m[2] > 12) throw new InputError(`--month ${o.month}: write YYYY-MM, for example 2005-12`);
        const y = +m[1], mo = +m[2];
        const marks = new Set((o.mark ?? []).map((d: string) => parseDate(d, '--mark')));
        const first = fromParts(y, mo, 1);
        const last = fromParts(y, mo, daysInMonth(y, mo));
        if (first < cal.first || last > cal.last) throw new InputError(`--month ${o.month} is outside the loaded calendars (${formatDate(cal.first)} to ${formatDate(cal.last)})`);
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
