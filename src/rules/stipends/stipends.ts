// Stipends and extra pay: Article XV.7-XV.10, Appendix A (Advancements 4-8), XVIII.14-15, XX.7.3.1.
// Pure: rules and inputs in; amounts, eligibility, reasons and sources out.
import { Big, dec, divRound, round, percent, formatMoney, plain, type Dec } from '../../core/money';
import { FieldError, InputError } from '../../core/errors';
import { formatDate, parseDate, toParts, fromParts, MONTH_NAMES } from '../../core/date';
import { nearest } from '../../core/suggest';
import { findSchedule, getCell } from '../schedules/schedule';
import { scheduleAsOf } from '../schedules/effective';
import { cite, citeRef, citeShort, type Source } from '../source';
import { reading, type Reading } from '../readings';
import type { StipendRule } from './schema';
import type { SalaryResult } from '../schedules/salary';
import type { Agreement } from '../types';
import { part } from '../part';

/** An evaluation: standard or better, or below standard (the words for each: cli/parse.ts RATING_WORDS). */
export type Rating = 'meets' | 'unsatisfactory';

export interface StipendInput {
  year?: string;
  /** LTVS: years of service, class, most recent evaluation, stipends already received */
  years?: number;
  class?: string;
  rating?: Rating;
  alreadyReceiving?: number;
  /** Ph.D./bilingual: award date; any: the date to check payability on */
  awarded?: string;
  asOf?: string;
  /** remote site */
  site?: string;
  transferred?: string;
  /** BTSA participating teachers */
  teachers?: number;
  /** head teacher: days of the contract year */
  contractDays?: number;
  /** non-school-day activities */
  activityHours?: string;
  activityDays?: number;
  fourHoursPays?: string;
  /** supplemental tutoring hours */
  tutoringHours?: string;
  /** remote site criteria (XVIII.15): miles from the administrative offices; an isolated rural area */
  miles?: string;
  isolatedRural?: boolean;
  /** head teacher appointment (XVIII.14.e-g): the consecutive year in the same assignment; probationary; the Program Director's exception */
  headTeacherYear?: number;
  probationary?: boolean;
  directorException?: boolean;
  /** XV.7: already receiving the stipend on the community day schedule's cell (kept for 2005-06 only) */
  communityDayBasis?: boolean;
  /** extra time and days paid from the member's own daily rate (XX.3.2, 5.9, 4.1.1.e, XVIII.12, XX.7.3.1) */
  member?: MemberRate;
  /** hours worked on days beyond the work calendar year */
  hoursBeyondYear?: string;
  /** hours beyond the regular work day, one figure per day */
  hoursBeyondDay?: string[];
  /** time beyond the day once past the threshold: all of it (default) or only the excess over it */
  extraTimePays?: 'all' | 'excess';
  /** staff development buy-back: hours attended on each day, in date order */
  buyBackHours?: string[];
  /** BTSA CFASST training: non-duty days */
  trainingDays?: number;
}

/** The member's own daily rate and work day, with where they come from (a salary result). */
export interface MemberRate {
  dailyRate: Dec;
  hoursPerDay: Dec;
  /** "Class IV Step 13 of the Basic Teacher Compensation Plan 2005-06" */
  label: string;
  sources: Source[];
}

/** The member's daily rate and normal work day from a computed salary (its schedule's assignment). */
export function memberRate(a: Agreement, r: SalaryResult): MemberRate {
  const s = a.schedules.find((x) => x.id === r.schedule && x.year === r.year && x.effective === r.effective) ?? a.schedules.find((x) => x.id === r.schedule && x.year === r.year);
  const asg = s ? a.meta.assignments[s.assignment] : undefined;
  const daily = r.lines.find((l) => l.figure === 'dailyRate');
  return {
    dailyRate: r.dailyRate,
    hoursPerDay: r.hoursPerDay,
    label: `Class ${r.class} Step ${r.step} of the ${r.scheduleName} ${r.year}`,
    sources: [...(daily?.source ? [daily.source] : []), ...(asg ? [cite(asg.cite, { figure: 'hoursPerDay' })] : [])],
  };
}

export interface StipendResult {
  id: string;
  name: string;
  kind: StipendRule['amount']['kind'];
  /** one stipend's annual amount (percent and flat), or the pay for the days/hours given */
  annual: Dec;
  monthly: Dec | null;
  count: number;
  eligible: boolean | null;
  reason: string;
  firstPayable?: string;
  lastMonthPaid?: string;
  endsOn?: string;
  how: string;
  sources: Source[];
  readings: Reading[];
}

/** Is a stipend paid per count of something (BTSA: participating teachers), so that a roster's ID:N
 *  is that count and not N stipends? Read from the rule's amount kind, never from its id. */
