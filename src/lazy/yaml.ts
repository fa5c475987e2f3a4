// Loaded on demand by the rules validator (dist/lazy/yaml.cjs): the yaml package, for a rules file the
// fast reader (src/core/fast-yaml.ts) declines, the line of a value the schema refuses, and the other
// YAML files the CLI reads (roster --columns maps). A run validating an edited rules file of the
// plain shapes they are written in does not load it.
export * from 'yaml';
