// Loaded on demand by the CLI bundles (dist/lazy/commander.cjs): a plain call of a command is read
// without commander (src/cli/fast-parse.ts); help, the version and every error of the command line
// load it. Kept out of the bundles, a start-up reads, holds and deserializes ~40 KB less of them.
export { Argument, Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
