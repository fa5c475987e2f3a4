// Article XV.7: percentage stipends are of the regular (basic) schedule; a member already receiving one
// on the Community Day School schedule keeps it "only for the 2005-06 school year".
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { computeStipend } from '../../src/rules/stipends/stipends';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, COMMUNITY_DAY, FOLDED } from '../helpers/contract';
import { cbaIn } from '../helpers/in-process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

describe('XV.7', () => {
  it('the sentences are in the text', () => {
    expect(FOLDED).toContain('Stipends based on the salary schedule shall be based on the regular salary schedule (exluding the Community Day School schedule.)');
    expect(FOLDED).toContain('shall continue to receive that stipend amount only for the 2005-06 school year.');
  });
  it('by default the basic cell: head teacher 70,797 x 4.4% = 3,115.07 (the printed footnote)', () => {
    expect(computeStipend(a, 'head-teacher', {}).annual.toFixed(2)).toBe('3115.07');
  });
  it('already received on the community day schedule, 2005-06: 81,282 x 4.4% = 3,576.408, 3,576.41; / 12 = 298.03', () => {
    const printed = COMMUNITY_DAY().find((c) => c.class === 'IV' && c.step === 13)!.annual;
    expect(printed).toBe('81282');
    const r = computeStipend(a, 'head-teacher', { communityDayBasis: true, year: '2005-06' });
    expect(r.annual.toFixed(2)).toBe('3576.41');
    expect(r.monthly!.toFixed(2)).toBe('298.03');
    expect(r.sources.some((s) => s.article === 'XV' && s.section === '7' && s.quote.includes('only for the 2005-06 school year'))).toBe(true);
    expect(r.readings.map((x) => x.text).join(' ')).toContain('kept for 2005-06 only');
  });
  it('bilingual on the former basis: 81,282 x 1.5% = 1,219.23', () => {
    expect(computeStipend(a, 'bilingual', { communityDayBasis: true }).annual.toFixed(2)).toBe('1219.23');
  });
  it('after 2005-06 the basic schedule applies, and the output says so', async () => {
    // a 2006-07 year: the fixture with a 2006-07 basic and community-day schedule copied from 2005-06
    const dir = mkdtempSync(join(tmpdir(), 'cba-xv7-'));
    cpSync(AGREEMENT_DIR, dir, { recursive: true });
    for (const f of ['basic', 'community-day']) {
      const text = readFileSync(join(dir, 'schedules', `${f}-2005-06.yaml`), 'utf8');
      writeFileSync(join(dir, 'schedules', `${f}-2006-07.yaml`), text.replace('year: 2005-06', 'year: 2006-07').replace('effective: 2005-07-01', 'effective: 2006-07-01'));
    }
    const b = (await loadRules(dir)).agreements[0];
    const r = computeStipend(b, 'head-teacher', { communityDayBasis: true, year: '2006-07' });
    expect(r.annual.toFixed(2)).toBe('3115.07');
    expect(r.readings.map((x) => x.text).join(' ')).toContain('does not apply in 2006-07: it is kept only through 2005-06');
  });
  it('cba stipend head-teacher --community-day-basis --json', async () => {
    const r = await cbaIn(['stipend', 'head-teacher', '--community-day-basis', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).stipends[0].annual).toBe(3576.41);
  });
  it('--community-day-basis with a flat stipend is refused', async () => {
    expect((await cbaIn(['stipend', 'journalism', '--community-day-basis'])).code).toBe(2);
  });
});
