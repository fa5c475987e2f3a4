// Article XV.4-6: which positions are paid on which schedule. The lists in agreement.yaml are compared
// with the lists printed under each section of the agreement text.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { positionList, scheduleForPosition } from '../../src/rules/schedules/positions';
import { salary } from '../../src/rules/schedules/salary';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, BASIC, COMMUNITY_DAY, LINES } from '../helpers/contract';
import { cbaIn } from '../helpers/in-process';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

/** The position names printed under section n of Article XV (the lines up to the next numbered section). */
function printedPositions(n: number): string[] {
  const start = LINES.findIndex((l) => l.startsWith(`${n}.\tUnit members in the following positions`));
  const out: string[] = [];
  for (let i = start + 1; i < LINES.length && !/^\d+\.\t/.test(LINES[i]); i++) if (LINES[i].trim() && !/^\d+$/.test(LINES[i].trim())) out.push(LINES[i].trim());
  return out;
}

describe('XV.4-6 in rules/ match the text', () => {
  it.each([
    [4, 'basic'],
    [5, 'community-day'],
    [6, 'preschool'],
  ] as const)('XV.%i lists the positions of the %s schedule', (n, schedule) => {
    const printed = printedPositions(n);
    expect(printed.length).toBeGreaterThan(0);
    expect(positionList(a).filter((p) => p.schedule === schedule).map((p) => p.position)).toEqual(printed);
  });
  it('XV.4 names thirteen positions, XV.5 and XV.6 one each', () => {
    expect([4, 5, 6].map((n) => printedPositions(n).length)).toEqual([13, 1, 1]);
  });
});

describe('a position picks its schedule', () => {
  it('"school nurse" is the printed "Nurse, School": basic schedule', () => {
    const p = scheduleForPosition(a, 'school nurse');
    expect(p).toMatchObject({ position: 'Nurse, School', schedule: 'basic' });
    expect(p.source).toMatchObject({ article: 'XV', section: '4' });
  });
  it('a Resource Specialist at III-7 is paid the printed basic cell 55,957', () => {
    const printed = BASIC().find((c) => c.class === 'III' && c.step === 7)!.annual;
    expect(printed).toBe('55957');
    const r = salary(a, { position: 'Resource Specialist', class: 'III', step: 7 });
    expect(r.annualSalary.toFixed(0)).toBe(printed);
    expect(r.position?.schedule).toBe('basic');
  });
  it('a Community Day School Teacher at V-10 is paid the printed community-day cell 78,337 (XV.5)', () => {
    const printed = COMMUNITY_DAY().find((c) => c.class === 'V' && c.step === 10)!.annual;
    expect(printed).toBe('78337');
    expect(salary(a, { position: 'community day school teacher', class: 'V', step: 10 }).annualSalary.toFixed(0)).toBe(printed);
  });
  it('a Pre-School Teacher is on the hourly pre-school schedule (XV.6)', () => {
    expect(salary(a, { position: 'Pre-School Teacher', class: 'III', step: 4 }).basis).toBe('hourly');
  });
  it('an unknown position names the nearest; a contradicting --schedule is refused', () => {
    expect(() => scheduleForPosition(a, 'nurse')).toThrow(/Nurse, School/);
    expect(() => salary(a, { position: 'Pre-School Teacher', schedule: 'basic', class: 'III', step: 4 })).toThrow(/contradicts/);
  });
});

describe('cba salary --position / cba schedule --positions', () => {
  it('salary --json names the position and its citation', async () => {
    const r = await cbaIn(['salary', '--position', 'Counselor', '-c', 'IV', '-s', '13', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schedule).toBe('basic');
    expect(j.annualSalary).toBe(70797);
    expect(j.position.source.section).toBe('4');
  });
  it('schedule --positions --csv lists fifteen positions', async () => {
    const r = await cbaIn(['schedule', '--positions', '--csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(16);
  });
  it('an unknown position: one line, exit 2', async () => {
    const r = await cbaIn(['salary', '--position', 'janitor', '-c', 'IV', '-s', '13']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
