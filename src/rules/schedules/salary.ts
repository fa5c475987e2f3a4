// Salary from Appendix A with Article XV.1 (daily rate, extra days), XI.1.F (short calendars)
// and XVII.2.D / XIII.1.B (part time, pro rata). Pure: rules and inputs in, figures and sources out.
import { Big, centsRounding, dec, divInt, divRound, formatCents, parseCents, round, formatMoney, plain, type Dec, type RoundingMode } from '../../core/money';
import { FieldError } from '../../core/errors';
import { findSchedule, getCell, normalizeClass, schedulesInYear, type Cell } from './schedule';
import { scheduleAsOf, yearParts, type Weighting } from './effective';
import { cite, citeRef, citeShort, type Source } from '../source';
import { reading, uniqueReadings, type Reading } from '../readings';
import type { Agreement, Schedule } from '../types';
import { scheduleForPosition, type PositionSchedule } from './positions';

export interface SalaryInput {
  schedule?: string;
  year?: string;
  class: string;
  step: number;
  /** days on the work calendar; default the schedule's base year */
  days?: number;
  /** full-time equivalent, 0 < fte <= 1 */
  fte?: string | number | Dec;
  /** the schedule in force on this date (YYYY-MM-DD) instead of a school year's */
  asOf?: string;
  /** how the parts of a school year with a mid-year change are weighted (default months) */
  weighting?: Weighting;
  /** the position (XV.4-6): picks the schedule it is paid on */
  position?: string;
}

export interface SalaryPart {
  schedule: string;
  effective: string;
  from: string;
  to: string;
  weight: Dec;
  how: string;
  annualSalary: Dec;
  totalSalary: Dec;
  /** totalSalary x weight, exact */
  amount: Dec;
}

export interface SalaryLine {
  figure: string;
  label: string;
  value: Dec;
  unit: 'money' | 'days' | 'hours' | 'ratio';
  how?: string;
  source?: Source;
}

export interface SalaryResult {
  agreement: string;
  year: string;
  schedule: string;
  scheduleName: string;
  effective: string;
  class: string;
  step: number;
  basis: 'annual' | 'daily' | 'hourly';
  /** the printed step the pay is read from (below the step asked for on a plateau) */
  printedStep: number;
  annualSalary: Dec;
  dailyRate: Dec;
  printedDailyRate?: Dec;
  hourlyRate?: Dec;
  hoursPerDay: Dec;
  baseDays: number;
  days: number;
  extraDays: number;
  extraDaysPay: Dec;
  fte: Dec;
  totalSalary: Dec;
  monthlyPay: Dec;
  lines: SalaryLine[];
  sources: Source[];
  warnings: string[];
  readings: Reading[];
  /** the parts of a school year whose schedule changes inside it (--year), in order */
  parts?: SalaryPart[];
  /** the position asked for and the schedule XV.4-6 put it on */
  position?: PositionSchedule;
}

export function parseFte(v: string | number | Dec | undefined): Dec {
  if (v === undefined) return dec(1);
  let f: Dec;
  try {
    f = dec(v as string);
  } catch {
    throw new FieldError('fte', `{fte} ${String(v)}: not a number; give the fraction of full time, for example 0.5 (0 < fte <= 1)`);
  }
  if (f.lte(0) || f.gt(1)) throw new FieldError('fte', `{fte} ${String(v)}: must be more than 0 and at most 1 (full time), for example 0.6`);
  return f;
}

/** Salary on the schedule in force: on --as-of, or for a school year (summing its parts when the
 *  schedule changes inside it), or the latest. */
