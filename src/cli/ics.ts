// Calendar files (RFC 5545) of deadlines: all-day events with a stable UID per case and step, a
// SEQUENCE that goes up when a re-export moves an event (so calendar applications take the new date),
// TRANSP:TRANSPARENT (a deadline does not make anyone busy), and steps already done marked done.
import { formatDate, type DayNumber } from '../core/date';

export interface IcsEvent {
  uid: string;
  day: DayNumber;
  summary: string;
  description: string;
  /** the step was done on `day`: exported as done, not as a deadline */
  done?: boolean;
}

export interface PreviousEvent {
  start: string;
  summary: string;
  sequence: number;
  lastModified?: string;
}

/** The events of an earlier export of the same file, by UID (unfolded lines; unknown properties ignored). */
export function previousEvents(text: string): Map<string, PreviousEvent> {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const out = new Map<string, PreviousEvent>();
  let cur: { uid?: string; start?: string; summary?: string; sequence?: number; lastModified?: string } | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') cur = {};
    else if (line === 'END:VEVENT') {
      if (cur?.uid) out.set(cur.uid, { start: cur.start ?? '', summary: cur.summary ?? '', sequence: cur.sequence ?? 0, lastModified: cur.lastModified });
      cur = undefined;
    } else if (cur) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      const name = line.slice(0, i).split(';')[0].toUpperCase();
      const value = line.slice(i + 1);
      if (name === 'UID') cur.uid = value;
      else if (name === 'DTSTART') cur.start = value;
      else if (name === 'SUMMARY') cur.summary = value;
      else if (name === 'LAST-MODIFIED' && /^\d{8}T\d{6}Z$/.test(value)) cur.lastModified = value;
      else if (name === 'SEQUENCE' && /^\d{1,9}$/.test(value)) cur.sequence = Number(value);
    }
  }
  return out;
}

const icsDate = (d: DayNumber) => formatDate(d).replace(/-/g, '');
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines begin with a space
  }
  return parts.join('\r\n ');
}


/**
 * The calendar text. `stamp` is the export time (UTC, YYYYMMDDTHHMMSSZ); `previous` the events of the
 * file being replaced: an event whose date or summary changed gets the next SEQUENCE and a new
 * LAST-MODIFIED; an unchanged one keeps both. Lines end with CRLF, the last one too.
 */
export function icsText(name: string, events: IcsEvent[], stamp: string, previous = new Map<string, PreviousEvent>()): string {
  const out = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//cba//contract calculator//EN', 'CALSCALE:GREGORIAN', `NAME:${escapeText(name)}`, `X-WR-CALNAME:${escapeText(name)}`];
  for (const e of events) {
    const summary = escapeText(e.done ? `Done: ${e.summary}` : e.summary);
    const start = icsDate(e.day);
    const old = previous.get(e.uid);
    const changed = old !== undefined && (old.start.replace(/^.*:/, '') !== start || old.summary !== summary);
    const sequence = old === undefined ? 0 : changed ? old.sequence + 1 : old.sequence;
    out.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${sequence}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${icsDate(e.day + 1)}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      'TRANSP:TRANSPARENT',
      `STATUS:CONFIRMED`,
    );
    out.push(`LAST-MODIFIED:${changed || old?.lastModified === undefined ? stamp : old.lastModified}`);
    out.push('END:VEVENT');
  }
  out.push('END:VCALENDAR');
  return out.map(fold).join('\r\n') + '\r\n';
}

/** The UTC time of the export, as iCalendar writes it. */
export function icsStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
