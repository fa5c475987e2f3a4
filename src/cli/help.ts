import { fstatSync } from 'node:fs';
import { isDevNull } from './fd-output';
/** Whether descriptor 1 can be a terminal (a terminal is a character device, not /dev/null). Asked before touching
 *  process.stdout: creating it for a pipe or a file loads Node's stream and net modules (several ms). */
function maybeTerminal(): boolean {
  try {
    const st = fstatSync(1);
    return st.isCharacterDevice() && !isDevNull(st.rdev);
  } catch {
    return true;
  }
}

/** The width help is laid out to: the terminal's, else COLUMNS, else 80. */
export function helpWidth(): number {
  if (maybeTerminal() && process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const c = Number(process.env.COLUMNS);
  return Number.isInteger(c) && c > 0 ? c : 80;
}

/** An example command broken at spaces into lines of at most `width`, continued with ` \` (as a shell reads it). */
export function breakCommand(cmd: string, width: number, first = '  $ ', rest = '      '): string[] {
  const words = cmd.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const out: string[] = [];
  let cur = first;
  for (const w of words) {
    const sep = cur === first || cur === rest ? '' : ' ';
    if (cur !== first && cur !== rest && cur.length + sep.length + w.length + 2 > width) {
      out.push(cur + ' \\');
      cur = rest + w;
    } else cur += sep + w;
  }
  out.push(cur);
  return out;
}

/** The examples section of a command's help: long commands continue on the next line with ` \`. Each
 *  command hands it to addHelpText inside a function, so it is laid out (the width asked, each example
 *  broken) only when help is shown, not at every registration of the command (every run). */
export function examples(lines: string[]): string {
  const w = helpWidth();
  return '\nExamples:\n' + lines.map((l) => (l.startsWith('#') ? `  ${l}` : breakCommand(l, w).join('\n'))).join('\n') + '\n';
}
