// The progress bar of the batch commands (audit, cost): one line on stderr, drawn only when stderr is
// a terminal (never into a pipe or a file, never in CI, never with --quiet), and only once a run has
// taken longer than a moment, so a small roster never flashes one. It counts to the real total: the
// bytes of the input read so far out of its size (a file, or standard input redirected from one), the
// rows out of the sheet's rows for a workbook, and plain rows read when the total cannot be known (a
// pipe). When standard output is the same terminal (the audit's rows), the bar is erased before rows
// are written and drawn again after them, so a row never lands in the middle of the bar.
import type { Ctx } from './output';

/** A bar is drawn after this long (ms; CBA_PROGRESS_AFTER_MS sets it, 0 in the tests, which must not
 *  depend on how fast the machine is), then at most this often (CBA_PROGRESS_EVERY_MS: 0 in the tests,
 *  a frame at every batch read, so a small file shows the bar climbing). */
const AFTER_MS = 300;
const EVERY_MS = 100;
const WIDTH = 25;

export interface Progress {
  /** read of total (bytes, or rows of a workbook; total 0 when unknown) and rows so far */
  update(read: number, total: number, rows: number): void;
  /** erase the bar before writing a line to the terminal it is on (rows, a warning) */
  clear(): void;
  /** draw it again after the write (if it was showing) */
  redraw(): void;
  /** the last frame (the whole total) and the line erased */
  done(): void;
  readonly on: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The line for read of total with rows (no percentage when the total is unknown). */
export function progressLine(read: number, total: number, rows: number): string {
  if (!(total > 0)) return `${fmt(rows)} rows read`;
  const f = Math.min(1, read / total);
  const filled = Math.floor(f * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(f * 100)}% ${fmt(rows)} rows`;
}

export function progressBar(ctx: Ctx, now: () => number = Date.now): Progress {
  const on = ctx.stderrIsTTY && !ctx.quiet && !ctx.env.CI;
  const ms = (v: string | undefined, d: number) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : d);
  const after = ms(ctx.env.CBA_PROGRESS_AFTER_MS, AFTER_MS);
  const every = ms(ctx.env.CBA_PROGRESS_EVERY_MS, EVERY_MS);
  const start = now();
  let last = 0;
  let shown = false;
  let frame = '';
  let state = { read: 0, total: 0, rows: 0 };
  const draw = () => {
    frame = progressLine(state.read, state.total, state.rows);
    ctx.stderr.write(`\r${frame}\x1b[K`);
    shown = true;
  };
  return {
    on,
    update(read, total, rows) {
      if (!on) return;
      state = { read, total, rows };
      const t = now();
      if (t - start < after || t - last < every) return;
      last = t;
      draw();
    },
    clear() {
      if (on && shown) ctx.stderr.write('\r\x1b[K');
    },
    redraw() {
      if (on && shown) ctx.stderr.write(`\r${frame}\x1b[K`);
    },
    done() {
      if (!on || !shown) return;
      // the last frame says where the count ended, then the line is left clean for the summary
      draw();
      ctx.stderr.write('\r\x1b[K');
    },
  };
}
