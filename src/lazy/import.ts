// Loaded on demand by the CLI bundle (dist/lazy/import.js), only by `cba rules import schedule`:
// the schedule readers (CSV, XLSX through its library, PDF) and the grid -> YAML writer.
export * from '../commands/rules-import.run';
export * from '../commands/rules-init.run';
