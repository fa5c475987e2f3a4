// Running cba in tests. By default in process: main(argv, io) from src/cli/main.ts with captured
// stdout and stderr, the given stdin, environment and working folder, and its exit code; the same
// code the bin runs, a thousand times cheaper than a process. cbaBin runs the built bin in a real
// process, for the smoke tests of the bin itself (start-up, pipes, an installed copy); cba with
// opts.bin, or CBA_TEST_BIN=1 in the environment, does too.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { ROOT } from './contract';

export const BIN = join(ROOT, 'bin', 'cba.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOpts {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  bin?: string;
}

/** The environment of a run: the test process's (or base, a copy of it), without colour settings,
 *  TERM=xterm, then opts.env. */
function envOf(opts: RunOpts, base: Record<string, string | undefined> = process.env): Record<string, string> {
  const env: Record<string, string | undefined> = { ...base, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Record<string, string>;
}

/** Run the built bin as a user would (no TTY), with a clean colour environment. */
export function cbaBin(args: string[], opts: RunOpts = {}): Run {
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], { encoding: 'utf8', env: envOf(opts) as NodeJS.ProcessEnv, input: opts.input ?? '', cwd: opts.cwd ?? ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// The FIFOs of slowRead, each used by one run at a time and then by the next: making one takes a
// process (mkfifo), and each process this worker starts forks the worker. They are left in the run's
// temporary folder, which is removed when the test run ends (test/helpers/global-setup.ts).
const freeFifos: string[] = [];
function takeFifo(): string {
  const free = freeFifos.pop();
  if (free) return free;
  const fifo = join(mkdtempSync(join(tmpdir(), 'cba-pipe-')), 'stdout');
  execFileSync('mkfifo', [fifo]);
  return fifo;
}

/** Run the built bin with stdout on a real pipe (a FIFO: the pipe Node gives a child is a socket pair,
 *  which holds 200 KB or more) that this process reads slowly (paused 5 ms after every chunk), so a
 *  large output fills the pipe's 64 KiB and blocks the writer again and again; stdin from a file, or
 *  none. */
export function slowRead(args: string[], stdinFile?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const fifo = takeFifo();
    // the shell opens the pipe's write end as the bin's standard output (the open waits for the reader)
    const child = spawn('sh', ['-c', 'f=$1; shift; exec "$@" > "$f"', 'sh', fifo, process.execPath, BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: [stdinFile ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    if (stdinFile) createReadStream(stdinFile).pipe(child.stdin!);
    const out: Buffer[] = [];
    let err = '';
    let code = -1;
    let left = 2; // the pipe read to its end and closed, and the bin exited
    const done = () => {
      if (--left) return;
      freeFifos.push(fifo); // both ends closed: the next run may use it
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
    };
    child.stderr.on('data', (d) => (err += d));
    const reader = createReadStream(fifo);
    reader.on('data', (d) => {
      out.push(d as Buffer);
      reader.pause();
      setTimeout(() => reader.resume(), 5);
    });
    // closed, not only read to its end: its descriptor is shut before the FIFO is used again
    reader.on('close', done);
    reader.on('error', reject);
    child.on('error', reject);
    child.on('close', (c) => {
      code = c ?? -1;
      done();
    });
  });
}

/** A writable stream that keeps what is written to it, and its text. */
export function capture() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, enc, cb) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, enc));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

/** The variables a run changes in this process's environment (envOf: the colour settings cleared,
 *  TERM=xterm, then opts.env), each with its value for the run (undefined: unset). */
