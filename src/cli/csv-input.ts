// Moved: batch input and output live in src/cli/batch-io.ts (one module for every batch command).
export { readCsvBatches, readCsv, type CsvRecord } from './batch-io';
