// Loaded on demand by the CLI bundle (dist/lazy/csv.cjs).
export { parse } from 'csv-parse';
