// The CLI bundle's stand-in for node:child_process: commander requires it only to run
// executable subcommands, which cba does not have. Keeps a module load off every start.
export function spawn(): never {
  throw new Error('cba has no executable subcommands');
}
export default { spawn };
