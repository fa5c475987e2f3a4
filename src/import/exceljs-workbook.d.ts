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

// exceljs's cell parser (the whole workbook's): src/import/xlsx.ts datesAsText reads t="d" cells by it.
declare module 'exceljs/lib/xlsx/xform/sheet/cell-xform.js' {
  const CellXformClass: { prototype: object };
  export default CellXformClass;
}

// exceljs's row parser (the whole workbook's): src/import/xlsx.ts placedRows gives rows and cells their places by it.
declare module 'exceljs/lib/xlsx/xform/sheet/row-xform.js' {
  const RowXformClass: { prototype: object };
  export default RowXformClass;
}
