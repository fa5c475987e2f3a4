// The table renderer (cli-table3), a lazy chunk: loaded only for text output.
export * from '../cli/table';
