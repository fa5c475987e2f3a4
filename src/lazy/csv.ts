// Loaded on demand by the CLI bundle (dist/lazy/csv.js).
export { parse } from 'csv-parse';
