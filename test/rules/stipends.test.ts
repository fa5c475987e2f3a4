import { describe, expect, it, beforeAll } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { computeStipend, computeStipends, listStipends } from '../../src/rules/stipends/stipends';
import { salary } from '../../src/rules/schedules/salary';
import { payWithStipends } from '../../src/rules/stipends/pay';
import type { Agreement } from '../../src/rules/types';
import { InputError } from '../../src/core/errors';
import { AGREEMENT_DIR, LINES, TEXT } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

const FOOTNOTE_NAMES: Record<string, string> = { Bilingual: 'bilingual', 'Head Teacher': 'head-teacher', LTVS: 'ltvs', PhD: 'phd', Site: 'remote-site', 'PAR Council': 'par-council' };

describe('the Appendix A footnote figures, parsed from the agreement text', () => {
  const footnote = LINES.find((l) => l.startsWith('Bilingual = Class IV Step 13'))!;
  const printed = [...footnote.matchAll(/(Bilingual|Head Teacher|LTVS|PhD|Site|PAR Council) = Class IV Step 13 x ([\d.]+)% =\s*([\d,]+\.\d{2}) \/ 12 mos = (\d+\.\d{2})/g)].map((m) => ({
    id: FOOTNOTE_NAMES[m[1]],
    percent: m[2],
    annual: m[3].replace(/,/g, ''),
    monthly: m[4],
  }));
  it('all six are found in the text', () => expect(printed.map((p) => p.id)).toEqual(['bilingual', 'head-teacher', 'ltvs', 'phd', 'remote-site', 'par-council']));
  it.each(printed.map((p) => [p.id, p]))('%s is reproduced exactly', (_id, p) => {
    const r = computeStipend(a, p.id, {});
    expect(r.annual.toFixed(2)).toBe(p.annual);
    expect(r.monthly!.toFixed(2)).toBe(p.monthly);
  });
});

describe('Article XV.8 amounts in rules/ match the text', () => {
  const XV8: Record<string, string> = {
    'Bilingual Stipend': 'bilingual', 'Head Teacher': 'head-teacher', 'Long Term Valued Service': 'ltvs', 'Ph.D.': 'phd', 'Remote Site': 'remote-site',
    'PAR Council': 'par-council', 'PAR Consulting Teacher': 'par-consulting-teacher', 'Teacher on Special Assignment': 'tosa', 'Athletic Director': 'athletic-director',
    'Activities Director': 'activities-director', 'Head Football Coach': 'head-football-coach', 'Stipends for all other Head Coaches': 'head-coach',
    'Assistant Football Coach': 'assistant-football-coach', 'Stipends for all other Assistant Coaches': 'assistant-coach', 'Cheer Coach': 'cheer-coach', Journalism: 'journalism', 'JV Coach': 'jv-coach',
  };
  const start = LINES.findIndex((l) => l.startsWith('8.\tStipends shall be applied to positions as follows:'));
  const lines = LINES.slice(start + 1, start + 20).filter((l) => / = /.test(l) && !l.startsWith('BTSA'));
  it('every line of XV.8 is matched', () => expect(lines.length).toBe(Object.keys(XV8).length));
  it.each(lines.map((l) => [l]))('%s', (line) => {
    const [name, rhs] = line.split(' = ');
    const id = XV8[name.trim()];
    expect(id, name).toBeDefined();
    const r = listStipends(a).find((s) => s.id === id)!;
    const pct = /x ([\d.]+)%/.exec(rhs);
    if (pct) expect(r.basis).toBe(`${Number(pct[1])}% of Class IV Step 13`);
    else expect(r.annual!.toFixed(0)).toBe(/\$([\d,]+)/.exec(rhs)![1].replace(/,/g, ''));
  });
  it('BTSA: $2,500 + $1,500 each additional, $5,500 for 3 (XV.8)', () => {
    expect(TEXT).toContain('maximum $5,500 for 3 participating teachers');
    expect([1, 2, 3].map((n) => computeStipend(a, 'btsa', { teachers: n }).annual.toFixed(0))).toEqual(['2500', '4000', '5500']);
  });
  it('activity days $50 / $100 and tutoring $25 an hour', () => {
    expect(computeStipend(a, 'activity-day', { activityHours: '3' }).annual.toFixed(0)).toBe('50');
    expect(computeStipend(a, 'activity-day', { activityHours: '6', activityDays: 3 }).annual.toFixed(0)).toBe('300');
    expect(computeStipend(a, 'tutoring', { tutoringHours: '12.5' }).annual.toFixed(2)).toBe('312.50');
  });
});

