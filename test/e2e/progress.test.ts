// The progress bar of audit and cost (issue 18, part 7): on stderr of a terminal only, counting to the
// real total, never garbling rows printed to the same terminal. The bar is read from a real terminal:
// tmux runs cba, pipe-pane records every byte the terminal was sent (each frame of the bar), and
// capture-pane shows what is left on the screen. .ci/run installs tmux when it is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, onPath, untilHolds } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import { progressBar, progressLine } from '../../src/cli/progress';
import type { Ctx } from '../../src/cli/output';

describe('the bar line', () => {
  it('fills by the share read: 512 of 1,024 bytes is 12 of 25 marks (50% rounded down), rows as counted', () => {
    expect(progressLine(512, 1024, 10)).toBe('[############.............] 50% 10 rows');
    expect(progressLine(1024, 1024, 12345)).toBe('[#########################] 100% 12,345 rows');
    expect(progressLine(1, 3, 0)).toBe('[########.................] 33% 0 rows');
  });
  it('a total that cannot be known (a pipe) counts rows only, never a made-up percentage', () => {
    expect(progressLine(70000, 0, 1000)).toBe('1,000 rows read');
  });

  const fake = (over: Partial<Ctx>) => {
    let err = '';
    const ctx = { stderrIsTTY: true, isTTY: false, env: {}, stderr: { write: (s: string) => ((err += s), true) }, ...over } as unknown as Ctx;
    return { ctx, err: () => err };
  };
  it('draws only on a terminal stderr, not in CI, not with --quiet, and not in the first 300 ms', () => {
    let t = 1000;
    const clock = () => t;
    for (const over of [{ stderrIsTTY: false }, { env: { CI: 'true' } }, { quiet: true }]) {
      const f = fake(over);
      const bar = progressBar(f.ctx, clock);
      t += 1000;
      bar.update(5, 10, 3);
      bar.done();
      expect(f.err()).toBe('');
    }
    const f = fake({});
    const bar = progressBar(f.ctx, clock);
    t += 100;
    bar.update(1, 10, 1);
    expect(f.err()).toBe('');
    t += 300;
    bar.update(5, 10, 3);
    expect(f.err()).toBe('\r[############.............] 50% 3 rows\x1b[K');
    t += 50; // within 100 ms of the last frame: not drawn
    bar.update(6, 10, 4);
    expect(f.err()).toBe('\r[############.............] 50% 3 rows\x1b[K');
    bar.update(10, 10, 7);
    bar.done(); // the last frame as counted, then the line erased for the summary
    expect(f.err().endsWith('\r[#########################] 100% 7 rows\x1b[K\r\x1b[K')).toBe(true);
  });
});

