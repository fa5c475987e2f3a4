// Prints the plain closing line 'N passed, N failed' that CI reads.
interface TestLike {
  result(): { state: string };
}
interface ModuleLike {
  children: { allTests(): Iterable<TestLike> };
}

export default class SummaryReporter {
  onTestRunEnd(modules: ReadonlyArray<ModuleLike>, errors: ReadonlyArray<unknown>) {
    let passed = 0, failed = 0, skipped = 0;
    for (const m of modules)
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
    failed += errors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
