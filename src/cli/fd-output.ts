// Standard output and error of the bin, when they are not terminals, as plain file-descriptor writes:
// no stream objects (creating process.stdout loads Node's stream machinery, a good part of a short
// run's start-up), output gathered and written with one synchronous write at the end (or every
// 64 KB for long batch output, which keeps memory flat: each write blocks until the reader takes it).
// Failures are those of the streams: reported by onError, as the bin's stream handlers report them.
import { statSync, writeSync } from 'node:fs';

/** Whether a character device (by its st_rdev) is /dev/null, as a shell's >/dev/null gives. */
export function isDevNull(rdev: number): boolean {
  try {
    return statSync('/dev/null').rdev === rdev;
  } catch {
    return false;
  }
}

type OnError = (e: NodeJS.ErrnoException) => void;

/** Texts shorter than this are written as text (a batch's output comes in pieces of 64 K or more). */
const SHORT = 1 << 16;

function writeAll(fd: number, data: Uint8Array, onError: OnError): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // a non-blocking pipe that is full: wait a moment for the reader
      if (err.code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      else return onError(err);
    }
  }
}

export class FdWriter {
  private buf = '';
  readonly isTTY = false;
  constructor(
    private readonly fd: number,
    private readonly onError: OnError,
    /** written through at once (stderr), after flushing `first` (stdout) so the order holds */
    private readonly first?: FdWriter,
  ) {}
  write(chunk: string | Uint8Array, enc?: unknown, cb?: unknown): boolean {
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof chunk === 'string') this.buf += chunk;
    else {
      this.flush();
      writeAll(this.fd, chunk, this.onError);
    }
    if (this.first) {
      this.first.flush();
      this.flush();
    } else if (this.buf.length >= 65536) this.flush();
    if (typeof done === 'function') done();
    return true;
  }
  /** one buffer the text is encoded into, used again for every flush (a fresh buffer of a batch's
   *  100 KB or more each time was a new mapping of memory to fault in and give back) */
  private scratch: Buffer | undefined;
  flush(): void {
    if (!this.buf) return;
    const text = this.buf;
    this.buf = '';
    // a short text (a single answer) handed to the write as it is: Node encodes it on its way to
    // the descriptor (the scratch buffer below compiles four of Buffer's functions and maps 256 KB
    // at every start-up); what a short write or a full non-blocking pipe leaves goes the bytes' way
    if (text.length < SHORT) {
      let n = 0;
      try {
        n = writeSync(this.fd, text);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return this.onError(e as NodeJS.ErrnoException);
      }
      if (n < Buffer.byteLength(text)) writeAll(this.fd, Buffer.from(text).subarray(n), this.onError);
      return;
    }
    // at most 3 bytes of UTF-8 for each UTF-16 unit
    if (text.length > 1 << 22) return writeAll(this.fd, Buffer.from(text), this.onError);
    if (!this.scratch || this.scratch.length < text.length * 3) this.scratch = Buffer.allocUnsafeSlow(Math.max(text.length * 3, 1 << 18));
    const n = this.scratch.write(text, 0, 'utf8');
    writeAll(this.fd, this.scratch.subarray(0, n), this.onError);
  }
  end(chunk?: unknown, cb?: unknown): this {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) this.write(chunk);
    this.flush();
    const done = typeof chunk === 'function' ? chunk : cb;
    if (typeof done === 'function') done();
    return this;
  }
  // the stream events BatchWriter listens to: a blocking write never needs 'drain'
  on(): this {
    return this;
  }
  once(): this {
    return this;
  }
  off(): this {
    return this;
  }
  removeListener(): this {
    return this;
  }
  emit(): boolean {
    return false;
  }
}
