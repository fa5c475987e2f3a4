// A YAML file's data as the yaml package reads it (parse(readFileSync(file, 'utf8'))), parsed once per
// test run: several files read the shipped rules with yaml as their own reader, independent of the
// validator (rules-text, deadlines-coverage, deadlines, architecture, and readings through
// scripts/readings-doc.mjs), and a worker runs many test
// files (isolate: false). Keyed by the file's text, read anew at each call, so an edited file is
// parsed again. The data is frozen: a test that wrote into it would change it for the next.
//
// The two workers of a run share the parse through the run's temporary folder (TMPDIR, one a run:
// test/helpers/global-setup.ts): the first to parse a text writes its data there as JSON, keyed by a
// hash of the text and the yaml package's version, when the JSON gives back exactly that data (plain
// objects, arrays, strings, finite numbers, booleans and null: the rules files are all that); the
// other worker reads it. The yaml package reads all thirteen rules files in about 0.45 s of CPU in a
// worker new to it (0.12 s warm), which each of the two workers paid.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const parsed = new Map<string, unknown>();
const YAML_VERSION = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;

function freeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) freeze(x);
}

export function yamlData(file: string): any {
  return yamlOfText(readFileSync(file, 'utf8'));
}

/** The data of a YAML text, parsed once per run (and frozen). */
export function yamlOfText(text: string): any {
  if (parsed.has(text)) return parsed.get(text);
  const dir = join(tmpdir(), 'cba-yaml-data');
  const shared = join(dir, `${createHash('sha256').update(`yaml ${YAML_VERSION}\0${text}`).digest('hex')}.json`);
  let data: unknown;
  let json: string | undefined;
  try {
    json = readFileSync(shared, 'utf8');
  } catch {
    /* not parsed yet in this run */
  }
  if (json !== undefined) data = JSON.parse(json);
  else {
    data = parse(text);
    const text2 = JSON.stringify(data);
    if (text2 !== undefined && isDeepStrictEqual(JSON.parse(text2), data))
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${shared}.${process.pid}.tmp`;
        writeFileSync(tmp, text2);
        renameSync(tmp, shared); // whole or not at all, for the other worker
      } catch {
        /* no room to share it: each worker parses */
      }
  }
  freeze(data);
  parsed.set(text, data);
  return data;
}
