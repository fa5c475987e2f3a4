// Extra time and extra days paid from the member's own daily rate: XX.3.2 (and 5.2.10), XX.5.9,
// XX.4.1.1.e, XVIII.12 (staff development buy-back), XX.7.3.1 (BTSA training on non-duty days).
// Every expected figure is worked by hand below from the daily rate Appendix A prints.
import { beforeAll, describe, expect, it } from 'vitest';
import { isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import { loadRules } from '../../src/rules/load';
import { computeStipend, memberRate, type StipendInput } from '../../src/rules/stipends/stipends';
import { salary } from '../../src/rules/schedules/salary';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, BASIC, COMMUNITY_DAY, FOLDED } from '../helpers/contract';
import { cbaIn } from '../helpers/in-process';

let a: Agreement;
let iv13: StipendInput['member'];
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
  iv13 = memberRate(a, salary(a, { class: 'IV', step: 13 }));
});

// Appendix A prints Class IV Step 13's daily rate under its annual salary: 70,797 / 372.62.
const printedIV13 = BASIC().find((c) => c.class === 'IV' && c.step === 13)!;

describe('the hourly rate based upon the daily rate', () => {
  it('starts from the printed daily rate of Class IV Step 13', () => {
    expect(printedIV13.daily).toBe('372.62');
    expect(iv13!.dailyRate.toFixed(2)).toBe(printedIV13.daily);
    // XI.4.A: "six (6) hours and forty-five (45) minutes" = 6.75 h; XX.3.2 repeats it: "six hours, forty-five minutes of duty time"
    expect(FOLDED).toContain('(six hours, forty-five minutes of duty time)');
    expect(iv13!.hoursPerDay.toString()).toBe('6.75');
  });
  it('372.62 / 6.75 = 55.2029..., 55.20 an hour', () => {
    const r = computeStipend(a, 'par-council-extra-time', { member: iv13, hoursBeyondYear: '1' });
    expect(r.annual.toFixed(2)).toBe('55.20');
    expect(r.how).toContain('372.62 / 6.75 h = 55.2030..., rounded half-up to 0.01 = 55.20 an hour');
  });
  it('a community day school teacher: 7.75-hour day (XI.4.C), V-10 prints 412.30 a day', () => {
    const v10 = COMMUNITY_DAY().find((c) => c.class === 'V' && c.step === 10)!;
    expect(v10.daily).toBe('412.30');
    const m = memberRate(a, salary(a, { schedule: 'community-day', class: 'V', step: 10 }));
    // 412.30 / 7.75 = 53.20 exactly; 3 h beyond the work year = 159.60
    const r = computeStipend(a, 'consulting-teacher-extra-time', { member: m, hoursBeyondYear: '3' });
    expect(r.annual.toFixed(2)).toBe('159.60');
  });
});

describe('XX.3.2 PAR Council: beyond the work year, or more than two hours beyond the day', () => {
  it('6 h beyond the year + a 3-hour day (paid) + a 1.5-hour day (not) = 9 h x 55.20 = 496.80', () => {
    const r = computeStipend(a, 'par-council-extra-time', { member: iv13, hoursBeyondYear: '6', hoursBeyondDay: ['3', '1.5'] });
    expect(r.annual.toFixed(2)).toBe('496.80');
    expect(r.eligible).toBe(true);
    expect(r.reason).toContain('day 2: 1.5 h beyond the day, not more than 2 hours: not paid');
    expect(r.sources.map((s) => `${s.article}.${s.section}`)).toEqual(expect.arrayContaining(['XX.3.2', 'XX.5.2.10', 'XV.1', 'XI.4.A']));
  });
  it('exactly 2 hours is not "more than two hours": nothing paid, not eligible', () => {
    const r = computeStipend(a, 'par-council-extra-time', { member: iv13, hoursBeyondDay: ['2'] });
    expect(r.annual.toFixed(2)).toBe('0.00');
    expect(r.eligible).toBe(false);
  });
  it('--extra-time-pays excess: a 3.5-hour day pays 1.5 h x 55.20 = 82.80', () => {
    const r = computeStipend(a, 'par-council-extra-time', { member: iv13, hoursBeyondDay: ['3.5'], extraTimePays: 'excess' });
    expect(r.annual.toFixed(2)).toBe('82.80');
  });
  it('needs the member\'s cell', () => {
    expect(() => computeStipend(a, 'par-council-extra-time', { hoursBeyondYear: '1' })).toThrow(/own daily rate/);
  });
});