export function paidPerCount(a: Agreement, id: string): boolean {
  return findStipend(a, id).amount.kind === 'per-count';
}

type Kind<T> = T extends { kind: infer K extends string } ? K : never;

/** The inputs each kind of eligibility and of amount reads. */
const ELIGIBILITY_INPUTS: Record<Kind<NonNullable<StipendRule['eligibility']>>, (keyof StipendInput)[]> = {
  'service-milestones': ['years', 'rating', 'alreadyReceiving', 'class'],
  'july-first-after-award': ['awarded', 'asOf'],
  'site-list': ['site', 'transferred', 'asOf', 'miles', 'isolatedRural'],
  'min-contract-days': ['contractDays', 'headTeacherYear', 'probationary', 'directorException'],
};
const AMOUNT_INPUTS: Partial<Record<Kind<StipendRule['amount']>, (keyof StipendInput)[]>> = {
  percent: ['communityDayBasis'],
  'per-count': ['teachers'],
  'per-day-by-hours': ['activityHours', 'activityDays', 'fourHoursPays'],
  hourly: ['tutoringHours'],
  'hourly-of-daily-rate': ['member', 'hoursBeyondYear', 'hoursBeyondDay', 'extraTimePays'],
  'hourly-capped-at-daily-rate': ['member', 'buyBackHours'],
  'daily-rate': ['member', 'trainingDays'],
};

/** The inputs a stipend rule reads, by its eligibility and amount kinds: an input given for none of the
 *  stipends asked for is a contradiction the caller can refuse. */
export function inputsOf(r: StipendRule): (keyof StipendInput)[] {
  return [...(r.eligibility ? ELIGIBILITY_INPUTS[r.eligibility.kind] : []), ...(AMOUNT_INPUTS[r.amount.kind] ?? [])];
}

export function findStipend(a: Agreement, id: string): StipendRule {
  const st = part(a, 'stipends');
  const r = st.stipends.find((s) => s.id === id.trim().toLowerCase());
  if (!r) {
    const ids = st.stipends.map((s) => s.id);
    const near = nearest(id, ids);
    throw new FieldError('list', `unknown stipend "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (cba stipend {list} shows all ${ids.length})`);
  }
  return r;
}

/** The cell percentage stipends are of (XV.7: the basic schedule, never community day), or, for a member
 *  already receiving a stipend on the former basis, that schedule's cell through its last year. */
export function stipendBase(a: Agreement, year?: string, asOf?: string, former?: boolean) {
  const st = part(a, 'stipends');
  const basic = stipendBaseOf(a, st.base.schedule, year, asOf);
  if (!former) return basic;
  const fb = st.base.formerBasis;
  if (!fb) throw new FieldError('communityDayBasis', `the agreement ${a.meta.id} keeps no former basis for stipends; drop {communityDayBasis}`);
  const has = a.schedules.some((x) => x.id === fb.schedule && x.year === basic.year);
  if (basic.year > fb.lastYear || !has) {
    const why = basic.year > fb.lastYear ? `it is kept only through ${fb.lastYear}` : `the rules have no ${fb.schedule} schedule of ${basic.year}`;
    const former = reading(st.readings, 'former-basis-lapsed', { formerSchedule: fb.schedule, year: basic.year, why, formerCite: citeShort(fb.cite), schedule: st.base.schedule });
    return { ...basic, former, formerSource: cite(fb.cite) };
  }
  const f = stipendBaseOf(a, fb.schedule, basic.year, undefined);
  return {
    ...f,
    former: reading(st.readings, 'former-basis-kept', { formerSchedule: fb.schedule, lastYear: fb.lastYear, formerCite: citeShort(fb.cite), class: st.base.class, step: st.base.step, year: basic.year, schedule: st.base.schedule }),
    formerSource: cite(fb.cite),
  };
}

function stipendBaseOf(a: Agreement, schedule: string, year?: string, asOf?: string) {
  const st = part(a, 'stipends');
  // a percentage of a cell follows the cell: the schedule in force on --as-of when one is given
  let s = findSchedule(a, schedule, year);
  if (asOf !== undefined) {
    try {
      const t = scheduleAsOf(a, schedule, asOf);
      if (year === undefined || t.year === year) s = t;
    } catch {
      /* a date outside the schedules: the year's schedule, as before */
    }
  }
  const cell = getCell(s, st.base.class, st.base.step);
  return {
    amount: dec(cell.annual ?? cell.hourly ?? cell.daily!),
    label: `Class ${cell.cls} Step ${cell.step} of the ${s.name} ${s.year}`,
    year: s.year,
    note: s.note && `${s.name} ${s.year}: ${s.note}`,
    /** the reading of the former basis (XV.7) when asked for */
    former: undefined as Reading | undefined,
    formerSource: undefined as Source | undefined,
    sources: [cite(st.base.cite), cite(s.cite, { cell: `Class ${cell.cls}, Step ${cell.step}`, file: s.file })],
  };
}

