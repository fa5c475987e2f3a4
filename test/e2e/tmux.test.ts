// A real terminal: cba run in tmux at a fixed size, the screen read back with capture-pane (-J joins
// lines the terminal wrapped, so a line wider than the terminal shows up as one long line).
// .ci/run installs tmux when it is missing; the test is skipped only where tmux cannot be had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, onPath, untilHolds } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import stringWidth from '../../src/lazy/text-width';

const hasTmux = onPath('tmux');
const socket = `cba-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', timeout: 30_000 });

/**
 * The tmux commands that start cba in a fresh tmux window of the given size, and a function that waits
 * for it to end and gives the screen as the user sees it (history included). The tests start all
 * their windows at once (each its own session, every new-session in one tmux command list), so the
 * runs overlap instead of waiting on each other; each window is read back by one tmux client too
 * (wait-for, capture-pane): a tmux client started from this worker forks the worker.
 */
function start(name: string, width: number, args: string[]): { session: string; commands: string[]; screen: () => string[] } {
  const session = `${name}-w${width}`;
  const shellArgs = args.map((a) => `'${a}'`).join(' ');
  const cmd = `cd '${ROOT}' && '${process.execPath}' '${BIN}' ${shellArgs}; echo "[exit $?]"; tmux -L ${socket} wait-for -S ${session}-done; sleep 60`;
  const commands = [';', 'new-session', '-d', '-s', session, '-x', String(width), '-y', '60', '-e', 'NO_COLOR=', '-e', 'COLUMNS=', cmd];
  return {
    session,
    commands,
    screen: () => {
      // a signal sent before anyone waits is kept by tmux: the wait then returns at once
      // (the session ends with the server, afterAll)
      let w = tmux('wait-for', `${session}-done`, ';', 'capture-pane', '-p', '-J', '-S', '-', '-t', session);
      expect(w.status, w.stderr).toBe(0);
      // the signal can reach tmux before it has read the window's last bytes (the "[exit" line the
      // command prints before it): the screen is read again until it shows that line
      const screen = untilHolds(() => w.stdout, '[exit ', () => {
        w = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session);
        expect(w.status, w.stderr).toBe(0);
      });
      return screen.replace(/\n+$/, '').split('\n');
    },
  };
}

describe.skipIf(!hasTmux)('in a real terminal (tmux)', () => {
  const WIDEST = [['stipend', 'bilingual'], ['deadline', 'grievance', '--occurred', '2005-11-18'], ['step-advance', '--class', 'II', '--step', '5', '--days-served', '150']];
  let screens: Record<'narrow' | 'wide', () => string[]> & { widest: (() => string[])[] };
  let socketPath: string;
  beforeAll(() => {
    // one session kept open for the whole test, so the server does not exit between windows, its
    // socket's path asked at once, and every window started, by one tmux client
    const narrow = start('narrow', 80, ['salary', '--class', 'IV', '--step', '13']);
    const wide = start('wide', 200, ['salary', '--class', 'IV', '--step', '13']);
    const widest = WIDEST.map((args, i) => start(`widest${i}`, 80, args));
    const windows = [narrow, wide, ...widest];
    const s = tmux('new-session', '-d', '-s', 'keep', 'sleep 600', ';', 'display-message', '-p', '-t', 'keep', '#{socket_path}', ...windows.flatMap((w) => w.commands), ';', 'list-sessions', '-F', '#{session_name}');
    const [path, ...sessions] = s.stdout.trim().split('\n');
    // every window started (a command of the list that fails ends the list: its status is not 0)
    for (const w of windows) expect(sessions, s.stderr).toContain(w.session);
    socketPath = path;
    screens = { narrow: narrow.screen, wide: wide.screen, widest: widest.map((w) => w.screen) };
  });
  afterAll(() => void tmux('kill-server'));

  it("the tmux server's socket is in the run's temporary folder (tmux leaves it behind when the server ends)", () => {
    const path = socketPath;
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
