// Prints the plain closing line 'N passed, N failed' that CI reads. With CBA_TEST_DURATIONS=1, also
// records how long each test file took (test/helpers/durations.json, read by sequencer.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { DURATIONS } from './sequencer';

interface TestLike {
  result(): { state: string };
}
interface ModuleLike {
  moduleId: string;
  children: { allTests(): Iterable<TestLike> };
  state(): string;
  diagnostic(): { collectDuration: number; setupDuration: number; prepareDuration: number; duration: number };
}

export default class SummaryReporter {
  onTestRunEnd(modules: ReadonlyArray<ModuleLike>, errors: ReadonlyArray<unknown>) {
    let passed = 0, failed = 0, skipped = 0;
    for (const m of modules) {
      const before = failed;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
      // a file that failed outside its tests (a beforeAll hook, an import) counts as one failure
      if (failed === before && m.state() === 'failed') failed++;
    }
    failed += errors.length;
    if (process.env.CBA_TEST_DURATIONS === '1' && !failed) {
      const root = process.cwd();
      // the files of this run updated, the others kept (a run of some files records those)
      const all: Record<string, number> = existsSync(DURATIONS) ? JSON.parse(readFileSync(DURATIONS, 'utf8')) : {};
      for (const m of modules) {
        const d = m.diagnostic();
        all[relative(root, m.moduleId).split('\\').join('/')] = Math.round((d.prepareDuration + d.setupDuration + d.collectDuration + d.duration) / 10) * 10;
      }
      const rows = Object.entries(all).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      writeFileSync(DURATIONS, JSON.stringify(Object.fromEntries(rows), null, 1) + '\n');
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