describe('LTVS (Appendix A, Advancements 5): milestones 15, 18, 21, 24, Classes III-VI, standard or better', () => {
  const one = '2831.88';
  it.each([
    // years, class, rating, already, count, eligible
    [14, 'V', 'meets', undefined, 0, false],
    [15, 'V', 'meets', undefined, 1, true],
    [17, 'V', 'meets', undefined, 1, true],
    [18, 'V', 'meets', undefined, 2, true],
    [21, 'V', 'meets', undefined, 3, true],
    [24, 'V', 'meets', undefined, 4, true],
    [30, 'V', 'meets', undefined, 4, true],
    [15, 'III', 'meets', undefined, 1, true],
    [15, 'VI', 'meets', undefined, 1, true],
    [24, 'II', 'meets', undefined, 0, false],
    [24, 'A', 'meets', undefined, 0, false],
    [24, 'II', 'meets', 2, 2, true], // never lose a stipend already received
    [18, 'IV', 'unsatisfactory', undefined, 0, false],
    [18, 'IV', 'unsatisfactory', 1, 1, true], // keeps the one, no new one
    [24, 'IV', 'unsatisfactory', 4, 4, true],
    [21, 'IV', 'meets', 1, 3, true], // two new ones
  ] as const)('%i years, Class %s, rating %s, already %s: %i stipends', (years, cls, rating, already, count, eligible) => {
    const r = computeStipend(a, 'ltvs', { years, class: cls, rating, alreadyReceiving: already });
    expect(r.count).toBe(count);
    expect(r.eligible).toBe(eligible);
    expect(r.annual.toFixed(2)).toBe(['0.00', '2831.88', '5663.76', '8495.64', '11327.52'][count]); // count x one rounded stipend of 2,831.88
    expect(r.readings.map((x) => x.text).join(' ')).toMatch(/cumulative/);
  });
  it('without flags the amount of one stipend is shown, eligibility not checked', () => {
    const r = computeStipend(a, 'ltvs', {});
    expect(r.eligible).toBeNull();
    expect(r.annual.toFixed(2)).toBe(one);
  });
  it('contradictions are input errors', () => {
    expect(() => computeStipend(a, 'ltvs', { years: 15, alreadyReceiving: 2 })).toThrow(/contradicts/);
    expect(() => computeStipend(a, 'ltvs', { years: 15, alreadyReceiving: 5 })).toThrow(InputError);
    expect(() => computeStipend(a, 'ltvs', { rating: 'meets' })).toThrow(/years is required/);
    expect(() => computeStipend(a, 'ltvs', { years: -1 })).toThrow(InputError);
  });
});

describe('BTSA: 1 to 3 participating teachers (XX.7.3.1)', () => {
  it.each([0, 4, 1.5])('%s teachers is an error citing XX.7.3.1', (n) => {
    expect(() => computeStipend(a, 'btsa', { teachers: n })).toThrow(/XX\.7\.3\.1/);
  });
});

describe('activity day: exactly 4 hours is in both tiers of XV.9', () => {
  it.each([
    ['3.99', undefined, '50'],
    ['4', undefined, '100'],
    ['4', '50', '50'],
    ['4', '100', '100'],
    ['4.01', undefined, '100'],
    ['24', undefined, '100'],
  ])('%s hours (override %s) pays %s', (h, o, want) => {
    const r = computeStipend(a, 'activity-day', { activityHours: h, fourHoursPays: o });
    expect(r.annual.toFixed(0)).toBe(want);
    if (h === '4') expect(r.readings.map((x) => x.text).join(' ')).toMatch(/both/);
  });
  it('more than 24 hours, zero hours, or an override that is no tier are errors', () => {
    expect(() => computeStipend(a, 'activity-day', { activityHours: '25' })).toThrow(/24 hours/);
    expect(() => computeStipend(a, 'activity-day', { activityHours: '0' })).toThrow(InputError);
    expect(() => computeStipend(a, 'activity-day', { activityHours: '4', fourHoursPays: '75' })).toThrow(/50 or 100/);
    expect(() => computeStipend(a, 'activity-day', {})).toThrow(/activityHours/);
  });
});

