import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGREEMENT_DIR } from './contract';

/** A copy of the shipped agreement folder with one file edited. */
export function brokenCopy(file: string, edit: (text: string) => string, from = AGREEMENT_DIR): string {
  const dir = mkdtempSync(join(tmpdir(), 'cba-rules-'));
  cpSync(from, dir, { recursive: true });
  const p = join(dir, file);
  const before = readFileSync(p, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(p, after);
  return dir;
}
