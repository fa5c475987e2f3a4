// cba step-advance: step and class advancement, initial placement, and a career projection.
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { formatMoney, type Dec } from '../core/money';
import { stepAdvance, classChange, placement, project, type Education } from '../rules/advancement/advancement';
import { int, decimal, kindYears, rating } from '../cli/parse';
import { jm, money, printJson, renderTable, write, csvLine, type Ctx } from '../cli/output';
import { sourceText, uniqueSources } from '../cli/sources';
import { JSON_OPTION, declare, type Exec, type OptionsOf, type RunCtx, type RunResult } from '../cli/command';
import { examples } from '../cli/help';
import { part } from '../rules/part';
import type { Agreement } from '../rules/types';

/** The id of the stipend earned by years of service (LTVS in this agreement), named from the rules. */
const milestoneStipendId = (a: Agreement) => a.parts.stipends ? (part(a, 'stipends').stipends.find((x) => x.eligibility?.kind === 'service-milestones')?.id ?? 'milestone_stipends') : 'milestone_stipends';

export const DESCRIPTION = 'Step and class advancement, placement from education and experience, and the career ahead (Appendix A)';

export const OPTIONS = {
  class: { flags: '-c, --class <class>', help: 'current class' },
  step: { flags: '-s, --step <n>', help: 'current step' },
  schedule: { flags: '--schedule <id>', help: 'basic, community-day or preschool (default: basic)' },
  year: { flags: '--year <yyyy-yy>', help: 'school year of service (default: the latest schedule)' },
  daysServed: { flags: '--days-served <n>', help: 'days of paid service this school year (75% of the year earns a step)' },
  newClass: { flags: '--new-class <class>', help: 'class change: the class the new transcripts support' },
  submitted: { flags: '--submitted <date>', help: 'class change: date the supporting documents were submitted' },
  quarterInclusive: { flags: '--quarter-inclusive', help: 'class change: a submission on a quarter date takes effect that day' },
  placement: { flags: '--placement', help: 'initial placement from education and experience' },
  degree: { flags: '--degree <d>', help: 'placement: none, aa, bachelor, master or doctorate' },
  unitsAfterBachelor: { flags: '--units-after-bachelor <n>', help: "placement: semester units earned after the bachelor's" },
  unitsAfterMaster: { flags: '--units-after-master <n>', help: "placement: semester units earned after the master's" },
  unitsAfterAa: { flags: '--units-after-aa <n>', help: 'placement (pre-school): units earned after the AA' },
  eceUnits: { flags: '--ece-units <n>', help: 'placement (pre-school): Early Childhood Education / Child Development units' },
  degreeIn: { flags: '--degree-in <field>', help: 'placement (pre-school): the field of the degree, ece or other (an AA is read as ece)' },
  publicYears: { flags: '--public-years <n>', help: 'placement: full years of contracted public-school teaching (full credit)' },
  related: { flags: '--related <kind=years>', help: 'placement: related experience (repeatable): substitute, nonpublic, aide, special-ed', repeat: true },
  years: { flags: '--years <n>', help: 'projection: years ahead to project' },
  serviceYears: { flags: '--service-years <n>', help: 'projection: years of service now (for LTVS milestones)' },
  raise: { flags: '--raise <percent>', help: 'projection: yearly across-the-board raise, e.g. 4.23' },
  rating: { flags: '--rating <r>', help: 'projection: meets (default) or unsatisfactory, for new LTVS stipends' },
  ...JSON_OPTION,
  csv: { flags: '--csv', help: 'print CSV (the --years projection only; refused otherwise)' },
} as const;
export type StepAdvanceOptions = OptionsOf<typeof OPTIONS>;

export function register(program: Command, exec: Exec): void {
  declare(program.command('step-advance').description(DESCRIPTION), OPTIONS)
    .addHelpText(
      'after',
      () => examples([
        'cba step-advance --class II --step 5 --days-served 150',
        'cba step-advance --schedule preschool --class III --step 4 --days-served 137',
        'cba step-advance --class IV --step 7 --new-class V --submitted 2005-11-14',
        "cba step-advance --placement --degree master --units-after-master 20 --public-years 5 --related aide=4",
        'cba step-advance --class IV --step 6 --years 10 --service-years 12 --raise 4.23',
        'cba step-advance --class IV --step 6 --years 10 --new-class VI --json',
      ]),
    )
    .action((o: StepAdvanceOptions, c: Command) => exec(c, (ctx) => run(o, ctx)));
}


function chart(ctx: Ctx, rows: { label: string; value: Dec }[]): string {
  const max = Math.max(...rows.map((r) => Number(r.value.toFixed(0))));
  const width = Math.max(10, Math.min(50, (ctx.columns ?? 80) - 30));
  return rows.map((r) => `${r.label.padEnd(8)} ${'█'.repeat(Math.max(1, Math.round((Number(r.value.toFixed(0)) / max) * width)))} ${money(r.value)}`).join('\n');
}