export function salary(a: Agreement, input: SalaryInput): SalaryResult {
  if (input.position !== undefined) {
    const ps = scheduleForPosition(a, input.position);
    if (input.schedule !== undefined && input.schedule.trim().toLowerCase() !== ps.schedule)
      throw new FieldError('schedule', `{schedule} ${input.schedule} contradicts {position} "${ps.position}", which is paid on the ${ps.schedule} schedule (Article ${ps.source.article}.${ps.source.section}); give one of them`);
    const r = salary(a, { ...input, position: undefined, schedule: ps.schedule });
    return { ...r, position: ps, sources: [ps.source, ...r.sources] };
  }
  if (input.asOf !== undefined) {
    const s = scheduleAsOf(a, input.schedule, input.asOf);
    if (input.year !== undefined && input.year !== s.year)
      throw new FieldError('asOf', `{asOf} ${input.asOf} falls in school year ${s.year}, not {year} ${input.year}: give one of them`);
    const r = salaryOn(a, s, input);
    const inForce = schedulesInYear(a, s.id, s.year).length > 1 ? reading(a.meta.readings, 'schedule-in-force', { schedule: s.name, effective: s.effective ?? '', asOf: input.asOf }) : undefined;
    if (inForce) r.readings.push(inForce);
    return r;
  }
  const s = findSchedule(a, input.schedule, input.year);
  if (input.year === undefined || schedulesInYear(a, s.id, s.year).length < 2) {
    const r = salaryOn(a, s, input);
    if (input.year !== undefined && s.effective !== `${s.year.slice(0, 4)}-07-01`)
      r.warnings.push(`The only ${s.id} schedule of ${s.year} takes effect ${s.effective}: the whole year is computed on it; import the schedule in force before that date (cba rules import schedule ... --effective) to pay the year in parts.`);
    return r;
  }
  return yearSalary(a, s, input);
}

/** A school year in which the schedule changes: each part's pay for the whole year, weighted. */
function yearSalary(a: Agreement, s0: Schedule, input: SalaryInput): SalaryResult {
  const weighting = input.weighting ?? 'months';
  const parts = yearParts(a, s0.id, s0.year, weighting);
  const R = a.meta.rounding;
  const each = parts.map((p) => ({ p, r: salaryOn(a, p.schedule, input) }));
  const last = each[each.length - 1].r;
  let annual = new Big(0);
  let exact = new Big(0);
  const lines: SalaryLine[] = [];
  const out: SalaryPart[] = [];
  for (const { p, r } of each) {
    const amount = r.totalSalary.times(p.weight);
    annual = annual.plus(r.annualSalary.times(p.weight));
    exact = exact.plus(amount);
    out.push({ schedule: p.schedule.id, effective: p.schedule.effective, from: p.from, to: p.to, weight: p.weight, how: p.how, annualSalary: r.annualSalary, totalSalary: r.totalSalary, amount });
    lines.push({
      figure: 'part',
      label: `${p.from} to ${p.to}: ${r.scheduleName} effective ${p.schedule.effective}`,
      value: amount,
      unit: 'money',
      how: `${formatMoney(r.totalSalary)} for the year x ${p.how} = ${formatMoney(r.totalSalary)} x ${plain(p.weight)} = ${plain(amount)}`,
      source: cite(p.schedule.cite, { cell: `Class ${r.class}, Step ${r.step}`, file: p.schedule.file, figure: 'part' }),
    });
  }
  const total = round(exact, R.pay);
  const months = a.meta.parameters.monthsPerYear.value;
  const monthly = divRound(total, months, R.monthly);
  lines.push({ figure: 'totalSalary', label: `Total salary for ${s0.year} (the parts added)`, value: total, unit: 'money', how: `${each.map(({ p }) => plain(out.find((o) => o.from === p.from)!.amount)).join(' + ')} = ${plain(exact)}, rounded ${R.pay.mode} to ${R.pay.unit}` });
  lines.push({ figure: 'monthlyPay', label: `Average monthly pay (/ ${months})`, value: monthly, unit: 'money', how: `${formatMoney(total)} / ${months}; each month is paid at the schedule in force`, source: cite(a.meta.parameters.monthsPerYear.cite, { figure: 'monthlyPay' }) });
  const weighted = reading(a.meta.readings, weighting === 'months' ? 'midyear-by-months' : 'midyear-by-days', { schedule: s0.id, year: s0.year, months, monthsCite: citeShort(a.meta.parameters.monthsPerYear.cite) });
  return {
    ...last,
    year: s0.year,
    effective: parts[0].schedule.effective,
    annualSalary: annual,
    totalSalary: total,
    monthlyPay: monthly,
    lines: [
      ...each.flatMap(({ p, r }) => r.lines.filter((l) => l.figure === 'annualSalary' || l.figure === 'dailyRate').map((l) => ({ ...l, label: `${l.label}, from ${p.from}` }))),
      ...lines,
    ],
    sources: [...new Map(each.flatMap(({ r }) => r.sources).map((x) => [JSON.stringify(x), x])).values()],
    warnings: [...new Set(each.flatMap(({ r }) => r.warnings))],
    readings: uniqueReadings([...each.flatMap(({ r }) => r.readings), weighted]),
    parts: out,
  };
}