describe('XX.5.9 consulting teacher and XX.4.1.1.e participating teacher: "two hours beyond"', () => {
  it.each(['consulting-teacher-extra-time', 'participating-teacher-extra-time'])('%s: exactly 2 h is paid, 2 x 55.20 = 110.40', (id) => {
    const r = computeStipend(a, id, { member: iv13, hoursBeyondDay: ['2'] });
    expect(r.annual.toFixed(2)).toBe('110.40');
    expect(r.readings.map((x) => x.text).join(' ')).toContain('read as two hours or more');
  });
  it('1.75 h beyond the day is not paid', () => {
    expect(computeStipend(a, 'consulting-teacher-extra-time', { member: iv13, hoursBeyondDay: ['1.75'] }).eligible).toBe(false);
  });
});

describe('XVIII.12 staff development buy-back: hourly, at most the daily rate a day, up to three days', () => {
  it('4 h, 8 h, 2 h, 3 h: 220.80 + 372.62 (441.60 capped) + 110.40 = 703.82; the fourth day unpaid', () => {
    // 4 x 55.20 = 220.80; 8 x 55.20 = 441.60 > 372.62 so 372.62; 2 x 55.20 = 110.40
    expect(FOLDED).toContain('compensated for up to three days annually at an hourly rate based upon their regular daily rate to a maximum of their daily rate for each day of attendance');
    const r = computeStipend(a, 'staff-development-buy-back', { member: iv13, buyBackHours: ['4', '8', '2', '3'] });
    expect(r.annual.toFixed(2)).toBe('703.82');
    expect(r.reason).toContain('day 4 (3 h) not paid: up to 3 days a year');
  });
  it('a full 6.75-hour day pays 6.75 x 55.20 = 372.60 (two cents under the daily rate: the hourly rate is rounded)', () => {
    expect(computeStipend(a, 'staff-development-buy-back', { member: iv13, buyBackHours: ['6.75'] }).annual.toFixed(2)).toBe('372.60');
  });
  it('property: no day pays more than the daily rate, no year more than three', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 96 }), { minLength: 1, maxLength: 6 }), (quarters) => {
        const hours = quarters.map((q) => String(q / 4));
        const r = computeStipend(a, 'staff-development-buy-back', { member: iv13, buyBackHours: hours });
        isSame(r.annual.lte(iv13!.dailyRate.times(Math.min(3, hours.length))), true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('XX.7.3.1 BTSA CFASST training on non-duty days at the daily rate', () => {
  it('2 days x 372.62 = 745.24', () => {
    expect(computeStipend(a, 'btsa-training-day', { member: iv13, trainingDays: 2 }).annual.toFixed(2)).toBe('745.24');
  });
});

describe('cba stipend / cba salary', () => {
  it('stipend --json carries the figure and its citations', async () => {
    const r = await cbaIn(['stipend', 'par-council-extra-time', '-c', 'IV', '-s', '13', '--hours-beyond-day', '3,1.5', '--hours-beyond-year', '6', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.stipends[0].annual).toBe(496.8);
    expect(j.stipends[0].sources.some((s: { section?: string }) => s.section === '3.2')).toBe(true);
    expect(j.stipends[0].readings.length).toBeGreaterThan(0);
  });
  it('no hours to pay: exit 1', async () => {
    expect((await cbaIn(['stipend', 'par-council-extra-time', '-c', 'IV', '-s', '13', '--hours-beyond-day', '1'])).code).toBe(1);
  });
  it('without the cell: one line, exit 2', async () => {
    const r = await cbaIn(['stipend', 'btsa-training-day', '--training-days', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--step');
  });
  it('--step with a stipend that does not read it: exit 2', async () => {
    expect((await cbaIn(['stipend', 'bilingual', '-c', 'IV', '-s', '13'])).code).toBe(2);
  });
  it('salary --stipend takes the cell of the salary', async () => {
    const r = await cbaIn(['salary', '-c', 'IV', '-s', '13', '--stipend', 'btsa-training-day', '--training-days', '1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stipends[0].annual).toBe(372.62);
  });
});