function checkInt(v: number | undefined, field: keyof StipendInput, min: number, max: number, hint: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw new FieldError(field, `{${field}} ${v}: ${hint}`);
  return v;
}

function checkHours(v: string | undefined, field: keyof StipendInput, maxPerDay?: number): Dec | undefined {
  if (v === undefined) return undefined;
  let h: Dec;
  try {
    h = dec(v);
  } catch {
    throw new FieldError(field, `{${field}} ${JSON.stringify(v)}: not a number of hours, for example {${field}} 3.5`);
  }
  if (h.lte(0)) throw new FieldError(field, `{${field}} ${v}: hours must be more than 0`);
  if (maxPerDay !== undefined && h.gt(maxPerDay)) throw new FieldError(field, `{${field}} ${v}: a day has at most ${maxPerDay} hours`);
  return h;
}

const ym = (z: number) => {
  const p = toParts(z);
  return `${p.y}-${String(p.m).padStart(2, '0')}`;
};

export function computeStipend(a: Agreement, id: string, input: StipendInput = {}): StipendResult {
  const rule = findStipend(a, id);
  const R = a.meta.rounding;
  const months = a.meta.parameters.monthsPerYear.value;
  const sources: Source[] = [cite(rule.cite)];
  const readings: Reading[] = [];
  const RD = part(a, 'stipends').readings;
  let annual: Dec;
  let how: string;
  let count = 1;
  let eligible: boolean | null = true;
  let reason = 'paid to unit members in this position (no further condition in the agreement)';
  let monthlyOf: ((one: Dec) => Dec) | null = (one) => divRound(one, months, R.monthly);
  const extra: Partial<StipendResult> = {};

  const amt = rule.amount;
  switch (amt.kind) {
    case 'percent': {
      const base = stipendBase(a, input.year, input.asOf, input.communityDayBasis);
      const exact = base.amount.times(percent(amt.percent));
      annual = round(exact, R.pay);
      how = `${formatMoney(base.amount, 0)} (${base.label}) x ${amt.percent}% = ${plain(exact)}, rounded ${R.pay.mode} to ${R.pay.unit}`;
      sources.push(...base.sources);
      if (base.note) readings.push({ id: 'stipend-base', text: base.note });
      if (base.formerSource) sources.push(base.formerSource);
      if (base.former) readings.push(base.former);
      break;
    }
    case 'flat':
      annual = dec(amt.annual);
      how = `$${formatMoney(annual, 0)} a year`;
      break;
    case 'per-count': {
      const n = input.teachers ?? amt.min;
      if (!Number.isInteger(n) || n < amt.min || n > amt.max) {
        const c = rule.countCite ?? rule.cite;
        throw new FieldError('teachers',
          `{teachers} ${n}: a ${rule.name} has ${amt.min} to ${amt.max} ${amt.unit}s (Article ${c.article}${c.section ? '.' + c.section : ''}: "${c.quote}")`,
        );
      }
      annual = dec(amt.first).plus(dec(amt.additional).times(n - 1));
      how = `$${formatMoney(dec(amt.first), 0)} for the 1st ${amt.unit}` + (n > 1 ? ` + ${n - 1} x $${formatMoney(dec(amt.additional), 0)}` : '');
      if (rule.countCite) sources.push(cite(rule.countCite));
      reason = `${n} ${amt.unit}${n > 1 ? 's' : ''}${input.teachers === undefined ? ' (assumed; give {teachers} 1-3)' : ''}`;
      break;
    }
    case 'per-day-by-hours': {
      const h = checkHours(input.activityHours, 'activityHours', 24);
      if (!h) throw new FieldError('activityHours', `${rule.id}: give the hours the activity requires per day, for example {activityHours} 5 (${citeRef(rule.cite)} pays by the day, by hours)`);
      const days = checkInt(input.activityDays ?? 1, 'activityDays', 1, 366, 'give a whole number of activity days, 1 or more') ?? 1;
      const matching = amt.tiers.filter((t) => (t.minHours === undefined || h.gte(t.minHours)) && (t.maxHours === undefined || h.lte(t.maxHours)));
      let perDay: Dec;
      if (matching.length > 1 && amt.overlap && h.eq(amt.overlap.hours)) {
        const chosen = input.fourHoursPays !== undefined ? dec(input.fourHoursPays) : dec(amt.overlap.pays);
        if (!matching.some((t) => dec(t.amount).eq(chosen)))
          throw new FieldError('fourHoursPays', `{fourHoursPays} ${input.fourHoursPays}: at ${amt.overlap.hours} hours the tiers pay ${matching.map((t) => t.amount).join(' or ')}`);
        perDay = chosen;
        const other = matching.find((t) => !dec(t.amount).eq(amt.overlap!.pays));
        const r = input.fourHoursPays !== undefined ? reading(RD, 'four-hours-asked', { hours: amt.overlap.hours, amount: plain(chosen) }) : reading(RD, 'four-hours-overlap', { hours: amt.overlap.hours, pays: plain(dec(amt.overlap.pays)), other: other ? plain(dec(other.amount)) : '' });
        if (r) readings.push(r);
      } else if (matching.length >= 1) perDay = dec(matching[0].amount);
      else throw new FieldError('activityHours', `{activityHours} ${plain(h)}: no tier of ${rule.name} covers it`);
      for (const t of matching) sources.push(cite(t.cite));
      annual = perDay.times(days);
      how = `${days} day${days > 1 ? 's' : ''} x $${plain(perDay)} (${plain(h)} hours a day)`;
      monthlyOf = null;
      reason = `activity of ${plain(h)} hours a day`;
      break;
    }
    case 'hourly': {
      const h = checkHours(input.tutoringHours, 'tutoringHours');
      if (!h) throw new FieldError('tutoringHours', `${rule.id}: give the hours of tutoring, for example {tutoringHours} 10 (${citeRef(rule.cite)} pays by the hour)`);
      annual = round(dec(amt.rate).times(h), R.pay);
      how = `${plain(h)} h x $${plain(dec(amt.rate))}`;
      monthlyOf = null;
      reason = `${plain(h)} hours beyond the regular work day`;
      break;
    }
    case 'hourly-of-daily-rate':
    case 'hourly-capped-at-daily-rate':
    case 'daily-rate': {
      const r = ofDailyRate(a, rule, amt, input);
      annual = r.pay;
      how = r.how;
      reason = r.reason;
      eligible = r.eligible;
      sources.push(...r.sources);
      readings.push(...r.readings);
      monthlyOf = null;
      break;
    }
  }

  const el = rule.eligibility;
  if (el) sources.push(cite(el.cite));
  if (el?.kind === 'service-milestones') {
    sources.push(cite(el.keepCite));
    const r = reading(RD, 'ltvs-cumulative', { percent: amt.kind === 'percent' ? amt.percent + '% ' : '', milestones: el.milestones.join(', '), count: el.milestones.length, keepCite: citeShort(el.keepCite) });
    if (r) readings.push(r);
    const already = checkInt(input.alreadyReceiving, 'alreadyReceiving', 0, el.milestones.length, `give how many LTVS stipends are already received, 0 to ${el.milestones.length}`);
    const years = checkInt(input.years, 'years', 0, 60, 'give whole years of service, 0 to 60');
    if (years === undefined && input.class === undefined && input.rating === undefined && already === undefined) {
      eligible = null;
      reason = `not checked: give {years}, {class} and {rating} (after ${el.milestones.join(', ')} years, Classes ${el.classes.join(', ')}, standard or better)`;
    } else {
      if (years === undefined) throw new FieldError('years', '{years} is required to check LTVS eligibility (years of service)');
      const reached = el.milestones.filter((m) => years >= m).length;
      if ((already ?? 0) > reached)
        throw new FieldError('alreadyReceiving', `{alreadyReceiving} ${already} contradicts {years} ${years}: only ${reached} LTVS milestone${reached === 1 ? '' : 's'} (${el.milestones.join(', ')} years) reached`);
      const cls = input.class?.trim().replace(/^class\s+/i, '').toUpperCase();
      const classOk = cls === undefined ? null : el.classes.includes(cls);
      const ratingOk = input.rating === undefined ? null : input.rating === el.requiresRating;
      const next = el.milestones.find((m) => m > years);
      const parts: string[] = [];
      parts.push(`${years} years of service: ${reached} of the milestones ${el.milestones.join(', ')} reached`);
      if (classOk === false || ratingOk === false) {
        count = already ?? 0;
        if (classOk === false) parts.push(`Class ${cls} is not one of ${el.classes.join(', ')}: no new stipend`);
        if (ratingOk === false) parts.push('the most recent evaluation is below "standard": no new stipend');
        if (count) parts.push(`the ${count} already received ${count === 1 ? 'is' : 'are'} kept (no unit member will lose a stipend already received)`);
      } else {
        count = Math.max(already ?? 0, reached);
        if (classOk === null) parts.push(`class not given: assumed one of ${el.classes.join(', ')}`);
        if (ratingOk === null) parts.push('rating not given: assumed "standard" or better');
        if (count > (already ?? 0) && already !== undefined) parts.push(`${count - already} new`);
      }
      if (next !== undefined) parts.push(`next milestone at ${next} years`);
      eligible = count > 0;
      reason = parts.join('; ');
    }
  } else if (el?.kind === 'july-first-after-award') {
    if (input.awarded === undefined) {
      eligible = null;
      reason = `not checked: give {awarded} <date> (paid from July 1 following the ${el.event})`;
    } else {
      const aw = parseDate(input.awarded, 'awarded');
      const p = toParts(aw);
      const first = fromParts(p.m >= 7 ? p.y + 1 : p.y, 7, 1);
      extra.firstPayable = formatDate(first);
      const r = reading(RD, 'july-first-strict');
      if (r) readings.push(r);
      if (input.asOf !== undefined) {
        const asOf = parseDate(input.asOf, 'asOf');
        eligible = asOf >= first;
        reason = `awarded ${formatDate(aw)}: payable from ${formatDate(first)}; ${eligible ? 'payable' : 'not yet payable'} on ${formatDate(asOf)}`;
      } else reason = `awarded ${formatDate(aw)}: payable from ${formatDate(first)}`;
    }
  } else if (el?.kind === 'site-list') {
    sources.push(cite(el.endCite));
    if (input.site === undefined) {
      eligible = null;
      reason = `not checked: give {site} (designated remote sites: ${el.sites.join(', ')})`;
    } else {
      const site = el.sites.find((s) => s.toLowerCase() === input.site!.trim().toLowerCase());
      eligible = site !== undefined;
      reason = site ? `${site} is a designated remote site (${citeShort(el.cite)})` : `"${input.site}" is not a designated remote site; the list is ${el.sites.join(', ')}`;
    }
    const cr = el.criteria;
    if (cr && (input.miles !== undefined || input.isolatedRural !== undefined)) {
      let miles: Dec | undefined;
      if (input.miles !== undefined) {
        try {
          miles = dec(input.miles);
        } catch {
          throw new FieldError('miles', `{miles} ${JSON.stringify(input.miles)}: not a number of miles, for example {miles} 42`);
        }
        if (miles.lt(0)) throw new FieldError('miles', `{miles} ${input.miles}: give a distance of 0 or more miles`);
      }
      const milesOk = miles === undefined ? null : miles.gte(cr.minMiles);
      sources.push(cite(cr.milesCite), cite(cr.ruralCite), cite(cr.paidCite));
      const crit: string[] = [];
      if (miles !== undefined) crit.push(`${plain(miles)} miles from the administrative offices: ${milesOk ? 'at least' : 'less than'} ${cr.minMiles}`);
      crit.push(input.isolatedRural ? 'an isolated rural area' : 'isolated rural area not given ({isolatedRural})');
      const critText = `criteria of ${citeShort(cr.milesCite)}: ${crit.join('; ')}`;
      const designation = reading(RD, 'remote-site-designation', { paidCite: citeShort(cr.paidCite), minMiles: cr.minMiles });
      if (designation) readings.push(designation);
      if (eligible === true) reason += `; ${critText}${milesOk === false ? ' (the site is on the list, which governs)' : ''}`;
      else if (milesOk === false) {
        eligible = false;
        reason = `${input.site === undefined ? 'a site' : `"${input.site}"`} ${plain(miles!)} miles from the administrative offices cannot be a remote site: the criteria require at least ${cr.minMiles} (${critText})`;
      } else if (input.site !== undefined) {
        reason += `; ${critText}${milesOk && input.isolatedRural ? ': it meets both, so the SDCOE may designate it; the stipend is paid once it is on the list' : ''}`;
      } else reason = `not checked: give {site}; ${critText}`;
    }
    if (input.transferred !== undefined) {
      const t = parseDate(input.transferred, 'transferred');
      const p = toParts(t);
      const ends = p.d === 1 ? t : fromParts(p.m === 12 ? p.y + 1 : p.y, p.m === 12 ? 1 : p.m + 1, 1);
      const lastMonth = p.d === 1 ? fromParts(p.m === 1 ? p.y - 1 : p.y, p.m === 1 ? 12 : p.m - 1, 1) : t;
      extra.endsOn = formatDate(ends);
      extra.lastMonthPaid = ym(lastMonth);
      const lp = toParts(lastMonth);
      reason += `; transferred effective ${formatDate(t)}: ${p.d === 1 ? 'the stipend ends on the effective date' : 'not paid from the 1st of the following month'}, last month paid ${MONTH_NAMES[lp.m - 1]} ${lp.y}`;
      if (input.asOf !== undefined) {
        const asOf = parseDate(input.asOf, 'asOf');
        if (asOf >= ends) {
          eligible = false;
          reason += `; not paid on ${formatDate(asOf)}: the stipend ended ${formatDate(ends)} (${citeShort(el.endCite)})`;
        } else if (eligible !== false) reason += `; still paid on ${formatDate(asOf)} (it ends ${formatDate(ends)})`;
      }
    } else if (input.asOf !== undefined && eligible) reason += `; paid on ${input.asOf} (no transfer given)`;
  } else if (el?.kind === 'min-contract-days') {
    const days = checkInt(input.contractDays, 'contractDays', 1, a.meta.parameters.maxYearDays.value, `give the days of the contract year, up to ${a.meta.parameters.maxYearDays.value}`);
    if (days === undefined) {
      eligible = null;
      reason = `not checked: give {contractDays} (appointed for assignments of at least ${el.days} days)`;
    } else {
      eligible = days >= el.days;
      reason = eligible ? `a ${days}-day assignment meets the ${el.days}-day minimum` : `a ${days}-day assignment is below the ${el.days}-day minimum for head teachers`;
    }
    const ap = el.appointment;
    if (ap && (input.headTeacherYear !== undefined || input.probationary || input.directorException)) {
      const y = checkInt(input.headTeacherYear, 'headTeacherYear', 1, 50, 'give the consecutive year in the same head teacher assignment, 1 for the first');
      const over = y !== undefined && y > ap.maxConsecutiveYears;
      const bars: string[] = [];
      if (over) {
        sources.push(cite(ap.consecutiveCite));
        bars.push(`year ${y} in the same head teacher assignment is more than ${ap.maxConsecutiveYears} consecutive years (${citeShort(ap.consecutiveCite)})`);
      }
      if (input.probationary) {
        sources.push(cite(ap.probationaryCite));
        bars.push(`a probationary unit member (${citeShort(ap.probationaryCite)})`);
      }
      const parts = eligible === null && days === undefined ? [] : [reason];
      if (bars.length && input.directorException) {
        sources.push(cite(ap.exceptionCite));
        parts.push(`${bars.join('; ')}: appointed by the Program Director's determination that no other applicant is appropriate, which needs consultation with the Association first (${citeShort(ap.exceptionCite)})`);
      } else if (bars.length) {
        eligible = false;
        parts.push(`not to be appointed: ${bars.join('; ')}, unless the Program Director determines that no other applicant is appropriate ({directorException}), after consultation with the Association (${citeShort(ap.exceptionCite)})`);
      } else {
        if (input.directorException) throw new FieldError('directorException', `{directorException} applies only beyond ${ap.maxConsecutiveYears} consecutive years or to a probationary member (${citeShort(ap.consecutiveCite)}, ${citeShort(ap.probationaryCite)}); drop it`);
        if (y !== undefined) parts.push(`year ${y} in the same assignment: within ${ap.maxConsecutiveYears} consecutive years (${citeShort(ap.consecutiveCite)})`);
      }
      if (days === undefined && eligible !== false) parts.push(`days not checked: give {contractDays} (at least ${el.days})`);
      reason = parts.join('; ');
      const years = y === undefined ? undefined : reading(RD, 'head-teacher-consecutive-years', { firstBeyond: ap.maxConsecutiveYears + 1, consecutiveCite: citeShort(ap.consecutiveCite), exceptionCite: citeShort(ap.exceptionCite) });
      if (years) readings.push(years);
    }
  }

  const one = annual;
  const monthlyOne = monthlyOf ? monthlyOf(one) : null;
  return {
    id: rule.id,
    name: rule.name,
    kind: amt.kind,
    annual: one.times(count),
    monthly: monthlyOne ? monthlyOne.times(count) : null,
    count,
    eligible,
    reason,
    how: count !== 1 ? `${count} x (${how})` : how,
    sources,
    readings,
    ...extra,
  };
}