/** The working shown in a line ("= 372.6158..."): four places, half-up, as toFixed(4) printed it. */
const FOUR = { mode: 'half-up' as const, unit: '0.0001' };

/** What every cell of a schedule is worked out with: the rounding, the hours of its assignment's
 *  day and its base days (a number, and as a decimal), read once for a whole table. */
interface RateBasis {
  R: Agreement['meta']['rounding'];
  hoursPerDay: Dec;
  baseDays: number;
  baseDaysDec: Dec;
}
function rateBasis(a: Agreement, s: Schedule): RateBasis {
  const R = a.meta.rounding;
  const hoursPerDay = dec(a.meta.assignments[s.assignment].hoursPerDay);
  const baseDays = s.days?.value ?? a.meta.parameters.baseYearDays.value;
  return { R, hoursPerDay, baseDays, baseDaysDec: dec(baseDays) };
}

/** The pay figures of one cell by the schedule's basis: annual and the daily rate derived from it
 *  (XV.1, annual / base days), or a daily or hourly cell and the year it makes. The figures only:
 *  salaryOn adds the working and the sources, scheduleTable shows every cell. */
function cellRates(a: Agreement, s: Schedule, cell: Pick<Cell, 'annual' | 'daily' | 'hourly'>, basis: RateBasis = rateBasis(a, s)) {
  const { R, hoursPerDay, baseDays } = basis;
  if (s.basis === 'annual') {
    const annual = dec(cell.annual!);
    return { annual, dailyRate: divRound(annual, basis.baseDaysDec, R.dailyRate), printedDaily: cell.daily !== undefined ? dec(cell.daily) : undefined, hourly: undefined, exactDaily: undefined, hoursPerDay, baseDays };
  }
  if (s.basis === 'daily') {
    const dailyRate = dec(cell.daily!);
    return { annual: dailyRate.times(baseDays), dailyRate, printedDaily: undefined, hourly: undefined, exactDaily: undefined, hoursPerDay, baseDays };
  }
  const hourly = dec(cell.hourly!);
  const exactDaily = hourly.times(hoursPerDay);
  return { annual: exactDaily.times(baseDays), dailyRate: round(exactDaily, R.pay), printedDaily: undefined, hourly, exactDaily, hoursPerDay, baseDays };
}

/** A schedule's cell and its pay figures (and, on an annual schedule, annual / base days to four
 *  places as the working shows it), worked out once per agreement, schedule, class as given and
 *  step: a check file or a roster asks for the same cells many times. Errors are not kept. */
const CELLS = new WeakMap<Schedule, { a: Agreement; byKey: Map<string, { cell: ReturnType<typeof getCell>; rates: ReturnType<typeof cellRates>; shown?: string }> }>();
function cellOf(a: Agreement, s: Schedule, cls: string, step: number) {
  let m = CELLS.get(s);
  if (!m || m.a !== a) CELLS.set(s, (m = { a, byKey: new Map() }));
  const key = `${step}\0${cls}`;
  let hit = m.byKey.get(key);
  if (!hit) {
    const cell = getCell(s, cls, step);
    const rates = cellRates(a, s, cell);
    hit = { cell, rates, ...(s.basis === 'annual' ? { shown: divRound(rates.annual, rates.baseDays, FOUR).toFixed(4) } : {}) };
    if (m.byKey.size < 10_000) m.byKey.set(key, hit);
  }
  return hit;
}

/** The figures of a year's pay on one schedule, with the checks of the inputs (the errors salary
 *  raises), and nothing else: salaryOn adds the working and the sources; salaryPay (roster pricing)
 *  needs only the figures. Work calendar: XV.1 extra days at the daily rate, XI.1.F shared (short)
 *  calendars pro rata, the 225-day maximum; part time pro rata (XVII.2.D / XIII.1.B). */
