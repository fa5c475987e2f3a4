// (Run from test/import/xlsx.test.ts with the other tests that make or read workbooks: one worker loads exceljs for all.)
// cba rules init + cba rules import schedule through the built bin: a new agreement folder, two real
// schedules imported into it, and salary / schedule / rules audit on them. Bad input: one line, exit 2,
// nothing written.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, json } from '../helpers/cli';
import { ROOT } from '../helpers/contract';
import { Workbook } from '../helpers/workbook';

const FIX = join(ROOT, 'fixtures', 'schedules');

/** Every file under dir with its contents: what "nothing written" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[p] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('cba rules init and import schedule', () => {
  let tmp: string;
  let rules: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cba-import-'));
    rules = join(tmp, 'office');
    const init = await cba(['rules', 'init', rules, '--employer', 'Conejo Valley Unified School District', '--from', '2023-07-01', '--to', '2026-06-30']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const a = await cba(['rules', 'import', 'schedule', join(FIX, 'cvusd-2023-24.csv'), '--rules', rules]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/Wrote .*teacher-2023-24-2024-01-01\.yaml \(validated with its agreement\)/);
    const b = await cba(['rules', 'import', 'schedule', join(FIX, 'pvsd-2023-24.csv'), '--rules', rules, '--schedule', 'pvsd', '--assignment', 'teacher']);
    expect(b.code).toBe(0);
  });

  it('init makes a folder that validates at once, citations listed as not yet filled (an error under --strict)', async () => {
    const v = await cba(['rules', 'validate', '--rules', rules]);
    expect(v.code).toBe(0);
    // the status line is text for a person, wrapped to the width (80 here): matched with its line breaks folded
    expect(v.stdout.replace(/\s+/g, ' ')).toMatch(/office: valid \(2 schedules: .*\), 7 citations not yet filled/);
    expect(v.stderr).toMatch(/warning: .*agreement\.yaml: parameters\.baseYearDays\.cite: citation not yet filled/);
    const s = await cba(['rules', 'validate', '--rules', rules, '--strict']);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/^error: .*citation not yet filled/m);
    const first = readFileSync(join(rules, 'agreement.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=schema/agreement.schema.json');
    const sched = readFileSync(join(rules, 'schedules', 'teacher-2023-24-2024-01-01.yaml'), 'utf8').split('\n')[0];
    expect(sched).toBe('# yaml-language-server: $schema=../schema/schedule.schema.json');
  });

  it('salary on a plateau: Class II step 16 is paid at step 11 (12-14 blank, 15-18 not printed)', async () => {
    const r = await cba(['salary', '--rules', rules, '--class', 'ii', '--step', '16', '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    // printed: Class II step 11 = $90,774; daily rate 90,774 / 185 (the 185-Day Work Year) = 490.670..., half-up 490.67
    expect(j).toMatchObject({ class: 'II', step: 16, printedStep: 11, annualSalary: 90774, dailyRate: 490.67, baseDays: 185 });
    expect(j.readings.join(' ')).toMatch(/Step 16 is not printed .* paid at step 11/);
    const a = json(await cba(['salary', '--rules', rules, '--class', 'V', '--step', '24', '--json']));
    expect(a.annualSalary).toBe(121629);
    expect((await cba(['salary', '--rules', rules, '--class', 'V', '--step', '30'])).stderr).toMatch(/class V .* has steps 1 to 29/);
  });

  it('salary on a class label with spaces and a schedule of 40 steps', async () => {
    const j = json(await cba(['salary', '--rules', rules, '--schedule', 'pvsd', '--class', 'column iv', '--step', '40', '--json']));
    expect(j).toMatchObject({ class: 'Column IV', annualSalary: 108739 });
  });

  it('schedule and rules audit run on the imported schedules (plateaus are warnings)', async () => {
    const s = await cba(['schedule', '--rules', rules, '--schedule', 'pvsd', '--csv']);
    expect(s.code).toBe(0);
    expect(s.stdout.split('\n').filter((l) => l.startsWith('Column III,')).length).toBe(40);
    const a = await cba(['rules', 'audit', '--rules', rules, '--json']);
    expect(a.code).toBe(0);
    const j = json(a);
    expect(j.errors).toBe(0);
    expect(j.findings.some((f: { check: string; where: string }) => f.check === 'blank-cell' && f.where === '2023-24 Class II Step 13')).toBe(true);
  });

  it('an import over an existing file needs --force', async () => {
    const before = snapshot(rules);
    const r = await cba(['rules', 'import', 'schedule', join(FIX, 'cvusd-2023-24.csv'), '--rules', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/teacher-2023-24-2024-01-01\.yaml exists: give --force/);
    expect(snapshot(rules)).toEqual(before);
    const f = await cba(['rules', 'import', 'schedule', join(FIX, 'cvusd-2023-24.csv'), '--rules', rules, '--force']);
    expect(f.code).toBe(0);
  });

  it('--dry-run and --json write nothing and show the review', async () => {
    const before = snapshot(rules);
    const r = await cba(['rules', 'import', 'schedule', join(FIX, 'cvusd-2023-24.csv'), '--rules', rules, '--schedule', 'other', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.written).toBeNull();
    expect(j.review.columnSums[4]).toEqual({ class: 'V', cells: 17, sum: '1675116' });
    expect(snapshot(rules)).toEqual(before);
  });

  it('to stdout: the YAML on stdout, the review on stderr', async () => {
    const r = await cba(['rules', 'import', 'schedule', '-', '--year', '2024-25'], { input: 'Step,BA\n1,50000\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# yaml-language-server/);
    expect(r.stderr).toMatch(/^Read stdin/);
  });

  const bad: [string, string, string[], RegExp][] = [
    ['a non-numeric cell', 'Title 2024-25\nStep,BA,MA\n1,50000,51000\n2,51000,5I000\n', [], /r4c3: "5I000" is not an amount/],
    ['a duplicated class label', 'Title 2024-25\nStep,BA,BA\n1,50000,51000\n', [], /class label "BA" appears twice/],
    ['a step with no values', 'Title 2024-25\nStep,BA,MA\n1,50000,51000\n2,-,\n', [], /step "2" has no values/],
    ['an empty file', '', [], /the file is empty/],
    ['a sheet in a CSV', 'Title 2024-25\nStep,BA\n1,50000\n', ['--sheet', 'Teachers'], /--sheet Teachers: a CSV file has no sheets/],
    ['overlapping effective dates', 'Title 2023-24\nStep,I\n1,50000\n', ['--effective', '2023-07-01', '--until', '2024-03-31'], /overlapping effective dates: .* runs 2023-07-01 to 2024-03-31, past 2024-01-01/],
    ['a school year that is not one', 'Step,BA\n1,50000\n', ['--year', '2024-26'], /--year 2024-26: write a school year as YYYY-YY/],
    ['an effective date outside the year', 'Title 2024-25\nStep,BA\n1,50000\n', ['--effective', '2025-07-01'], /effective.*outside school year 2024-25/],
  ];
  it.each(bad)('bad input: %s is one line, exit 2, nothing written', async (_what, text, args, msg) => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, text);
    const before = snapshot(rules);
    const r = await cba(['rules', 'import', 'schedule', file, '--rules', rules, ...args]);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(snapshot(rules)).toEqual(before);
  });

  it('bad input: a sheet that does not exist is one line, exit 2, nothing written', async () => {
    const wb = new Workbook();
    wb.addWorksheet('Certificated').addRows([['Schedule 2023-24'], ['Step', 'I'], [1, 50000]]);
    const file = join(tmp, 'book.xlsx');
    await wb.xlsx.writeFile(file);
    const before = snapshot(rules);
    const r = await cba(['rules', 'import', 'schedule', file, '--rules', rules, '--sheet', 'Classified', '--schedule', 'book']);
    expect(r.stderr).toBe('cba: --sheet Classified: book.xlsx has no such sheet; its sheets are "Certificated"\n');
    expect(r.code).toBe(2);
    expect(snapshot(rules)).toEqual(before);
    const ok = await cba(['rules', 'import', 'schedule', file, '--rules', rules, '--sheet', 'Certificated', '--schedule', 'book', '--dry-run', '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ kind: 'xlsx', sheet: 'Certificated', written: null });
  });

  it('init refuses a folder that is not empty', async () => {
    const r = await cba(['rules', 'init', rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists and is not empty/);
  });
});
