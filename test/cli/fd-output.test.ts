// The bin's plain descriptor writer (src/cli/fd-output.ts) on a non-blocking pipe that fills: a short
// answer (written as text, e1d4d40) and a batch's pieces (written as bytes) reach the reader whole and
// in order, a multi-byte character cut by a short write included. A FIFO opened without blocking
// stands for the pipe (64 KiB); `cat` in another process drains it while the writer waits.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FdWriter } from '../../src/cli/fd-output';

describe.skipIf(process.platform === 'win32')('FdWriter on a full non-blocking pipe', () => {
  it('every byte arrives in order: into a full pipe, a short text of 180 KB (more than the pipe holds), then 184 KB of batch output (154 K units, flushed in 64 K pieces)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-fd-'));
    try {
      const fifo = join(dir, 'pipe');
      const got = join(dir, 'got');
      execFileSync('mkfifo', [fifo]);
      // a read end held here (never read) so the write end opens without blocking, then the reader
      const held = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      // the pipe filled before the reader starts, so the short text's first write finds it full (EAGAIN)
      const fill = Buffer.alloc(4096, 'x');
      let filled = 0;
      for (;;) {
        try {
          const n = writeSync(fd, fill);
          filled += n;
          if (n < fill.length) break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') break;
          throw e;
        }
      }
      const cat = spawn('sh', ['-c', 'cat "$0" > "$1"', fifo, got], { stdio: 'ignore' });
      const ended = new Promise<number | null>((res) => cat.on('close', res));
      const errors: string[] = [];
      const w = new FdWriter(fd, (e) => errors.push(e.code ?? String(e)));
      // 60,000 UTF-16 units (under the 64 K of a short text), 3 bytes each in UTF-8: 180,000 bytes,
      // and 65,536 is not a multiple of 3, so the pipe's first short write cuts a character
      const short = '€'.repeat(59_999) + '\n';
      w.write(short);
      w.flush();
      // a batch: rows of mixed widths, flushed every 64 K units as they come
      let batch = '';
      for (let i = 0; i < 6_000; i++) batch += `${i},Nöm ${i} 中文,70797.00\n`;
      for (let i = 0; i < batch.length; i += 5_000) w.write(batch.slice(i, i + 5_000));
      w.end();
      closeSync(fd);
      expect(await ended).toBe(0);
      closeSync(held);
      expect(errors).toEqual([]);
      expect(filled).toBeGreaterThan(0);
      expect(readFileSync(got).equals(Buffer.from('x'.repeat(filled) + short + batch))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
