// Batch output through a real OS pipe to a slow reader: every row comes back, with the summary and
// the same exit code as when the output goes to a file (the reliability issue, finding 1).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slowRead } from '../helpers/cli';

// 3,000 rows: 126 KB of CSV, 216 KB of table, 395 KB of JSON, two to six times the 64 KiB the bin writes
// at once and the pipe holds (slowRead's pipe is a FIFO: a real pipe, not the socket pair Node gives a
// child, which holds 200 KB or more), so the slow reader blocks the writer again and again and the last
// writes are still waiting when the work is done (the count proves nothing more; 5,000 rows cost a
// third more CPU, 20,000 six times as much, for the same assertions)
const ROWS = 3_000;

function roster(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cba-pipe-'));
  const file = join(dir, 'roster.csv');
  const lines = ['id,class,step,paid'];
  // every 1000th row underpaid, so the run must exit 1 whichever way the output goes
  for (let i = 0; i < rows; i++) lines.push(`P${String(i).padStart(7, '0')},IV,13,${i % 1000 === 999 ? '70796.00' : '70797.00'}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('batch output through a pipe to a slow reader', () => {
  const file = roster(ROWS);
  const summary = `${ROWS} rows: ${ROWS - ROWS / 1000} ok, ${ROWS / 1000} underpaid, 0 overpaid, 0 invalid`;

  // --csv reads a roster this short by text, a long one as bytes (src/commands/audit.ts): both through
  // the pipe, bytes from the first row on (CBA_AUDIT_BYTES_AFTER=0)
  it.each([['--csv'], ['--csv', '0'], ['--json'], ['(table)']])(`audit %s: all ${ROWS} rows, the summary, exit 1`, async (fmt, after?: string) => {
    const r = await slowRead(['audit', file, ...(fmt === '(table)' ? [] : [fmt])], undefined, after === undefined ? {} : { CBA_AUDIT_BYTES_AFTER: after });
    const ids = new Set(r.stdout.match(/P\d{7}/g));
    expect(ids.size).toBe(ROWS);
    expect(r.stderr).toContain(summary);
    expect(r.code).toBe(1);
  }, 120_000);

  it('audit of standard input (-) through a pipe both ways (by text, then as bytes from row 1,000 on)', async () => {
    const r = await slowRead(['audit', '-', '--csv'], file, { CBA_AUDIT_BYTES_AFTER: '1000' });
    expect(r.stdout.trim().split('\n')).toHaveLength(ROWS + 1);
    expect(r.stderr).toContain(summary);
    expect(r.code).toBe(1);
  }, 120_000);
});
