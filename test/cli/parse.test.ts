// Every text-to-value conversion of the CLI, table by table: what is accepted, what it becomes,
// and the message (with its field written {field}; the CLI shows the flag).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { date, dayRange, dayRanges, decimal, int, kindYears, leaveQty, month, rating, RATING_WORDS, required, stepDate } from '../../src/cli/parse';
import { FieldError, fieldText } from '../../src/core/errors';
import { flagOf } from '../../src/cli/command';
import { formatDate } from '../../src/core/date';
import { main } from '../../src/cli/main';
import { Writable, PassThrough } from 'node:stream';

/** The message as the CLI prints it. */
const cli = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    return fieldText((e as FieldError).template, flagOf);
  }
  throw new Error('no error');
};

describe('int', () => {
  it.each([
    ['13', 13], [' 7 ', 7], ['0', 0],
  ])('%j is %d', (t, v) => expect(int(t, 'step', '')).toBe(v));
  it.each(['x', '1.5', '-1', '', '1e3'])('%j is refused, naming the flag', (t) =>
    expect(cli(() => int(t, 'daysServed', 'give whole days'))).toBe(`--days-served ${JSON.stringify(t)}: not a whole number; give whole days`));
  it('absent is undefined', () => expect(int(undefined, 'step', '')).toBeUndefined());
  it('reads as /^\\s*\\d+\\s*$/ and Number of the digits without their leading zeros', () => {
    // int reads by hand what these regular expressions say (worked through: ' 007 ' -> '7' -> 7)
    const byRegExp = (t: string) => (/^\s*\d+\s*$/.test(t) ? Number(t.trim().replace(/^0+(?=\d)/, '')) : 'refused');
    const ours = (t: string) => {
      try {
        return int(t, 'step', '', Number.MAX_SAFE_INTEGER);
      } catch {
        return 'refused';
      }
    };
    fc.assert(fc.property(fc.array(fc.constantFrom('0', '7', '00', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '\u200b', 'x', '.', '-', '٣'), { maxLength: 7 }), (a) => ours(a.join('')) === byRegExp(a.join(''))), { numRuns: 1000 });
    expect(ours(' 007 ')).toBe(7);
    expect(ours('000')).toBe(0);
  });
});

describe('decimal', () => {
  it.each([
    ['0.5', false, '0.5'], [' 4.23 ', false, '4.23'], ['-1', true, '-1'],
  ])('%j (negative %s) is %j', (t, neg, v) => expect(decimal(t, 'fte', '', neg)).toBe(v));
  it.each([['-1', false], ['abc', false], ['1,000', false], ['', true]])('%j (negative %s) is refused', (t, neg) =>
    expect(cli(() => decimal(t, 'raise', 'give a percentage', neg))).toMatch(/^--raise ".*": not a number; give a percentage$/));
});

describe('required', () => {
  it('names the flag and the hint', () => expect(cli(() => required(undefined, 'class', 'for example {class} IV'))).toBe('--class is required: for example --class IV'));
  it('passes a value through', () => expect(required('IV', 'class', '')).toBe('IV'));
});

describe('date and month', () => {
  it.each([['2005-11-18', '2005-11-18'], [' 2008-02-29 ', '2008-02-29']])('%j is %s', (t, v) => expect(formatDate(date(t, 'occurred'))).toBe(v));
  it.each([
    ['2005-02-30', 'does not exist on the calendar'],
    ['2005-13-01', 'does not exist on the calendar'],
    ['11/18/2005', 'is not a date'],
    ['yesterday', 'is not a date'],
  ])('%j: %s', (t, why) => expect(cli(() => date(t, 'occurred'))).toMatch(new RegExp(`^--occurred "${t.replace(/[/.]/g, '\\$&')}" ${why}`)));
  it.each([['2005-12', { y: 2005, m: 12 }], ['2006-01', { y: 2006, m: 1 }]])('month %j', (t, v) => expect(month(t, 'month')).toEqual(v));
  it.each(['2005-13', '2005-1', 'Dec 2005'])('month %j is refused', (t) => expect(cli(() => month(t, 'month'))).toBe(`--month ${t}: write YYYY-MM, for example 2005-12`));
});

