// Reading user-named files without trusting them: only regular files (a FIFO, a device such as
// /dev/zero, a folder or a socket is refused before anything is read, and opening never blocks), and
// never more than a stated number of bytes. Every refusal is one InputError naming the file.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from './errors';

const MiB = 1024 * 1024;

/** The size caps, stated in the README ("Limits on input"). */
export const LIMITS = {
  /** one rules YAML file (agreement.yaml, a schedule, calendar.yaml, ...) */
  rulesFile: 2 * MiB,
  /** a --calendar or --closures file */
  calendarFile: 2 * MiB,
  /** a `cba check` case file */
  checkFile: 4 * MiB,
  /** one CSV record (a line of a roster or batch file, quoted line breaks included) */
  csvRecord: 64 * 1024,
  /** an .xlsx roster or batch file (read whole: a workbook is a zip archive) */
  workbook: 50 * MiB,
  /** YAML aliases (*name) in one file; each expands a copy of what it names */
  yamlAliases: 100,
  /** nesting depth of YAML maps and lists */
  yamlDepth: 64,
} as const;

export function describeSize(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MB` : `${bytes / 1024} KB`;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function openError(e: unknown, label: string): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'a folder, not a file' : `cannot open (${code ?? String(e)})`;
  return new InputError(`${label}: ${why}`);
}

/** Open a file for reading only if it is a regular file (symbolic links are followed, then checked).
 *  `label` names the file in messages, for example "--calendar cal.yaml". The caller closes the fd. */
export function openRegular(file: string, label: string, cap?: number, capWhat = 'the file'): { fd: number; size: number } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw openError(e, label);
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw openError(e, label);
  }
  if (!st.isFile()) {
    closeSync(fd);
    throw new InputError(`${label}: ${kindOf(st)}, not a regular file; give a file (or - for standard input where the command reads it)`);
  }
  if (cap !== undefined && st.size > cap) {
    closeSync(fd);
    throw new InputError(`${label}: ${describeSize(st.size)}, larger than the ${describeSize(cap)} allowed for ${capWhat}`);
  }
  return { fd, size: st.size };
}

/** The whole text of a regular file of at most `cap` bytes (a file that grows while read is cut off and refused). */
export function readBoundedFile(file: string, label: string, cap: number, capWhat = 'the file'): Buffer {
  const { fd, size } = openRegular(file, label, cap, capWhat);
  try {
    let buf = Buffer.allocUnsafe(Math.min(cap, size) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        // grown since fstat: read on, still within the cap
        const more = Buffer.allocUnsafe(Math.min(cap + 1, buf.length * 2));
        buf.copy(more, 0, 0, n);
        buf = more;
      }
      let got: number;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        throw new InputError(`${label}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      if (got === 0) return buf.subarray(0, n);
      n += got;
      if (n > cap) throw new InputError(`${label}: larger than the ${describeSize(cap)} allowed for ${capWhat}`);
    }
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* closed already */
    }
  }
}

/** Text of a regular file, UTF-8, at most `cap` bytes. */
export function readBoundedText(file: string, label: string, cap: number, capWhat?: string): string {
  return readBoundedFile(file, label, cap, capWhat).toString('utf8');
}

/** Standard input as text, at most `cap` bytes (a stream of zeros is stopped at the cap). */
export async function readBoundedStdin(label: string, cap: number, capWhat = 'standard input', input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of input) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    n += b.length;
    if (n > cap) {
      (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new InputError(`${label}: more than the ${describeSize(cap)} allowed for ${capWhat}`);
    }
    parts.push(b);
  }
  return Buffer.concat(parts).toString('utf8');
}
