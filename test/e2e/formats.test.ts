// No format flag is ever ignored (issue 18, part 4): every command and subcommand, run with --json and
// with --csv, either prints what it says (JSON, or JSON Lines for the streaming batch commands; CSV
// with one header and every record as wide as it) or exits 2 with one line on stderr saying the format
// is not offered and nothing on stdout. The list of commands is checked against the command table, so
// a command added later without a line here fails the first test.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cba } from '../helpers/cli';
import { COMMANDS } from '../../src/commands';

const dir = mkdtempSync(join(tmpdir(), 'cba-formats-'));
const schedule = join(dir, 'schedule.csv');
writeFileSync(schedule, 'Step,I,II\n1,40000,42000\n2,41000,43000\n');
const triggers = join(dir, 'triggers.csv');
writeFileSync(triggers, 'case,date\nA,2005-11-18\nB,2005-12-09\n');

// each command (and subcommand) with arguments that give an answer
const RUNS: Record<string, string[]> = {
  salary: ['salary', '--class', 'IV', '--step', '13'],
  schedule: ['schedule'],
  stipend: ['stipend', 'bilingual'],
  'sick-leave': ['sick-leave', '--days-worked', '205', '--fte', '0.6', '--balance', '31.5'],
  deadline: ['deadline', 'grievance', '--occurred', '2005-11-18'],
  'deadline list': ['deadline', 'list'],
  'deadline --input': ['deadline', 'level1-file', '--input', triggers],
  calendar: ['calendar', '--year', '2005-06'],
  'calendar --month': ['calendar', '--month', '2005-11', '--mark', '2005-11-18'],
  'step-advance': ['step-advance', '--class', 'II', '--step', '5', '--days-served', '150'],
  'step-advance --years': ['step-advance', '--class', 'IV', '--step', '6', '--years', '5'],
  'part-time-retirement': ['part-time-retirement', '--reduction', '2006-07-01', '--born', '1950-09-14', '--full-time-years', '12', '--preceding-full-time-years', '6', '--fte', '0.5'],
  'released-time': ['released-time', '--used', '26', '--request', '3'],
  check: ['check', 'fixtures/check/expected.yaml'],
  audit: ['audit', 'fixtures/roster/roster.csv'],
  cost: ['cost', '--roster', 'fixtures/roster/cost-roster.csv'],
  'cost --scenario': ['cost', '--roster', 'fixtures/bargain/roster3.csv', '--scenario', 'fixtures/bargain/proposal-a.yaml'],
  retro: ['retro', '--roster', 'fixtures/bargain/retro3.csv', '--effective', '2005-07-01', '--paid-through', '2006-01-31', '--raise', '4'],
  disclose: ['disclose', '--roster', 'fixtures/bargain/roster3.csv', '--scenario', 'fixtures/bargain/proposal-a.yaml'],
  'rules validate': ['rules', 'validate'],
  'rules audit': ['rules', 'audit'],
  'rules cite': ['rules', 'cite', 'XV.1'],
  'rules init': ['rules', 'init', join(dir, 'new-agreement')],
  'rules import schedule': ['rules', 'import', 'schedule', schedule, '--year', '2024-25', '--dry-run'],
  agreements: ['agreements'],
  completion: ['completion', 'bash'],
  man: ['man'],
};

/** JSON, or JSON Lines (one object per line). */
function parsesAsJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    const lines = s.trim().split('\n');
    return lines.length > 0 && lines.every((l) => typeof JSON.parse(l) === 'object');
  }
}

/** CSV: at least a header, every record as wide as the header. */
function parsesAsCsv(s: string): boolean {
  const rows = parse(s, { relax_column_count: true }) as string[][];
  return rows.length > 0 && rows.every((r) => r.length === rows[0].length);
}

describe('every command with --json and with --csv: the format, or exit 2 saying it is not offered', () => {
  it('the list covers every command of the command table', () => {
    const named = new Set(Object.keys(RUNS).map((k) => k.split(' ')[0]));
    expect(Object.keys(COMMANDS).filter((c) => !named.has(c))).toEqual([]);
  });

  const cases = Object.entries(RUNS).flatMap(([name, args]) => (['--json', '--csv'] as const).map((f) => [name, f, args] as const));
  it.each(cases)('%s %s', async (name, format, args) => {
    if (name === 'rules init') args = [...args.slice(0, -1), join(dir, `new-${format.slice(2)}`)];
    const r = await cba([...args, format]);
    if (r.code === 2) {
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`does not offer ${format} output`));
      expect(r.stdout).toBe('');
      return;
    }
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    if (format === '--json') expect(parsesAsJson(r.stdout), r.stdout.slice(0, 300)).toBe(true);
    else expect(parsesAsCsv(r.stdout), r.stdout.slice(0, 300)).toBe(true);
  });

  it('the refusal names the format the command does offer', async () => {
    const r = await cba(['sick-leave', '--days-worked', '205', '--csv']);
    expect(r.stderr).toBe('cba: sick-leave does not offer --csv output; it offers --json (cba sick-leave --help)\n');
    expect(r.code).toBe(2);
  });
});

describe('an unknown command or subcommand, with or without --help: one line, exit 2, the nearest name', () => {
  it.each([
    [['salry', '--help'], "cba: unknown command 'salry'; did you mean salary? (cba --help lists the commands)\n"],
    [['rules', 'valdate', '--help'], "cba: unknown command 'rules valdate'; did you mean rules validate? (cba rules --help lists validate, audit, cite, init, import)\n"],
    [['rules', 'import', 'bogus', '--help'], "cba: unknown command 'rules import bogus' (cba rules import --help lists schedule)\n"],
  ])('%j', async (args, message) => {
    const r = await cba(args);
    expect(r.stderr).toBe(message);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });
});