export interface StipendsTotal {
  stipends: StipendResult[];
  total: Dec;
  monthlyTotal: Dec;
}

/** Several stipends with their total. A stipend found not eligible counts 0 in the total. */
export function computeStipends(a: Agreement, ids: string[], input: StipendInput = {}): StipendsTotal {
  const seen = new Set<string>();
  for (const id of ids) {
    const r = findStipend(a, id);
    if (seen.has(r.id)) throw new InputError(`stipend ${r.id} is listed twice; give each stipend once`);
    seen.add(r.id);
  }
  const stipends = ids.map((id) => computeStipend(a, id, input));
  const paid = stipends.filter((s) => s.eligible !== false);
  return {
    stipends,
    total: paid.reduce((t, s) => t.plus(s.annual), new Big(0)),
    monthlyTotal: paid.reduce((t, s) => t.plus(s.monthly ?? 0), new Big(0)),
  };
}

/** Every stipend with its amount (as if eligible), for --list. */
export function listStipends(a: Agreement, year?: string) {
  return part(a, 'stipends').stipends.map((r) => {
    const amt = r.amount;
    let text: string;
    let annual: Dec | null = null;
    let monthly: Dec | null = null;
    if (amt.kind === 'percent' || amt.kind === 'flat' || amt.kind === 'per-count') {
      const res = computeStipend(a, r.id, { year, teachers: amt.kind === 'per-count' ? amt.min : undefined });
      annual = res.annual;
      monthly = res.monthly;
      text = amt.kind === 'percent' ? `${amt.percent}% of Class IV Step 13` : amt.kind === 'per-count' ? `$${amt.first} first + $${amt.additional} each more ${amt.unit} (max ${amt.max})` : 'flat';
    } else if (amt.kind === 'per-day-by-hours') text = amt.tiers.map((t) => `$${t.amount}/day ${t.maxHours !== undefined ? `<= ${t.maxHours} h` : `>= ${t.minHours} h`}`).join(', ');
    else if (amt.kind === 'hourly') text = `$${amt.rate}/hour`;
    else if (amt.kind === 'hourly-of-daily-rate') text = `hourly from own daily rate, beyond the work year or ${amt.beyondDay.atLeast ? '' : 'more than '}${amt.beyondDay.hours} h beyond the day`;
    else if (amt.kind === 'hourly-capped-at-daily-rate') text = `hourly from own daily rate, at most the daily rate a day, up to ${amt.maxDays} days`;
    else text = 'own daily rate per day';
    return { id: r.id, name: r.name, kind: amt.kind, basis: text, annual, monthly, cite: r.cite };
  });
}

