// The Workbook class of exceljs by its own module (src/import/xlsx.ts loads it without the package's
// entry, which also loads the streaming reader and writer): the same class the package exports.
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: typeof Workbook;
  export default WorkbookClass;
}

// The streaming reader by its own module (without the writer): src/import/xlsx.ts streamedRows.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
  import type { stream } from 'exceljs';
  const WorkbookReaderClass: typeof stream.xlsx.WorkbookReader;
  export default WorkbookReaderClass;
}
