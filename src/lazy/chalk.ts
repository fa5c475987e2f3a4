// Loaded on demand by the CLI bundle (dist/lazy/chalk.cjs), only when colour is on.
export { Chalk } from 'chalk';
