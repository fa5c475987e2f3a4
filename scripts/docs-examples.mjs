// The examples of the documentation, run: every fenced block marked `console example` in README.md
// and docs/**/*.md holds `$ cba ...` commands, each followed by its output as printed under
// COLUMNS=80 (not a terminal). A last output line of `...` means the output goes on (compared as a
// prefix). `node scripts/docs-examples.mjs --write` reruns every example and rewrites its output;
// the docs test (test/e2e/docs.test.ts) runs them and compares.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 40;
const KEEP_LINES = 30;

/** README.md and every page under docs/. */
export function docFiles(root = ROOT) {
  const out = [join(root, 'README.md')];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.md')) out.push(join(d, e.name));
    }
  };
  walk(join(root, 'docs'));
  return out;
}

/** Split a command line as a shell would (quotes, no expansion); a trailing `  # comment` is dropped. */
export function shellWords(line) {
  const words = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(line))) {
    if (m[3]?.startsWith('#')) break;
    words.push(m[1] ?? m[2] ?? m[3]);
  }
  return words;
}

/** The example blocks of a Markdown text: { start, end (line indexes of the fences), examples: [{ command, args, expected, prefix }] }. */
export function exampleBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```console example\s*$/.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    const body = lines.slice(i + 1, j);
    const examples = [];
    for (let k = 0; k < body.length; k++) {
      if (!body[k].startsWith('$ ')) continue;
      let command = body[k].slice(2);
      const raw = [body[k]];
      while (command.endsWith(' \\') && k + 1 < body.length) {
        raw.push(body[k + 1]);
        command = command.slice(0, -2) + ' ' + body[++k].trim();
      }
      const out = [];
      while (k + 1 < body.length && !body[k + 1].startsWith('$ ')) out.push(body[++k]);
      const prefix = out.length > 0 && out[out.length - 1] === '...';
      if (prefix) out.pop();
      examples.push({ command, raw, args: shellWords(command).slice(1), expected: out.join('\n'), prefix });
    }
    blocks.push({ start: i, end: j, examples });
    i = j;
  }
  return blocks;
}

/** Run one documented command as a reader would see it piped (80 columns, no colour). */
export function runExample(args, root = ROOT) {
  const env = { ...process.env, COLUMNS: '80', TERM: 'xterm' };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [join(root, 'bin', 'cba.js'), ...args], { cwd: root, env, encoding: 'utf8', input: '' });
  return { code: r.status, stdout: normalize(r.stdout), stderr: r.stderr };
}

/** Output as a page holds it: no trailing spaces, no trailing blank lines. */
export function normalize(s) {
  return s.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
}

function write() {
  let n = 0;
  for (const file of docFiles()) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const blocks = exampleBlocks(text);
    for (const b of blocks.reverse()) {
      const body = [];
      for (const ex of b.examples) {
        const r = runExample(ex.args);
        if (r.code === 70 || r.code === null) throw new Error(`${relative(ROOT, file)}: cba ${ex.args.join(' ')}: ${r.stderr}`);
        let out = r.stdout.split('\n');
        if (out.length > MAX_LINES) out = [...out.slice(0, KEEP_LINES), '...'];
        body.push(...ex.raw, ...(r.stdout === '' ? [] : out));
        n++;
      }
      lines.splice(b.start + 1, b.end - b.start - 1, ...body);
    }
    writeFileSync(file, lines.join('\n'));
  }
  console.error(`docs-examples: ${n} examples rewritten`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) write();
