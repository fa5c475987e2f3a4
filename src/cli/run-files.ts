// Files of one run: the inputs it read (so no output can replace one of them) and every file output,
// written to a temporary file beside the target and renamed into place only when complete (an
// interrupted run leaves the old file whole). `cba check` confines the outputs of its cases to a
// temporary folder (confineOutputs).
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors';

interface Identity {
  dev: number;
  ino: number;
  shown: string;
}
let inputs: Identity[] = [];
let jail: string | (() => string) | undefined;

/** Start of a run (main): forget the inputs of the last one. */
export function resetRunFiles(): void {
  inputs = [];
}

/** Remember a file this run reads. */
export function noteInput(file: string): void {
  if (file === '-') return;
  const st = statSync(file, { throwIfNoEntry: false });
  if (st) inputs.push({ dev: st.dev, ino: st.ino, shown: file });
}

/** While set, every file output must lie inside this folder (relative paths are taken inside it); a
 *  function makes the folder when the first output is asked for (most check cases write none). */
export function confineOutputs(dir: string | (() => string) | undefined): void {
  jail = dir;
}

/** Where a file output named `file` goes, or an InputError: one of the run's inputs, outside the confinement, not a regular file. */
export function outputPath(file: string, flag: string, alsoInputs: string[] = []): string {
  let target = file;
  if (typeof jail === 'function') jail = jail();
  if (jail) {
    target = isAbsolute(file) ? file : join(jail, file);
    const rel = relative(jail, resolve(target));
    if (rel.startsWith('..') || isAbsolute(rel)) throw new InputError(`${flag} ${file}: a check case writes files only inside its temporary folder; give a plain file name`);
  }
  const st = statSync(target, { throwIfNoEntry: false });
  if (st) {
    if (!st.isFile()) throw new InputError(`${flag} ${file}: not a regular file; give the path of a file to write`);
    for (const f of alsoInputs) noteInput(f);
    const same = inputs.find((i) => i.dev === st.dev && i.ino === st.ino);
    if (same) throw new InputError(`${flag} ${file}: this is one of the run's inputs (${same.shown}); give another file to write, the input is left as it is`);
  }
  return target;
}

/** Write a file the user asked for (--ics, --out-schedule): refused when it is an input; written to a
 *  temporary file and renamed into place; a path that cannot be written is bad input. */
export function writeFileAtomic(file: string, text: string | Uint8Array, flag: string, alsoInputs: string[] = []): void {
  const target = outputPath(file, flag, alsoInputs);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${flag} ${file}: cannot write the file (${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device' : code ?? String(e)})`);
  }
}