describe('the bar at every batch (CBA_PROGRESS_EVERY_MS=0, as the terminal tests below run)', () => {
  it('draws each update, however close together; without it, at most every 100 ms', () => {
    const t = 1000;
    const draws = (env: Record<string, string>) => {
      let err = '';
      const ctx = { stderrIsTTY: true, isTTY: false, env, stderr: { write: (s: string) => ((err += s), true) } } as unknown as Ctx;
      const bar = progressBar(ctx, () => t);
      bar.update(1, 4, 1);
      bar.update(2, 4, 2);
      bar.update(3, 4, 3);
      return (err.match(/\r\[/g) ?? []).length;
    };
    expect(draws({ CBA_PROGRESS_AFTER_MS: '0', CBA_PROGRESS_EVERY_MS: '0' })).toBe(3);
    expect(draws({ CBA_PROGRESS_AFTER_MS: '0' })).toBe(1);
  });
});

const hasTmux = onPath('tmux');
const socket = `cba-progress-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'cba-progress-'));

/**
 * The tmux commands that start a shell command line in a tmux window, and a function that waits for
 * it to end and gives the raw bytes sent to the terminal and the screen left. The tests start their
 * windows at once (each its own session, all in one tmux command list), so the runs overlap instead
 * of waiting on each other; each window is read back by one tmux client too (wait-for, capture-pane,
 * kill-session): a tmux client started from this worker forks the worker.
 */
function terminal(name: string, line: string): { commands: string[]; read: () => { raw: string; screen: string[] } } {
  const rawFile = join(dir, `${name}.raw`);
  writeFileSync(rawFile, '');
  // the command waits for the go of this process, given once pipe-pane records the terminal
  const cmd = `tmux -L ${socket} wait-for ${name}-go; cd '${ROOT}' && ${line}; echo "[exit $?]"; tmux -L ${socket} wait-for -S ${name}-done; sleep 60`;
  const commands = [
    ...[';', 'new-session', '-d', '-s', name, '-x', '100', '-y', '50', '-e', 'CI=', '-e', 'NO_COLOR=1', '-e', 'CBA_PROGRESS_AFTER_MS=0', '-e', 'CBA_PROGRESS_EVERY_MS=0', cmd],
    ...[';', 'pipe-pane', '-o', '-t', name, `cat >> '${rawFile}'`],
    ...[';', 'wait-for', '-S', `${name}-go`],
  ];
  return {
    commands,
    read: () => {
      // a signal sent before anyone waits is kept by tmux: the wait then returns at once
      const done = tmux('wait-for', `${name}-done`);
      expect(done.status, done.stderr).toBe(0);
      // the signal can reach tmux before the last bytes of the window have gone through pipe-pane's
      // cat into the file (a run once read its bar at 76%), and ending the session throws away what
      // tmux has not yet handed to cat: the file is read once it holds the "[exit" the command line
      // prints after cba (the bytes come in order), then the screen (with the session ended in the same tmux client)
      const raw = untilHolds(() => readFileSync(rawFile, 'utf8'), '[exit ');
      const w = tmux('capture-pane', '-p', '-J', '-t', name, ';', 'kill-session', '-t', name);
      expect(w.status, w.stderr).toBe(0);
      return { raw, screen: w.stdout.replace(/\n+$/, '').split('\n') };
    },
  };
}

/** The frames of the bar in the raw bytes: [percent, rows]. */
function frames(raw: string): [number, number][] {
  return [...raw.matchAll(/\] (\d+)% ([\d,]+) rows/g)].map((m) => [Number(m[1]), Number(m[2].replace(/,/g, ''))]);
}

describe.skipIf(!hasTmux)('the bar in a real terminal (tmux)', () => {
  // with CBA_PROGRESS_AFTER_MS=0 and CBA_PROGRESS_EVERY_MS=0 the bar draws a frame after every batch
  // read (a 64 KiB piece of the file): 3,000 rows (0.23 MB: each row carries the member's name, as a
  // payroll export does) make four frames, no timing involved. The frames follow the bytes, not the
  // rows: rosters of 20,000 and 8,000 rows without names (0.5 and 0.2 MB) cost about 0.35 s more CPU
  // in the bin runs for the same frames and the same assertions
  const ROWS = 3_000;
  const roster = join(dir, 'roster.csv');
  const out = join(dir, 'audit.csv');
  const part = join(dir, 'cost-roster.csv');
  const small = join(dir, 'small.csv');
  let runs: Record<'audit' | 'cost' | 'rows', () => { raw: string; screen: string[] }>;
  let piped: Promise<string>;
  const name = (i: number) => `Member ${String(i).padStart(5, '0')} of the certificated staff at school site ${i % 40}`;
  beforeAll(() => {
    // Class IV Step 13 at 70,797 (Appendix A, Basic 2005-06): every row ok
    writeFileSync(roster, 'id,name,class,step,paid\n' + Array.from({ length: ROWS }, (_, i) => `E${i},${name(i)},IV,13,70797.00\n`).join(''));
    // its first 1,500 rows (0.12 MB: two frames) to cost
    writeFileSync(part, readFileSync(roster, 'utf8').split('\n').slice(0, 1_501).join('\n') + '\n');
    // 1,200 rows (90 KB: two frames, the rows of the first batch on screen before the bar)
    writeFileSync(small, 'id,name,class,step,paid\n' + Array.from({ length: 1_200 }, (_, i) => `E${i},${name(i)},IV,13,${i % 7 ? '70797.00' : '70000.00'}\n`).join(''));
    const windows = {
      audit: terminal('audit', `'${process.execPath}' '${BIN}' audit '${roster}' --csv > '${out}'`),
      cost: terminal('cost', `'${process.execPath}' '${BIN}' cost --roster '${part}' --raise 2 --json > '${join(dir, 'cost.json')}'`),
      rows: terminal('rows', `'${process.execPath}' '${BIN}' audit '${small}' --all`),
    };
    // a session kept open for the whole test (so the server does not exit between windows), then the
    // windows, by one tmux client
    const s = tmux('new-session', '-d', '-s', 'keep', 'sleep 600', ...Object.values(windows).flatMap((w) => w.commands), ';', 'list-sessions', '-F', '#{session_name}');
    // every window started (a command of the list that fails ends the list: its status is not 0)
    for (const name of Object.keys(windows)) expect(s.stdout.split('\n'), s.stderr).toContain(name);
    runs = { audit: windows.audit.read, cost: windows.cost.read, rows: windows.rows.read };
    // and the same audit with its stdout and stderr pipes (its stderr, once it ends), alongside
    piped = new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [BIN, 'audit', roster, '--csv'], { env: { ...process.env, CI: '' }, cwd: ROOT });
      let err = '';
      p.stdout.resume();
      p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      p.on('error', reject).on('close', () => resolve(err));
    });
  });
  afterAll(() => void tmux('kill-server'));

  it('audit with the rows to a file: the bar climbs to 100% of the bytes with every row counted, and leaves the screen clean', () => {
    const { raw, screen } = runs.audit();
    const f = frames(raw);
    expect(f.length).toBeGreaterThan(0);
    for (let i = 1; i < f.length; i++) expect(f[i][0]).toBeGreaterThanOrEqual(f[i - 1][0]);
    expect(f[f.length - 1]).toEqual([100, ROWS]);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(ROWS + 1);
    expect(screen).toContain(`${ROWS} rows: ${ROWS} ok, 0 underpaid, 0 overpaid, 0 invalid`);
    expect(screen.filter((l) => l.includes('%'))).toEqual([]);
    expect(screen).toContain('[exit 0]');
  });

  it('cost shows one too, to 100% of the file', () => {
    const { raw, screen } = runs.cost();
    const f = frames(raw);
    expect(f.length).toBeGreaterThan(0);
    expect(f[f.length - 1]).toEqual([100, 1_500]);
    expect(screen.filter((l) => l.includes('%'))).toEqual([]);
    expect(screen).toContain('[exit 0]');
  });

  it('audit rows printed to the same terminal: no row line carries a piece of the bar', () => {
    const { raw } = runs.rows();
    // every line as the terminal received it, after the last carriage return (what stays on screen)
    const lines = raw.split('\n').map((l) => l.replace(/\r$/, '').split('\r').pop()!.replace(/\x1b\[K/g, '')); // the terminal ends lines \r\n
    const rows = lines.filter((l) => /^\d+ +E\d+ /.test(l));
    expect(rows).toHaveLength(1_200);
    expect(rows.filter((l) => /\[#|\d+% /.test(l))).toEqual([]);
    expect(frames(raw).length).toBeGreaterThan(0);
  });

  it('never in a pipe or a file: stderr not a terminal gets no bar', async () => {
    expect(await piped).toBe(`${ROWS} rows: ${ROWS} ok, 0 underpaid, 0 overpaid, 0 invalid\n`);
  });
});