type OfDaily = Extract<StipendRule['amount'], { kind: 'hourly-of-daily-rate' | 'hourly-capped-at-daily-rate' | 'daily-rate' }>;

function hoursList(v: string[] | undefined, field: keyof StipendInput): Dec[] {
  return (v ?? []).map((x) => checkHours(x, field, 24)!);
}

/** Pay from the member's own daily rate: hours beyond the work year or day (XX.3.2, 5.9, 4.1.1.e),
 *  staff development buy-back days (XVIII.12), training days at the daily rate (XX.7.3.1). */
function ofDailyRate(a: Agreement, rule: StipendRule, amt: OfDaily, input: StipendInput) {
  const R = a.meta.rounding;
  const m = input.member;
  if (!m) throw new FieldError('step', `${rule.id} is paid by the hour or day from the member's own daily rate, not by the year (so not in a roster): give {class} and {step} (and {schedule} when not basic)`);
  const sources: Source[] = [...m.sources];
  const RD = part(a, 'stipends').readings;
  const readings: Reading[] = [];
  const add = (r: Reading | undefined) => r && readings.push(r);
  const daily = m.dailyRate;
  const hourRounding = R.hourlyRate ?? R.pay;
  const exactHourly = daily.div(m.hoursPerDay);
  const hourly = round(exactHourly, hourRounding);
  const hourlyHow = `${formatMoney(daily)} / ${plain(m.hoursPerDay)} h = ${exactHourly.toFixed(4)}..., rounded ${hourRounding.mode} to ${hourRounding.unit} = ${formatMoney(hourly)} an hour`;
  const hpdSource = m.sources.find((x) => x.figure === 'hoursPerDay');
  const hourlyReading = () => reading(RD, 'hourly-of-daily-rate', { member: m.label, dailyRate: formatMoney(daily), hoursPerDay: plain(m.hoursPerDay), workdayCite: hpdSource ? ` (${citeRef(hpdSource)})` : '', mode: hourRounding.mode, unit: String(hourRounding.unit) });
  if (R.hourlyRate?.cite) sources.push(cite(R.hourlyRate.cite, { figure: 'hourlyRate' }));

  if (amt.kind === 'daily-rate') {
    const days = checkInt(input.trainingDays, 'trainingDays', 1, 366, 'give whole non-duty days, for example {trainingDays} 2');
    if (days === undefined) throw new FieldError('trainingDays', `${rule.id}: give the non-duty training days, for example {trainingDays} 2`);
    const pay = daily.times(days);
    return { pay, sources: sources.filter((x) => x.figure !== 'hoursPerDay' && x.figure !== 'hourlyRate'), how: `${days} day${days > 1 ? 's' : ''} x ${formatMoney(daily)} (the daily rate of ${m.label})`, reason: `${days} non-duty training day${days > 1 ? 's' : ''}`, eligible: true as boolean | null, readings };
  }

  if (amt.kind === 'hourly-capped-at-daily-rate') {
    const days = hoursList(input.buyBackHours, 'buyBackHours');
    if (!days.length) throw new FieldError('buyBackHours', `${rule.id}: give the hours attended on each staff development day, for example {buyBackHours} 6.75,4`);
    if (amt.conditionCite) sources.push(cite(amt.conditionCite));
    let pay = new Big(0);
    const parts: string[] = [];
    const notes: string[] = [];
    days.forEach((h, i) => {
      if (i >= amt.maxDays) {
        notes.push(`day ${i + 1} (${plain(h)} h) not paid: up to ${amt.maxDays} days a year`);
        return;
      }
      const byHour = round(hourly.times(h), R.pay);
      const capped = byHour.gt(daily);
      const d = capped ? daily : byHour;
      pay = pay.plus(d);
      parts.push(capped ? `${plain(h)} h x ${formatMoney(hourly)} = ${formatMoney(byHour)}, capped at the daily rate ${formatMoney(daily)}` : `${plain(h)} h x ${formatMoney(hourly)} = ${formatMoney(byHour)}`);
    });
    add(hourlyReading());
    add(reading(RD, 'buy-back-days', { maxDays: amt.maxDays, conditionCite: citeShort(amt.conditionCite ?? rule.cite) }));
    const paidDays = Math.min(days.length, amt.maxDays);
    return {
      pay,
      how: `${hourlyHow}; ${parts.join('; ')}${parts.length > 1 ? `; total ${formatMoney(pay)}` : ''}`,
      reason: `${paidDays} buy-back day${paidDays > 1 ? 's' : ''} paid${notes.length ? '; ' + notes.join('; ') : ''}`,
      eligible: true as boolean | null,
      sources,
      readings,
    };
  }

  // hours beyond the work year, and beyond the regular work day past the threshold
  const bd = amt.beyondDay;
  sources.push(cite(bd.cite));
  if (amt.alsoCite) sources.push(cite(amt.alsoCite));
  const yearH = input.hoursBeyondYear === undefined ? undefined : checkHours(input.hoursBeyondYear, 'hoursBeyondYear');
  const dayH = hoursList(input.hoursBeyondDay, 'hoursBeyondDay');
  if (yearH === undefined && !dayH.length)
    throw new FieldError('hoursBeyondYear', `${rule.id}: give {hoursBeyondYear} (hours on days beyond the work calendar year) or {hoursBeyondDay} (hours beyond the regular work day, one figure per day: 3,2.5)`);
  const mode = input.extraTimePays ?? 'all';
  const threshold = dec(bd.hours);
  const words = bd.atLeast ? `${plain(threshold)} hours or more` : `more than ${plain(threshold)} hours`;
  let paidHours = yearH ?? new Big(0);
  const parts: string[] = [];
  if (yearH) parts.push(`${plain(yearH)} h beyond the work year`);
  dayH.forEach((h, i) => {
    const ok = bd.atLeast ? h.gte(threshold) : h.gt(threshold);
    if (!ok) {
      parts.push(`day ${i + 1}: ${plain(h)} h beyond the day, not ${words}: not paid`);
      return;
    }
    const paid = mode === 'all' ? h : h.minus(threshold);
    paidHours = paidHours.plus(paid);
    parts.push(`day ${i + 1}: ${plain(h)} h beyond the day${mode === 'excess' ? `, ${plain(paid)} h over ${plain(threshold)}` : ''} paid`);
  });
  add(hourlyReading());
  add(reading(RD, mode === 'all' ? 'extra-time-all' : 'extra-time-excess', { words, threshold: plain(threshold) }));
  if (bd.atLeast) add(reading(RD, 'two-hours-or-more', { beyondCite: citeShort(bd.cite) }));
  if (amt.alsoCite) add(reading(RD, 'council-rule-repeated', { alsoCite: citeShort(amt.alsoCite), beyondCite: citeShort(bd.cite) }));
  if (rule.cite.quote.includes('per diem')) add(reading(RD, 'per-diem-hourly'));
  const exact = hourly.times(paidHours);
  const pay = round(exact, R.pay);
  const eligible = paidHours.gt(0);
  return {
    pay,
    how: `${hourlyHow}; ${plain(paidHours)} h x ${formatMoney(hourly)} = ${formatMoney(pay)}`,
    reason: eligible ? parts.join('; ') : `no hours to pay: ${parts.join('; ')}`,
    eligible: eligible as boolean | null,
    sources,
    readings,
  };
}