describe('Ph.D. and bilingual: paid from July 1 following the award', () => {
  it.each([
    ['2006-06-15', '2006-07-01'],
    ['2006-06-30', '2006-07-01'],
    ['2006-07-01', '2007-07-01'], // "following": an award on July 1 waits a year
    ['2006-07-02', '2007-07-01'],
    ['2006-12-31', '2007-07-01'],
  ])('awarded %s: first payable %s', (aw, first) => {
    expect(computeStipend(a, 'phd', { awarded: aw }).firstPayable).toBe(first);
    expect(computeStipend(a, 'bilingual', { awarded: aw }).firstPayable).toBe(first);
  });
  it('--as-of tells whether it is payable yet', () => {
    expect(computeStipend(a, 'phd', { awarded: '2006-06-15', asOf: '2006-06-30' }).eligible).toBe(false);
    expect(computeStipend(a, 'phd', { awarded: '2006-06-15', asOf: '2006-07-01' }).eligible).toBe(true);
  });
  it('a date that does not exist is an input error', () => {
    expect(() => computeStipend(a, 'phd', { awarded: '2006-02-30' })).toThrow(/does not exist/);
  });
});

describe('remote site (XVIII.15)', () => {
  it('listed sites qualify, others do not', () => {
    expect(computeStipend(a, 'remote-site', { site: 'la posta' }).eligible).toBe(true);
    expect(computeStipend(a, 'remote-site', { site: 'Downtown' }).eligible).toBe(false);
  });
  it.each([
    ['2006-03-15', '2006-03', '2006-04-01'], // not paid from the 1st of the following month
    ['2006-03-01', '2006-02', '2006-03-01'], // on the 1st: ends on the effective date
    ['2006-01-01', '2005-12', '2006-01-01'],
    ['2006-12-31', '2006-12', '2007-01-01'],
  ])('transferred %s: last month paid %s, ends %s', (t, last, ends) => {
    const r = computeStipend(a, 'remote-site', { site: 'Phoenix', transferred: t });
    expect(r.lastMonthPaid).toBe(last);
    expect(r.endsOn).toBe(ends);
  });
  it.each([
    // transferred, as of, paid?  (XVIII.15: "not be paid effective the 1st of the month following the
    // effective date"; on the 1st, "the remote stipend will end on the effective date")
    ['2006-03-15', '2006-04-15', false], // issue 13: ended 2006-04-01
    ['2006-03-15', '2006-04-01', false], // the first day not paid
    ['2006-03-15', '2006-03-31', true], // March is still paid
    ['2006-04-01', '2006-04-01', false], // on the 1st: ends that day
    ['2006-04-01', '2006-03-31', true],
  ])('transferred %s, --as-of %s: paid %s', (t, asOf, paid) => {
    const r = computeStipend(a, 'remote-site', { site: 'Phoenix', transferred: t, asOf });
    expect(r.eligible).toBe(paid);
    expect(r.reason).toContain(asOf);
  });
  it('a site not designated stays not eligible, whatever the dates', () => {
    expect(computeStipend(a, 'remote-site', { site: 'Downtown', transferred: '2006-03-15', asOf: '2006-03-20' }).eligible).toBe(false);
  });
});

describe('head teacher (XVIII.14.a): contract year of at least 190 days', () => {
  it.each([
    [189, false],
    [190, true],
    [225, true],
  ])('%i days: %s', (d, e) => expect(computeStipend(a, 'head-teacher', { contractDays: d }).eligible).toBe(e));
});

describe('several stipends, and salary with stipends', () => {
  it('unknown ids suggest the nearest', () => {
    expect(() => computeStipend(a, 'ltsv', {})).toThrow(/did you mean ltvs/);
    expect(() => computeStipend(a, 'coach', {})).toThrow(/head-coach/);
  });
  it('a total of the eligible ones', () => {
    const r = computeStipends(a, ['bilingual', 'head-teacher', 'remote-site'], { site: 'Phoenix' });
    expect(r.total.toFixed(2)).toBe('6159.35'); // 1061.96 + 3115.07 + 1982.32
    expect(r.monthlyTotal.toFixed(2)).toBe('513.28'); // 88.50 + 259.59 + 165.19
    const r2 = computeStipends(a, ['bilingual', 'remote-site'], { site: 'Downtown' });
    expect(r2.total.toFixed(2)).toBe('1061.96');
  });
  it('percentage stipends are of the basic schedule even for a community-day member (XV.7)', () => {
    const s = salary(a, { schedule: 'community-day', class: 'IV', step: 13 });
    const st = computeStipends(a, ['bilingual'], {});
    const p = payWithStipends(a, s, st);
    expect(st.total.toFixed(2)).toBe('1061.96');
    expect(p.totalPay.toFixed(2)).toBe('82343.96'); // 81282 + 1061.96
  });
  it('perfect attendance (XV.3) is one daily rate inclusive of stipends', () => {
    const s = salary(a, { class: 'IV', step: 13 });
    const p = payWithStipends(a, s, computeStipends(a, ['bilingual'], {}));
    // (70797 + 1061.96) / 190 = 378.2050... -> 378.21
    expect(p.perfectAttendance!.amount.toFixed(2)).toBe('378.21');
  });
});
