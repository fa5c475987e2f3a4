// cba released-time: the Association's released time (Article V.8): the days left of the maximum and
// whether the written notice came early enough.
import type { Command } from 'commander';
import { dec, plain } from '../core/money';
import { releasedTime } from '../rules/leaves/released-time';
import { rangedDecimal, RANGES } from '../cli/parse';
import { printJson, renderTable, write } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';

export const DESCRIPTION = "The Association's released time: days left and the notice";

export const OPTIONS = {
  used: { flags: '--used <days>', help: 'days of released time already used this school year (default 0)' },
  request: { flags: '--request <days>', help: 'days asked for now (default 0)' },
  notified: { flags: '--notified <when>', help: 'when the written notice was given: YYYY-MM-DD or YYYY-MM-DDTHH:MM' },
  starts: { flags: '--starts <when>', help: 'when the released time starts: YYYY-MM-DD or YYYY-MM-DDTHH:MM' },
  ...JSON_OPTION,
} as const;
export type ReleasedTimeOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('released-time').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        '# 26 days used; can the chapter president take 3 more for the state council?',
        'cba released-time --used 26 --request 3',
        '# was the notice early enough?',
        'cba released-time --request 2 --notified 2006-03-01T10:00 --starts 2006-03-03T08:00',
        'cba released-time --used 28 --request 3 --json',
      ]),
    )
    .action((o: ReleasedTimeOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

export async function run(o: ReleasedTimeOptions, { out: ctx, agreement }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  const days = (v: string | undefined, f: string) => dec(rangedDecimal(v, f, 'give days, for example 3', RANGES.daysAYear) ?? 0);
  const r = releasedTime(a, { usedDays: days(o.used, 'used'), requestDays: days(o.request, 'request'), notified: o.notified, starts: o.starts });
  const failed = !r.ok || r.notice?.ok === false;
  if (o.json) {
    printJson(ctx, {
      agreement: a.meta.id,
      usedDays: Number(plain(r.usedDays)),
      requestDays: Number(plain(r.requestDays)),
      maxDays: Number(plain(r.maxDays)),
      leftDays: Number(plain(r.leftDays)),
      overDays: Number(plain(r.overDays)),
      ok: r.ok,
      reason: r.reason,
      ...(r.notice ? { notice: r.notice } : {}),
      sources: uniqueSources(r.sources),
      readings: r.readings.map((x) => x.text),
    });
    return { failed };
  }
  const ok = (b: boolean, yes: string, no: string) => (b ? ctx.paint.green(yes) : ctx.paint.red(no));
  const rows: string[][] = [
    ['Released time used and asked', `${plain(r.usedDays.plus(r.requestDays))} of ${plain(r.maxDays)} days`, `${ok(r.ok, 'within the maximum', 'over the maximum')}: ${r.reason}`, sourceText(r.sources[0])],
    ['Days left after this request', plain(r.leftDays), r.overDays.gt(0) ? `${plain(r.overDays)} over the maximum` : '', ''],
  ];
  if (r.notice) rows.push(['Written notice', r.notice.notified, `${ok(r.notice.ok, 'in time', 'late')}: ${r.notice.how}; the latest notice for ${r.notice.starts} is ${r.notice.latest}`, sourceText(r.notice.source)]);
  write(ctx, await renderTable(ctx, { head: ['Item', 'Value', 'How / why', 'Source'], rows, right: [1] }));
  for (const x of r.readings) write(ctx, ctx.paint.dim(`Reading: ${x.text}`));
  return { failed };
}