function payOn(a: Agreement, s: Schedule, input: SalaryInput) {
  const { cell, rates } = cellOf(a, s, input.class, input.step);
  const fte = parseFte(input.fte);
  const P = a.meta.parameters;
  const R = a.meta.rounding;
  const { annual, dailyRate, baseDays } = rates;
  const days = input.days ?? baseDays;
  const maxDays = P.maxYearDays.value;
  const minDays = P.minYearDays.value;
  if (!Number.isInteger(days)) throw new FieldError('days', `{days} ${days}: give whole work days on the calendar (${minDays} to ${maxDays})`);
  if (days > maxDays)
    throw new FieldError('days', `{days} ${days}: no unit member may work more than ${maxDays} days a year (Article ${P.maxYearDays.cite.article}.${P.maxYearDays.cite.section}: "${P.maxYearDays.cite.quote}")`);
  if (days < minDays)
    throw new FieldError('days', `{days} ${days}: the shortest calendar the agreement allows is ${minDays} days (Article ${P.minYearDays.cite.article}.${P.minYearDays.cite.section}, shared contracts); give ${minDays} to ${maxDays}`);
  let extraDays = 0;
  let extraDaysPay = new Big(0);
  let yearPay = annual;
  if (days > baseDays) {
    extraDays = days - baseDays;
    extraDaysPay = dailyRate.times(extraDays);
    yearPay = annual.plus(extraDaysPay);
  } else if (days < baseDays) yearPay = divRound(annual.times(days), baseDays, R.pay);
  const total = fte.eq(1) ? yearPay : round(yearPay.times(fte), R.pay);
  const monthly = divRound(total, P.monthsPerYear.value, R.monthly);
  return { cell, rates, fte, days, extraDays, extraDaysPay, yearPay, total, monthly };
}

/** A year's pay without the working (salary's totalSalary, monthlyPay, annualSalary, fte, year): the
 *  same figures and the same errors as salary, for pricing the placements of a roster. */
export function salaryPay(a: Agreement, input: SalaryInput): Pick<SalaryResult, 'year' | 'totalSalary' | 'monthlyPay' | 'annualSalary' | 'fte'> {
  if (input.asOf === undefined) {
    const s = findSchedule(a, input.schedule, input.year);
    if (input.year === undefined || schedulesInYear(a, s.id, s.year).length < 2) {
      const p = payOn(a, s, input);
      return { year: s.year, totalSalary: p.total, monthlyPay: p.monthly, annualSalary: p.rates.annual, fte: p.fte };
    }
  }
  const r = salary(a, input);
  return { year: r.year, totalSalary: r.totalSalary, monthlyPay: r.monthlyPay, annualSalary: r.annualSalary, fte: r.fte };
}

