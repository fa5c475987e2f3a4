// cba deadline <name> --input file.csv: one trigger date per row, every row written back with its
// due date or the reason it is invalid. Streams; uses the precomputed open-day index.
import { InputError } from '../core/errors';
import { formatDate, tryParseDate } from '../core/date';
import { addOpenDays, withClosures, CoverageError, type Closure } from '../core/busdays';
import { findDeadline, countPeriod, deadlineRules, type LoadedCalendar } from '../rules/deadline';
import type { Agreement } from '../rules/types';
import { readCsv } from '../cli/csv-input';
import { csvLine, type Ctx } from '../cli/output';
import { markCheckFailed } from '../cli/check';

const DATE_COLS = ['date', 'trigger', 'from', 'occurred', 'received'];

export async function runDeadlineBatch(a: Agreement, loaded: LoadedCalendar, name: string, o: { input: string; json?: boolean; csv?: boolean }, ctx: Ctx) {
  const rule = name === 'grievance' ? { ...deadlineRules(a).grievance[0], kind: 'grievance' as const } : findDeadline(a, name);
  if (rule.kind === 'fixed') throw new InputError(`${rule.id} is a fixed date of the year; a batch needs a deadline counted from a date`);
  if (rule.kind === 'period' && (rule.unit === 'hours' || rule.anchor !== undefined || rule.days === 0))
    throw new InputError(`${rule.id} is counted ${rule.unit === 'hours' ? 'in hours from a time of day' : 'from an anchored or same-day trigger'}; compute it one at a time with --from, not --input`);
  const direction = rule.kind === 'period' ? rule.direction : 'after';
  const cal = loaded.cal;
  let header: string[] = [];
  let dateCol = '';
  let bad = 0;
  const out = (s: string) => ctx.stdout.write(s);
  for await (const r of readCsv(o.input, '--input')) {
    if ('header' in r) {
      header = r.header;
      dateCol = header.find((h) => DATE_COLS.includes(h.toLowerCase())) ?? '';
      if (!dateCol) throw new InputError(`--input: no date column; name one of ${DATE_COLS.join(', ')} in the header (found ${header.join(', ')})`);
      if (!o.json) out(csvLine([...header, 'due', 'days', 'unit', 'status', 'reason']));
      continue;
    }
    let due = '';
    let status = 'ok';
    let reason = '';
    if (r.error) {
      status = 'invalid';
      reason = r.error;
    } else {
      const t = tryParseDate(r.values[dateCol] ?? '');
      if (t === null) {
        status = 'invalid';
        reason = `${dateCol} ${JSON.stringify(r.values[dateCol] ?? '')} is not a date (YYYY-MM-DD)`;
      } else {
        try {
          let c = cal;
          const rec = (r.values.recess ?? '').trim();
          if (rec) {
            const extra: Closure[] = [];
            for (const part of rec.split(/[;|]/)) {
              const m = /^\s*(\S+)\.\.(\S+)\s*$/.exec(part);
              const f = m ? tryParseDate(m[1]) : null;
              const to = m ? tryParseDate(m[2]) : null;
              if (f === null || to === null || to < f) throw new InputError(`recess ${JSON.stringify(part)} is not FROM..TO with FROM <= TO`);
              for (let d = f; d <= to; d++) extra.push({ day: d, name: 'recess' });
            }
            c = withClosures(cal, extra);
          }
          due = formatDate(
            (rule.unit === 'office-days' || rule.unit === 'working-days') && direction === 'after'
              ? addOpenDays(c, t, rule.days)
              : countPeriod(c, t, rule.days, rule.unit, direction, rule.kind === 'period' ? rule.rollToOpen : false).due,
          );
        } catch (e) {
          status = 'invalid';
          reason = e instanceof CoverageError ? `${e.message} (${formatDate(cal.first)} to ${formatDate(cal.last)})` : (e as Error).message.replace(/^[^:]*deadline: /, '');
        }
      }
    }
    if (status !== 'ok') bad++;
    const vals = header.map((h) => r.values[h] ?? '');
    if (o.json) out(JSON.stringify({ row: r.row, ...Object.fromEntries(header.map((h, i) => [h, vals[i]])), due: due || null, ...(rule.kind === 'period' && rule.time ? { dueTime: rule.time } : {}), days: rule.days, unit: rule.unit, status, reason: reason || null }) + '\n');
    else out(csvLine([...vals, due && rule.kind === 'period' && rule.time ? `${due} ${rule.time}` : due, rule.days, rule.unit, status, reason]));
  }
  if (bad) {
    markCheckFailed();
    ctx.stderr.write(`${bad} row${bad === 1 ? '' : 's'} invalid\n`);
  }
}
