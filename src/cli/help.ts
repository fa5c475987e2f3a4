/** The examples section of a command's help. */
export function examples(lines: string[]): string {
  return '\nExamples:\n' + lines.map((l) => (l.startsWith('#') ? `  ${l}` : `  $ ${l}`)).join('\n') + '\n';
}
