// exceljs's Workbook class for the tests that write workbooks, loaded the way src/import/xlsx.ts loads
// it: by its own module, not the package's entry (which also loads the streaming reader and writer,
// 660 modules against 278), and required, not imported (an import of CommonJS has Node scan it for
// export names first).
import { createRequire } from 'node:module';

export const Workbook = createRequire(import.meta.url)('exceljs/lib/doc/workbook.js') as typeof import('exceljs').Workbook;