function salaryOn(a: Agreement, s: Schedule, input: SalaryInput): SalaryResult {
  const pay = payOn(a, s, input);
  const { cell, rates, fte, days, extraDays, extraDaysPay, yearPay, total, monthly } = pay;
  const P = a.meta.parameters;
  const R = a.meta.rounding;
  const asg = a.meta.assignments[s.assignment];
  const { hoursPerDay, baseDays } = rates;
  const baseCite = s.days?.cite ?? P.baseYearDays.cite;
  const cellName = `Class ${cell.cls}, Step ${cell.step}`;
  const plateau = cell.printedStep !== cell.step;
  const cellSource = cite(s.cite, { cell: cellName, file: s.file });
  const sources: Source[] = [];
  const lines: SalaryLine[] = [];
  const warnings: string[] = [];
  const readings: Reading[] = [];
  const RD = a.meta.readings;
  const add = (r: Reading | undefined) => r && readings.push(r);
  if (s.note) readings.push({ id: 'schedule-note', text: `${s.name} ${s.year}: ${s.note}` });
  if (plateau) add(reading(RD, 'step-plateau', { step: cell.step, schedule: s.name, year: s.year, printedStep: cell.label ?? cell.printedStep }));

  const { annual, dailyRate, printedDaily, hourly } = rates;
  if (s.basis === 'annual') {
    const shown = cellOf(a, s, input.class, input.step).shown!;
    lines.push({ figure: 'annualSalary', label: `Annual salary (${cellName})`, value: annual, unit: 'money', source: { ...cellSource, figure: 'annualSalary' } });
    const dailySrc = cite(P.baseYearDays.cite, { figure: 'dailyRate' });
    lines.push({
      figure: 'dailyRate',
      label: 'Daily rate',
      value: dailyRate,
      unit: 'money',
      how: `${formatMoney(annual, 0)} / ${baseDays} = ${shown}..., rounded ${R.dailyRate.mode} to ${R.dailyRate.unit}`,
      source: dailySrc,
    });
    if (printedDaily !== undefined) {
      lines.push({ figure: 'printedDailyRate', label: 'Daily rate as printed in Appendix A', value: printedDaily, unit: 'money', source: { ...cellSource, figure: 'printedDailyRate' } });
      const differs = printedDaily.eq(dailyRate) ? undefined : reading(RD, 'printed-daily-rate-differs', { printed: formatMoney(printedDaily), cell: cellName, baseDays, exact: shown, rate: formatMoney(dailyRate), rateCite: citeRef(P.baseYearDays.cite) });
      if (differs) warnings.push(differs.text);
    }
  } else if (s.basis === 'daily') {
    lines.push({ figure: 'dailyRate', label: `Daily rate (${cellName})`, value: dailyRate, unit: 'money', source: { ...cellSource, figure: 'dailyRate' } });
    lines.push({
      figure: 'annualSalary',
      label: `Annual salary (${baseDays} days)`,
      value: annual,
      unit: 'money',
      how: `${dailyRate.toFixed(2)} x ${baseDays} days = ${plain(annual)} (exact)`,
      source: cite(baseCite, { figure: 'annualSalary' }),
    });
  } else if (hourly !== undefined) {
    const exactDaily = rates.exactDaily!;
    lines.push({ figure: 'hourlyRate', label: `Hourly rate (${cellName})`, value: hourly, unit: 'money', source: { ...cellSource, figure: 'hourlyRate' } });
    lines.push({ figure: 'hoursPerDay', label: 'Hours per day', value: hoursPerDay, unit: 'hours', source: cite(asg.cite, { figure: 'hoursPerDay' }) });
    lines.push({
      figure: 'dailyRate',
      label: 'Daily pay',
      value: dailyRate,
      unit: 'money',
      how: `${hourly.toFixed(2)} x ${plain(hoursPerDay)} h = ${plain(exactDaily)}, rounded ${R.pay.mode} to ${R.pay.unit}`,
      source: cite(asg.cite, { figure: 'dailyRate' }),
    });
    lines.push({
      figure: 'annualSalary',
      label: `Annual salary (${baseDays} days)`,
      value: annual,
      unit: 'money',
      how: `${hourly.toFixed(2)} x ${plain(hoursPerDay)} h x ${baseDays} days = ${plain(annual)} (exact)`,
      source: cite(baseCite, { figure: 'annualSalary' }),
    });
  }
  sources.push(cellSource);

  // Work calendar: XV.1 extra days, XI.1.F shared (short) calendars, 225 maximum (checked in payOn).
  const minDays = P.minYearDays.value;
  if (days > baseDays) {
    lines.push({ figure: 'extraDays', label: `Days beyond ${baseDays}`, value: dec(extraDays), unit: 'days' });
    lines.push({
      figure: 'extraDaysPay',
      label: 'Pay for extra days',
      value: extraDaysPay,
      unit: 'money',
      how: `${extraDays} x ${formatMoney(dailyRate)}`,
      source: cite(P.baseYearDays.cite, { figure: 'extraDaysPay' }),
    });
    sources.push(cite(P.baseYearDays.cite, { figure: 'extraDaysPay' }));
    if (s.basis === 'hourly') add(reading(RD, 'hourly-extra-days', { baseDays, hoursPerDay: plain(hoursPerDay) }));
  } else if (days < baseDays) {
    const exact = divRound(annual.times(days), baseDays, FOUR);
    lines.push({
      figure: 'partialYear',
      label: `Salary for a ${days}-day calendar`,
      value: yearPay,
      unit: 'money',
      how: `${formatMoney(annual)} x ${days} / ${baseDays} = ${exact.toFixed(4)}..., rounded ${R.pay.mode} to ${R.pay.unit}`,
      source: cite(P.minYearDays.cite, { figure: 'partialYear' }),
    });
    sources.push(cite(P.minYearDays.cite, { figure: 'partialYear' }));
    add(reading(RD, 'short-calendar-pro-rata', { minDays, maxDays: baseDays - 1, minCite: citeShort(P.minYearDays.cite), baseDays }));
  }

  const partTime = a.meta.citations?.partTime;
  const minFte = a.meta.parameters.partTimeMinimumFte;
  const belowMinimum = minFte && fte.lt(minFte.value) ? reading(RD, 'part-time-below-minimum', { fte: plain(fte), minCite: citeShort(minFte.cite) }) : undefined;
  if (belowMinimum) warnings.push(belowMinimum.text);
  if (!fte.eq(1)) {
    lines.push({
      figure: 'fte',
      label: 'Part-time share (FTE)',
      value: fte,
      unit: 'ratio',
      how: `${formatMoney(yearPay)} x ${plain(fte)} = ${plain(yearPay.times(fte))}, rounded ${R.pay.mode} to ${R.pay.unit}`,
      source: partTime && cite(partTime, { figure: 'fte' }),
    });
    if (partTime) sources.push(cite(partTime, { figure: 'fte' }));
  }
  const months = P.monthsPerYear.value;
  lines.push({ figure: 'totalSalary', label: 'Total salary for the year', value: total, unit: 'money' });
  lines.push({
    figure: 'monthlyPay',
    label: `Monthly pay (/ ${months})`,
    value: monthly,
    unit: 'money',
    how: `${formatMoney(total)} / ${months} = ${divRound(total, months, FOUR).toFixed(4)}..., rounded ${R.monthly.mode} to ${R.monthly.unit}`,
    source: cite(P.monthsPerYear.cite, { figure: 'monthlyPay' }),
  });
  sources.push(cite(P.baseYearDays.cite, { figure: 'dailyRate' }), cite(P.monthsPerYear.cite, { figure: 'monthlyPay' }));
  if (s.basis === 'hourly') sources.push(cite(asg.cite, { figure: 'hoursPerDay' }), cite(baseCite, { figure: 'annualSalary' }));

  return {
    agreement: a.meta.id,
    year: s.year,
    schedule: s.id,
    scheduleName: s.name,
    effective: s.effective,
    class: cell.cls,
    step: cell.step,
    printedStep: cell.printedStep,
    basis: s.basis,
    annualSalary: annual,
    dailyRate,
    printedDailyRate: printedDaily,
    hourlyRate: hourly,
    hoursPerDay,
    baseDays,
    days,
    extraDays,
    extraDaysPay,
    fte,
    totalSalary: total,
    monthlyPay: monthly,
    lines,
    sources,
    warnings,
    readings,
  };
}

