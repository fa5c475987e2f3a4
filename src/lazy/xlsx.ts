// Loaded on demand by the CLI bundle (dist/lazy/xlsx.cjs), only for an .xlsx roster or batch file:
// exceljs and the sheet reader that turns a worksheet into text cells (src/import/xlsx.ts).
export { readXlsxTable } from '../import/xlsx';
