import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGREEMENT_DIR } from './contract';

/** The files under a folder, relative, and its folders (walked once per folder and process). */
const listed = new Map<string, { folders: string[]; files: string[] }>();
function listOf(from: string): { folders: string[]; files: string[] } {
  let hit = listed.get(from);
  if (!hit) {
    hit = { folders: [], files: [] };
    const walk = (rel: string) => {
      for (const e of readdirSync(join(from, rel), { withFileTypes: true })) {
        const p = rel ? join(rel, e.name) : e.name;
        if (e.isDirectory()) {
          hit!.folders.push(p);
          walk(p);
        } else hit!.files.push(p);
      }
    };
    walk('');
    listed.set(from, hit);
  }
  return hit;
}

/** A copy of the shipped agreement folder with one file edited: a folder of its own, with folders of
 *  its own, where the edited file is a file of its own and every other file a symbolic link to the
 *  original (the loader lists real folders and reads the files the links name; the original's stat,
 *  so its inode and times, are left as they were). About a third of the CPU of copying every file
 *  (cpSync: 344 KB, fourteen files, at every broken case). A test that writes any other file of the
 *  copy must write a new file there (unlink the link first), not through the link. */
export function brokenCopy(file: string, edit: (text: string) => string, from = AGREEMENT_DIR): string {
  const dir = mkdtempSync(join(tmpdir(), 'cba-rules-'));
  const { folders, files } = listOf(from);
  if (!files.includes(file)) throw new Error(`no file ${file} under ${from}`);
  for (const f of folders) mkdirSync(join(dir, f));
  const before = readFileSync(join(from, file), 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  for (const f of files) if (f !== file) symlinkSync(join(from, f), join(dir, f));
  writeFileSync(join(dir, file), after);
  return dir;
}
