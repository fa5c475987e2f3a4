import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';

const tmp = (name: string, text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'cba-check-')), name);
  writeFileSync(f, text);
  return f;
};

describe('cba check', () => {
  it('the example file of fixtures/ passes: exit 0 and the summary line', async () => {
    const r = await cba(['check', 'fixtures/check/expected.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('13 passed, 0 failed');
  });

  it('a failing case names the case, the field, expected and actual; exit 1', async () => {
    const f = tmp('failing.yaml', `cases:
  - name: wrong daily rate
    run: salary
    input: { class: IV, step: 13 }
    expect: { dailyRate: 372.61, annualSalary: 70797 }
  - name: right one
    run: stipend
    args: [bilingual]
    expect: { total: 1061.96 }
`);
    const r = await cba(['check', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL');
    expect(r.stdout).toContain('wrong daily rate: dailyRate: expected 372.61, got 372.62');
    expect(r.stdout.trim().split('\n').pop()).toBe('1 passed, 1 failed');
  });

  it('JSON files and stdin (-) work too', async () => {
    const text = JSON.stringify({ cases: [{ name: 'json case', run: 'salary', input: { class: 'A', step: 1 }, expect: { annualSalary: 35450 } }] });
    const r = await cba(['check', '-', '--json'], { input: text });
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ passed: 1, failed: 0 });
  });

  it.each([
    ['unknown computation', 'cases:\n  - name: x\n    run: salry\n    expect: { a: 1 }\n', /bad\.yaml: cases\[0\]\.run \(line 3\)/],
    ['no expectation', 'cases:\n  - name: x\n    run: salary\n', /cases\[0\]\.expect/],
    ['broken YAML', 'cases: [\n', /bad\.yaml: line \d+: .*YAML syntax/],
    ['an unknown flag', 'cases:\n  - name: typo\n    run: salary\n    input: { clas: IV, step: 13 }\n    expect: { annualSalary: 1 }\n', /cases\[0\] "typo": .*unknown option '--clas'/],
    ['an impossible input', 'cases:\n  - name: seven\n    run: salary\n    input: { class: VII, step: 1 }\n    expect: { annualSalary: 1 }\n', /cases\[0\] "seven": --class VII/],
  ])('a bad file (%s): exit 2 naming file, case and field', async (_w, text, msg) => {
    const r = await cba(['check', tmp('bad.yaml', text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
});
