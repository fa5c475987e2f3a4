// The CLI entry: builds the commander program and maps every error to its exit code, once.
import { Command, CommanderError } from 'commander';
import { isUserError } from '../core/errors';
import { registerCommands } from '../commands/index';
import { checkFailed, resetCheck } from './check';
import { currentSink } from './output';

function build(io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }, argv: string[]): Command {
  const program = new Command('cba');
  program
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .description(
      'Contract calculator for a teachers\' collective bargaining agreement (default: SDCOE and the Association of Educators, 2005-2008).\nEvery figure says which article and schedule cell it comes from.',
    )
    .version('0.1.0', '-V, --version')
    .option('--rules <dir>', 'rules folder of another agreement laid out the same way (read and validated at run time)')
    .option('--agreement <id>', 'which agreement, when the rules folder holds several')
    .option('--no-color', 'no colour (also NO_COLOR=1, TERM=dumb, or when not a terminal)')
    .option('--debug', 'show stack traces of errors')
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText(
      'after',
      `
Examples:
  $ cba salary --class IV --step 13
  $ cba salary --class IV --step 13 --days 200 --json
  $ cba schedule --schedule community-day
  $ cba <command> --help      help and examples of one command

Exit codes: 0 success, 1 a check failed, 2 bad input or bad rules.`,
    );
  registerCommands(program, argv);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const io = currentSink();
  resetCheck();
  const program = build(io, argv);
  try {
    await program.parseAsync(argv);
    return checkFailed() ? 1 : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2; // commander has printed the message
    }
    if (isUserError(e)) {
      io.stderr.write(`cba: ${e.message}\n`);
      if (debug && e.stack) io.stderr.write(e.stack + '\n');
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`cba: internal error: ${err?.message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && err?.stack) io.stderr.write(err.stack + '\n');
    return 70;
  }
}

function onPipeError(err: NodeJS.ErrnoException) {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
}

export async function run(): Promise<void> {
  process.stdout.on('error', onPipeError);
  process.stderr.on('error', onPipeError);
  const code = await main(process.argv);
  process.exitCode = code;
}