/** Every cell of a schedule with its rule daily rate, for `cba schedule` and the rules audit. */
export interface ScheduleCellView {
  class: string;
  step: number;
  annual: Dec;
  dailyRate: Dec;
  printedDailyRate?: Dec;
  hourlyRate?: Dec;
  differs: boolean;
}

export function scheduleTable(a: Agreement, id?: string, year?: string, asOf?: string) {
  const s = tableSchedule(a, id, year, asOf);
  const cells: ScheduleCellView[] = [];
  // read once for the table, as each cell would (on the first cell, as getCell and cellRates would)
  let basis: RateBasis | undefined;
  eachCell(s, (c, step, cell) => {
    // the figures of the cell only (salaryOn's working and sources are not shown here)
    const res = cellRates(a, s, cell, (basis ??= rateBasis(a, s)));
    cells.push({
      class: c,
      step,
      annual: res.annual,
      dailyRate: res.dailyRate,
      printedDailyRate: res.printedDaily,
      hourlyRate: res.hourly,
      differs: res.printedDaily !== undefined && !res.printedDaily.eq(res.dailyRate),
    });
  });
  return { schedule: s, cells };
}

/** A cell of scheduleTable with its figures as shown: to the cent, as toFixed(2) writes them
 *  ("35450.00", "186.58"), what `cba schedule` prints in its table, CSV and JSON. */
export interface ScheduleCellText {
  class: string;
  step: number;
  annual: string;
  dailyRate: string;
  printedDailyRate?: string;
  hourlyRate?: string;
  differs: boolean;
}

