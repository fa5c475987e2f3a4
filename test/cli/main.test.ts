// main(argv, io) runs in-process on the streams it is given and returns the exit code.
import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/command';

function io(input = ''): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) => new Writable({ write: (c, _e, cb) => (add(String(c)), cb()) });
  const stdin = new PassThrough();
  stdin.end(input);
  return { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin, env: {}, isTTY: false, out: () => out, err: () => err };
}

const cba = async (args: string[], input?: string) => {
  const x = io(input);
  const code = await main(['node', 'cba', ...args], x);
  return { code, stdout: x.out(), stderr: x.err() };
};

describe('main(argv, io)', () => {
  it('writes data to the given stdout and returns 0', async () => {
    const r = await cba(['salary', '--class', 'IV', '--step', '13', '--json']);
    expect(r.code).toBe(0);
    // Appendix A, Basic 2005-06, Class IV Step 13 is printed as 70,797
    expect(JSON.parse(r.stdout).annualSalary).toBe(70797);
    expect(r.stderr).toBe('');
  });

  it('a failed check returns 1 (no global flag left behind for the next run)', async () => {
    // LTVS at 22 years with an unsatisfactory evaluation: no new stipend (Appendix A, Advancements)
    const failed = await cba(['stipend', 'ltvs', '--years', '22', '--class', 'V', '--rating', 'unsatisfactory']);
    expect(failed.code).toBe(1);
    const next = await cba(['salary', '--class', 'IV', '--step', '13', '--json']);
    expect(next.code).toBe(0);
  });

  it('bad input: one line on the given stderr, exit 2', async () => {
    const r = await cba(['salary', '--class', 'IV', '--step', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cba: --step "x": not a whole number/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads - from the given stdin', async () => {
    const cases = JSON.stringify({ cases: [{ name: 'A1', run: 'salary', input: { class: 'A', step: 1 }, expect: { annualSalary: 35450 } }] });
    const r = await cba(['check', '-', '--json'], cases);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ passed: 1, failed: 0 });
  });
});

describe('help reads the contract\'s figures from the loaded rules', () => {
  it('sick-leave --days-worked defaults to the base year of the agreement loaded (190 here, 185 in the fixture district)', async () => {
    expect((await cba(['sick-leave', '--help'])).stdout).toMatch(/days worked in the school year \(default 190\)/);
    const f = await cba(['--rules', 'fixtures/rules/example-district', 'sick-leave', '--help']);
    expect(f.stdout).toMatch(/\(default 185\)/);
    expect(f.stdout).not.toMatch(/default 190/);
  });
});
