// The order the test files start in: longest first (the durations a run recorded, test/helpers/
// durations.json), so that the two workers both stay busy to the end: a long file started last would
// keep one worker running alone while the other sits idle. vitest's own order does the same from its
// cache of the last run, which a fresh clone (CI) does not have: it then starts the largest files
// first, and file size says little about time here (a short file that spawns the OCR engine or a
// browser outlasts a long file of pure tests). Files not in the record (new ones) start first.
// `CBA_TEST_DURATIONS=1 npx vitest run` rewrites the record (summary-reporter.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const DURATIONS = join(import.meta.dirname, 'durations.json');

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const known: Record<string, number> = existsSync(DURATIONS) ? JSON.parse(readFileSync(DURATIONS, 'utf8')) : {};
    const root = this.ctx.config.root;
    const ms = (f: TestSpecification) => known[relative(root, f.moduleId).split('\\').join('/')] ?? Infinity;
    return [...files].sort((a, b) => {
      const x = ms(a), y = ms(b);
      return x === y ? 0 : x > y ? -1 : 1;
    });
  }
}
