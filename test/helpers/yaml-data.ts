// A YAML file's data as the yaml package reads it (parse(readFileSync(file, 'utf8'))), parsed once per
// test worker: several files read the shipped rules with yaml as their own reader, independent of the
// validator (rules-text, deadlines-coverage, deadlines, architecture, and readings through
// scripts/readings-doc.mjs), and a worker runs many test
// files (isolate: false). Keyed by the file's text, read anew at each call, so an edited file is
// parsed again. The data is frozen: a test that wrote into it would change it for the next.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const parsed = new Map<string, unknown>();

function freeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) freeze(x);
}

export function yamlData(file: string): any {
  return yamlOfText(readFileSync(file, 'utf8'));
}

/** The data of a YAML text, parsed once per worker (and frozen). */
export function yamlOfText(text: string): any {
  if (parsed.has(text)) return parsed.get(text);
  const data = parse(text);
  freeze(data);
  parsed.set(text, data);
  return data;
}
