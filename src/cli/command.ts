// What every command module is made of: its options declared once (a table whose types follow from
// the flags), the streams it runs with (Io), the context handed to its run(opts, ctx), and what
// run returns. No global state: main() makes one context per invocation.
import type { Command } from 'commander';
import { fieldText, InputError, isUserError } from '../core/errors';
import { loadAgreement } from '../rules/load';
import type { Agreement } from '../rules/types';
import { flagOf, type Ctx, type Io } from './output';

export { flagOf };
export type { Io };

export function processIo(): Io {
  return processIoWith(undefined, undefined);
}

/** The process's streams, with stdout and stderr replaced by the given writers (not terminals); the
 *  process's own streams are made only when used (making one loads Node's stream machinery). */
export function processIoWith(stdout: { write(s: string): boolean } | undefined, stderr: { write(s: string): boolean } | undefined): Io {
  return {
    stdout: (stdout as unknown as NodeJS.WritableStream) ?? process.stdout,
    stderr: (stderr as unknown as NodeJS.WritableStream) ?? process.stderr,
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    isTTY: stdout ? false : process.stdout.isTTY,
    columns: stdout ? undefined : process.stdout.columns,
    stderrIsTTY: stderr ? false : process.stderr.isTTY,
    ownsProcess: true,
  };
}

/** One option: its flags as commander takes them, its help line, repeatable or required. */
export interface OptionSpec {
  readonly flags: string;
  readonly help: string;
  /** may be given several times; the values are collected in order */
  readonly repeat?: true;
  /** commander refuses the command without it */
  readonly required?: true;
  /** the value when the option is not given (shown in the help) */
  readonly default?: string;
}
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** --json, and --json with --csv, as most commands declare them: spread into a command's OPTIONS (a
 *  command whose JSON or CSV output wants a longer help line declares its own). */
export const JSON_OPTION = { json: { flags: '--json', help: 'print JSON' } } as const;
export const JSON_CSV_OPTIONS = { ...JSON_OPTION, csv: { flags: '--csv', help: 'print CSV' } } as const;

type ValueOf<S extends OptionSpec> = S extends { repeat: true }
  ? string[]
  : S['flags'] extends `${string}...>`
    ? string[]
    : S['flags'] extends `${string}<${string}>`
      ? string
      : boolean;

/** The options a command's run receives, typed from its table: a value flag is text, a bare flag a boolean. */
type Always = { required: true } | { default: string };
export type OptionsOf<T extends OptionTable> = { -readonly [K in keyof T as T[K] extends Always ? K : never]: ValueOf<T[K]> } & {
  -readonly [K in keyof T as T[K] extends Always ? never : K]?: ValueOf<T[K]>;
};

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Declare a table's options on a commander command, in table order. */
export function declare(cmd: Command, table: OptionTable): Command {
  for (const [key, o] of Object.entries(table)) {
    if (camelOf(o.flags) !== key) throw new Error(`option table: key ${key} does not match ${o.flags}`);
    if (o.required) cmd.requiredOption(o.flags, o.help);
    else if (o.repeat) cmd.option(o.flags, o.help, collect);
    else if (o.default !== undefined) cmd.option(o.flags, o.help, o.default);
    else cmd.option(o.flags, o.help);
  }
  return cmd;
}

/** --days-served -> daysServed (commander's key for the option). */
export function camelOf(flags: string): string {
  const long = /--([a-z0-9-]+)/.exec(flags)?.[1] ?? '';
  return long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** A table's defaults and required options, in its order, read once per table (a check file runs a command's table thousands of times). */
const FACTS = new WeakMap<OptionTable, { defaults: [string, NonNullable<OptionSpec['default']>][]; required: [string, OptionSpec][] }>();
function tableFacts(table: OptionTable) {
  let f = FACTS.get(table);
  if (!f) {
    f = { defaults: [], required: [] };
    for (const [key, spec] of Object.entries(table)) {
      if (spec.default !== undefined) f.defaults.push([key, spec.default]);
      if (spec.required) f.required.push([key, spec]);
    }
    FACTS.set(table, f);
  }
  return f;
}

/** Options given as data (a cba check case's input: daysServed or days-served), checked against the table
 *  as commander would check them on the command line. */
export function optionsFrom<T extends OptionTable>(table: T, input: Record<string, unknown>): OptionsOf<T> {
  const out: Record<string, string | boolean | string[]> = {};
  for (const [name, v] of Object.entries(input)) {
    const key = name.includes('-') ? camelOf('--' + name) : name;
    const spec = table[key];
    if (!spec) throw new InputError(`error: unknown option '${flagOf(key)}'`);
    const many = Boolean(spec.repeat) || spec.flags.endsWith('...>');
    const takesValue = spec.flags.includes('<');
    if (!takesValue) {
      if (typeof v !== 'boolean') throw new InputError(`${flagOf(key)} takes no value: write true or false`);
      if (v) out[key] = true;
      continue;
    }
    if (v === false) continue;
    if (v === true) throw new InputError(`error: option '${spec.flags}' argument missing`);
    const list = (Array.isArray(v) ? v : [v]).map(String);
    out[key] = many ? list : list[list.length - 1];
  }
  const { defaults, required } = tableFacts(table);
  for (const [key, d] of defaults) if (out[key] === undefined) out[key] = d;
  for (const [key, spec] of required) if (out[key] === undefined) throw new InputError(`error: required option '${spec.flags}' not specified`);
  // every key and value was checked against the table above
  return out as OptionsOf<T>;
}

/** The global options (before the command name). */
export interface GlobalOpts {
  rules?: string;
  agreement?: string;
  color?: boolean;
  debug?: boolean;
  wide?: boolean;
  quiet?: boolean;
}

/** What run(opts, ctx) is given: where to write, the global options, and the agreement on demand. */
export interface RunCtx {
  out: Ctx;
  io: Io;
  global: GlobalOpts;
  /** the agreement chosen by --rules/--agreement, loaded once */
  agreement(): Promise<Agreement>;
}

/** What run returns: `failed` when a check ran and failed (exit 1). Bad input is thrown (exit 2). */
export interface RunResult {
  failed?: boolean;
}

export function agreementLoader(g: GlobalOpts): () => Promise<Agreement> {
  let p: Promise<Agreement> | undefined;
  return () => (p ??= loadAgreement({ rules: g.rules, agreement: g.agreement }));
}

/** --json and --csv together are contradictory. */
export function oneFormat(o: { json?: boolean; csv?: boolean }): void {
  if (o.json && o.csv) throw new InputError('give --json or --csv, not both');
}

/** The exit code and message of an error thrown by a run: a user's error is 1 or 2, anything else 70. */
export function errorOutcome(e: unknown): { code: number; message: string; internal: boolean } {
  if (isUserError(e)) {
    // an error naming fields (rules, parsers) is shown with the CLI's flags
    const t = (e as { template?: unknown }).template;
    return { code: e.exitCode, message: fieldText(typeof t === 'string' ? t : e.message, flagOf), internal: false };
  }
  const err = e as Error;
  return { code: 70, message: `internal error: ${err?.message ?? String(e)}`, internal: true };
}

/** Runs a command's body with its context; main() supplies it and keeps the result. */
export type Exec = (cmd: Command, body: (ctx: RunCtx) => Promise<RunResult | void>) => Promise<void>;

/** The shape of every command module (src/commands/<name>.ts). */
export interface CommandModule {
  DESCRIPTION: string;
  register(program: Command, exec: Exec): void;
}
