import { describe, expect, it } from 'vitest';
import { cba, json } from '../helpers/cli';

describe('cba stipend (built bin)', () => {
  it('--list lists all 25 stipends and extra-pay rules with amounts and citations', async () => {
    const j = json(await cba(['stipend', '--list', '--json']));
    expect(j).toHaveLength(25);
    expect(j.find((s: any) => s.id === 'bilingual')).toMatchObject({ annual: 1061.96, monthly: 88.5 });
    expect((await cba(['stipend', '--list'])).stdout).toContain('par-consulting-teacher');
  });

  it('several at once with a total, JSON fields', async () => {
    const j = json(await cba(['stipend', 'bilingual', 'head-teacher', 'remote-site', '--site', 'La Posta', '--json']));
    expect(j.total).toBe(6159.35);
    expect(j.stipends[2]).toMatchObject({ id: 'remote-site', name: 'Remote Site', annual: 1982.32, monthly: 165.19, eligible: true });
    expect(j.stipends[0].sources[0]).toHaveProperty('quote');
    expect(j.stipends[0]).toHaveProperty('reason');
  });

  it('a 21-year Class V counselor, meets standards: three LTVS stipends', async () => {
    const r = await cba(['stipend', 'ltvs', '--years', '21', '--class', 'V', '--rating', 'meets', '--json']);
    expect(r.code).toBe(0);
    expect(json(r).stipends[0]).toMatchObject({ count: 3, annual: 8495.64, monthly: 707.97, eligible: true });
  });

  it('not eligible: the answer is printed and the exit code is 1 (a failed check)', async () => {
    const r = await cba(['stipend', 'ltvs', '--years', '14', '--class', 'V', '--rating', 'meets', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).stipends[0].eligible).toBe(false);
  });

  it('salary with stipends and the perfect-attendance payment', async () => {
    const j = json(await cba(['salary', '--class', 'IV', '--step', '13', '--stipend', 'bilingual', '--perfect-attendance', '--json']));
    expect(j.totalPay).toBe(71858.96);
    expect(j.dailyRateInclusiveOfStipends).toBe(378.21);
    expect(j.perfectAttendance.amount).toBe(378.21);
    expect(j.perfectAttendance.source.article).toBe('XV');
  });

  it.each([
    [['stipend', 'ltsv'], /unknown stipend "ltsv"; did you mean ltvs/],
    [['stipend', 'btsa', '--teachers', '4'], /XX\.7\.3\.1/],
    [['stipend', 'btsa', '--teachers', '0'], /XX\.7\.3\.1/],
    [['stipend', 'bilingual', '--teachers', '2'], /--teachers does not apply/],
    [['stipend', 'ltvs', '--list'], /either --list or stipend ids/],
    [['stipend', 'activity-day', '--activity-hours', '25'], /24 hours/],
    [['stipend', 'tutoring', '--tutoring-hours', '-3'], /not a number/],
    [['stipend', 'phd', '--awarded', '2006-02-30'], /does not exist/],
    [['stipend', 'ltvs', '--years', 'many'], /not a whole number/],
    [['stipend', 'ltvs', '--years', '20', '--rating', 'great'], /--rating great/],
    [['salary', '--class', 'IV', '--step', '13', '--years', '20'], /stipend flag/],
    [['stipend'], /give one or more stipend ids/],
  ])('%j: exit 2 with a clear message', async (args, msg) => {
    const r = await cba(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('remote site after a transfer, --as-of: not paid once it ended (exit 1); --as-of with no dated rule is bad input', async () => {
    const r = await cba(['stipend', 'remote-site', '--site', 'La Posta', '--transferred', '2006-03-15', '--as-of', '2006-04-15', '--json']);
    expect(r.code).toBe(1);
    expect(json(r).stipends[0]).toMatchObject({ eligible: false, endsOn: '2006-04-01', lastMonthPaid: '2006-03' });
    const bad = await cba(['stipend', 'ltvs', '--as-of', '2006-04-15']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of does not apply/);
  });
});
