// cba check: files of expected results. Each case names a command, its inputs as the CLI takes them
// and the figures expected; the case runs that command's run() in-process and compares its JSON.
import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS, readBoundedStdin, readBoundedText } from '../core/read-bounded';
import { confineOutputs, noteInput } from '../cli/run-files';
import { InputError } from '../core/errors';
import { compareExpected, type FieldFailure } from '../batch/check/compare';
import { fastCheckFile } from '../batch/check/fast';
import { jsonData } from '../batch/check/json-data';
import type { CheckCase } from '../batch/check/schema';
import type { Computation } from '../batch/check/computations';
import { JSON_OPTION, declare, errorOutcome, oneFormat, optionsFrom, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { JSON_TAKER, plainPainter, printJson, write } from '../cli/output';
import * as salary from './salary';
import * as schedule from './schedule';
import * as stipend from './stipend';
import * as sickLeave from './sick-leave';
import * as deadline from './deadline';
import * as stepAdvance from './step-advance';
import * as calendar from './calendar';
import * as partTimeRetirement from './part-time-retirement';
import * as releasedTime from './released-time';

export const DESCRIPTION = 'Run files of expected results: each case names a computation, its inputs as the CLI takes them, and the expected figures';

export const OPTIONS = {
  ...JSON_OPTION,
} as const;
export type CheckOptions = OptionsOf<typeof OPTIONS> & { files: string[] };

export function register(program: Command, exec: Exec): void {
  declare(program.command('check').argument('<files...>', 'YAML or JSON files of cases (- for stdin)').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples(['cba check fixtures/check/expected.yaml', 'cat cases.json | cba check -', '# a case:', '#   - name: Class IV Step 13 with 200 days', '#     run: salary', '#     input: { class: IV, step: 13, days: 200 }', '#     expect: { totalSalary: 74523.20, dailyRate: 372.62 }']),
    )
    .action((files: string[], o: OptionsOf<typeof OPTIONS>, c: Command) => exec(c, (ctx) => run({ ...o, files }, ctx)));
}

type Input = Record<string, unknown>;
type CaseRun = (input: Input, args: string[], ctx: RunCtx) => Promise<RunResult | void>;

/** Positional arguments as commander checks them: none, or one required. */
function noArgs(run: string, args: string[]): void {
  if (args.length) throw new InputError(`error: too many arguments for '${run}'. Expected 0 arguments but got ${args.length}.`);
}
function oneArg(run: string, name: string, args: string[]): string {
  if (!args.length) throw new InputError(`error: missing required argument '${name}'`);
  if (args.length > 1) throw new InputError(`error: too many arguments for '${run}'. Expected 1 argument but got ${args.length}.`);
  return args[0];
}
/** The options of a case checked against the command's table, with one output format. */
function opts<T extends Parameters<typeof optionsFrom>[0]>(table: T, input: Input): OptionsOf<T> {
  const o = optionsFrom(table, input);
  oneFormat(o as { json?: boolean; csv?: boolean });
  return o;
}

/** Each computation a case may name: its command's run, with the case's input as its options. */
const RUNS: Record<Computation, CaseRun> = {
  salary: (i, args, ctx) => (noArgs('salary', args), salary.run(opts(salary.OPTIONS, i), ctx)),
  schedule: (i, args, ctx) => (noArgs('schedule', args), schedule.run(opts(schedule.OPTIONS, i), ctx)),
  stipend: (i, args, ctx) => stipend.run({ ...opts(stipend.OPTIONS, i), ids: args }, ctx),
  'sick-leave': (i, args, ctx) => (noArgs('sick-leave', args), sickLeave.run(opts(sickLeave.OPTIONS, i), ctx)),
  deadline: (i, args, ctx) => deadline.run({ ...opts(deadline.OPTIONS, i), name: oneArg('deadline', 'name', args) }, ctx),
  'step-advance': (i, args, ctx) => (noArgs('step-advance', args), stepAdvance.run(opts(stepAdvance.OPTIONS, i), ctx)),
  calendar: (i, args, ctx) => (noArgs('calendar', args), calendar.run(opts(calendar.OPTIONS, i), ctx)),
  'part-time-retirement': (i, args, ctx) => (noArgs('part-time-retirement', args), partTimeRetirement.run(opts(partTimeRetirement.OPTIONS, i), ctx)),
  'released-time': (i, args, ctx) => (noArgs('released-time', args), releasedTime.run(opts(releasedTime.OPTIONS, i), ctx)),
};

/** What a case writes on one stream: its text, or the one JSON value it printed, taken as data
 *  (what JSON.parse reads from the printed text). A write after a
 *  taken value first puts the value back as printJson prints it. A pure computation's streams are
 *  plain sinks; the others' real Writables (a deadline batch waits on its stream's events). */
function capture(real: boolean) {
  let text = '';
  let taken = false;
  let value: unknown;
  const add = (s: string) => {
    if (taken) {
      text = JSON.stringify(value, null, 2) + '\n';
      taken = false;
    }
    text += s;
  };
  const take = (v: unknown): boolean => {
    if (text || taken || v === undefined || typeof v === 'function' || typeof v === 'symbol') return false;
    // the data is copied when printed, as the text was printed (and with its errors)
    value = jsonData(v);
    taken = true;
    return true;
  };
  let stream: NodeJS.WritableStream;
  if (real) {
    // node:stream is loaded when a check runs, not at every command's start-up
    stream = new (process.getBuiltinModule('node:stream').Writable)({
      decodeStrings: false,
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  } else
    stream = {
      write(chunk: unknown) {
        add(String(chunk));
        return true;
      },
    } as unknown as NodeJS.WritableStream;
  (stream as unknown as Record<symbol, unknown>)[JSON_TAKER] = take;
  return { stream, text: () => text, data: (): { value: unknown } | undefined => (taken ? { value } : undefined) };
}

async function readText(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') return readBoundedStdin('- (standard input)', LIMITS.checkFile, 'a check file', stdin);
  const text = readBoundedText(file, file, LIMITS.checkFile, 'a check file');
  noteInput(file);
  return text;
}

interface CaseResult {
  file: string;
  name: string;
  status: 'passed' | 'failed' | 'bad';
  failures: FieldFailure[];
  message?: string;
}

/** What a case's run gave: exit code, message, what it wrote (stdout's JSON value taken as data), and
 *  stdout read as JSON once a case compares it. */
interface Outcome {
  code: number;
  message?: string;
  stdout: string;
  /** the JSON value printed on stdout (nothing else written there), as data */
  data?: { value: unknown };
  stderr: string;
  actual?: unknown;
}

/** One case: its command's run on captured streams (no colour, not a terminal); exit code and message as the CLI's. */
async function runCase(c: CheckCase, ctx: RunCtx): Promise<Outcome> {
  const real = !PURE.has(c.run);
  const out = capture(real);
  const err = capture(real);
  const sub: RunCtx = {
    ...ctx,
    out: { ...ctx.out, color: false, paint: plainPainter, stdout: out.stream, stderr: err.stream, isTTY: false, columns: undefined, stderrIsTTY: false },
  };
  const input: Input = { ...c.input, ...(c.run === 'calendar' || c.run === 'schedule' || c.expect ? { json: true } : {}) };
  // a case writes files (--ics) only inside a temporary folder of its own, removed after it
  let scratch: string | undefined;
  confineOutputs(() => (scratch ??= mkdtempSync(join(process.getBuiltinModule('node:os').tmpdir(), 'cba-check-'))));
  try {
    const r = await RUNS[c.run](input, (c.args ?? []).map(String), sub);
    return { code: r?.failed ? 1 : 0, stdout: out.text(), data: out.data(), stderr: err.text() };
  } catch (e) {
    const o = errorOutcome(e);
    return { code: o.code, message: o.message, stdout: out.text(), data: out.data(), stderr: err.text() };
  } finally {
    confineOutputs(undefined);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** The computations that are functions of their input alone (no file written, no date of today): a
 *  case repeating another's run, arguments and input gets the same outcome without running again. */
const PURE = new Set<string>(['salary', 'schedule', 'stipend', 'sick-leave', 'step-advance']);

/** The cases of a file's data: by its shape when it is a plain file of cases, else by the schema;
 *  undefined when the schema refuses it (the validator then names the problem and its line). */
async function casesOf(data: unknown): Promise<{ cases: CheckCase[] } | undefined> {
  const fast = fastCheckFile(data, LIMITS.yamlDepth);
  if (fast) return fast;
  const [{ depthOver }, { CheckFile }] = await Promise.all([import('../rules/validate'), import('../batch/check/schema')]);
  const r = depthOver(data, LIMITS.yamlDepth) ? undefined : CheckFile.safeParse(data);
  return r?.success ? (r.data as { cases: CheckCase[] }) : undefined;
}

export async function run(o: CheckOptions, ctx: RunCtx): Promise<RunResult> {
  const { out } = ctx;
  const outcomes = new Map<string, Outcome>();
  const results: CaseResult[] = [];
  for (const file of o.files) {
    const text = await readText(file, ctx.io.stdin);
    const shown = file === '-' ? '(stdin)' : file;
    let parsed: { cases: CheckCase[] } | undefined;
    // JSON is read with JSON.parse, YAML in its plain shapes by the reader of check files
    // (src/core/fast-yaml.ts), each then checked by its shape (fast) or by the schema; anything
    // else, and any file the schema refuses, through the validator, which names the line of a problem
    if (/^\s*[{[]/.test(text)) {
      try {
        parsed = await casesOf(JSON.parse(text));
      } catch {
        /* not JSON after all: the YAML readers say where */
      }
    }
    if (!parsed) {
      const { fastYaml } = await import('../core/fast-yaml');
      const data = fastYaml(text, { maxAliases: LIMITS.yamlAliases, maxDepth: LIMITS.yamlDepth });
      if (data !== undefined) parsed = await casesOf(data);
    }
    if (!parsed) {
      const [{ validateFile }, { CheckFile }] = await Promise.all([import('../rules/validate'), import('../batch/check/schema')]);
      try {
        parsed = validateFile(CheckFile, shown, shown, text) as { cases: CheckCase[] };
      } catch (e) {
        throw new InputError((e as Error).message);
      }
    }
    for (const [i, c] of (parsed.cases as CheckCase[]).entries()) {
  const key = PURE.has(c.run) ? JSON.stringify([c.run, c.args ?? [], c.input, c.expect !== undefined]) : undefined;
  let outcome = key === undefined ? undefined : outcomes.get(key);
  if (!outcome) {
    outcome = await runCase(c, ctx);
    if (key !== undefined) {
      if (outcomes.size >= 20_000) outcomes.clear();
      outcomes.set(key, outcome);
    }
  }
  const { code, message: msg, stdout, stderr } = outcome;
  const r: CaseResult = { file: shown, name: c.name, status: 'passed', failures: [] };
  const wantCode = c.exitCode ?? (c.error !== undefined ? 2 : undefined);
  if (code === 2 && wantCode !== 2) {
    r.status = 'bad';
    r.message = `${shown}: cases[${i}] "${c.name}": ${msg ?? stderr.trim()}`;
  } else {
    if (wantCode !== undefined && code !== wantCode) r.failures.push({ field: 'exitCode', expected: wantCode, actual: code });
    if (wantCode === undefined && code !== 0 && code !== 1) r.failures.push({ field: 'exitCode', expected: '0 or 1', actual: code });
    if (c.error !== undefined && !(msg ?? '').includes(c.error)) r.failures.push({ field: 'error', expected: c.error, actual: msg ?? '(none)' });
    if (c.expect && code !== 2) {
      if (!('actual' in outcome))
        if (outcome.data) outcome.actual = outcome.data.value;
        else
          try {
            outcome.actual = JSON.parse(stdout);
          } catch {
            outcome.actual = undefined;
          }
      r.failures.push(...compareExpected(c.expect, outcome.actual));
    }
    if (r.failures.length) r.status = 'failed';
  }
  results.push(r);
}
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const bad = results.filter((r) => r.status === 'bad');
  if (o.json) printJson(out, { passed, failed, bad: bad.length, cases: results });
  else {
    for (const r of results.filter((x) => x.status === 'failed'))
  // one line per failure, never wrapped: scripts grep these
  for (const f of r.failures) out.stdout.write(`${out.paint.red('FAIL')} ${r.file}: ${r.name}: ${f.field}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}\n`);
    write(out, `${passed} passed, ${failed} failed`);
  }
  if (bad.length) throw new InputError(bad.map((b) => b.message).join('; '));
  return { failed: failed > 0 };
}
