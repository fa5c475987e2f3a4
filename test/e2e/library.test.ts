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
  it('ships type declarations named by package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBe('./dist/types/lib.d.ts');
    expect(pkg.types).toBe('./dist/types/lib.d.ts');
    // npm run build, prepare (so npm ci) and prepack emit them with tsc: src/lib.ts -> dist/types/lib.d.ts;
    // npm test does not (it would cost every run seconds of type checking)
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')).compilerOptions;
    expect([tsconfig.declaration, tsconfig.outDir, tsconfig.rootDir]).toEqual([true, 'dist/types', 'src']);
    for (const script of ['build', 'prepare', 'prepack']) expect(pkg.scripts[script]).toBe('node scripts/build.mjs');
    const build = readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8');
    expect(build).toContain("'--emitDeclarationOnly'");
    expect(build).toContain("includes('--no-types')");
    // the declarations of the last full build (npm ci's prepare makes them), else src/lib.ts's as tsc
    // writes it (here without the type check, which costs seconds)
    const built = join(ROOT, 'dist/types/lib.d.ts');
    const dts = existsSync(built)
      ? readFileSync(built, 'utf8')
      : (await import('typescript')).default.transpileDeclaration(readFileSync(join(ROOT, 'src/lib.ts'), 'utf8'), { fileName: 'lib.ts', compilerOptions: { declaration: true } }).outputText;
    expect(dts).toMatch(/rules\/schedules\/salary/);
  });
});
