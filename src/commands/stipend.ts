// cba stipend: stipends and extra pay with eligibility. Also the stipend flags `cba salary --stipend` shares.
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { computeStipends, findStipend, inputsOf, listStipends, memberRate, type StipendInput, type StipendResult } from '../rules/stipends/stipends';
import { salary } from '../rules/schedules/salary';
import { citeShort } from '../rules/source';
import type { Agreement } from '../rules/types';
import { JSON_CSV_OPTIONS, declare, flagOf, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { int, decimal, rangedDecimal, rating, required, RANGES } from '../cli/parse';
import { csvLine, jm, money, printJson, renderTable, write } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';

export const DESCRIPTION = 'Stipends and extra pay with eligibility';

/** The eligibility flags of stipends, shared by `cba stipend` and `cba salary --stipend`. */
export const STIPEND_OPTIONS = {
  years: { flags: '--years <n>', help: 'LTVS: years of service' },
  rating: { flags: '--rating <r>', help: 'LTVS: most recent evaluation, meets (standard or better) or unsatisfactory' },
  alreadyReceiving: { flags: '--already-receiving <k>', help: 'LTVS: stipends already received (never lost)' },
  awarded: { flags: '--awarded <date>', help: 'Ph.D./bilingual: date of the award (paid from the July 1 following)' },
  asOf: { flags: '--as-of <date>', help: 'the date: the schedule in force on it, and payability of dated stipends (Ph.D./bilingual award, remote-site transfer)' },
  site: { flags: '--site <name>', help: 'remote site: the site assigned' },
  transferred: { flags: '--transferred <date>', help: 'remote site: effective date of a transfer to a non-remote site' },
  miles: { flags: '--miles <n>', help: 'remote site: miles from the SDCOE administrative offices (criterion: at least 30)' },
  isolatedRural: { flags: '--isolated-rural', help: 'remote site: the site is in an isolated rural area (the other criterion)' },
  teachers: { flags: '--teachers <n>', help: 'BTSA: participating teachers, 1 to 3' },
  contractDays: { flags: '--contract-days <n>', help: "head teacher: days of the contract year (the stipend's minimum: cba stipend --list)" },
  headTeacherYear: { flags: '--head-teacher-year <n>', help: 'head teacher: consecutive year in the same assignment, this one included (more than 2 needs an exception)' },
  probationary: { flags: '--probationary', help: 'head teacher: the member is probationary (needs an exception)' },
  directorException: { flags: '--director-exception', help: 'head teacher: the Program Director found no other applicant appropriate' },
  activityHours: { flags: '--activity-hours <h>', help: 'non-school-day activity: hours required per day' },
  activityDays: { flags: '--activity-days <n>', help: 'non-school-day activity: number of days (default 1)' },
  fourHoursPays: { flags: '--four-hours-pays <amount>', help: 'activity of exactly 4 hours: 50 or 100 (default 100, see README)' },
  tutoringHours: { flags: '--tutoring-hours <h>', help: 'supplemental tutoring: hours' },
  hoursBeyondYear: { flags: '--hours-beyond-year <h>', help: 'PAR extra time: hours on days beyond the work calendar year' },
  hoursBeyondDay: { flags: '--hours-beyond-day <h,...>', help: 'PAR extra time: hours beyond the regular work day, one figure a day (3,2.5)' },
  extraTimePays: { flags: '--extra-time-pays <w>', help: 'PAR extra time past the 2 hours: all (the time beyond the day, default) or excess' },
  buyBackHours: { flags: '--buy-back-hours <h,...>', help: 'staff development buy-back: hours attended each day (6.75,4)' },
  trainingDays: { flags: '--training-days <n>', help: 'BTSA CFASST training: non-duty days' },
  communityDayBasis: { flags: '--community-day-basis', help: 'percentage stipend already received on the community day schedule (kept for 2005-06 only)' },
} as const;
export type StipendFlags = OptionsOf<typeof STIPEND_OPTIONS>;

export const OPTIONS = {
  list: { flags: '--list', help: 'list every stipend with its amount and citation' },
  year: { flags: '--year <yyyy-yy>', help: 'school year of the schedule the percentages apply to' },
  ...STIPEND_OPTIONS,
  class: { flags: '-c, --class <class>', help: 'LTVS: salary class (III to VI qualify); with --step, the member\'s cell' },
  step: { flags: '-s, --step <n>', help: 'extra time and days paid from the daily rate: the step of the member\'s cell' },
  schedule: { flags: '--schedule <id>', help: 'with --step: basic, community-day or preschool (default basic)' },
  ...JSON_CSV_OPTIONS,
} as const;
export type StipendOptions = OptionsOf<typeof OPTIONS> & { ids: string[] };

export function register(program: Command, exec: Exec): void {
  const cmd = program.command('stipend').argument('[ids...]', 'stipend ids (cba stipend --list shows them)').description(DESCRIPTION);
  declare(cmd, OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        'cba stipend --list',
        'cba stipend bilingual head-teacher remote-site --site "La Posta"',
        'cba stipend ltvs --years 21 --class V --rating meets',
        'cba stipend ltvs --years 22 --class V --rating unsatisfactory --already-receiving 1',
        'cba stipend phd --awarded 2006-06-15',
        'cba stipend btsa --teachers 3 --json',
        'cba stipend activity-day --activity-hours 4 --activity-days 2',
        'cba stipend tutoring --tutoring-hours 12.5',
        'cba stipend par-council-extra-time -c IV -s 13 --hours-beyond-day 3,1.5',
        'cba stipend staff-development-buy-back -c IV -s 13 --buy-back-hours 4,8',
        'cba stipend btsa-training-day -c IV -s 13 --training-days 2',
        'cba stipend head-teacher --community-day-basis --year 2005-06',
        'cba stipend remote-site --site "Julian" --miles 55 --isolated-rural',
        'cba stipend head-teacher --contract-days 200 --head-teacher-year 3',
      ]),
    )
    .action((ids: string[], o: OptionsOf<typeof OPTIONS>, c: Command) => exec(c, (ctx) => run({ ...o, ids }, ctx)));
}


