// The rules audit finds each kind of problem in deliberately broken copies of the rules.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../src/rules/load';
import { auditRules } from '../../src/batch/rules-audit';
import { brokenCopy } from '../helpers/tmp-rules';
import { AGREEMENT_DIR } from '../helpers/contract';
import { cba, json } from '../helpers/cli';

async function audit(dir: string) {
  const a = (await loadRules(dir)).agreements[0];
  return auditRules(a, readFileSync(join(dir, a.meta.source), 'utf8'));
}

describe('cba rules audit', () => {
  it('the shipped rules: no errors; the six community-day daily rates printed a cent high are warnings', async () => {
    const f = await audit(AGREEMENT_DIR);
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.map((x) => x.where)).toEqual(['2005-06 Class II Step 2', '2005-06 Class III Step 3', '2005-06 Class II Step 4', '2005-06 Class I Step 6', '2005-06 Class III Step 8', '2005-06 Class V Step 11']);
    expect(f.every((x) => x.check === 'daily-rate' && x.file.endsWith('community-day-2005-06.yaml'))).toBe(true);
  });

  it.each([
    ['a daily rate off by more than a cent', 'schedules/basic-2005-06.yaml', (t: string) => t.replace('IV: 372.62', 'IV: 327.62'), 'daily-rate', 'Class IV Step 13'],
    ['a salary lower than the step before', 'schedules/basic-2005-06.yaml', (t: string) => t.replace('IV: 70797', 'IV: 60797').replace('IV: 372.62', 'IV: 319.98'), 'steps-increase', 'Class IV Step 13'],
    ['a salary lower than the class to its left', 'schedules/basic-2005-06.yaml', (t: string) => t.replace('V: 74785', 'V: 70000').replace('V: 393.61', 'V: 368.42'), 'classes-increase', 'Step 13 Class V'],
    ['a printed stipend that its percentage does not give', 'stipends.yaml', (t: string) => t.replace('annual: "2831.88"', 'annual: "2831.80"'), 'stipend-printed', 'ltvs.printed.annual'],
    ['a step in one schedule but not its sibling', 'schedules/community-day-2005-06.yaml', (t: string) => t.replace(/  - step: 13\n    annual: \{II: 75775, /, '  - step: 13\n    annual: {').replace('daily: {II: 398.82, ', 'daily: {'), 'sibling-steps', 'Class II'],
    ['a quote that is not in the agreement', 'agreement.yaml', (t: string) => t.replace('No unit member shall work more than a total of 225 days.', 'No unit member shall work more than 225 days.'), 'quote', 'parameters.maxYearDays.cite'],
    ['printed sick-leave hours that do not add up', 'leaves.yaml', (t: string) => t.replace('hours: 87.75', 'hours: 87.5'), 'sick-leave-hours', 'regular'],
  ])('finds %s', async (_what, file, edit, check, where) => {
    const f = await audit(brokenCopy(file, edit));
    const hit = f.find((x) => x.check === check && x.severity === 'error');
    expect(hit, JSON.stringify(f)).toBeDefined();
    expect(hit!.where).toContain(where);
  });

  it('through the bin: exit 0 with warnings only, exit 1 with an error, file and cell named', async () => {
    const ok = await cba(['rules', 'audit', '--json']);
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ errors: 0, warnings: 6 });
    const dir = brokenCopy('schedules/basic-2005-06.yaml', (t) => t.replace('IV: 372.62', 'IV: 327.62'));
    // --wide: the whole finding on one line of the table, to match it
    const bad = await cba(['--rules', dir, 'rules', 'audit', '--wide']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/basic-2005-06\.yaml.*Class IV Step 13.*327\.62/);
  });
});