function changesOf(opts: RunOpts): [string, string | undefined][] {
  const { TZ, ...to }: Record<string, string | undefined> = { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm', ...opts.env };
  const vars = Object.entries(to);
  // TZ last (when the run sets or clears it), so that Node resets its time zone once
  if (opts.env && 'TZ' in opts.env) vars.push(['TZ', TZ]);
  return vars;
}

/** Set the variables to the given values (undefined: unset them), and give what they were. Only these
 *  are read or written: each read or write of process.env is a call into the C++ environment, and a
 *  copy of the whole environment at every run (two, and two passes comparing them) was about a
 *  quarter of the CPU of a plain in-process run such as cba salary. */
function setVars(vars: [string, string | undefined][]): [string, string | undefined][] {
  const before: [string, string | undefined][] = [];
  for (const [k, v] of vars) {
    const was = process.env[k];
    before.push([k, was]);
    if (v === was) continue;
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return before;
}

// In-process runs share the process's working folder and environment, so they take turns: a run
// started while another is going (from a describe.concurrent block) waits for it to end, or for 30 s
// after it began: a run that never ends fails its own test, not every run after it in this worker.
const HUNG_MS = 30_000;
let last: { started: Promise<void>; done: Promise<unknown> } = { started: Promise.resolve(), done: Promise.resolve() };

function doneOrHung(started: Promise<void>, done: Promise<unknown>): Promise<unknown> {
  return started.then(() => {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((resolve) => (timer = setTimeout(resolve, HUNG_MS)).unref());
    return Promise.race([done, hung]).finally(() => clearTimeout(timer));
  });
}

/** Run cba in process (or the bin, with opts.bin or CBA_TEST_BIN=1). */
export function cba(args: string[], opts: RunOpts = {}): Promise<Run> {
  if (opts.bin || process.env.CBA_TEST_BIN) return Promise.resolve(cbaBin(args, opts));
  const prev = last;
  let began!: () => void;
  const started = new Promise<void>((resolve) => (began = resolve));
  const run = doneOrHung(prev.started, prev.done).then(() => {
    began();
    return inProcess(args, opts);
  });
  last = { started, done: run.catch(() => undefined) };
  return run;
}

let modules: Promise<[typeof import('../../src/cli/main'), typeof import('../../src/rules/load')]> | undefined;

async function inProcess(args: string[], opts: RunOpts): Promise<Run> {
  const [{ main }, { forgetLoadedRules }] = await (modules ??= Promise.all([import('../../src/cli/main'), import('../../src/rules/load')]));
  // a test may edit a rules folder between runs, as between processes: every folder is read again
  // but the package's own rules/ (read through the compiled cache, checked by stat: about 30% of the
  // CPU of a plain run such as cba salary here), which no test edits
  forgetLoadedRules(true);
  const out = capture();
  const err = capture();
  const stdin = Readable.from(opts.input ? [Buffer.from(opts.input)] : []);
  const cwd = process.cwd();
  let code: number;
  let saved: [string, string | undefined][] | undefined;
  try {
    process.chdir(opts.cwd ?? ROOT);
    // the run's environment set on process.env itself, which the run is given as its environment as
    // the bin is (src/cli/command.ts processIo), so that Node sees a TZ given here and the run's dates
    // are made in that time zone, as in a process
    saved = setVars(changesOf(opts));
    code = await main(['node', 'cba', ...args], { stdout: out.stream, stderr: err.stream, stdin, env: process.env, isTTY: false, stderrIsTTY: false });
  } finally {
    // cba never writes process.env: the variables the run set are set back as they were
    if (saved) setVars(saved);
    process.chdir(cwd);
  }
  return { code, stdout: out.text(), stderr: err.text() };
}

/**
 * What read() gives once it holds the text (read() again after again() every 20 ms, up to 10 s;
 * then the last reading, for the test's own assertions to fail on): for output another process
 * hands over asynchronously (a terminal's bytes through tmux), with no timing in the test.
 */
export function untilHolds(read: () => string, text: string, again: () => void = () => {}): string {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let got = read();
  for (let waited = 0; !got.includes(text) && waited < 10_000; waited += 20) {
    Atomics.wait(pause, 0, 0, 20);
    again();
    got = read();
  }
  return got;
}

/** Whether a program is on the PATH (as `command -v` says, without starting a shell to ask: each
 *  process a test worker starts forks the worker, a few ms of the kernel copying its page tables). */
export function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => {
    try {
      accessSync(join(d || '.', cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function json(r: Run): any {
  return JSON.parse(r.stdout);
}
