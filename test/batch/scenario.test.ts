// Scenario costing worked by hand: three people over three school years under a proposal with a
// mid-year raise (year 2), a new step (year 3) and a column move, with statutory costs on creditable
// pay only. Every expected figure is a literal, with its working.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { ScenarioCoster, statusQuo, type Scenario } from '../../src/batch/scenario';
import { ScenarioFile } from '../../src/batch/scenario-schema';
import { costRoster } from '../../src/batch/cost';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

const roster = [
  { row: 1, values: { id: 'P1', schedule: 'basic', class: 'IV', step: '12', fte: '', stipends: 'bilingual', new_class: '' } },
  { row: 2, values: { id: 'P2', schedule: 'basic', class: 'I', step: '8', fte: '', stipends: '', new_class: 'III' } },
  { row: 3, values: { id: 'P3', schedule: 'basic', class: 'V', step: '13', fte: '0.4', stipends: 'head-coach', new_class: '' } },
];

const A: Scenario = {
  name: 'A',
  file: 'a.yaml',
  data: ScenarioFile.parse({
    name: 'A',
    agreement: 'sdcoe-ae-2005-2008',
    years: { '2006-07': [{ kind: 'schedule-percent', percent: 4, effective: '2007-01-01' }], '2007-08': [{ kind: 'add-step', classes: ['V'], percent: 2.5 }] },
  }),
};

const money = (x: { toFixed(n: number): string }) => x.toFixed(2);

describe('scenario costing: three people, three years, by hand', () => {
  // Rules: CalSTRS 8.25% of creditable pay (salary + bilingual; the head-coach stipend is not creditable),
  // Medicare 1.45% of all pay, each rounded half-up to the cent per person and year. No rates file:
  // unemployment and workers' comp 0, health = the printed XVI.1 cap $446.25 x 12 = $5,355.00 per member
  // of 50% or more (P3 at 0.4 has none).
  it('every person, every year, to the cent', () => {
    const c = new ScenarioCoster(a, [statusQuo(a), A], { years: 3 });
    const ps = roster.map((r) => c.person(r));
    const fig = (p: number, y: number) => {
      const x = ps[p].years![1][y];
      return [x.class, x.step, money(x.salary), money(x.stipends), money(x.costs.calstrs), money(x.costs.medicare), money(x.health), money(x.total)];
    };
    // P1 IV-12 + bilingual (1.5% of IV-13: 70,797 x 1.5% = 1,061.955 -> 1,061.96).
    // Year 1: 68,761 + 1,061.96 = 69,822.96; STRS 69,822.96 x 8.25% = 5,760.3942 -> 5,760.39;
    //   Medicare 69,822.96 x 1.45% = 1,012.4329 -> 1,012.43; + 5,355 health = 81,950.78
    expect(fig(0, 0)).toEqual(['IV', 12, '68761.00', '1061.96', '5760.39', '1012.43', '5355.00', '81950.78']);
    // Year 2: step 13. 4% from Jan 1: IV-13 70,797 x 1.04 = 73,628.88 -> 73,629; bilingual 73,629 x 1.5% = 1,104.435 -> 1,104.44.
    //   Salary (70,797 x 6 + 73,629 x 6) / 12 = 72,213.00; bilingual (1,061.96 x 6 + 1,104.44 x 6) / 12 = 1,083.20;
    //   creditable 73,296.20: STRS 6,046.9365 -> 6,046.94; Medicare 1,062.7949 -> 1,062.79; total 85,760.93
    expect(fig(0, 1)).toEqual(['IV', 13, '72213.00', '1083.20', '6046.94', '1062.79', '5355.00', '85760.93']);
    // Year 3: last step of IV (the new step is for V only): 73,629 + 1,104.44 = 74,733.44;
    //   STRS 6,165.5088 -> 6,165.51; Medicare 1,083.6349 -> 1,083.63; total 87,337.58
    expect(fig(0, 2)).toEqual(['IV', 13, '73629.00', '1104.44', '6165.51', '1083.63', '5355.00', '87337.58']);
    // P2 I-8 moving to Class III (new_class) and one step: III-9 in year 2, III-10 in year 3.
    // Year 1: 50,514; STRS 4,167.405 -> 4,167.41; Medicare 732.453 -> 732.45; total 60,768.86
    expect(fig(1, 0)).toEqual(['I', 8, '50514.00', '0.00', '4167.41', '732.45', '5355.00', '60768.86']);
    // Year 2: III-9 60,020, from Jan 1 x 1.04 = 62,420.8 -> 62,421: (60,020 + 62,421) / 2 = 61,220.50;
    //   STRS 5,050.69125 -> 5,050.69; Medicare 887.69725 -> 887.70; total 72,513.89
    expect(fig(1, 1)).toEqual(['III', 9, '61220.50', '0.00', '5050.69', '887.70', '5355.00', '72513.89']);
    // Year 3: III-10 62,037 x 1.04 = 64,518.48 -> 64,518; STRS 5,322.735 -> 5,322.74; Medicare 935.511 -> 935.51; total 76,131.25
    expect(fig(1, 2)).toEqual(['III', 10, '64518.00', '0.00', '5322.74', '935.51', '5355.00', '76131.25']);
    // P3 V-13 (the last step) at 0.4 FTE with the head-coach stipend ($1,700, not creditable), no health.
    // Year 1: 74,785 x 0.4 = 29,914; STRS on 29,914 = 2,467.905 -> 2,467.91; Medicare on 31,614 = 458.403 -> 458.40; total 34,540.31
    expect(fig(2, 0)).toEqual(['V', 13, '29914.00', '1700.00', '2467.91', '458.40', '0.00', '34540.31']);
    // Year 2: V-13 x 1.04 = 77,776.4 -> 77,776; (29,914 + 31,110.40) / 2 = 30,512.20; STRS 2,517.2565 -> 2,517.26;
    //   Medicare on 32,212.20 = 467.0769 -> 467.08; total 35,196.54
    expect(fig(2, 1)).toEqual(['V', 13, '30512.20', '1700.00', '2517.26', '467.08', '0.00', '35196.54']);
    // Year 3: the new step V-14 = 77,776 x 1.025 = 79,720.4 -> 79,720; x 0.4 = 31,888; STRS 2,630.76; Medicare on 33,588 = 487.026 -> 487.03; total 36,705.79
    expect(fig(2, 2)).toEqual(['V', 14, '31888.00', '1700.00', '2630.76', '487.03', '0.00', '36705.79']);
    // Roster totals, year by year: 81,950.78 + 60,768.86 + 34,540.31 = 177,259.95; 193,471.36; 200,174.62
    expect(c.totals[1].map((t) => money(t.total))).toEqual(['177259.95', '193471.36', '200174.62']);
    expect(c.totals[1][0].fte.toFixed()).toBe('2.4');
  });

  it('the status quo moves steps and columns on the unchanged schedule', () => {
    const c = new ScenarioCoster(a, [statusQuo(a), A], { years: 3 });
    const ps = roster.map((r) => c.person(r));
    // Year 2 status quo: P1 IV-13 70,797 + 1,061.96 = 71,858.96;
    //   71,858.96 x 8.25% = 5,928.3642 -> 5,928.36; x 1.45% = 1,041.9549 -> 1,041.95; total 71,858.96 + 5,928.36 + 1,041.95 + 5,355 = 84,184.27
    expect(money(ps[0].years![0][1].total)).toBe('84184.27');
    // P2 III-9 60,020: STRS 4,951.65; Medicare 870.29; + 5,355 = 71,196.94
    expect(money(ps[1].years![0][1].total)).toBe('71196.94');
    // P3 stays V-13: as year 1, 34,540.31
    expect(money(ps[2].years![0][2].total)).toBe('34540.31');
    expect(ps[2].years![0][2].movement).toBe('at the last step');
  });

  it("the status quo's year 1 pay equals cba cost on the schedule, and year 2 its step and column movement", () => {
    const rows = roster.map((r) => ({ row: r.row, values: r.values as Record<string, string> }));
    const old = costRoster(a, rows, {});
    const c = new ScenarioCoster(a, [statusQuo(a)], { years: 2 });
    for (const r of rows) c.person(r);
    const pay = (k: number) => c.totals[0][k].salary.plus(c.totals[0][k].stipends);
    expect(money(pay(0))).toBe(money(old.current));
    expect(money(pay(1))).toBe(money(old.moved));
    // 68,761 + 1,061.96 + 50,514 + 29,914 + 1,700 = 151,950.96
    expect(money(pay(0))).toBe('151950.96');
  });

  it('a row that cannot be priced comes back with its reason and is left out of every total', () => {
    const c = new ScenarioCoster(a, [statusQuo(a)], { years: 1 });
    const r = c.person({ row: 9, values: { id: 'X', class: 'VII', step: '1' } });
    expect(r.status).toBe('invalid');
    expect(r.reason).toMatch(/no class VII/);
    expect(c.totals[0][0].members).toBe(0);
  });

  it('the cost of 1%: 1% of salary and percentage stipends with statutory costs on it', () => {
    const c = new ScenarioCoster(a, [statusQuo(a)], { years: 1 });
    for (const r of roster) c.person(r);
    // 68,761 + 1,061.96 (bilingual is a percent stipend) + 50,514 + 29,914 = 150,250.96; 1% = 1,502.5096;
    // x (1 + 8.25% + 1.45%) = 1,648.2530... -> 1,648.25
    expect(money(c.costOfOnePercent(0, 0))).toBe('1648.25');
  });
});