/** scheduleTable's cells as the figures shown (ScheduleCellText). An annual schedule's cells in whole
 *  cents, with a daily rate rounded to whole cents (the agreement's every cell), are worked in
 *  integer cents: annual / base days rounded by the rules' mode and unit, as divRound rounds it; any
 *  other cell (an hourly or daily schedule, a figure of a fraction of a cent) in decimals by
 *  cellRates. A whole schedule in decimals, still cold at start-up, was most of `cba schedule`'s
 *  own time (test/rules/rules-text.test.ts holds the two to the same figures). */
export function scheduleTableText(a: Agreement, id?: string, year?: string, asOf?: string): { schedule: Schedule; cells: ScheduleCellText[] } {
  const s = tableSchedule(a, id, year, asOf);
  const cells: ScheduleCellText[] = [];
  let basis: RateBasis | undefined;
  let cents: { days: number; daily: { mode: RoundingMode; u: number } } | null | undefined;
  eachCell(s, (c, step, cell) => {
    if (cents === undefined) {
      const days = s.days?.value ?? a.meta.parameters.baseYearDays.value;
      const daily = s.basis === 'annual' ? centsRounding(a.meta.rounding.dailyRate) : null;
      cents = daily && Number.isSafeInteger(days) && days > 0 ? { days, daily } : null;
    }
    if (cents !== null) {
      const annual = wholeCentsOf(cell.annual);
      const printed = cell.daily === undefined ? undefined : parseCents(String(cell.daily));
      if (annual !== null && annual >= 0 && printed !== null) {
        const { days, daily } = cents;
        const rate = divInt(annual, days * daily.u, daily.mode) * daily.u;
        cells.push({ class: c, step, annual: formatCents(annual), dailyRate: formatCents(rate), printedDailyRate: printed === undefined ? undefined : formatCents(printed), hourlyRate: undefined, differs: printed !== undefined && printed !== rate });
        return;
      }
    }
    const res = cellRates(a, s, cell, (basis ??= rateBasis(a, s)));
    cells.push({
      class: c,
      step,
      annual: res.annual.toFixed(2),
      dailyRate: res.dailyRate.toFixed(2),
      printedDailyRate: res.printedDaily?.toFixed(2),
      hourlyRate: res.hourly?.toFixed(2),
      differs: res.printedDaily !== undefined && !res.printedDaily.eq(res.dailyRate),
    });
  });
  return { schedule: s, cells };
}

/** A cell's figure (a number from the rules) in integer cents: a whole number of dollars (the
 *  agreement's annual cells) times 100, else read from its text by parseCents; null when it is not
 *  a whole number of cents of at most nine digits before the point. */
function wholeCentsOf(v: number | undefined): number | null {
  if (Number.isSafeInteger(v) && Math.abs(v!) <= 999_999_999) return v! * 100;
  return parseCents(String(v));
}

/** The schedule of a table: by school year, or the one in force on a date. */
function tableSchedule(a: Agreement, id?: string, year?: string, asOf?: string): Schedule {
  const s = asOf !== undefined ? scheduleAsOf(a, id, asOf) : findSchedule(a, id, year);
  if (asOf !== undefined && year !== undefined && s.year !== year) throw new FieldError('asOf', `{asOf} ${asOf} falls in school year ${s.year}, not {year} ${year}: give one of them`);
  return s;
}

/** Each cell of a schedule, row by row and class by class, with its figures as getCell reads them. */
function eachCell(s: Schedule, fn: (cls: string, step: number, cell: Pick<Cell, 'annual' | 'daily' | 'hourly'>) => void): void {
  const named = new Map<string, string>();
  for (const r of s.rows) {
    for (const c of s.classes) {
      const has = r[s.basis]?.[c] !== undefined;
      if (!has) continue;
      // the class as getCell reads it: the name itself (the classes of a schedule differ), so the
      // cell is this row's (its steps increase); getCell itself for a name that reads as another
      let cls = named.get(c);
      if (cls === undefined) named.set(c, (cls = normalizeClass(s, c)));
      fn(c, r.step, cls === c ? { annual: r.annual?.[c], daily: r.daily?.[c], hourly: r.hourly?.[c] } : getCell(s, c, r.step));
    }
  }
}
