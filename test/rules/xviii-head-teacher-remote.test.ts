// XVIII.14.e-g (head teacher appointments: two consecutive years, probationary members, the Program
// Director's exception after consultation) and XVIII.15 (the remote site criteria: 30 miles, isolated rural).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { computeStipend } from '../../src/rules/stipends/stipends';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR, FOLDED } from '../helpers/contract';
import { cbaIn } from '../helpers/in-process';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

// the figures, parsed from the sentences
const consecutive = Number(/for more than two \((\d)\) consecutive years unless the Program Director/.exec(FOLDED)![1]);
const miles = Number(/The site must be at least (\d+) miles from the administrative offices/.exec(FOLDED)![1]);

describe('XVIII.14.e-g head teacher appointments', () => {
  it('the text says two consecutive years', () => expect(consecutive).toBe(2));
  it.each([1, 2])('year %i in the same assignment: within the limit, paid (200 days)', (y) => {
    const r = computeStipend(a, 'head-teacher', { contractDays: 200, headTeacherYear: y });
    expect(r.eligible).toBe(true);
    expect(r.annual.toFixed(2)).toBe('3115.07');
  });
  it('year 3 (more than two consecutive years): not to be appointed, not eligible, citing 14.e and 14.g', () => {
    const r = computeStipend(a, 'head-teacher', { contractDays: 200, headTeacherYear: consecutive + 1 });
    expect(r.eligible).toBe(false);
    expect(r.sources.map((s) => s.section)).toEqual(expect.arrayContaining(['14.e']));
    expect(r.reason).toContain('Art. XVIII.14.g');
  });
  it('year 3 with the Program Director\'s exception: eligible, saying the Association is consulted first', () => {
    const r = computeStipend(a, 'head-teacher', { contractDays: 200, headTeacherYear: 3, directorException: true });
    expect(r.eligible).toBe(true);
    expect(r.reason).toContain('consultation with the Association first');
  });
  it('a probationary member: not eligible without the exception (14.f)', () => {
    expect(computeStipend(a, 'head-teacher', { contractDays: 190, probationary: true }).eligible).toBe(false);
    expect(computeStipend(a, 'head-teacher', { contractDays: 190, probationary: true, directorException: true }).eligible).toBe(true);
  });
  it('the 190-day minimum still applies with the exception', () => {
    expect(computeStipend(a, 'head-teacher', { contractDays: 189, headTeacherYear: 3, directorException: true }).eligible).toBe(false);
  });
  it('an exception where none is needed is refused', () => {
    expect(() => computeStipend(a, 'head-teacher', { contractDays: 200, headTeacherYear: 1, directorException: true })).toThrow(/applies only/);
  });
  it('cba stipend head-teacher --head-teacher-year 3: exit 1', async () => {
    const r = await cbaIn(['stipend', 'head-teacher', '--contract-days', '200', '--head-teacher-year', '3', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).stipends[0].eligible).toBe(false);
  });
});

describe('XVIII.15 remote site criteria', () => {
  it('the text says 30 miles', () => expect(miles).toBe(30));
  it('a site 29.9 miles away cannot be a remote site; 30 meets the distance (at least 30)', () => {
    expect(computeStipend(a, 'remote-site', { site: 'Julian', miles: '29.9' }).eligible).toBe(false);
    const r = computeStipend(a, 'remote-site', { site: 'Julian', miles: '30', isolatedRural: true });
    // meets both criteria but is not designated: not paid until the SDCOE lists it
    expect(r.eligible).toBe(false);
    expect(r.reason).toContain('it meets both, so the SDCOE may designate it');
  });
  it('a designated site is paid as listed, whatever the distance given (the list governs)', () => {
    const r = computeStipend(a, 'remote-site', { site: 'La Posta', miles: '12' });
    expect(r.eligible).toBe(true);
    expect(r.annual.toFixed(2)).toBe('1982.32');
    expect(r.reason).toContain('the site is on the list, which governs');
    expect(r.readings.map((x) => x.text).join(' ')).toContain('a site that meets them is not paid until designated');
  });
  it('cites the distance and the rural sentences', () => {
    const r = computeStipend(a, 'remote-site', { site: 'Phoenix', miles: '45', isolatedRural: true });
    expect(r.sources.some((s) => s.quote.startsWith('The site must be at least 30 miles'))).toBe(true);
    expect(r.sources.some((s) => s.quote.startsWith('The site is located in an isolated rural area'))).toBe(true);
  });
  it('cba stipend remote-site --miles 12: exit 1; --miles abc: exit 2', async () => {
    expect((await cbaIn(['stipend', 'remote-site', '--miles', '12'])).code).toBe(1);
    expect((await cbaIn(['stipend', 'remote-site', '--miles', 'abc'])).code).toBe(2);
  });
});
