// The documentation cannot drift: every `console example` block of README.md and docs/ is run (80
// columns, not a terminal) and its output compared with the page; the README stays short and every
// page of docs/ is reached from it. `node scripts/docs-examples.mjs --write` refreshes the outputs.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { docFiles, exampleBlocks, normalize } from '../../scripts/docs-examples.mjs';
import { cba } from '../helpers/cli';
import { ROOT } from '../helpers/contract';

const pages: string[] = docFiles(ROOT);
const examples = pages.flatMap((file) => exampleBlocks(readFileSync(file, 'utf8')).flatMap((b: { examples: unknown[] }) => b.examples.map((ex) => ({ file: relative(ROOT, file), ...(ex as { command: string; args: string[]; expected: string; prefix: boolean }) }))));

/** The Markdown pages a page links to (relative links; anchors dropped; a folder link reaches its pages). */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((l) => !/^[a-z]+:/.test(l))
    .map((l) => resolve(dirname(file), l))
    .flatMap((p) => (p.endsWith('.md') ? [p] : pages.filter((q) => q.startsWith(p + '/'))));
}

/** An example run as scripts/docs-examples.mjs runs the bin (80 columns, not a terminal, no colour
 *  settings, empty standard input, from the checkout), here in process. */
async function runExample(args: string[]) {
  const r = await cba(args, { env: { COLUMNS: '80' } });
  return { code: r.code, stdout: normalize(r.stdout), stderr: r.stderr };
}

describe('the documentation', () => {
  it('has examples on the pages of the commands', () => {
    expect(examples.length).toBeGreaterThan(15);
    expect(examples.some((e) => e.file === 'README.md' && e.command === 'cba salary --class IV --step 13')).toBe(true);
  });

  it.each(examples.map((e) => [`${e.file}: ${e.command}`, e] as const))('%s prints what the page shows', async (_name, e) => {
    const r = await runExample(e.args);
    expect(r.code === 0 || r.code === 1 || r.code === 2, r.stderr).toBe(true);
    if (e.prefix) expect(r.stdout.startsWith(e.expected), `${e.file}: cba ${e.args.join(' ')}\n--- page\n${e.expected}\n--- printed\n${r.stdout}`).toBe(true);
    else expect(r.stdout).toBe(e.expected);
  });

  it('the README is under 8 KB, names the two commands, and reaches every page of docs/', () => {
    const readme = join(ROOT, 'README.md');
    const text = readFileSync(readme, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThan(8 * 1024);
    expect(text).toContain('npm ci && npx cba salary --class IV --step 13');
    expect(text).toContain('npm test');
    const seen = new Set([readme]);
    const queue = [readme];
    while (queue.length) for (const l of links(queue.shift()!)) if (!seen.has(l) && existsSync(l)) seen.add(l), queue.push(l);
    const unreached = pages.filter((p) => !seen.has(p)).map((p) => relative(ROOT, p));
    expect(unreached).toEqual([]);
  });

  it('no link between the pages is broken', () => {
    const broken = pages.flatMap((p) => links(p).filter((l) => !existsSync(l)).map((l) => `${relative(ROOT, p)} -> ${relative(ROOT, l)}`));
    expect(broken).toEqual([]);
  });
});
