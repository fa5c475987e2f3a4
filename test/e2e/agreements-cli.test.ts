// Where rules live: --rules naming a folder of several agreements, cba agreements, CBA_RULES (the flag
// wins over it), and --as-of on the command line.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';
import { ROOT } from '../helpers/contract';

const FIXTURES = join(ROOT, 'fixtures', 'rules');
const MIDYEAR = join(FIXTURES, 'midyear-2006-07');

describe('cba agreements and CBA_RULES', () => {
  it('lists every agreement of a folder of several, with its schedules and the dates they cover', async () => {
    const r = await cba(['agreements', '--rules', FIXTURES, '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.agreements.map((x: { id: string }) => x.id)).toEqual(['example-district', 'midyear-2006-07']);
    expect(j.agreements[1]).toMatchObject({ fixture: true, term: { from: '2005-07-01', to: '2008-06-30' }, schedules: [{ id: 'basic', years: ['2006-07'], covers: '2006-07-01 to 2007-06-30', files: 2 }] });
    const t = await cba(['agreements', '--rules', FIXTURES]);
    expect(t.stdout).toMatch(/2 agreements under .*: choose one with --agreement <id>/);
  });
  it('the shipped agreement by default', async () => {
    const j = json(await cba(['agreements', '--json']));
    expect(j.agreements.map((x: { id: string }) => x.id)).toEqual(['sdcoe-ae-2005-2008']);
  });
  it('a folder of several agreements needs --agreement for the other commands', async () => {
    const r = await cba(['salary', '--rules', FIXTURES, '--class', 'IV', '--step', '13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/several agreements under .*choose one with --agreement \(example-district, midyear-2006-07\)/);
    const ok = json(await cba(['salary', '--rules', FIXTURES, '--agreement', 'midyear-2006-07', '--class', 'IV', '--step', '13', '--as-of', '2006-09-01', '--json']));
    expect(ok.annualSalary).toBe(72213);
  });
  it('CBA_RULES sets the rules folder; --rules wins over it', async () => {
    const env = { CBA_RULES: MIDYEAR };
    const a = json(await cba(['salary', '--class', 'IV', '--step', '13', '--year', '2006-07', '--json'], { env }));
    expect(a).toMatchObject({ agreement: 'midyear-2006-07', totalSalary: 73296 });
    const b = json(await cba(['--rules', join(ROOT, 'rules'), 'salary', '--class', 'IV', '--step', '13', '--json'], { env }));
    expect(b).toMatchObject({ agreement: 'sdcoe-ae-2005-2008', annualSalary: 70797 });
    const c = json(await cba(['agreements', '--json'], { env }));
    expect(c.agreements.map((x: { id: string }) => x.id)).toEqual(['midyear-2006-07']);
  });
  it('a CBA_RULES folder that does not exist is one line, exit 2', async () => {
    const r = await cba(['salary', '--class', 'IV', '--step', '13'], { env: { CBA_RULES: join(ROOT, 'no-such-rules') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cba: CBA_RULES=.*no-such-rules: no such folder/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('--help says the order', async () => {
    // the help is laid out to 80 columns: matched with its line breaks folded
    expect((await cba(['--help'])).stdout.replace(/\s+/g, ' ')).toMatch(/Rules: --rules <dir>, else the CBA_RULES environment variable, else the shipped agreement/);
  });
});
