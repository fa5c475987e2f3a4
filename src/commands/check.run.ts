import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { InputError } from '../core/errors';
import type { GlobalOpts } from '../cli/context';
import { makeCtx, printJson, setSink, write } from '../cli/output';
import { markCheckFailed } from '../cli/check';
import { compareExpected, toArgv, type FieldFailure } from '../rules/check-compare';
import type { CheckCase } from '../rules/check-schema';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function readText(file: string): Promise<string> {
  if (file !== '-') {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
  }
  let s = '';
  for await (const chunk of process.stdin) s += chunk;
  return s;
}

interface CaseResult {
  file: string;
  name: string;
  status: 'passed' | 'failed' | 'bad';
  failures: FieldFailure[];
  message?: string;
}

export async function action0(files: string[], o: any, cmd: Command) {
      const g = cmd.optsWithGlobals() as GlobalOpts;
      const ctx = await makeCtx(g.color);
      const [{ validateFile }, { CheckFile }, { main }] = await Promise.all([import('../rules/validate'), import('../rules/check-schema'), import('../cli/main')]);
      const results: CaseResult[] = [];
      for (const file of files) {
        const text = await readText(file);
        const shown = file === '-' ? '(stdin)' : file;
        let parsed;
        try {
          parsed = validateFile(CheckFile, shown, shown, text);
        } catch (e) {
          throw new InputError((e as Error).message);
        }
        for (const [i, c] of (parsed.cases as CheckCase[]).entries()) {
          const out = capture();
          const err = capture();
          const global = [...(g.rules ? ['--rules', g.rules] : []), ...(g.agreement ? ['--agreement', g.agreement] : [])];
          const argv = ['node', 'cba', ...global, ...toArgv(c), ...(c.run === 'calendar' || c.run === 'schedule' || c.expect ? ['--json'] : [])];
          setSink({ stdout: out.stream, stderr: err.stream });
          let code: number;
          try {
            code = await main(argv);
          } finally {
            setSink(undefined);
          }
          const r: CaseResult = { file: shown, name: c.name, status: 'passed', failures: [] };
          const wantCode = c.exitCode ?? (c.error !== undefined ? 2 : undefined);
          const msg = err.text().split('\n').find((l) => l.startsWith('cba: ') || l.startsWith('error:'))?.replace(/^cba: /, '');
          if (code === 2 && wantCode !== 2) {
            r.status = 'bad';
            r.message = `${shown}: cases[${i}] "${c.name}": ${msg ?? err.text().trim()}`;
          } else {
            if (wantCode !== undefined && code !== wantCode) r.failures.push({ field: 'exitCode', expected: wantCode, actual: code });
            if (wantCode === undefined && code !== 0 && code !== 1) r.failures.push({ field: 'exitCode', expected: '0 or 1', actual: code });
            if (c.error !== undefined && !(msg ?? '').includes(c.error)) r.failures.push({ field: 'error', expected: c.error, actual: msg ?? '(none)' });
            if (c.expect && code !== 2) {
              let actual: unknown;
              try {
                actual = JSON.parse(out.text());
              } catch {
                actual = undefined;
              }
              r.failures.push(...compareExpected(c.expect, actual));
            }
            if (r.failures.length) r.status = 'failed';
          }
          results.push(r);
        }
      }
      const passed = results.filter((r) => r.status === 'passed').length;
      const failed = results.filter((r) => r.status === 'failed').length;
      const bad = results.filter((r) => r.status === 'bad');
      if (o.json) printJson(ctx, { passed, failed, bad: bad.length, cases: results });
      else {
        for (const r of results.filter((x) => x.status === 'failed'))
          for (const f of r.failures) write(ctx, `${ctx.paint.red('FAIL')} ${r.file}: ${r.name}: ${f.field}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}`);
        write(ctx, `${passed} passed, ${failed} failed`);
      }
      if (bad.length) throw new InputError(bad.map((b) => b.message).join('; '));
      if (failed) markCheckFailed();
    }