describe('ranges FROM..TO (--recess, a batch row\'s recess column)', () => {
  it.each([
    ['2005-12-19..2005-12-30', ['2005-12-19', '2005-12-30']],
    [' 2005-12-19 .. 2005-12-19 ', ['2005-12-19', '2005-12-19']],
  ])('%j', (t, [f, to]) => {
    const r = dayRange(t, 'recess');
    expect([formatDate(r.from), formatDate(r.to)]).toEqual([f, to]);
  });
  it.each([
    ['2005-12-30..2005-12-19', 'the range ends before it starts'],
    ['2005-12-19', 'write FROM..TO'],
    ['2005-12-19..soon', 'is not a date'],
  ])('%j: %s', (t, why) => expect(cli(() => dayRange(t, 'recess'))).toContain(why));
  it('several in one cell, separated by ; or |', () => {
    expect(dayRanges('2005-12-19..2005-12-23; 2006-01-02..2006-01-03|2006-02-01..2006-02-01', 'recess').map((r) => r.to - r.from)).toEqual([4, 1, 0]);
    expect(dayRanges('', 'recess')).toEqual([]);
  });
});

describe('NAME=VALUE', () => {
  it('--done STEP=DATE', () => expect(stepDate('level2-appeal=2006-01-10')).toEqual(['level2-appeal', '2006-01-10']));
  it.each(['level2-appeal', 'Level 2=2006-01-10', '=2006-01-10'])('--done %j is refused', (t) =>
    expect(cli(() => stepDate(t))).toBe(`--done ${t}: write STEP=DATE, for example --done level2-appeal=2006-01-10`));
  it('--related KIND=YEARS', () => expect(kindYears('aide=4')).toEqual(['aide', 4]));
  it.each(['aide', 'aide=four', 'aide=-1'])('--related %j is refused', (t) => expect(cli(() => kindYears(t))).toBe(`--related ${t}: write KIND=YEARS, for example --related aide=4`));
});

describe('leave quantities: days or hours', () => {
  it.each([
    ['12', '12', 'days'], ['12d', '12', 'days'], ['1.5 days', '1.5', 'days'], ['81h', '81', 'hours'], ['6.75 hours', '6.75', 'hours'],
  ])('%j is %s %s', (t, v, unit) => {
    const q = leaveQty(t, 'balance');
    expect([q.value.toFixed(), q.unit]).toEqual([v, unit]);
  });
  it.each(['-3', 'three', '12w'])('%j is refused', (t) => expect(cli(() => leaveQty(t, 'used'))).toMatch(/^--used ".*": give days or hours as a non-negative number, for example --used 12 \(days\) or --used 81h \(hours\)$/));
});

describe('--rating: one list of words for every command', () => {
  it.each(Object.entries(RATING_WORDS))('%s is %s', (w, r) => {
    expect(rating(w)).toBe(r);
    expect(rating(w.toUpperCase())).toBe(r);
  });
  it('another word is refused', () => expect(cli(() => rating('great'))).toBe('--rating great: give meets (standard or better) or unsatisfactory'));

  const run = async (args: string[]) => {
    const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
    const stdin = new PassThrough();
    stdin.end();
    return main(['node', 'cba', ...args], { stdout: sink(), stderr: sink(), stdin, env: {} });
  };
  // the example: the word worked with cba stipend and exited 2 with cba step-advance
  it.each(Object.keys(RATING_WORDS))('%s is taken by cba stipend, cba salary --stipend and cba step-advance alike', async (w) => {
    expect([0, 1]).toContain(await run(['stipend', 'ltvs', '--years', '21', '--class', 'V', '--rating', w]));
    expect([0, 1]).toContain(await run(['salary', '--class', 'V', '--step', '13', '--stipend', 'ltvs', '--years', '21', '--rating', w]));
    expect(await run(['step-advance', '--class', 'IV', '--step', '6', '--years', '2', '--service-years', '12', '--rating', w])).toBe(0);
  });
});
