// The CLI entry: builds the commander program and maps every error to its exit code, once.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { InputError } from '../core/errors';
import { loadAgreement } from '../rules/load';
import { COMMANDS, invoked, registerCommands } from '../commands/index';
import { useGlobalOptions } from '../commands/completion';
import { nearest } from '../core/suggest';
import { agreementLoader, errorOutcome, oneFormat, processIoWith, type Exec, type GlobalOpts, type Io } from './command';
import { makeCtx, terminalWidth } from './output';
import { asOutputError, escapeControls, outputFailureReported } from './batch-io';
import { resetRunFiles } from './run-files';
import { stdoutClosedAtStart } from './stdio-guard';
import { fstatSync } from 'node:fs';
import { FdWriter, isDevNull } from './fd-output';
import { fastParse } from './fast-parse';

/** commander, loaded only when a call needs it (help, errors of the command line, anything unusual):
 *  a plain call is read by fastParse (loading and setting up commander cost more than the answer). */
type Commander = typeof import('commander');

/** Help shows the contract's figures from the loaded rules: {=name} in an option's help is
 *  agreement.yaml's parameters.name (baseYearDays, maxYearDays, ...), never a number typed here. */
function withParameters(text: string, params: Record<string, number> | undefined): string {
  return text.replace(/\{=([a-zA-Z]+)\}/g, (_m, k: string) => (params?.[k] !== undefined ? String(params[k]) : `the agreement's ${k.replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase())}`));
}

/** The agreement's parameters, for a --help (only then: a plain run does not pay for it). */
async function helpParameters(argv: string[]): Promise<Record<string, number> | undefined> {
  if (!argv.some((a) => a === '--help' || a === '-h' || a === 'help')) return undefined;
  const after = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  try {
    const a = await loadAgreement({ rules: after('--rules'), agreement: after('--agreement') });
    return Object.fromEntries(Object.entries(a.meta.parameters).map(([k, v]) => [k, (v as { value: number }).value]));
  } catch {
    return undefined;
  }
}

/** The global options (before the command name), on the program: the CLI's and the completion's. */
export function globalOptions(program: Command): Command {
  return program
    .version('0.1.0', '-V, --version')
    .option('--rules <dir>', 'rules folder: one agreement, or a folder of several (read and validated at run time). Order: --rules, else $CBA_RULES, else the shipped agreement')
    .option('--agreement <id>', 'which agreement, when the rules folder holds several')
    .option('--no-color', 'no colour (also NO_COLOR=1, TERM=dumb, or when not a terminal)')
    .option('--wide', 'tables at full width, however narrow the terminal')
    .option('-q, --quiet', 'print nothing but errors: for scripts that want only the exit code')
    .option('--debug', 'show stack traces of errors');
}

useGlobalOptions(globalOptions);

function build({ Command, Help }: Commander, io: Io, argv: string[], exec: Exec, params?: Record<string, number>): Command {
  const program = new Command('cba');
  program
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), getOutHelpWidth: () => terminalWidth(io), getErrHelpWidth: () => terminalWidth(io) })
    .description(
      'Contract calculator for a teachers\' collective bargaining agreement (default: SDCOE and the Association of Educators, 2005-2008).\nEvery figure says which article and schedule cell it comes from.',
    );
  globalOptions(program)
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, optionDescription: (o) => withParameters(new Help().optionDescription(o), params) })
    .addHelpText(
      'after',
      `
Examples:
  $ cba salary --class IV --step 13
  $ cba salary --class IV --step 13 --days 200 --json
  $ cba schedule --schedule community-day
  $ cba <command> --help      help and examples of one command

Rules: --rules <dir>, else the CBA_RULES environment variable, else the shipped
agreement (a folder of several agreements: choose with --agreement <id>;
cba agreements lists them).
Exit codes: 0 success, 1 a check failed, 2 bad input or bad rules.`,
    );
  registerCommands(program, argv, exec);
  return program;
}

const overview = () => `cba: the contract calculator for a teachers' collective bargaining agreement
(SDCOE and the Association of Educators, 2005-2008; --rules <dir> for another).
Every figure says which article and schedule cell it comes from.

Try:
  cba salary --class IV --step 13         salary, daily rate and monthly pay
  cba stipend --list                      every stipend with its amount
  cba deadline grievance --occurred 2005-11-18
                                          a grievance's timeline
  cba audit roster.csv                    check a payroll roster
  cba <command> --help                    options and examples of a command
  cba --help                              every command and global option

Commands:
${wrapWords(Object.keys(COMMANDS).join(', '), 76).map((l) => '  ' + l).join('\n')}
`;

