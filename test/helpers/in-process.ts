// Running the CLI in this process (no spawn): main(argv, io) on captured streams. For the large
// tables of inputs (the hostile-input set), where a process each would cost minutes.
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main';

export interface InRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      if (text.length < 1 << 20) text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

export async function cbaIn(args: string[], stdin = ''): Promise<InRun> {
  const out = capture();
  const err = capture();
  // the run is given process.env itself, as the bin is, with NO_COLOR set for it and set back after:
  // a copy of the whole environment ({ ...process.env }, a call into C++ for each variable) was a
  // tenth of the CPU of a hostile-input case
  const was = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    const code = await main(['node', 'cba', ...args], { stdout: out.stream, stderr: err.stream, stdin: Readable.from([stdin]), env: process.env, isTTY: false, stderrIsTTY: false });
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    if (was === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = was;
  }
}
