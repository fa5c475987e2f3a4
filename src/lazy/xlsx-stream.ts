// Loaded on demand by the CLI bundle (dist/lazy/xlsx-stream.cjs), only for an .xlsx roster or batch
// file: exceljs's streaming reader and the rows it gives (src/import/xlsx-stream.ts).
export { xlsxRowBatches } from '../import/xlsx-stream';
