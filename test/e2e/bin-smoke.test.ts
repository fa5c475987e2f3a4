// Smoke tests of the built bin in real processes: the in-process runs the other tests use must say
// exactly what the bin says, on stdout, stderr and the exit code.
import { describe, expect, it } from 'vitest';
import { cba, cbaBin } from '../helpers/cli';

describe('the bin and the in-process runner agree', () => {
  it.each([
    [['salary', '--class', 'IV', '--step', '13']],
    [['salary', '--class', 'IV', '--step', '13', '--json']],
    [['schedule', '--csv']],
    [['stipend', 'bilingual', 'head-teacher', '--json']],
    [['deadline', 'grievance', '--occurred', '2005-11-18']],
    [['audit', 'fixtures/roster/roster.csv', '--csv']],
    [['cost', '--roster', 'fixtures/roster/cost-roster.csv', '--raise', '1', '--json']],
    [['salary', '--class', 'IX', '--step', '1']],
    [['salary', '--help']],
    [['nonsense']],
    [['--version']],
  ])('%j', async (args) => {
    const bin = cbaBin(args);
    const inProcess = await cba(args);
    expect(inProcess).toEqual(bin);
  });

  it('reads standard input', async () => {
    const input = 'id,class,step,paid\nX1,IV,13,70797.00\nX2,IV,13,1.00\n';
    const bin = cbaBin(['audit', '-', '--csv'], { input });
    expect(bin.code).toBe(1);
    expect(bin.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(await cba(['audit', '-', '--csv'], { input })).toEqual(bin);
  });
});
