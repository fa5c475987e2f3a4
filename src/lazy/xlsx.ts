// Loaded on demand by the CLI bundle (dist/lazy/xlsx.cjs): exceljs's whole-workbook reader and the sheet
// reader that turns a worksheet into text cells (src/import/xlsx.ts): a schedule's workbook, and a
// roster's when the streaming reader (dist/lazy/xlsx-stream.cjs) cannot read it.
export { readXlsxTable } from '../import/xlsx';
