// A whole file's bytes, and text decoded from part of them, through the few of Node's functions a
// start-up compiles anyway. Node compiles each of its own JavaScript functions at its first call
// (it has no code cache for them): fs.readFileSync without an encoding goes through a dozen of them
// (open, stat, buffer pool, read, close), and Buffer's toString, indexOf and subarray through as
// many more (encoding lookups, bounds checks), each about 0.1 M instructions the first time. Here:
// open, fstat (for the size), read and close into a plain Uint8Array, the typed array's own indexOf (a V8 builtin), and
// Buffer's native decoders (utf8Slice, latin1Slice: what toString calls after its checks).
// bin/cba.js reads its code cache the same way, so these are compiled once a run.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The bytes of a file (read to its end, whatever size its stat said). */
export function readFileBytes(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    let buf = new Uint8Array(fstatSync(fd).size + 1);
    let n = 0;
    for (let r; (r = readSync(fd, buf, n, buf.length - n, null)) > 0; ) {
      n += r;
      if (n === buf.length) {
        const more = new Uint8Array(buf.length * 2);
        more.set(buf);
        buf = more;
      }
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

type Slice = (this: Uint8Array, start: number, end: number) => string;
const proto = Buffer.prototype as unknown as { utf8Slice?: Slice; latin1Slice?: Slice };
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length);

/** bytes[start, end) as UTF-8 text (as Buffer's toString('utf8', start, end), for 0 <= start <= end <= length). */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  return proto.utf8Slice ? proto.utf8Slice.call(bytes, start, end) : asBuffer(bytes).toString('utf8', start, end);
}

/** bytes[start, end) as Latin-1 text, one character a byte (end clamped to the length). */
export function latin1Text(bytes: Uint8Array, start: number, end: number): string {
  end = Math.min(end, bytes.length);
  return proto.latin1Slice ? proto.latin1Slice.call(bytes, start, end) : asBuffer(bytes).toString('latin1', start, end);
}