function wrapWords(s: string, w: number): string[] {
  const out: string[] = [];
  for (const word of s.split(' ')) {
    if (out.length && out[out.length - 1].length + 1 + word.length <= w) out[out.length - 1] += ' ' + word;
    else out.push(word);
  }
  return out;
}

/** Run cba with these arguments (argv[0] and argv[1] are node and the script) on these streams;
 *  returns the exit code: 0 success, 1 a check failed, 2 bad input or rules, 70 an internal error. */
export async function main(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  resetRunFiles();
  // `cba` alone: a short overview, not an error
  if (argv.length <= 2) {
    io.stdout.write(overview());
    return 0;
  }
  // an unknown command is bad input, even with --help (which would otherwise print the program's help)
  const name = invoked(argv);
  if (name !== undefined && name !== 'help' && !(name in COMMANDS)) {
    const near = nearest(name, Object.keys(COMMANDS));
    io.stderr.write(`cba: unknown command '${oneLine(name)}'${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (cba --help lists the commands)\n`);
    return 2;
  }
  let failed = false;
  const exec: Exec = async (cmd, body) => {
    const g = cmd.optsWithGlobals() as GlobalOpts;
    // CBA_RULES sets the rules folder once for an office; --rules wins over it
    if (g.rules === undefined && io.env.CBA_RULES) {
      g.rules = io.env.CBA_RULES;
      if (!existsSync(g.rules)) throw new InputError(`CBA_RULES=${g.rules}: no such folder; set it to your rules folder (cba rules init <dir> makes one), or unset it`);
    }
    oneFormat(cmd.opts());
    const own = cmd.opts() as { json?: boolean; csv?: boolean };
    const out = await makeCtx(g.color, io, { wide: g.wide, tables: !own.json && !own.csv });
    if (g.quiet) {
      // --quiet: the exit code and errors only (files the user asked for are still written)
      // node:stream is loaded only here (requiring it at start-up costs every command ~2 ms)
      out.stdout = new (process.getBuiltinModule('node:stream').Writable)({ write: (_c, _e, cb) => cb() });
      out.quiet = true;
    }
    const r = await body({ out, io, global: g, agreement: agreementLoader(g) });
    if (r?.failed) failed = true;
  };
  // a plain call of a command, read without commander; anything else, by commander
  const fast =
    name !== undefined && name in COMMANDS
      ? fastParse(argv, (p) => {
          // the recorder takes the builder calls the command modules make on a commander Command
          const program = p as unknown as Command;
          globalOptions(program);
          registerCommands(program, argv, exec);
        })
      : undefined;
  let commander: Commander | undefined;
  let program: Command | undefined;
  if (!fast) {
    commander = await import('commander');
    program = build(commander, io, argv, exec, await helpParameters(argv));
    const refused = refusal(program, argv);
    if (refused) {
      io.stderr.write(`cba: ${refused}\n`);
      return 2;
    }
  }
  try {
    if (fast) await fast();
    else await program!.parseAsync(argv);
    return failed ? 1 : 0;
  } catch (e) {
    if (commander && e instanceof commander.CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2; // commander has printed the message
    }
    const out = asOutputError(e);
    if (out) {
      if (out.name === 'ReaderGone') return failed ? 1 : 0;
      if (!outputFailureReported(true)) io.stderr.write(`cba: ${out.message}\n`);
      return out.exitCode;
    }
    const o = errorOutcome(e);
    io.stderr.write(`cba: ${oneLine(o.message)}${o.internal && !debug ? ' (run with --debug for details)' : ''}\n`);
    // the stack only with --debug: reading it formats every frame (a refusal is most of a run's work
    // otherwise: in the tests, vitest's source-mapping hook made it a tenth of each hostile-input case)
    const stack = debug ? (e as Error)?.stack : undefined;
    if (stack) io.stderr.write(stack + '\n');
    return o.code;
  }
}

/** The (sub)command the words name: `rules import schedule` -> that command, with the words that
 *  led there; `unknown` is a word where a subcommand was due that is none of them. */
