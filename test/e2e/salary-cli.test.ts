// The CLI end to end through the built bin: output, JSON, exit codes, colour, errors.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';
import { ROOT, AGREEMENT_DIR } from '../helpers/contract';

describe('cba salary (built bin)', () => {
  it('prints the Class IV Step 13 figures with their sources', async () => {
    const r = await cba(['salary', '--class', 'IV', '--step', '13']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('70,797.00');
    expect(r.stdout).toContain('372.62');
    expect(r.stdout).toContain('Art. XV.1');
    expect(r.stdout).not.toMatch(/\x1b\[/); // not a TTY: no colour
    expect(r.stderr).toBe('');
  });

  it('--json is one JSON object with the documented fields', async () => {
    const j = json(await cba(['salary', '--class', 'IV', '--step', '13', '--days', '200', '--json']));
    expect(j).toMatchObject({
      agreement: 'sdcoe-ae-2005-2008',
      year: '2005-06',
      schedule: 'basic',
      class: 'IV',
      step: 13,
      annualSalary: 70797,
      dailyRate: 372.62,
      days: 200,
      extraDays: 10,
      extraDaysPay: 3726.2,
      fte: 1,
      totalSalary: 74523.2,
      monthlyPay: 6210.27,
      warnings: [],
    });
    expect(j.sources.length).toBeGreaterThan(1);
    expect(j.sources[0]).toHaveProperty('quote');
  });

  it('pre-school JSON has the hourly rate', async () => {
    const j = json(await cba(['salary', '--schedule', 'preschool', '--class', 'III', '--step', '4', '--json']));
    expect(j).toMatchObject({ hourlyRate: 17.26, dailyRate: 129.45, annualSalary: 23818.8, hoursPerDay: 7.5, baseDays: 184 });
  });

  it('a differing printed daily rate is a warning on stderr and in JSON', async () => {
    const r = await cba(['salary', '--schedule', 'community-day', '--class', 'II', '--step', '2', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).warnings[0]).toMatch(/263\.97/);
    expect(r.stderr).toMatch(/^warning: .*263\.97/);
  });

  it('--csv prints a header and one row per figure', async () => {
    const r = await cba(['salary', '--class', 'IV', '--step', '13', '--csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('figure,label,value,how,source');
    expect(lines.find((l) => l.startsWith('dailyRate,'))).toContain('372.62');
  });

  it.each([
    [['salary', '--class', 'VII', '--step', '1'], /no class VII/],
    [['salary', '--class', 'A', '--step', '6'], /steps 1 to 5/],
    [['salary', '--class', 'IV', '--step', '14'], /steps 1 to 13/],
    [['salary', '--class', 'IV', '--step', '0'], /steps 1 to 13/],
    [['salary', '--class', 'IV', '--step', '1.5'], /not a whole number/],
    [['salary', '--class', 'IV', '--step', 'x'], /not a whole number/],
    [['salary', '--schedule', 'preschool', '--class', 'A', '--step', '1'], /no class A/],
    [['salary', '--class', 'IV', '--step', '13', '--year', '2007-08'], /no 2007-08 table/],
    [['salary', '--class', 'IV', '--step', '13', '--days', '300'], /225 days/],
    [['salary', '--class', 'IV', '--step', '13', '--fte', 'abc'], /not a number/],
    [['salary', '--step', '13'], /--class is required/],
    [['salary', '--bogus'], /unknown option/],
    [['nonsense'], /unknown command/],
  ])('%j: one clear line, exit 2, no stack trace', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('--debug shows the stack of a user error', async () => {
    expect((await cba(['salary', '--class', 'VII', '--step', '1', '--debug'])).stderr).toMatch(/\n\s+at /);
  });

  it('help of every command shows examples', async () => {
    for (const c of [[], ['salary'], ['schedule'], ['stipend'], ['sick-leave'], ['deadline'], ['calendar'], ['step-advance'], ['check'], ['audit'], ['cost'], ['rules'], ['rules', 'validate'], ['rules', 'audit']]) {
      const r = await cba([...c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:\n(\s+#.*\n)*\s+\$ cba/);
    }
  });

  it('colour: FORCE_COLOR colours, NO_COLOR and --no-color win over it', async () => {
    const args = ['schedule'];
    expect((await cba(args, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
    expect((await cba(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cba([...args, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cba(args, { env: { FORCE_COLOR: '1', TERM: 'dumb' } })).stdout).toMatch(/\x1b\[/); // FORCE_COLOR comes before TERM
  });

  it('a closed pipe ends quietly (cba ... | head -1)', () => {
    const r = spawnSync('sh', ['-c', `node ${join(ROOT, 'bin/cba.js')} schedule --csv | head -1`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('class,step,annual_salary,daily_rate,printed_daily_rate');
    expect(r.stderr).toBe('');
  });
});

describe('cba schedule (built bin)', () => {
  it('JSON lists every cell and flags the printed daily rates that differ', async () => {
    const j = json(await cba(['schedule', '--schedule', 'community-day', '--json']));
    expect(j.cells).toHaveLength(5 + 8 + 13 * 5);
    expect(j.cells.filter((c: any) => c.dailyRateDiffers).map((c: any) => `${c.class}-${c.step}`)).toEqual(['II-2', 'III-3', 'II-4', 'I-6', 'III-8', 'V-11']);
  });
  it('CSV of the pre-school schedule', async () => {
    const r = await cba(['schedule', '--schedule', 'preschool', '--csv']);
    expect(r.stdout.split('\n')[1]).toBe('I,1,15.33,21155.40,114.98');
  });
});

describe('rules are data: a new year is a new file, and edits are picked up', () => {
  it('--rules with a 2006-07 schedule file added is chosen with --year, no code change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-year-'));
    cpSync(AGREEMENT_DIR, dir, { recursive: true });
    const t = readFileSync(join(dir, 'schedules/basic-2005-06.yaml'), 'utf8').replace('year: 2005-06', 'year: 2006-07').replace('effective: 2005-07-01', 'effective: 2006-07-01').replace('IV: 70797', 'IV: 73000');
    writeFileSync(join(dir, 'schedules/basic-2006-07.yaml'), t);
    const j = json(await cba(['--rules', dir, 'salary', '--class', 'IV', '--step', '13', '--year', '2006-07', '--json']));
    expect(j.annualSalary).toBe(73000);
    expect(j.year).toBe('2006-07');
    expect(json(await cba(['--rules', dir, 'salary', '--class', 'IV', '--step', '13', '--year', '2005-06', '--json'])).annualSalary).toBe(70797);
    rmSync(dir, { recursive: true });
  });
  // an edited YAML file under an installed copy's rules/: test/e2e/trust-findings.test.ts (finding 4)
});

describe('more bad input through the bin: one line, exit 2', () => {
  it.each([
    [['salary', '--class', '', '--step', '1'], /--class is empty/],
    [['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', '1', '--out-schedule', '/nonexistent/dir/x.yaml'], /cannot write the file \(no such folder\)/],
    [['deadline', 'grievance', '--occurred', '2005-11-18', '--ics', '/nonexistent/x.ics'], /--ics .*cannot write/],
    [['stipend', '--list', '--json', '--csv'], /--json or --csv, not both/],
    [['audit'], /missing required argument/],
    [['check', 'nonexistent.yaml'], /nonexistent.yaml: no such file/],
  ])('%j', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
