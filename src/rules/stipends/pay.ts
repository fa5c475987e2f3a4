// Salary with stipends: the year's pay, and the daily rate inclusive of stipends that
// Article XV.3's perfect-attendance payment uses.
import { round, type Dec } from '../../core/money';
import { cite, type Source } from '../source';
import { reading, type Reading } from '../readings';
import type { SalaryResult } from '../schedules/salary';
import type { StipendsTotal } from './stipends';
import type { Agreement } from '../types';

export interface PayWithStipends {
  stipendAnnual: Dec;
  stipendMonthly: Dec;
  totalPay: Dec;
  monthlyPay: Dec;
  /** (annual salary + annual stipends) / base days, rounded as the daily rate is */
  dailyRateInclusive: Dec;
  how: string;
  perfectAttendance?: { amount: Dec; source?: Source; reading?: Reading };
  readings: Reading[];
}

export function payWithStipends(a: Agreement, s: SalaryResult, st: StipendsTotal): PayWithStipends {
  const R = a.meta.rounding;
  // Only stipends paid by the year enter the daily rate; pay for activity days and tutoring hours is not a stipend of the position.
  const yearly = st.stipends.filter((x) => x.eligible !== false && (x.kind === 'percent' || x.kind === 'flat' || x.kind === 'per-count'));
  const yearlyTotal = yearly.reduce((t, x) => t.plus(x.annual), s.annualSalary.times(0));
  const exact = s.annualSalary.plus(yearlyTotal).div(s.baseDays);
  const daily = round(exact, R.dailyRate);
  const pa = a.meta.citations?.perfectAttendance;
  const RD = a.parts.stipends?.readings;
  const full = reading(RD, 'stipends-full-amount');
  return {
    stipendAnnual: st.total,
    stipendMonthly: st.monthlyTotal,
    totalPay: s.totalSalary.plus(st.total),
    monthlyPay: s.monthlyPay.plus(st.monthlyTotal),
    dailyRateInclusive: daily,
    how: `(${s.annualSalary.toFixed(2)} + ${yearlyTotal.toFixed(2)} yearly stipends) / ${s.baseDays} = ${exact.toFixed(4)}..., rounded ${R.dailyRate.mode} to ${R.dailyRate.unit}`,
    perfectAttendance: {
      amount: daily,
      source: pa ? cite(pa, { figure: 'perfectAttendance' }) : undefined,
      reading: reading(RD, 'perfect-attendance-inclusive'),
    },
    readings: full ? [full] : [],
  };
}
