// A malformed or inconsistent rules file stops the program with an error naming file, path and problem.
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load';
import { RulesError } from '../../src/core/errors';
import { brokenCopy } from '../helpers/tmp-rules';

const BASIC = 'schedules/basic-2005-06.yaml';

describe('rules validation', () => {
  it.each([
    ['a missing cell', BASIC, (t: string) => t.replace('    annual: {II: 59904, ', '    annual: {'), /basic-2005-06\.yaml: rows\[9\]\.annual\.III \(line \d+\): missing cell: class II has step 11 but not step 10|rows\[9\]\.daily\.II.*daily rate for class II step 10 without its annual salary/],
    ['a missing printed daily rate', BASIC, (t: string) => t.replace(', IV: 372.62', ''), /rows\[12\]\.daily\.IV.*missing cell: class IV step 13 has an annual salary but no printed daily rate/],
    ['a step out of order', BASIC, (t: string) => t.replace('  - step: 3\n', '  - step: 4\n'), /rows\[3\]\.step.*steps must increase down the schedule; step 4 follows step 4/],
    ['a duplicate class', BASIC, (t: string) => t.replace('classes: [A, I, II, III, IV, V, VI]', 'classes: [A, I, II, III, IV, IV, V, VI]'), /classes\[5\].*class IV is listed twice/],
    ['a negative salary', BASIC, (t: string) => t.replace('IV: 70797', 'IV: -70797'), /rows\[12\]\.annual\.IV.*must be positive/],
    ['a salary that is text', BASIC, (t: string) => t.replace('IV: 70797', 'IV: seventy'), /rows\[12\]\.annual\.IV/],
    ['a duplicate key', BASIC, (t: string) => t.replace('name: Basic Teacher Compensation Plan', 'name: Basic Teacher Compensation Plan\nname: again'), /basic-2005-06\.yaml: line \d+: .*(unique|Map keys)/i],
    ['an impossible effective date', BASIC, (t: string) => t.replace('effective: 2005-07-01', 'effective: 2005-02-30'), /effective.*does not exist/],
    ['an effective date outside the year', BASIC, (t: string) => t.replace('effective: 2005-07-01', 'effective: 2006-07-01'), /effective.*outside school year 2005-06/],
    ['a class not listed', BASIC, (t: string) => t.replace('IV: 70797', 'VII: 70797'), /class VII is not in classes/],
    ['a citation without its quote', 'agreement.yaml', (t: string) => t.replace(/      quote: "No unit member shall work more than a total of 225 days."\n/, ''), /agreement\.yaml: parameters\.maxYearDays\.cite\.quote/],
    ['an unknown assignment', BASIC, (t: string) => t.replace('assignment: regular', 'assignment: night'), /assignment "night" is not one of/],
    ['broken YAML', BASIC, (t: string) => t.replace('rows:\n', 'rows: [\n'), /basic-2005-06\.yaml: line \d+: .*YAML syntax/],
  ])('%s', async (_what, file, edit, msg) => {
    const dir = brokenCopy(file, edit);
    const err = await loadRules(dir).then(() => null, (e) => e);
    expect(err).toBeInstanceOf(RulesError);
    expect(err.message).toMatch(msg);
  });

  it('a second schedule for the same year is refused', async () => {
    const dir = brokenCopy('schedules/preschool-2005-06.yaml', (t) => t.replace('id: preschool', 'id: basic'));
    await expect(loadRules(dir)).rejects.toThrow(/a second basic schedule effective 2005-07-01|assignment "preschool" names schedule "preschool"/);
  });
});