/** The stipend flags as the rules' input. */
export function stipendInput(o: StipendFlags & { year?: string; class?: string }): StipendInput {
  return {
    year: o.year,
    years: int(o.years, 'years', 'give whole years of service, for example {years} 21'),
    class: o.class,
    rating: rating(o.rating),
    alreadyReceiving: int(o.alreadyReceiving, 'alreadyReceiving', 'give how many LTVS stipends are already received, 0 to 4'),
    awarded: o.awarded,
    asOf: o.asOf,
    site: o.site,
    transferred: o.transferred,
    miles: decimal(o.miles, 'miles', 'give miles, for example {miles} 42'),
    isolatedRural: o.isolatedRural ? true : undefined,
    headTeacherYear: int(o.headTeacherYear, 'headTeacherYear', 'give the consecutive year, for example {headTeacherYear} 3'),
    probationary: o.probationary ? true : undefined,
    directorException: o.directorException ? true : undefined,
    teachers: int(o.teachers, 'teachers', 'give the number of participating teachers, 1 to 3'),
    contractDays: int(o.contractDays, 'contractDays', 'give the days of the contract year, for example {contractDays} 190'),
    activityHours: rangedDecimal(o.activityHours, 'activityHours', 'give hours, for example {activityHours} 5', RANGES.hoursADay),
    activityDays: int(o.activityDays, 'activityDays', 'give whole days, for example {activityDays} 2'),
    fourHoursPays: decimal(o.fourHoursPays, 'fourHoursPays', 'give 50 or 100'),
    tutoringHours: rangedDecimal(o.tutoringHours, 'tutoringHours', 'give hours, for example {tutoringHours} 10', RANGES.hoursAYear),
    hoursBeyondYear: rangedDecimal(o.hoursBeyondYear, 'hoursBeyondYear', 'give hours, for example {hoursBeyondYear} 6', RANGES.hoursAYear),
    hoursBeyondDay: hoursPerDayList(o.hoursBeyondDay, 'hoursBeyondDay'),
    extraTimePays: extraTimePays(o.extraTimePays),
    buyBackHours: hoursPerDayList(o.buyBackHours, 'buyBackHours'),
    trainingDays: int(o.trainingDays, 'trainingDays', 'give whole days, for example {trainingDays} 2'),
    communityDayBasis: o.communityDayBasis ? true : undefined,
  };
}

/** "3,2.5" (or repeated flags): hours a day, one figure per day. */
function hoursPerDayList(v: string | string[] | undefined, field: string): string[] | undefined {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).map((x) => x.trim());
  return items.map((x) => rangedDecimal(x, field, `give hours a day separated by commas, for example {${field}} 3,2.5`, RANGES.hoursADay)!);
}

function extraTimePays(v: string | undefined): 'all' | 'excess' | undefined {
  if (v === undefined) return undefined;
  if (v === 'all' || v === 'excess') return v;
  throw new InputError(`--extra-time-pays ${v}: give all (all the time beyond the regular work day, the default) or excess (only the time over the 2 hours)`);
}

/** An input that only some kind of stipend reads, given without such a stipend: contradictory. */
export function checkFlagsMatch(a: Agreement, ids: string[], input: StipendInput, classIsSalary: boolean): void {
  const used = new Set(ids.flatMap((id) => inputsOf(findStipend(a, id))));
  const free = new Set<keyof StipendInput>(['year', ...(classIsSalary ? (['class', 'member'] as const) : [])]);
  for (const [k, v] of Object.entries(input) as [keyof StipendInput, unknown][])
    if (v !== undefined && !free.has(k) && !used.has(k))
      throw new InputError(`${k === 'member' ? '--step' : flagOf(k)} does not apply to the stipends asked for (${ids.join(', ') || 'none'}); drop it or add the stipend it belongs to`);
}

