// cba sick-leave: accrual, balance, extended absence pay and the limits of the other leaves (Article XIII).
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { dec, plain, round, type Dec } from '../core/money';
import { accrual, balance, extendedAbsence, checkLimits, type LimitInput, type LimitCheck } from '../rules/leaves/leaves';
import { industrialPay, judicialPay, catastrophicPay, catastrophicReturn, sabbaticalQuota, unpaidPersonalLeave, type LeavePay, type DonorShare } from '../rules/leaves/other-leaves';
import { salary } from '../rules/schedules/salary';
import { computeStipends } from '../rules/stipends/stipends';
import { payWithStipends } from '../rules/stipends/pay';
import { dayRange, decimal, decimalValue, int, leaveQty, pair, rangedDecimal, RANGES } from '../cli/parse';
import { flags, jm, money, printJson, renderTable, warn, write } from '../cli/output';
import { reading } from '../rules/readings';
import { sourceText, uniqueSources } from '../cli/sources';
import { citeRef, citeShort, type Source } from '../rules/source';
import { part } from '../rules/part';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';

export const DESCRIPTION = 'Sick leave accrual and balance, extended absence pay, and the limits of the other leaves';

export const OPTIONS = {
  daysWorked: { flags: '--days-worked <n>', help: 'days worked in the school year (default {=baseYearDays})' },
  calendarDays: { flags: '--calendar-days <n>', help: 'same as --days-worked: the days of the work calendar' },
  assignment: { flags: '--assignment <a>', help: 'regular (6.75 h), community-day (7.75 h) or preschool (7.5 h)' },
  hoursPerDay: { flags: '--hours-per-day <h>', help: "hours in a day of sick leave (must be one of the agreement\'s)" },
  allowHours: { flags: '--allow-hours', help: 'accept an --hours-per-day the agreement does not state' },
  fte: { flags: '--fte <x>', help: 'part-time share, 0 < x <= 1: sick leave in the same ratio' },
  balance: { flags: '--balance <qty>', help: 'sick leave carried in: days (12, 12d) or hours (81h)' },
  used: { flags: '--used <qty>', help: 'sick leave used this year: days or hours' },
  absence: { flags: '--absence <days>', help: 'a continuous absence of this many school days: full pay from the balance, then differential pay' },
  priorDifferentialDays: { flags: '--prior-differential-days <n>', help: 'differential days already used in this continuous absence (from last school year)' },
  dailyRate: { flags: '--daily-rate <amount>', help: 'daily rate for the pay of each band (or give --class and --step)' },
  class: { flags: '-c, --class <class>', help: 'salary class, for pay (as cba salary)' },
  step: { flags: '-s, --step <n>', help: 'salary step, for pay' },
  schedule: { flags: '--schedule <id>', help: 'salary schedule, for pay' },
  year: { flags: '--year <yyyy-yy>', help: 'school year of the schedule' },
  personalNecessity: { flags: '--personal-necessity <days>', help: 'check: personal necessity days this year, including personal business (max 8)' },
  personalBusiness: { flags: '--personal-business <days>', help: 'check: personal business days this year (max 3)' },
  familyIllness: { flags: '--family-illness <days>', help: "check: days for a child's, parent's or spouse's illness (six months' accrual)" },
  bereavement: { flags: '--bereavement <days>', help: 'check: bereavement days (3, or 5 with travel)' },
  outOfState: { flags: '--out-of-state', help: 'bereavement: out-of-state travel is required' },
  travelMiles: { flags: '--travel-miles <n>', help: 'bereavement: travel distance from the Office' },
  industrial: { flags: '--industrial <days>', help: 'check: industrial accident days this fiscal year, same accident (max 60)' },
  donateHours: { flags: '--donate-hours <h>', help: 'check: catastrophic leave donation (6.75 to 13.5 hours)' },
  donatedHours: { flags: '--donated-hours <h>', help: 'check: hours the member donated this fiscal year (6.75 needed to receive)' },
  catastrophicMonths: { flags: '--catastrophic-months <n>', help: 'check: months of catastrophic leave (max 12)' },
  sabbaticalYears: { flags: '--sabbatical-years <n>', help: 'check: consecutive years with the Office (7 needed)' },
  sabbaticalMonths: { flags: '--sabbatical-months <n>', help: 'sabbatical length in months (default 12)' },
  industrialPriorYear: { flags: '--industrial-prior-year <days>', help: 'industrial leave used for the same injury last fiscal year' },
  industrialRenews: { flags: '--industrial-renews', help: 'other reading: the industrial days start again in the new fiscal year' },
  indemnity: { flags: '--indemnity <amount>', help: "a month's temporary disability indemnity: the Office's part of the salary" },
  salaryDue: { flags: '--salary-due <amount>', help: 'salary due for that month (default: the monthly pay of --class/--step)' },
  juryDays: { flags: '--jury-days <days>', help: 'jury or witness days: the Office compensation' },
  juryFees: { flags: '--jury-fees <amount>', help: 'jury or witness fees received for those days (default 0)' },
  juryTravel: { flags: '--jury-travel <amount>', help: 'per diem and travel from the court, kept by the member' },
  catastrophicDays: { flags: '--catastrophic-days <days>', help: 'days of catastrophic leave: pay at the half-pay rate' },
  ownCredits: { flags: '--own-credits <qty>', help: 'credits accrued during catastrophic leave, used first' },
  catastrophicReturn: { flags: '--catastrophic-return <hours>', help: 'hours left when the program is cancelled, back to the donors' },
  donor: { flags: '--donor <id=hours>', help: 'a donor and the hours donated (repeatable), with --catastrophic-return', repeat: true },
  unitMembers: { flags: '--unit-members <n>', help: 'certificated unit members: the sabbatical quota' },
  onSabbatical: { flags: '--on-sabbatical <n>', help: 'members on sabbatical at that time, the one asked for included' },
  personalLeave: { flags: '--personal-leave <from..to>', help: 'unpaid personal leave, first..last day' },
  perfectAttendance: { flags: '--perfect-attendance', help: 'the perfect-attendance payment: one daily rate inclusive of stipends, if no sick leave was used' },
  stipend: { flags: '--stipend <ids...>', help: 'stipends for the perfect-attendance daily rate' },
  ...JSON_OPTION,
} as const;
export type SickLeaveOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('sick-leave').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        '# October 1 statement for a part-time speech specialist on a 205-day calendar',
        'cba sick-leave --days-worked 205 --fte 0.6 --balance 31.5',
        '# surgery: 150 school days off with 40 days banked, pay by band',
        'cba sick-leave --balance 40 --absence 150 --class IV --step 13',
        'cba sick-leave --assignment community-day --days-worked 225',
        '# can a fourth day of personal business be charged?',
        'cba sick-leave --personal-business 4',
        'cba sick-leave --bereavement 5 --travel-miles 320',
        '# a month of industrial accident leave with a 1,800.00 indemnity',
        'cba sick-leave --indemnity 1800 --class IV --step 13',
        'cba sick-leave --jury-days 3 --jury-fees 45 --class IV --step 13',
        'cba sick-leave --catastrophic-days 40 --own-credits 1.5 --class IV --step 13',
        'cba sick-leave --catastrophic-return 20 --donor lee=13.5 --donor ortiz=6.75',
        'cba sick-leave --unit-members 180 --on-sabbatical 4',
        'cba sick-leave --perfect-attendance --class IV --step 13 --stipend bilingual --used 0',
      ]),
    )
    .action((o: SickLeaveOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}

const d2 = (x: Dec) => Number(x.toFixed(2));
const optDec = (v: string | undefined, field: string, hint: string, range?: { max: number; what: string }) => (v === undefined ? undefined : dec((range ? rangedDecimal(v, field, hint, range) : decimal(v, field, hint))!));

export async function run(o: SickLeaveOptions, { out: ctx, agreement }: RunCtx): Promise<RunResult> {
  const a = await agreement();
  if (o.daysWorked !== undefined && o.calendarDays !== undefined) throw new InputError('give --days-worked or --calendar-days, not both');
  const dwText = o.daysWorked ?? o.calendarDays;
  const dw = dwText === undefined ? undefined : rangedDecimal(dwText, o.daysWorked !== undefined ? 'daysWorked' : 'calendarDays', 'give the days worked, for example 190', RANGES.daysAYear);
  // The salary schedule's assignment gives the day length when no assignment is named.
  let assignment: string | undefined = o.assignment;
  const wantsSalary = o.class !== undefined || o.step !== undefined;
  const sal = wantsSalary
    ? salary(a, {
        schedule: o.schedule,
        year: o.year,
        class: o.class ?? (() => { throw new InputError('--step needs --class for the salary'); })(),
        step: int(o.step, 'step', 'give the step as a whole number') ?? (() => { throw new InputError('--class needs --step for the salary'); })(),
      })
    : undefined;
  if (!assignment && !o.hoursPerDay && sal) assignment = a.schedules.find((s) => s.id === sal.schedule)?.assignment;
  const acc = accrual(a, { daysWorked: dw, assignment, hoursPerDay: o.hoursPerDay, allowHours: o.allowHours, fte: o.fte });
  const bal = balance(a, acc, o.balance !== undefined ? leaveQty(o.balance, 'balance') : undefined, o.used !== undefined ? leaveQty(o.used, 'used') : undefined);
  const warnings = [...acc.warnings];
  const readings = [...acc.readings];
  // a reading this command applies, its inputs written as flags (as the command has always printed them)
  const addReading = (id: string, vars?: Record<string, string>) => {
    const r = reading(part(a, 'leaves').readings, id, vars);
    if (r) readings.push({ ...r, text: flags(r.text) });
  };
  const sources: Source[] = [...acc.sources, bal.source];

  let daily: Dec | undefined = decimalValue(o.dailyRate, 'dailyRate', 'give the daily rate, for example 372.62');
  if (daily && sal) throw new InputError('give --daily-rate or --class/--step, not both');
  if (sal) daily = sal.dailyRate;
  let absence;
  // the balance the absence bands use: carried, plus this year's accrual when --days-worked was given, less --used
  let shownBalance = bal.balanceDays;
  let shownHow = bal.how;
  if (o.absence !== undefined) {
    const available = acc.daysWorkedGiven ? bal.balanceDays : bal.carriedDays.minus(bal.usedDays);
    if (!acc.daysWorkedGiven) {
      shownBalance = available;
      shownHow = `${bal.carriedDays.toFixed(2)} carried - ${bal.usedDays.toFixed(2)} used (this year's accrual is added only with --days-worked)`;
    }
    absence = extendedAbsence(a, {
      absenceDays: int(o.absence, 'absence', 'give whole school days, for example {absence} 120')!,
      availableDays: available,
      priorDifferentialDays: int(o.priorDifferentialDays, 'priorDifferentialDays', 'give whole days, 0 to 100'),
      dailyRate: daily,
    });
    sources.push(...absence.sources);
    readings.push(...absence.readings);
    if (!acc.daysWorkedGiven) addReading('absence-draws-on-balance');
  } else if (o.priorDifferentialDays !== undefined) throw new InputError('--prior-differential-days applies to an --absence; add --absence <days>');

  const L: LimitInput = {
    personalNecessity: optDec(o.personalNecessity, 'personalNecessity', 'give days, for example 2', RANGES.daysAYear),
    personalBusiness: optDec(o.personalBusiness, 'personalBusiness', 'give days, for example 1', RANGES.daysAYear),
    familyIllness: optDec(o.familyIllness, 'familyIllness', 'give days, for example 3', RANGES.daysAYear),
    bereavement: optDec(o.bereavement, 'bereavement', 'give days, for example 3', RANGES.daysAYear),
    outOfState: o.outOfState,
    travelMiles: optDec(o.travelMiles, 'travelMiles', 'give miles, for example 320'),
    industrial: optDec(o.industrial, 'industrial', 'give days, for example 30', RANGES.daysAYear),
    industrialPriorYear: optDec(o.industrialPriorYear, 'industrialPriorYear', 'give days, for example 45', RANGES.daysAYear),
    industrialRenews: o.industrialRenews,
    donateHours: optDec(o.donateHours, 'donateHours', 'give hours, for example 6.75', RANGES.hoursAYear),
    donatedHours: optDec(o.donatedHours, 'donatedHours', 'give hours, for example 6.75', RANGES.hoursAYear),
    catastrophicMonths: optDec(o.catastrophicMonths, 'catastrophicMonths', 'give months, for example 6'),
    sabbaticalYears: optDec(o.sabbaticalYears, 'sabbaticalYears', 'give whole years, for example 7'),
    sabbaticalMonths: optDec(o.sabbaticalMonths, 'sabbaticalMonths', 'give months, for example 6'),
    annualSalary: sal?.annualSalary,
    availableDays: o.balance !== undefined || o.used !== undefined || acc.daysWorkedGiven ? bal.balanceDays : undefined,
  };
  if (o.industrialRenews && o.industrialPriorYear === undefined) throw new InputError('--industrial-renews applies with --industrial-prior-year <days>');
  if ((L.outOfState || L.travelMiles) && L.bereavement === undefined) throw new InputError('--out-of-state and --travel-miles apply to --bereavement <days>');
  if (L.sabbaticalMonths && L.sabbaticalYears === undefined) throw new InputError('--sabbatical-months applies with --sabbatical-years <n>');
  const limits: LimitCheck[] = checkLimits(a, acc, L);
  for (const l of limits) readings.push(...(l.readings ?? []));

  // The leaves paid around an outside payment, the quotas and unpaid leave (other-leaves.ts).
  const pays: LeavePay[] = [];
  const needRate = (flag: string) => daily ?? (() => { throw new InputError(`${flag} needs the daily rate: add --class and --step, or --daily-rate`); })();
  if (o.indemnity !== undefined) {
    const due = decimalValue(o.salaryDue, 'salaryDue', 'give the salary due for the month, for example 5899.75');
    const S = due ?? sal?.monthlyPay ?? (() => { throw new InputError('--indemnity needs the salary due for the month: add --class and --step, or --salary-due'); })();
    const monthly = sal?.lines.find((l) => l.figure === 'monthlyPay');
    pays.push(industrialPay(a, { salaryDue: S, salaryHow: due ? 'given (--salary-due)' : monthly?.how ?? '', salarySource: due ? undefined : monthly?.source, indemnity: decimalValue(o.indemnity, 'indemnity', 'give the indemnity for the month, for example 1800')! }));
  } else if (o.salaryDue !== undefined) throw new InputError('--salary-due applies with --indemnity <amount>');
  if (o.juryDays !== undefined) {
    pays.push(judicialPay(a, {
      days: optDec(o.juryDays, 'juryDays', 'give days, for example 3', RANGES.daysAYear)!,
      dailyRate: needRate('--jury-days'),
      dailyRateSource: sal ? sal.sources.find((x) => x.figure === 'dailyRate') : undefined,
      fees: decimalValue(o.juryFees, 'juryFees', 'give the fees, for example 45') ?? dec(0),
      travel: decimalValue(o.juryTravel, 'juryTravel', 'give the per diem and travel, for example 12.50'),
    }));
  } else if (o.juryFees !== undefined || o.juryTravel !== undefined) throw new InputError('--jury-fees and --jury-travel apply with --jury-days <days>');
  if (o.catastrophicDays !== undefined) {
    const own = o.ownCredits !== undefined ? leaveQty(o.ownCredits, 'ownCredits') : undefined;
    pays.push(catastrophicPay(a, {
      days: optDec(o.catastrophicDays, 'catastrophicDays', 'give days, for example 40', RANGES.daysAYear)!,
      ownCreditDays: own ? (own.unit === 'days' ? own.value : own.value.div(acc.hoursPerDay)) : dec(0),
      dailyRate: daily,
      dailyRateSource: sal ? sal.sources.find((x) => x.figure === 'dailyRate') : undefined,
    }));
  } else if (o.ownCredits !== undefined) throw new InputError('--own-credits applies with --catastrophic-days <days>');
  let returned: { shares: DonorShare[]; how: string; sources: Source[] } | undefined;
  if (o.catastrophicReturn !== undefined) {
    const donors = (o.donor ?? []).map((d): [string, Dec] => {
      const [id, h] = pair(d, 'donor', /^[^=\s][^=]*$/, 'ID=HOURS, for example {donor} lee=13.5');
      return [id, optDec(h, 'donor', 'give hours, for example {donor} lee=13.5', RANGES.hoursAYear)!];
    });
    const r = catastrophicReturn(a, { hours: optDec(o.catastrophicReturn, 'catastrophicReturn', 'give hours, for example 20', RANGES.hoursAYear)!, donors });
    returned = r;
    readings.push(...r.readings);
    sources.push(...r.sources);
  } else if (o.donor !== undefined) throw new InputError('--donor applies with --catastrophic-return <hours>');
  if (o.unitMembers !== undefined || o.onSabbatical !== undefined) {
    if (o.unitMembers === undefined || o.onSabbatical === undefined) throw new InputError('the sabbatical quota needs both --unit-members and --on-sabbatical');
    const q = sabbaticalQuota(a, { unitMembers: int(o.unitMembers, 'unitMembers', 'give a whole number, for example 180')!, onSabbatical: int(o.onSabbatical, 'onSabbatical', 'give a whole number, for example 3')! });
    limits.push(q.check);
    readings.push(...q.readings);
  }
  if (o.personalLeave !== undefined) {
    const r = dayRange(o.personalLeave, 'personalLeave');
    pays.push(unpaidPersonalLeave(a, { from: r.from, to: r.to }));
  }
  for (const p of pays) {
    readings.push(...p.readings);
    sources.push(...p.sources);
  }
  for (const l of limits) sources.push(...l.sources);

  let perfect: { eligible: boolean; amount?: Dec; reason: string; how?: string; source?: Source } | undefined;
  if (o.perfectAttendance) {
    if (!sal) throw new InputError('--perfect-attendance needs the salary: add --class and --step');
    // family illness leave "shall be considered to be Personal Necessity Leave" (XIII.3.B), which XV.3 counts
    const usedAny = bal.usedDays.gt(0) || (L.personalNecessity?.gt(0) ?? false) || (L.personalBusiness?.gt(0) ?? false) || (L.familyIllness?.gt(0) ?? false);
    if (!acc.fte.eq(1))
      addReading('part-time-perfect-attendance', { fte: plain(acc.fte) });
    const st = computeStipends(a, o.stipend ?? [], { year: sal.year, class: sal.class });
    const pay = payWithStipends(a, sal, st);
    perfect = usedAny
      ? { eligible: false, reason: `sick leave, personal necessity or personal business was used this program year${pay.perfectAttendance?.source ? ` (${citeRef(pay.perfectAttendance.source)})` : ''}${(L.familyIllness?.gt(0) ?? false) ? `; leave for the illness of a child, parent or spouse is personal necessity leave (${citeRef(part(a, 'leaves').familyIllness.cite)})` : ''}`, source: pay.perfectAttendance?.source }
      : { eligible: true, amount: pay.dailyRateInclusive, how: pay.how, reason: o.used === undefined ? 'no sick leave use given (--used): assumed none this program year' : 'no sick leave used this program year', source: pay.perfectAttendance?.source };
    if (perfect.source) sources.push(perfect.source);
  } else if (o.stipend) throw new InputError('--stipend applies with --perfect-attendance here');

  if (bal.overdrawn) warnings.push(`more sick leave used than carried and accrued: the balance is ${bal.balanceDaysShown.toFixed(2)} days; days beyond the balance fall under ${citeRef(part(a, 'leaves').sickLeave.differential.cite)} differential pay`);
  const failed = limits.some((l) => !l.ok) || bal.overdrawn || perfect?.eligible === false;
  for (const w of warnings) warn(ctx, w);

  if (o.json) {
    printJson(ctx, {
      agreement: a.meta.id,
      daysWorked: d2(acc.daysWorked),
      hoursPerDay: Number(plain(acc.hoursPerDay)),
      assignment: acc.assignment ?? null,
      fte: Number(plain(acc.fte)),
      accruedDays: d2(acc.daysShown),
      accruedHours: d2(acc.hoursShown),
      capped: acc.capped,
      carriedDays: d2(bal.carriedDays),
      usedDays: d2(bal.usedDays),
      balanceDays: d2(round(shownBalance, part(a, 'leaves').sickLeave.rounding)),
      balanceHours: d2(round(shownBalance.times(acc.hoursPerDay), part(a, 'leaves').sickLeave.rounding)),
      computation: [...acc.how, bal.how],
      ...(absence
        ? {
            absenceDays: absence.absenceDays,
            fullPayDays: d2(absence.fullPayDays),
            differentialDays: d2(absence.differentialDays),
            unpaidDays: d2(absence.unpaidDays),
            priorDifferentialDays: absence.priorDifferentialDays,
            ...(absence.dailyRate ? { dailyRate: jm(absence.dailyRate), fullPay: jm(absence.fullPay), differentialPay: jm(absence.differentialPay), unpaidPay: 0, totalPay: jm(absence.totalPay) } : {}),
            absenceComputation: absence.how,
          }
        : {}),
      limits: limits.map((l) => ({ id: l.id, label: l.label, requested: d2(l.requested), allowed: d2(l.allowed), unit: l.unit, ok: l.ok, reason: l.reason, ...(l.extra ?? {}), sources: l.sources })),
      ...(pays.length ? { leaves: pays.map((p) => ({ id: p.id, label: p.label, figures: p.lines.map((l) => ({ id: l.id, label: l.label, value: l.unit === 'yes/no' ? l.value.eq(1) : l.unit === 'money' ? jm(l.value) : Number(plain(l.value)), unit: l.unit, how: l.how, sources: l.sources })), readings: p.readings.map((r) => r.text) })) } : {}),
      ...(returned ? { catastrophicReturn: { how: returned.how, shares: returned.shares.map((x) => ({ donor: x.donor, donatedHours: Number(plain(x.donated)), exactHours: x.exact.toFixed(6), returnedHours: Number(x.returned.toFixed(2)) })) } } : {}),
      ...(perfect ? { perfectAttendance: { eligible: perfect.eligible, amount: perfect.amount ? jm(perfect.amount) : null, reason: perfect.reason, how: perfect.how, source: perfect.source } } : {}),
      sources: uniqueSources(sources),
      readings: readings.map((r) => r.text),
      warnings,
    });
    return { failed };
  }
  const rows: string[][] = [
    ['Days worked', plain(acc.daysWorked), acc.daysWorkedGiven ? '' : 'assumed', ''],
    ['Hours per day', plain(acc.hoursPerDay), acc.assignment ?? '', sourceText(acc.sources[2])],
    ...(acc.fte.eq(1) ? [] : [['FTE', plain(acc.fte), '', a.meta.citations?.partTimeSickLeave ? citeShort(a.meta.citations.partTimeSickLeave) : '']]),
    ['Sick leave accrued (days)', acc.daysShown.toFixed(2), acc.how.join('; '), sourceText(acc.sources[0])],
    ['Sick leave accrued (hours)', acc.hoursShown.toFixed(2), `${acc.days.toFixed(4)}... x ${plain(acc.hoursPerDay)}, half-up`, ''],
    ...(o.balance !== undefined || o.used !== undefined
      ? [
          ['Carried in (days)', bal.carriedDays.toFixed(2), '', sourceText(bal.source)],
          ['Used (days)', bal.usedDays.toFixed(2), '', ''],
          ['Balance (days)', round(shownBalance, part(a, 'leaves').sickLeave.rounding).toFixed(2), shownHow, ''],
          ['Balance (hours)', round(shownBalance.times(acc.hoursPerDay), part(a, 'leaves').sickLeave.rounding).toFixed(2), `${shownBalance.toFixed(4)}... x ${plain(acc.hoursPerDay)}`, ''],
        ]
      : []),
  ];
  if (absence) {
    rows.push(['Absence (school days)', String(absence.absenceDays), '', '']);
    rows.push(['  at full pay', absence.fullPayDays.toFixed(2), absence.fullPay ? money(absence.fullPay) : '', citeShort(absence.sources[0])]);
    rows.push([`  at ${absence.differentialPercent}% differential`, absence.differentialDays.toFixed(2), absence.differentialPay ? money(absence.differentialPay) : '', citeShort(absence.sources[0])]);
    rows.push(['  unpaid', absence.unpaidDays.toFixed(2), absence.dailyRate ? money(absence.unpaidPay) : '', '']);
    if (absence.totalPay) rows.push(['  pay for the absence', '', money(absence.totalPay), `daily rate ${money(absence.dailyRate)}`]);
  }
  for (const l of limits)
    rows.push([l.label, `${plain(l.requested)} of ${plain(l.allowed)} ${l.unit}`, (l.ok ? ctx.paint.green('allowed') : ctx.paint.red('over the limit')) + ': ' + l.reason, sourceText(l.sources[0])]);
  for (const p of pays)
    for (const l of p.lines)
      rows.push([l.label, l.unit === 'money' ? money(l.value) : l.unit === 'yes/no' ? (l.value.eq(1) ? 'yes' : 'no') : `${plain(l.value)} ${l.unit}`, l.how, l.sources[0] ? sourceText(l.sources[0]) : '']);
  if (returned)
    for (const x of returned.shares) rows.push([`Returned to ${x.donor}`, `${x.returned.toFixed(2)} hours`, `of ${plain(x.donated)} donated; exact ${x.exact.toFixed(4)}...`, sourceText(returned.sources[0])]);
  if (perfect) rows.push([`Perfect attendance${perfect.source ? ` (${citeRef(perfect.source)})` : ''}`, perfect.amount ? money(perfect.amount) : '0.00', (perfect.eligible ? '' : ctx.paint.red('not eligible: ')) + perfect.reason, sourceText(perfect.source)]);
  write(ctx, await renderTable(ctx, { head: ['Item', 'Value', 'How / why', 'Source'], rows, right: [1] }));
  for (const r of readings) write(ctx, ctx.paint.dim(`Reading: ${r.text}`));
  return { failed };
}
