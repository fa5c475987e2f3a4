// Loaded on demand by the CLI bundles (dist/lazy/cli-table3.cjs), only for a table that
// src/lazy/table.ts's drawSimple does not draw: cli-table3 with @colors/colors (~30 KB) kept out of
// the bundles every start-up reads.
import Table from 'cli-table3';
export default Table;
