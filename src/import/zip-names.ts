// The names of the entries of a zip archive (an .xlsx workbook), from its central directory, without
// inflating anything: undefined when the directory cannot be found where a plain zip keeps it.

export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
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
  if (count === 0xffff || dir >= end) return undefined;
  const names: string[] = [];
  for (let p = dir, k = 0; k < count; k++) {
    if (p + 46 > end || b.readUInt32LE(p) !== 0x02014b50) return undefined;
    const n = b.readUInt16LE(p + 28);
    names.push(b.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return names;
}