describe('scenario files: bad input is one line naming the problem', () => {
  const run = (years: Record<string, unknown[]>, agreement = 'sdcoe-ae-2005-2008') => () =>
    new ScenarioCoster(a, [{ name: 'x', file: 'x.yaml', data: ScenarioFile.parse({ name: 'x', agreement, years }) }], { years: 3 });
  it('a scenario for another agreement', () => expect(run({}, 'other-district')).toThrow(/scenario x.yaml: the scenario is for agreement "other-district", but the rules loaded are "sdcoe-ae-2005-2008"/));
  it('an effective date outside the agreement', () =>
    expect(run({ '2008-09': [{ kind: 'schedule-percent', percent: 1 }] })).toThrow(/effective 2008-07-01 is outside the agreement's term \(2005-07-01 to 2008-06-30\)/));
  it('an effective date outside its school year', () =>
    expect(run({ '2006-07': [{ kind: 'schedule-percent', percent: 1, effective: '2005-09-01' }] })).toThrow(/outside the 2006-07 school year/));
  it('an unknown stipend', () => expect(run({ '2006-07': [{ kind: 'stipend', stipend: 'nope', percent: 1 }] })).toThrow(/no stipend "nope"/));
  it('an unknown change kind fails the schema', () => expect(ScenarioFile.safeParse({ name: 'x', agreement: 'a', years: { '2006-07': [{ kind: 'pizza' }] } }).success).toBe(false));
  it('a negative one-time amount fails the schema', () =>
    expect(ScenarioFile.safeParse({ name: 'x', agreement: 'a', years: { '2006-07': [{ kind: 'one-time', amount: -5 }] } }).error?.issues[0].message).toMatch(/cannot be negative/));
  it('--years out of range', () => expect(() => new ScenarioCoster(a, [statusQuo(a)], { years: 0 })).toThrow(/years 0: cost 1 to 10 school years/));
});
