// The package as a library: the built dist/lib.js gives the pure rule functions and the loader, typed.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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
  it('ships type declarations named by package.json', { timeout: 120_000 }, () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBe('./dist/types/lib.d.ts');
    const dts = join(ROOT, 'dist/types/lib.d.ts');
    // npm run build and prepack emit them; npm test does not (it saves seconds a run): emit them here,
    // as the build does, when they are missing or older than the sources
    const newest = Math.max(...readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => statSync(join(ROOT, 'src', f)).mtimeMs));
    if (!existsSync(dts) || statSync(dts).mtimeMs < newest) execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json'), '--emitDeclarationOnly'], { stdio: 'inherit' });
    expect(existsSync(dts)).toBe(true);
    expect(readFileSync(dts, 'utf8')).toMatch(/rules\/schedules\/salary/);
  });
});
