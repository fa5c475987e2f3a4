// Was standard output closed when cba started (`cba ... >&-`)? Node then opens /dev/null read-write
// in its place, and every write would vanish with exit 0. A shell's `>/dev/null` opens it write-only,
// which is a wish to discard the output, and is left alone. Linux only (/proc); elsewhere: no.
import { readFileSync, readlinkSync } from 'node:fs';

export function stdoutClosedAtStart(fd = 1): boolean {
  try {
    if (readlinkSync(`/proc/self/fd/${fd}`) !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
    return flags !== null && (parseInt(flags[1], 8) & 3) === 2; // O_RDWR
  } catch {
    return false;
  }
}