const STIPEND_KEYS = Object.keys(STIPEND_OPTIONS) as (keyof StipendFlags)[];

/** A stipend flag given without --stipend (cba salary), the first in the table's order; `except` one that is not only a stipend's. */
export function strayStipendFlag(o: StipendFlags, except?: keyof StipendFlags): string | undefined {
  for (const k of STIPEND_KEYS) if (k !== except && o[k] !== undefined) return flagOf(k);
  return undefined;
}

export function stipendJson(s: StipendResult) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    count: s.count,
    annual: jm(s.annual),
    monthly: s.monthly ? jm(s.monthly) : null,
    eligible: s.eligible,
    reason: s.reason,
    ...(s.firstPayable ? { firstPayable: s.firstPayable } : {}),
    ...(s.lastMonthPaid ? { lastMonthPaid: s.lastMonthPaid, endsOn: s.endsOn } : {}),
    how: s.how,
    readings: s.readings.map((x) => x.text),
    sources: uniqueSources(s.sources),
  };
}

const yesNo = (e: boolean | null) => (e === null ? 'not checked' : e ? 'yes' : 'no');

export async function run(o: StipendOptions, { out: ctx, agreement }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  const ids = o.ids;
  if (o.list) {
    if (ids.length) throw new InputError('--list lists every stipend; give either --list or stipend ids, not both');
    const list = listStipends(a, o.year);
    if (o.json) printJson(ctx, list.map((s) => ({ id: s.id, name: s.name, kind: s.kind, basis: s.basis, annual: s.annual ? jm(s.annual) : null, monthly: s.monthly ? jm(s.monthly) : null, source: s.cite })));
    else if (o.csv) write(ctx, [csvLine(['id', 'name', 'basis', 'annual', 'monthly', 'source']), ...list.map((s) => csvLine([s.id, s.name, s.basis, s.annual?.toFixed(2), s.monthly?.toFixed(2), citeShort(s.cite)]))].join('').trimEnd());
    else write(ctx, await renderTable(ctx, { head: ['Id', 'Stipend', 'Basis', 'Annual', 'Monthly', 'Source'], rows: list.map((s) => [s.id, s.name, s.basis, money(s.annual ?? undefined), money(s.monthly ?? undefined), citeShort(s.cite)]), right: [3, 4] }));
    return {};
  }
  if (!ids.length) throw new InputError('give one or more stipend ids (for example cba stipend ltvs), or --list to see them all');
  const input = stipendInput(o);
  if (o.step !== undefined || o.schedule !== undefined) {
    const r = salary(a, {
      schedule: o.schedule,
      year: o.year,
      asOf: o.asOf,
      class: required(o.class, 'class', 'give the class of the member\'s cell, for example {class} IV'),
      step: required(int(o.step, 'step', 'give the step as a whole number, for example {step} 13'), 'step', 'give the step of the member\'s cell, for example {step} 13'),
    });
    input.member = memberRate(a, r);
  }
  checkFlagsMatch(a, ids, input, input.member !== undefined);
  if (input.member !== undefined && !ids.some((id) => inputsOf(findStipend(a, id)).includes('member')))
    throw new InputError(`--step does not apply to the stipends asked for (${ids.join(', ')}): only pay from the member's daily rate reads the cell; drop it`);
  const r = computeStipends(a, ids, input);
  const failed = r.stipends.some((s) => s.eligible === false);
  if (o.json) printJson(ctx, { agreement: a.meta.id, stipends: r.stipends.map(stipendJson), total: jm(r.total), monthlyTotal: jm(r.monthlyTotal) });
  else if (o.csv) {
    let s = csvLine(['id', 'name', 'count', 'annual', 'monthly', 'eligible', 'reason', 'how', 'source']);
    for (const x of r.stipends) s += csvLine([x.id, x.name, x.count, x.annual.toFixed(2), x.monthly?.toFixed(2), yesNo(x.eligible), x.reason, x.how, sourceText(x.sources[0])]);
    write(ctx, s.trimEnd());
  } else {
    const rows = r.stipends.map((x) => [x.id, money(x.annual), x.monthly ? money(x.monthly) : '', x.eligible === false ? ctx.paint.red('no') : x.eligible ? ctx.paint.green('yes') : ctx.paint.yellow('not checked'), x.reason, x.how, sourceText(x.sources[0])]);
    rows.push([ctx.paint.bold('total (eligible)'), money(r.total), money(r.monthlyTotal), '', '', '', '']);
    write(ctx, await renderTable(ctx, { head: ['Stipend', 'Annual', 'Monthly', 'Eligible', 'Reason', 'How', 'Source'], rows, right: [1, 2] }));
    for (const rd of [...new Set(r.stipends.flatMap((x) => x.readings.map((y) => y.text)))]) write(ctx, ctx.paint.dim(`Reading: ${rd}`));
  }
  return { failed };
}
