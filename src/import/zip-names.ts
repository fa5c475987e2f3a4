// The central directory of a zip archive (an .xlsx workbook): each entry's name, where its local header
// starts and its compressed size, without inflating anything; undefined when the directory is not where
// a plain zip keeps it (zip64, a damaged or cut file).

export interface ZipDirectory {
  /** where the central directory starts (after the last entry's data) */
  dir: number;
  entries: { name: string; at: number; size: number }[];
}

export function zipDirectory(bytes: Uint8Array): ZipDirectory | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let end = -1;
  // the end-of-directory record: its signature, searched from the end past a comment of up to 64 KiB
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = b.readUInt16LE(end + 10);
  const dir = b.readUInt32LE(end + 16);
  if (count === 0xffff || dir === 0xffffffff || dir + b.readUInt32LE(end + 12) > end) return undefined;
  const entries: ZipDirectory['entries'] = [];
  for (let p = dir, k = 0; k < count; k++) {
    if (p + 46 > end || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const n = b.readUInt16LE(p + 28);
    entries.push({ name: b.toString('utf8', p + 46, p + 46 + n), at: b.readUInt32LE(p + 42), size: b.readUInt32LE(p + 20) });
    p += 46 + n + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return { dir, entries };
}

/** The names of the archive's entries (undefined as for zipDirectory). */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  return zipDirectory(bytes)?.entries.map((e) => e.name);
}
