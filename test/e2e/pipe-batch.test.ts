// Every batch command other than the audit (whose 5,000-row run is test/e2e/pipe.test.ts) returns
// every row through a real pipe to a slow reader, with the same output, summary and exit code as the
// same run unhurried. The piped run is the built bin in a real process (the pipe is the subject); the
// run it is held to is cba in process (what the bin writes to a file or a fast reader: the
// bin and the in-process runner are held to each other in bin-smoke.test.ts), which spares a second
// process a case.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, slowRead } from '../helpers/cli';

const D = mkdtempSync(join(tmpdir(), 'cba-pipe-batch-'));

function lines(n: number, head: string, row: (i: number) => string): string {
  const f = join(D, `in-${head.length}-${n}.csv`);
  writeFileSync(f, [head, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n');
  return f;
}

describe('batch output through a pipe to a slow reader, as to a file', () => {
  // each output more than the 64 KiB the bin writes at once and the pipe holds (slowRead's pipe is a
  // FIFO, a real pipe), so the slow reader blocks the writer, and the last writes are still waiting
  // when the work is done. 5,000 dates: 0.25 MB of CSV and 0.6 MB of JSON
  const N = 5_000;
  // every 1000th date is not a date: those rows come back invalid and the run exits 1
  const dates = lines(N, 'id,date', (i) => `G${String(i).padStart(6, '0')},${i % 1000 === 999 ? 'soon' : '2006-01-09'}`);
  // four classes at steps 1, 2 and 13: twelve placements, Class I Step 13 not on the schedule (Class I
  // has steps 1 to 8), so a twelfth of the rows come back invalid, with their reason. The costing is
  // done once a placement (a member's size in the output is the same): with every step 1 to 13 (47
  // placements) each run cost about 0.1 s more CPU, in the bin and again in process
  const member = (i: number) => `R${String(i).padStart(6, '0')},basic,${['I', 'II', 'IV', 'V'][i % 4]},${[1, 2, 13][i % 3]},,,,`;
  // retro's JSON 1.2 KB a member: 160 members are 0.19 MB, three 64 KiB writes (its CSV, 75 bytes a
  // member, took 1,000 members, six times the work, to pass the 64 KiB the pipe holds)
  const roster160 = lines(160, 'id,schedule,class,step,fte,stipends,start,end', member);
  // the scenario costing of one year writes 0.3 KB a member: 400 members are 0.12 MB, two 64 KiB
  // writes (three years of 160 members, 0.13 MB, cost the bin about 0.12 s more CPU: the planning and
  // pricing of the later years, not the rows, which share twelve placements)
  const roster400 = lines(400, 'id,schedule,class,step,fte,stipends,start,end', member);

  it.each([
    ['deadline --input --csv', ['deadline', 'grievance', '--input', dates, '--csv'], N],
    ['deadline --input --json', ['deadline', 'grievance', '--input', dates, '--json'], N],
    ['retro --json', ['retro', '--roster', roster160, '--effective', '2005-07-01', '--paid-through', '2005-12-31', '--raise', '2', '--json'], 160],
    ['cost --scenario --csv', ['cost', '--roster', roster400, '--scenario', 'fixtures/bargain/proposal-a.yaml', '--rates', 'fixtures/bargain/county-rates.yaml', '--years', '1', '--csv'], 400],
  ] as const)('%s: every row, the same summary and exit code', async (_n, args, rows) => {
    const piped = await slowRead([...args]);
    const filed = await cba([...args], { env: { NO_COLOR: '1' } });
    const ids = new Set(piped.stdout.match(/\b[GR]\d{6}\b/g));
    expect(ids.size).toBe(rows);
    expect(piped.stdout).toBe(filed.stdout);
    expect(piped.stderr).toBe(filed.stderr);
    expect(piped.code).toBe(filed.code);
  }, 120_000);
});