function education(o: StepAdvanceOptions): Education {
  const n = (v: string | undefined, field: string) => (v === undefined ? undefined : Number(decimal(v, field, 'give semester units, for example 30')));
  if (!o.degree) throw new InputError('placement: give --degree none, aa, bachelor, master or doctorate');
  return {
    degree: o.degree.toLowerCase() as Education['degree'],
    unitsAfterBachelor: n(o.unitsAfterBachelor, 'unitsAfterBachelor'),
    unitsAfterMaster: n(o.unitsAfterMaster, 'unitsAfterMaster'),
    unitsAfterAa: n(o.unitsAfterAa, 'unitsAfterAa'),
    eceUnits: n(o.eceUnits, 'eceUnits'),
    degreeIn: o.degreeIn === undefined ? undefined : (() => {
      const f = o.degreeIn.trim().toLowerCase();
      if (f !== 'ece' && f !== 'other') throw new InputError(`--degree-in ${o.degreeIn}: give ece (Early Childhood Education/Child Development) or other`);
      return f;
    })(),
  };
}

export async function run(o: StepAdvanceOptions, { out: ctx, agreement }: RunCtx): Promise<RunResult | void> {
  if (o.csv && o.years === undefined)
    throw new InputError('step-advance does not offer --csv output for a step advance, a class change or a placement (one answer, not a table); it offers --json, and --csv for the --years projection');
  const a = await agreement();
  if (o.placement) {
    for (const [k, flag] of [['class', '--class'], ['step', '--step'], ['daysServed', '--days-served'], ['newClass', '--new-class'], ['years', '--years']] as const)
      if (o[k] !== undefined) throw new InputError(`--placement with ${flag} ${o[k]}: a placement finds the class and step from --degree and experience; give one or the other`);
    const related: Record<string, number> = Object.create(null);
    for (const r of o.related ?? []) {
      const [kind, years] = kindYears(r);
      related[kind] = (related[kind] ?? 0) + years;
    }
    const r = placement(a, { schedule: o.schedule, year: o.year, education: education(o), publicYears: int(o.publicYears, 'publicYears', 'give whole years, for example 5'), related });
    const failed = !r.class;
    const j = { class: r.class, step: r.step, creditedYears: r.creditedYears, fullCreditYears: r.fullCreditYears, relatedYears: r.relatedYears, relatedSteps: r.relatedSteps, reason: r.reason, annual: jm(r.annual), minimumSalary: r.minimumSalary ? { applies: r.minimumSalary.applies, amount: jm(r.minimumSalary.amount), text: r.minimumSalary.text } : undefined, notes: r.notes, sources: uniqueSources(r.sources) };
    if (o.json) {
      printJson(ctx, j);
      return { failed };
    }
    const rows = [
      ['Class', r.class ?? 'none', r.classReason, sourceText(r.sources[1])],
      ['Step', String(r.step), `1 + ${r.creditedYears} credited`, sourceText(r.sources[0])],
      ['Annual salary', money(r.annual), '', ''],
      ...(r.minimumSalary ? [[`$${formatMoney(r.minimumSalary.amount, 0)} minimum`, r.minimumSalary.applies ? 'may apply' : 'no', r.minimumSalary.text, sourceText(r.minimumSalary.source)]] : []),
    ];
    write(ctx, await renderTable(ctx, { title: 'Initial placement', head: ['Item', 'Result', 'Why', 'Source'], rows }));
    for (const n of r.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
    return { failed };
  }
  if (!o.class || o.step === undefined) throw new InputError('give --class and --step (or --placement with --degree)');
  const step = int(o.step, 'step', 'give the step as a whole number')!;
  if (o.years !== undefined) {
    const years = int(o.years, 'years', 'give whole years, for example 10')!;
    const base = { schedule: o.schedule, year: o.year, class: o.class, step, years, serviceYears: int(o.serviceYears, 'serviceYears', 'give whole years of service'), raise: decimal(o.raise, 'raise', 'give a percentage, for example 4.23', true), rating: rating(o.rating) };
    const p = project(a, base);
    const vs = o.newClass ? project(a, { ...base, newClass: o.newClass }) : undefined;
    const rowJson = (r: (typeof p.rows)[number]) => ({ year: r.year, schoolYear: r.schoolYear, class: r.class, step: r.step, serviceYears: r.serviceYears, salary: jm(r.salary), ltvsCount: r.ltvsCount, stipends: jm(r.stipends), total: jm(r.total) });
    if (o.json) return printJson(ctx, { schedule: p.schedule, from: p.from, raisePercent: p.raisePercent === null ? null : Number(p.raisePercent.toFixed()), years: p.rows.map(rowJson), total: jm(p.total), ...(vs ? { withNewClass: { class: vs.rows[0].class, years: vs.rows.map(rowJson), total: jm(vs.total), difference: jm(vs.total.minus(p.total)) } } : {}), notes: p.notes, sources: p.sources });
    if (o.csv) return write(ctx, [csvLine(['year', 'school_year', 'class', 'step', 'service_years', 'salary', milestoneStipendId(a), 'stipends', 'total', ...(vs ? ['total_with_new_class'] : [])]), ...p.rows.map((r, i) => csvLine([r.year, r.schoolYear, r.class, r.step, r.serviceYears, r.salary.toFixed(2), r.ltvsCount, r.stipends.toFixed(2), r.total.toFixed(2), ...(vs ? [vs.rows[i].total.toFixed(2)] : [])]))].join('').trimEnd());
    const rows = p.rows.map((r, i) => [String(r.year), r.schoolYear, `${r.class}-${r.step}`, r.serviceYears === undefined ? '' : String(r.serviceYears), money(r.salary), r.ltvsCount ? `${r.ltvsCount} x LTVS ${money(r.stipends)}` : '', money(r.total), ...(vs ? [money(vs.rows[i].total), money(vs.rows[i].total.minus(r.total))] : [])]);
    rows.push(['', '', '', '', '', ctx.paint.bold('total'), money(p.total), ...(vs ? [money(vs.total), money(vs.total.minus(p.total))] : [])]);
    write(ctx, await renderTable(ctx, { title: `Career projection from Class ${p.from.class} Step ${p.from.step}`, head: ['Year', 'School year', 'Class-step', 'Service', 'Salary', 'Stipends', 'Total', ...(vs ? [`With Class ${vs.rows[0].class}`, 'Difference'] : [])], rows, right: [4, 6, 7, 8] }));
    if (ctx.isTTY) write(ctx, chart(ctx, p.rows.map((r) => ({ label: r.schoolYear, value: r.total }))));
    for (const n of p.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
    return {};
  }
  if (o.newClass !== undefined || o.submitted !== undefined) {
    if (o.newClass === undefined || o.submitted === undefined) throw new InputError('a class change needs both --new-class and --submitted <date>');
    if (o.daysServed !== undefined) throw new InputError('give --days-served (a step advance) or --new-class (a class change), one at a time');
    const r = classChange(a, { schedule: o.schedule, year: o.year, class: o.class, step, newClass: o.newClass, submitted: o.submitted, inclusive: o.quarterInclusive });
    const j = { kind: 'class-change', from: r.from, to: r.to, eligible: true, reason: `documents submitted ${r.submitted}: effective on the quarter date ${r.effectiveDate}`, submitted: r.submitted, effectiveDate: r.effectiveDate, annualBefore: jm(r.annualBefore), annualAfter: jm(r.annualAfter), raise: jm(r.raise), monthsRemaining: r.monthsRemaining, restOfYear: jm(r.restOfYear), how: r.how, notes: r.notes, sources: r.sources };
    if (o.json) return printJson(ctx, j);
    const rows = [
      ['From', `Class ${r.from.class}, Step ${r.from.step}`, money(r.annualBefore)],
      ['To', `Class ${r.to.class}, Step ${r.to.step}`, money(r.annualAfter)],
      ['Effective', r.effectiveDate, `submitted ${r.submitted}`],
      ['Raise (a year)', '', money(r.raise)],
      ['Rest of the school year', `${r.monthsRemaining} months`, money(r.restOfYear)],
    ];
    write(ctx, await renderTable(ctx, { title: 'Class change', head: ['', 'Placement', 'Amount'], rows, right: [2] }));
    write(ctx, ctx.paint.dim(`${r.how}. Source: ${sourceText(r.sources[0])}`));
    for (const n of r.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
    return {};
  }
  const days = int(o.daysServed, 'daysServed', 'give whole days of paid service, for example 150');
  if (days === undefined) throw new InputError('give --days-served <n> (a step advance), --new-class with --submitted (a class change), --years (a projection) or --placement');
  const r = stepAdvance(a, { schedule: o.schedule, year: o.year, class: o.class, step, daysServed: days });
  const failed = !r.eligible;
  const j = { kind: 'step-advance', schedule: r.schedule, year: r.year, from: r.from, to: r.to, eligible: r.eligible, reason: r.reason, daysServed: r.daysServed, threshold: r.thresholdText, thresholdDays: r.thresholdDays, rounding: r.rounding, effectiveDate: r.effectiveDate, annualBefore: jm(r.annualBefore), annualAfter: jm(r.annualAfter), raise: jm(r.raise), notes: r.notes, sources: r.sources };
  if (o.json) {
    printJson(ctx, j);
    return { failed };
  }
  const rows = [
    ['From', `Class ${r.from.class}, Step ${r.from.step}`, money(r.annualBefore)],
    ['To', `Class ${r.to.class}, Step ${r.to.step}`, money(r.annualAfter)],
    ['Eligible', r.eligible ? ctx.paint.green('yes') : ctx.paint.red('no'), r.reason],
    ['Threshold', r.thresholdText, r.rounding],
    ['Effective', r.effectiveDate, ''],
    ['Raise', '', money(r.raise)],
  ];
  write(ctx, await renderTable(ctx, { title: `Step advance (${r.schedule}, year of service ${r.year})`, head: ['', 'Placement', 'Amount / why'], rows }));
  for (const n of r.notes) write(ctx, ctx.paint.dim(`Note: ${n}`));
  write(ctx, ctx.paint.dim(`Source: ${r.sources.map(sourceText).join('; ')}`));
  return { failed };
}