function leafOf(program: Command, argv: string[]): { cmd: Command; path: string[]; words: string[]; unknown?: string } {
  const args = argv.slice(2);
  const end = args.indexOf('--');
  const words = end < 0 ? args : args.slice(0, end);
  let cmd: Command = program;
  const path: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--rules' || w === '--agreement') i++; // a global option's value
    if (w.startsWith('-')) continue;
    if (!cmd.commands.length) break;
    if (w === 'help') break;
    const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) return { cmd, path, words, unknown: w };
    cmd = sub;
    path.push(w);
  }
  return { cmd, path, words };
}

/** A subcommand that is not one (`cba rules bogus --help` would print the help of `rules`, exit 0),
 *  or a --json or --csv that the command invoked does not have (commander would say "unknown option"
 *  over two lines): one line, exit 2. No format flag is ever ignored. */
function refusal(program: Command, argv: string[]): string | undefined {
  const { cmd, path, words, unknown } = leafOf(program, argv);
  if (unknown !== undefined && path.length) {
    const subs = cmd.commands.map((c) => c.name());
    const near = nearest(unknown, subs);
    return `unknown command '${oneLine(`${path.join(' ')} ${unknown}`)}'${near.length ? `; did you mean ${path.join(' ')} ${near.join(' or ')}?` : ''} (cba ${path.join(' ')} --help lists ${subs.join(', ')})`;
  }
  const asked = ['--json', '--csv'].filter((f) => words.includes(f));
  if (!asked.length || cmd === program || cmd.commands.length) return undefined; // commander's help and errors
  const has = (f: string) => cmd.options.some((o) => o.long === f);
  const missing = asked.find((f) => !has(f));
  if (!missing) return undefined;
  const other = ['--json', '--csv'].find((f) => f !== missing && has(f));
  return `${path.join(' ')} does not offer ${missing} output${other ? `; it offers ${other}` : '; it has no --json or --csv output'} (cba ${path.join(' ')} --help)`;
}

/** A message as one line on stderr: control characters from user text escaped. */
function oneLine(s: string): string {
  return escapeControls(s.replace(/\r?\n/g, ' '));
}

function onStdoutError(err: NodeJS.ErrnoException) {
  const out = asOutputError(err);
  if (!out || out.name === 'ReaderGone') process.exit(process.exitCode ?? 0);
  try {
    if (!outputFailureReported(true)) process.stderr.write(`cba: ${out.message}\n`);
  } catch {
    /* stderr gone too */
  }
  process.exit(out.exitCode);
}

function onStderrError() {
  process.exit(process.exitCode || 74);
}

/** The bin: the process's arguments and streams. */
export async function run(): Promise<void> {
  if (stdoutClosedAtStart()) {
    process.stderr.write('cba: standard output is closed (>&-); send it to a file or a pipe, or to /dev/null to discard it\n');
    process.exitCode = 74;
    return;
  }
  process.exitCode = await main(process.argv, binIo());
}

/** A file, a pipe, a socket or /dev/null (not a terminal): written through its descriptor. */
function plainFd(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    // by the type bits, as Stats' isFile(), isFIFO(), isSocket(), isCharacterDevice() read them (four
    // of Node's functions compiled at every start-up otherwise); /dev/null too: else Node builds
    // process.stdout (the stream modules, a few ms)
    const type = st.mode & 0o170000;
    const unix = process.platform !== 'win32'; // where Node's isFIFO() and isSocket() say false
    return type === 0o100000 || (unix && (type === 0o010000 || type === 0o140000)) || (type === 0o020000 && isDevNull(st.rdev));
  } catch {
    return false;
  }
}

/** The process's streams; stdout and stderr that are files, pipes or sockets are written with
 *  synchronous descriptor writes (src/cli/fd-output.ts), which spares the start-up the stream machinery. */
function binIo(): Io {
  const fast = !process.env.CBA_NO_FD_OUTPUT;
  const out = fast && plainFd(1) ? new FdWriter(1, onStdoutError) : undefined;
  const err = fast && plainFd(2) ? new FdWriter(2, onStderrError, out) : undefined;
  // 'exit' comes once: on, not once (once wraps the listener and removes it, Node code compiled at every start)
  if (out) process.on('exit', () => out.flush());
  else process.stdout.on('error', onStdoutError);
  if (!err) process.stderr.on('error', onStderrError);
  const io = processIoWith(out, err);
  return io;
}
