// Turning the stipend flags into an input, and refusing flags that belong to no stipend asked for.
import { InputError } from '../core/errors';
import { intArg, decArg } from '../cli/args';
import { findStipend, type StipendInput } from '../rules/stipend';
import type { Agreement } from '../rules/types';

const RATING: Record<string, 'meets' | 'unsatisfactory'> = {
  meets: 'meets', standard: 'meets', exceeds: 'meets', 'meets-standards': 'meets', satisfactory: 'meets',
  unsatisfactory: 'unsatisfactory', below: 'unsatisfactory', 'below-standard': 'unsatisfactory', 'does-not-meet': 'unsatisfactory',
};

export function stipendInput(o: Record<string, string | undefined>): StipendInput {
  let rating: StipendInput['rating'];
  if (o.rating !== undefined) {
    rating = RATING[o.rating.trim().toLowerCase()];
    if (!rating) throw new InputError(`--rating ${o.rating}: give meets (standard or better) or unsatisfactory`);
  }
  return {
    year: o.year,
    years: intArg(o.years, '--years', 'give whole years of service, for example --years 21'),
    class: o.class,
    rating,
    alreadyReceiving: intArg(o.alreadyReceiving, '--already-receiving', 'give how many LTVS stipends are already received, 0 to 4'),
    awarded: o.awarded,
    asOf: o.asOf,
    site: o.site,
    transferred: o.transferred,
    teachers: intArg(o.teachers, '--teachers', 'give the number of participating teachers, 1 to 3'),
    contractDays: intArg(o.contractDays, '--contract-days', 'give the days of the contract year, for example --contract-days 190'),
    activityHours: decArg(o.activityHours, '--activity-hours', 'give hours, for example --activity-hours 5'),
    activityDays: intArg(o.activityDays, '--activity-days', 'give whole days, for example --activity-days 2'),
    fourHoursPays: decArg(o.fourHoursPays, '--four-hours-pays', 'give 50 or 100'),
    tutoringHours: decArg(o.tutoringHours, '--tutoring-hours', 'give hours, for example --tutoring-hours 10'),
  };
}

/** Flags that only one kind of stipend uses, given without such a stipend: contradictory. */
export function checkFlagsMatch(a: Agreement, ids: string[], input: StipendInput, classIsSalary: boolean): void {
  const rules = ids.map((id) => findStipend(a, id));
  const has = (pred: (r: (typeof rules)[number]) => boolean) => rules.some(pred);
  const want: [string, unknown, boolean][] = [
    ['--years', input.years, has((r) => r.eligibility?.kind === 'service-milestones')],
    ['--rating', input.rating, has((r) => r.eligibility?.kind === 'service-milestones')],
    ['--already-receiving', input.alreadyReceiving, has((r) => r.eligibility?.kind === 'service-milestones')],
    ['--class', classIsSalary ? undefined : input.class, has((r) => r.eligibility?.kind === 'service-milestones')],
    ['--awarded', input.awarded, has((r) => r.eligibility?.kind === 'july-first-after-award')],
    ['--site', input.site, has((r) => r.eligibility?.kind === 'site-list')],
    ['--transferred', input.transferred, has((r) => r.eligibility?.kind === 'site-list')],
    ['--as-of', input.asOf, has((r) => r.eligibility?.kind === 'site-list' || r.eligibility?.kind === 'july-first-after-award')],
    ['--teachers', input.teachers, has((r) => r.amount.kind === 'per-count')],
    ['--contract-days', input.contractDays, has((r) => r.eligibility?.kind === 'min-contract-days')],
    ['--activity-hours', input.activityHours, has((r) => r.amount.kind === 'per-day-by-hours')],
    ['--activity-days', input.activityDays, has((r) => r.amount.kind === 'per-day-by-hours')],
    ['--four-hours-pays', input.fourHoursPays, has((r) => r.amount.kind === 'per-day-by-hours')],
    ['--tutoring-hours', input.tutoringHours, has((r) => r.amount.kind === 'hourly')],
  ];
  for (const [flag, v, ok] of want)
    if (v !== undefined && !ok) throw new InputError(`${flag} does not apply to the stipends asked for (${ids.join(', ') || 'none'}); drop it or add the stipend it belongs to`);
}
