// src/batch/audit.ts against its pure functions: a row's status decided once (auditStatus), and the
// Auditor's answers worked by hand from the 2005-06 Basic Teacher Compensation Plan (IV-13 = 70,797;
// monthly = 70,797 / 12 = 5,899.75; bilingual 1.5% of IV-13 = 1,061.96, 88.50 a month, Appendix A).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { auditStatus, Auditor, rosterIndex } from '../../src/batch/audit';
import type { Agreement } from '../../src/rules/types';
import { AGREEMENT_DIR } from '../helpers/contract';

let a: Agreement;
beforeAll(async () => {
  a = (await loadRules(AGREEMENT_DIR)).agreements[0];
});

describe('auditStatus: paid against contract, in cents, within a tolerance either way', () => {
  it.each([
    // [paid, contract, tolerance, status]
    [7079700, 7079700, 0, 'ok'],
    [7079699, 7079700, 0, 'underpaid'], // one cent short
    [7079701, 7079700, 0, 'overpaid'],
    [7079600, 7079700, 100, 'ok'], // exactly the tolerance below
    [7079800, 7079700, 100, 'ok'], // exactly the tolerance above
    [7079599, 7079700, 100, 'underpaid'],
    [7079801, 7079700, 100, 'overpaid'],
    [0, 7079700, 0, 'underpaid'],
  ] as const)('paid %d vs contract %d, tolerance %d: %s', (paid, contract, tol, want) => {
    expect(auditStatus(paid, contract, tol)).toBe(want);
  });
});

describe('Auditor: one row, hand-worked', () => {
  const row = (v: Record<string, string>, tol = 0) => new Auditor(a, tol, { year: '2005-06' }).row({ id: 'x', ...v });
  it.each([
    // [row, status, contract cents, difference cents, working]
    [{ class: 'IV', step: '13', paid: '70797.00' }, 'ok', 7079700, 0, 'IV-13 annual, paid exactly'],
    [{ class: 'IV', step: '13', paid: '$70,797.00' }, 'ok', 7079700, 0, 'a $ and commas are read'],
    [{ class: 'IV', step: '13', paid: '70000' }, 'underpaid', 7079700, -79700, '70,000 - 70,797 = -797.00'],
    [{ class: 'IV', step: '13', paid: '5899.75', period: 'monthly' }, 'ok', 589975, 0, '70,797 / 12 = 5,899.75'],
    [{ class: 'IV', step: '13', paid: '5900.00', period: 'monthly' }, 'overpaid', 589975, 25, '5,900.00 - 5,899.75 = 0.25'],
    [{ class: 'IV', step: '13', paid: '71858.96', stipends: 'bilingual' }, 'ok', 7185896, 0, '70,797 + 1,061.96 = 71,858.96'],
    [{ class: 'IV', step: '13', paid: '5988.25', period: 'monthly', stipends: 'bilingual' }, 'ok', 598825, 0, '5,899.75 + 88.50 = 5,988.25'],
    [{ class: 'IV', step: '13', paid: '35398.50', fte: '0.5' }, 'ok', 3539850, 0, '70,797 x 0.5 = 35,398.50'],
    [{ class: 'IV', step: '13', paid: '74523.20', days: '200' }, 'ok', 7452320, 0, '70,797 + 10 x 372.62 (70,797 / 190 = 372.6157, half-up) = 74,523.20'],
    [{ class: 'IV', step: '13', paid: '0000000070797.00' }, 'ok', 7079700, 0, 'leading zeros add nothing: 70,797.00 (was refused as 1,000,000,000.00 or more)'],
    [{ class: 'IV', step: '13', paid: '.5' }, 'underpaid', 7079700, -7079650, '.5 is 0.50: 0.50 - 70,797.00 = -70,796.50 (was "more than two decimals")'],
  ] as const)('%j: %s', (v, status, contract, diff) => {
    const r = row(v);
    expect(r).toMatchObject({ status, contract, difference: diff });
    expect(r.paid! - r.contract!).toBe(r.difference);
    expect(r.reason === '').toBe(status === 'ok'); // the working is given only for a row that is off
  });

  it('the reason of a row that is off is the contract working of its period', () => {
    expect(row({ class: 'IV', step: '13', paid: '70000' }).reason).toMatch(/^annual .*70797\.00/);
    expect(row({ class: 'IV', step: '13', paid: '5900.00', period: 'monthly' }).reason).toMatch(/^monthly .*\(monthly\)$/);
  });

  it('a tolerance of 1.00 passes a row 0.99 over, not one 1.01 over', () => {
    expect(row({ class: 'IV', step: '13', paid: '70797.99' }, 100).status).toBe('ok');
    expect(row({ class: 'IV', step: '13', paid: '70798.01' }, 100)).toMatchObject({ status: 'overpaid', difference: 101 });
  });

  it.each([
    [{ class: 'IV', step: '13', paid: '' }, /paid is empty/],
    [{ class: '', step: '13', paid: '1' }, /class is empty/],
    [{ class: 'IV', step: 'x', paid: '1' }, /step "x" is not a whole number/],
    [{ class: 'IV', step: '13', paid: 'abc' }, /paid "abc" is not an amount/],
    [{ class: 'IV', step: '13', paid: '1.005' }, /more than two decimals/],
    [{ class: 'IV', step: '13', paid: '00001.005' }, /paid "00001.005" has more than two decimals/],
    [{ class: 'IV', step: '13', paid: '0001234567890' }, /1,000,000,000\.00 or more/],
    [{ class: 'IV', step: '13', paid: '1', period: 'weekly' }, /period "weekly" is not annual or monthly/],
  ] as const)('%j is invalid, with its reason', (v, reason) => {
    const r = row(v);
    expect(r.status).toBe('invalid');
    expect(r.reason).toMatch(reason);
  });

  it('the positional hot path (rowRaw) gives the same answers as the row by name, memo cold or warm', () => {
    const header = ['id', 'class', 'step', 'paid', 'period', 'stipends'];
    const at = rosterIndex(header);
    const rows = [
      ['1', 'IV', '13', '70797.00', '', ''],
      ['2', 'IV', '13', '5900.00', 'monthly', 'bilingual'],
      ['3', 'IV', '13', '$70,000', 'annual', ''],
      ['4', 'IV', 'x', '1', '', ''],
      ['5', 'IV', '13', '1', 'weekly', ''],
    ];
    const byName = new Auditor(a, 0, { year: '2005-06' });
    const byPos = new Auditor(a, 0, { year: '2005-06' });
    for (let pass = 0; pass < 2; pass++)
      for (const r of rows) expect(byPos.rowRaw(r, at)).toEqual(byName.row(Object.fromEntries(header.map((h, i) => [h, r[i]]))));
  });
});
