// A real terminal: cba run in tmux at a fixed size, the screen read back with capture-pane (-J joins
// lines the terminal wrapped, so a line wider than the terminal shows up as one long line).
// .ci/run installs tmux when it is missing; the test is skipped only where tmux cannot be had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import stringWidth from '../../src/lazy/text-width';

const hasTmux = spawnSync('sh', ['-c', 'command -v tmux']).status === 0;
const socket = `cba-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 30_000 });

/**
 * Start cba in a fresh tmux window of the given size; the function returned waits for it to end and
 * gives the screen as the user sees it (history included). The tests start all their windows at once
 * (each its own session), so the runs overlap instead of waiting on each other.
 */
function start(name: string, width: number, args: string[]): () => string[] {
  const session = `${name}-w${width}`;
  const shellArgs = args.map((a) => `'${a}'`).join(' ');
  const cmd = `cd '${ROOT}' && '${process.execPath}' '${BIN}' ${shellArgs}; echo "[exit $?]"; tmux -L ${socket} wait-for -S ${session}-done; sleep 60`;
  const s = tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', '60', '-e', 'NO_COLOR=', '-e', 'COLUMNS=', cmd);
  expect(s.status, s.stderr).toBe(0);
  return () => {
    // a signal sent before anyone waits is kept by tmux: the wait then returns at once
    const w = tmux('wait-for', `${session}-done`);
    expect(w.status, w.stderr).toBe(0);
    const cap = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session);
    tmux('kill-session', '-t', session);
    return cap.stdout.replace(/\n+$/, '').split('\n');
  };
}

describe.skipIf(!hasTmux)('in a real terminal (tmux)', () => {
  const WIDEST = [['stipend', 'bilingual'], ['deadline', 'grievance', '--occurred', '2005-11-18'], ['step-advance', '--class', 'II', '--step', '5', '--days-served', '150']];
  let screens: Record<'narrow' | 'wide', () => string[]> & { widest: (() => string[])[] };
  beforeAll(() => {
    // one session kept open for the whole test, so the server does not exit between windows
    tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
    screens = {
      narrow: start('narrow', 80, ['salary', '--class', 'IV', '--step', '13']),
      wide: start('wide', 200, ['salary', '--class', 'IV', '--step', '13']),
      widest: WIDEST.map((args, i) => start(`widest${i}`, 80, args)),
    };
  });
  afterAll(() => void tmux('kill-server'));

  it("the tmux server's socket is in the run's temporary folder (tmux leaves it behind when the server ends)", () => {
    const path = tmux('display-message', '-p', '-t', 'keep', '#{socket_path}').stdout.trim();
    expect(path.startsWith(join(tmpdir(), '/'))).toBe(true);
  });

  it('at 80 columns no line is wider than 80, and the sources are footnotes', () => {
    const lines = screens.narrow();
    expect(lines).toContain('[exit 0]');
    expect(lines.join('\n')).toContain('70,797.00');
    expect(lines.join('\n')).toMatch(/\[1\] Source: Appendix A/);
    const wide = lines.filter((l) => stringWidth(l) > 80);
    expect(wide).toEqual([]);
  });

  it('at 200 columns the table keeps its Source column and uses the room', () => {
    const lines = screens.wide();
    expect(lines).toContain('[exit 0]');
    expect(lines.join('\n')).toMatch(/│ Source +│/);
    expect(Math.max(...lines.map(stringWidth))).toBeGreaterThan(150);
    expect(Math.max(...lines.map(stringWidth))).toBeLessThanOrEqual(200);
  });

  it('the widest outputs fit 80 columns too', () => {
    WIDEST.forEach((args, i) => {
      const lines = screens.widest[i]();
      expect(lines.filter((l) => stringWidth(l) > 80), args.join(' ')).toEqual([]);
      expect(lines.some((l) => l.startsWith('[exit '))).toBe(true);
    });
  });
});
