// The package as a library: the built dist/lib.js gives the pure rule functions and the loader, typed.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/contract';

describe('import from the built library', () => {
  it('computes what the CLI computes', async () => {
    const lib = await import(join(ROOT, 'dist', 'lib.js'));
    const a = await lib.loadAgreement();
    expect(lib.formatMoney(lib.salary(a, { class: 'IV', step: 13, days: 200 }).totalSalary)).toBe('74,523.20');
    expect(lib.computeStipend(a, 'ltvs', { years: 21, class: 'V', rating: 'meets' }).count).toBe(3);
    expect(lib.formatDate(lib.grievanceChain(a, lib.officeCalendar(a), { occurred: '2005-11-18' }).steps[0].due)).toBe('2005-12-27');
    const f = await lib.loadAgreement({ rules: join(ROOT, 'fixtures/rules/example-district') });
    expect(f.meta.id).toBe('example-district');
  });
  it('ships type declarations named by package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBe('./dist/types/lib.d.ts');
    const dts = join(ROOT, 'dist/types/lib.d.ts');
    expect(existsSync(dts)).toBe(true); // npm test builds the types first
    expect(readFileSync(dts, 'utf8')).toMatch(/rules\/schedules\/salary/);
  });
});
