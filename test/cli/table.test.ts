// The table renderer (src/lazy/table.ts over cli-table3): fitted to a width, nothing lost.
import { describe, expect, it } from 'vitest';
import { isSame } from '../helpers/fast-expect';
import { stringOf } from '../helpers/strings';
import fc from 'fast-check';
import { drawSimple, renderPlain, renderTable, wrapText, layout, type TableSpec } from '../../src/lazy/table';
import CliTable from 'cli-table3';
import stringWidth from '../../src/lazy/text-width';

const widest = (s: string) => Math.max(...s.split('\n').map(stringWidth));

// the salary table of Class IV Step 13 as the command builds it (figures from Appendix A)
const SALARY: TableSpec = {
  title: 'Basic Teacher Compensation Plan 2005-06 (effective 2005-07-01): Class IV, Step 13',
  head: ['Figure', 'Amount', 'How', 'Source'],
  rows: [
    ['Annual salary (Class IV, Step 13)', '70,797.00', '', 'Appendix A, Basic Teacher Compensation Plan 2005-2006 (Class IV, Step 13)'],
    ['Daily rate', '372.62', '70,797 / 190 = 372.6158..., rounded half-up to 0.01', 'Art. XV.1'],
    ['Total salary for the year', '70,797.00', '', ''],
  ],
  right: [1],
};

describe('renderTable', () => {
  it('at full width (--wide) every row is one line and every column is there', () => {
    const out = renderTable(SALARY, { width: Infinity });
    const lines = out.split('\n');
    // title, top rule, head, rule, 3 rows, bottom rule: no rule between one-line rows
    expect(lines).toHaveLength(8);
    expect(lines[2]).toMatch(/│ Figure +│ +Amount │ How +│ Source +│/);
    expect(lines[5]).toContain('│ Daily rate ');
    expect(lines[5]).toContain('│ 70,797 / 190 = 372.6158..., rounded half-up to 0.01 │ Art. XV.1 ');
  });

  it('at 80 columns the Source column becomes numbered footnotes, equal sources share one number', () => {
    const out = renderTable({ ...SALARY, rows: [...SALARY.rows, ['Daily rate as printed in Appendix A', '372.62', '', SALARY.rows[0][3]]] }, { width: 80 });
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(out).not.toMatch(/│ Source/);
    expect(out).toMatch(/│ How/);
    expect(out).toContain('[1] Source: Appendix A, Basic Teacher Compensation Plan 2005-2006');
    expect(out).toContain('[2] Source: Art. XV.1');
    expect(out).not.toContain('[3]');
    expect(out.match(/\[1\]/g)).toHaveLength(3); // two rows and the note
    // the row without a source has no marker
    expect(out).toMatch(/│ Total salary for the year +│/);
  });

  it('at 120 columns every column stays and the long ones wrap inside their column', () => {
    const out = renderTable(SALARY, { width: 120 });
    expect(widest(out)).toBeLessThanOrEqual(120);
    expect(widest(out)).toBeGreaterThan(100); // uses the room
    expect(out).toMatch(/│ Source/);
    expect(out).not.toContain('[1]');
  });

  it('numbers never wrap; a word wider than its column is broken, not cut', () => {
    const spec: TableSpec = { head: ['Id', 'Amount', 'Note'], rows: [['x', '1,234,567.89', 'a'.repeat(50)]], right: [1] };
    const out = renderTable(spec, { width: 40 });
    expect(widest(out)).toBeLessThanOrEqual(40);
    expect(out).toContain('1,234,567.89');
    expect(out).not.toContain('…');
    expect((out.match(/a/g) ?? []).length).toBe(50);
  });

  it('wide characters count two columns', () => {
    const spec: TableSpec = { head: ['Name', 'Site'], rows: [['Zoë', '学校学校学校学校学校学校学校学校学校学校学校学校学校学校学校学校']] };
    const out = renderTable(spec, { width: 40 });
    expect(widest(out)).toBeLessThanOrEqual(40);
    // 32 wide characters are 64 columns: they wrap, and all of them are printed
    expect(out.split('\n').length).toBeGreaterThan(5);
    expect(out.replace(/[\s│─┌┐└┘├┤┬┴┼]/g, '')).toContain('学校'.repeat(16));
  });

  it('a moved column with no text leaves no room for a footnote mark (the table still fits)', () => {
    // fast-check found it: at 45 columns Source (empty) moves out; Item 11 + Amount 9 + How 11 and the
    // frame (3 x 3 + 1 = 10) make 41, which fits; room kept for a " [n]" that no row gets made 46
    const out = renderTable({ head: ['Item', 'Amount', 'How', 'Source'], rows: [['/a/,0(-///a', '100000.00', ').000/()-A)', '']], right: [1] }, { width: 45 });
    expect(widest(out)).toBe(41);
    expect(out).not.toMatch(/\[1\]/);
  });

  it('property: at any width from 40 every line fits and every word of every cell is printed', () => {
    const word = stringOf('A-Za-z0-9.,()/-', 1, 14);
    const text = fc.array(word, { minLength: 0, maxLength: 12 }).map((ws) => ws.join(' '));
    const num = fc.integer({ min: 0, max: 99_999_999 }).map((n) => (n / 100).toFixed(2));
    // one arbitrary for each count of text columns, made once (a chain on the count made new
    // arbitraries at every run, most of this property's time)
    const specOf = (nText: number) =>
      fc.record({
        head: fc.constant(['Item', 'Amount', ...Array.from({ length: nText }, (_, i) => ['How', 'Source', 'Reason', 'Why', 'Note'][i])]),
        rows: fc.array(fc.tuple(text, num, ...Array.from({ length: nText }, () => text)), { minLength: 1, maxLength: 6 }),
      });
    const spec = fc.oneof(...[1, 2, 3, 4, 5].map(specOf));
    fc.assert(
      fc.property(spec, fc.integer({ min: 40, max: 220 }), (s, width) => {
        const out = renderTable({ ...s, rows: s.rows.map((r) => r.map(String)), right: [1] }, { width });
        if (widest(out) > width) return false;
        const printed = new Set(out.split(/[\s│─┌┐└┘├┤┬┴┼]+/));
        return s.rows.every((r) => r.every((c) => String(c).split(/\s+/).every((w) => !w || printed.has(w) || out.includes(w))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('layout', () => {
  it('a one-digit footnote mark is counted as one: a 40-column table stays 40 wide (the property above, seed 280698191)', () => {
    // Item 11 + " [1]" 4, Amount 9, Reason 6, borders and padding 3 x 3 + 1 = 40 exactly; How and Source
    // go to the footnote. Room for " [nn]" (5) made it 41.
    const out = renderTable({ head: ['Item', 'Amount', 'How', 'Source', 'Reason'], rows: [['0)0.0,A-.//', '854017.51', '/)B -f3(Y. u)3./( v,2 Q K.', '-, b/0.). -F.)- ,/A)-,(S(H', '']], right: [1] }, { width: 40 });
    expect(widest(out)).toBe(40);
    expect(out).toContain('0)0.0,A-.// [1]');
  });
  it('moves Source before How, and How before anything else', () => {
    const l = layout({ head: ['Stipend', 'Annual', 'Reason', 'How', 'Source'], rows: [['bilingual', '1,061.96', 'x '.repeat(40), 'y '.repeat(40), 'z '.repeat(40)]], right: [1] }, 60);
    expect(l.moved).toEqual([3, 4]);
    expect(l.keep).toEqual([0, 1, 2]);
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries, the first line to its own width', () => {
    expect(wrapText('one two three four five', 9, 5)).toEqual(['one', 'two three', 'four five']);
  });
});

describe('tables drawn directly when cli-table3 would draw them as they are', () => {
  const draw = (head: string[], body: string[][], widths: number[], right: boolean[], compact: boolean) => {
    const t = new CliTable({ head, colWidths: widths, colAligns: right.map((r) => (r ? 'right' : 'left')), wordWrap: true, wrapOnWordBoundary: true, style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact } });
    t.push(...body);
    return t.toString();
  };

  it('the salary table: the same text as cli-table3', () => {
    const head = ['Figure', 'Amount', 'How'];
    const body = [
      ['Annual salary (Class IV, Step\n13) [1]', '70,797.00', ''],
      ['Daily rate [2]', '372.62', '70,797 / 190 = 372.6158...,\nrounded half-up to 0.01'],
    ];
    const widths = [32, 11, 33];
    const got = drawSimple(head, body, widths, [false, true, false], false);
    expect(got).toBe(draw(head, body, widths, [false, true, false], false));
    // checked by eye once: a rule between rows (not compact), numbers on the right
    expect(got!.split('\n')[3]).toBe('│ Annual salary (Class IV, Step  │ 70,797.00 │                                 │');
  });

  it('property: on tables whose lines fit, the same text as cli-table3; anything else is left to it', () => {
    const word = stringOf('A-Za-z0-9.,:()/é漢-', 1, 6);
    const line = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
    // colour codes as our painter writes them (chalk: bold, dim, red, green, yellow, cyan), and others
    // cli-table3 reads as styles left set or colours left on, which it ends and sets again line by line
    const code = fc.constantFrom('\x1b[1m', '\x1b[22m', '\x1b[2m', '\x1b[31m', '\x1b[33m', '\x1b[36m', '\x1b[39m', '\x1b[0m', '\x1b[m', '\x1b[4m', '\x1b[24m', '\x1b[41m', '\x1b[49m', '\x1b[1;31m', '\x1b[92m');
    const painted = fc.tuple(fc.constantFrom(['\x1b[1m', '\x1b[22m'], ['\x1b[2m', '\x1b[22m'], ['\x1b[33m', '\x1b[39m'], ['\x1b[31m', '\x1b[39m'], ['\x1b[36m', '\x1b[39m']), line, fc.constantFrom('', ' ', 'x ')).map(([[on, off], l, before]) => before + on + l + off);
    const coded = fc.array(fc.oneof(word, code), { minLength: 1, maxLength: 6 }).map((xs) => xs.join(''));
    const colourLine = fc.oneof(painted, coded);
    const cell = fc.oneof(
      fc.constant(''),
      line,
      fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')),
      colourLine,
      fc.array(fc.oneof(line, colourLine), { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')),
      fc.constantFrom(' lead', 'trail ', '  two  spaces ', ' [2]', '   ', 'a\n   \nb', 'a\n\nb', 'tab\there', '\x1b[1mbold\x1b[22m', '\x1b[2m\x1b[22m', '\x1b[2m  \x1b[22m', 'x'.repeat(40)),
    );
    // one arbitrary for each count of columns, made once (not a chain making new ones at every run)
    const tableOf = (n: number) =>
      fc.tuple(
        fc.array(cell, { minLength: n, maxLength: n }),
        fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 3, max: 30 }), { minLength: n, maxLength: n }),
        fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        fc.boolean(),
      );
    const table = fc.oneof(...[1, 2, 3, 4].map(tableOf));
    let drawn = 0;
    fc.assert(
      fc.property(table, ([head, body, widths, right, compact]) => {
        const got = drawSimple(head, body, widths, right, compact);
        if (got !== undefined) {
          drawn++;
          isSame(got, draw(head, body, widths, right, compact));
        }
      }),
      { numRuns: 4000, seed: 7 },
    );
    expect(drawn).toBeGreaterThan(400);
  });
});

describe('renderPlain: plain tables without colour, the same text as renderTable draws them', () => {
  // a painter that changes nothing sends renderTable the general way (layout, wrapText, drawSimple)
  const general = (spec: TableSpec, width: number) => renderTable(spec, { width, paint: { bold: (s) => s, dim: (s) => s } });

  it('a schedule as cba schedule draws it: eighty rows of eight columns, two to the footnotes at 80', () => {
    const head = ['Step', 'Class A', 'Class I', 'Class II', 'Class III', 'Class IV', 'Class V', 'Class VI'];
    const rows: string[][] = [];
    for (let st = 1; st <= 40; st++) {
      const money = (k: number) => (st > 5 && k === 0 ? '' : `${30 + k},${String(100 + st * 7).padStart(3, '0')}.00`);
      rows.push([String(st), ...[0, 1, 2, 3, 4, 5, 6].map(money)], ['', ...[0, 1, 2, 3, 4, 5, 6].map((k) => (st > 5 && k === 0 ? '' : `${150 + k}.${String(st).padStart(2, '0')}`))]);
    }
    const spec: TableSpec = { title: 'Basic Teacher Compensation Plan 2005-06, effective 2005-07-01 (annual salary; daily rate below)', head, rows, right: [1, 2, 3, 4, 5, 6, 7] };
    for (const width of [80, 100, 120, Infinity]) {
      const got = renderPlain(spec, width);
      expect(got).toBeDefined();
      expect(got).toBe(general(spec, width));
    }
    // at 80 columns Class V and Class VI are the footnotes, the title wraps
    const at80 = renderPlain(spec, 80)!;
    expect(at80).toContain('\n[1] Class V: 35,107.00\n    Class VI: 36,107.00\n');
    expect(at80.split('\n')[0]).toBe('Basic Teacher Compensation Plan 2005-06, effective 2005-07-01 (annual salary;');
  });

  it('a table of no rows (cba calendar on a calendar without closures): the head in its box, no rule under it, as the general way draws it', () => {
    const spec: TableSpec = { title: 'Office closures 2010-07-01 to 2011-06-30 (209 open days)', head: ['Date', 'Day', 'Closure'], rows: [] };
    const want = ['Office closures 2010-07-01 to 2011-06-30 (209 open days)', '┌──────┬─────┬─────────┐', '│ Date │ Day │ Closure │', '└──────┴─────┴─────────┘'].join('\n');
    for (const width of [80, Infinity]) {
      expect(general(spec, width)).toBe(want);
      expect(renderPlain(spec, width) ?? want).toBe(want);
      expect(renderTable(spec, { width })).toBe(want);
    }
  });

  it('left to the general way: colour codes, wide or accented text, a cell of spaces, a line break, text that must wrap', () => {
    const base: TableSpec = { head: ['Item', 'Amount'], rows: [['a', '1.00']], right: [1] };
    expect(renderPlain(base, 80)).toBe(general(base, 80));
    for (const cell of ['\x1b[1mbold\x1b[22m', 'Zoë', '学校', '   ', 'a\nb', 'tab\there'])
      expect(renderPlain({ ...base, rows: [[cell, '1.00']] }, 80)).toBeUndefined();
    expect(renderPlain({ ...base, rows: [['word '.repeat(30), '1.00']] }, 80)).toBeUndefined();
  });

  it('property: whenever it answers, the same text as the general way; it answers most plain tables', () => {
    const word = stringOf('A-Za-z0-9.,:()/-', 1, 12);
    const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
    const cell = fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 6, arbitrary: text }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 99_999_999 }).map((n) => (n / 100).toFixed(2)) }, { weight: 1, arbitrary: fc.constantFrom(' lead', 'trail ', 'two  spaces', 'x'.repeat(30)) });
    const names = fc.constantFrom('Item', 'Amount', 'Source', 'SOURCE', ' How ', 'Why', 'how / why', 'Amount / Why', 'Reason', 'Basis', 'Note', '', 'Step', 'Class IV');
    const tableOf = (n: number) =>
      fc.record({
        head: fc.array(names, { minLength: n, maxLength: n }),
        rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 14 }),
        right: fc.subarray([...Array(n).keys()]),
        title: fc.option(fc.oneof(text, fc.array(word, { minLength: 8, maxLength: 30 }).map((ws) => ws.join(' ')), fc.constant('x'.repeat(120))), { nil: undefined }),
        footnote: fc.option(fc.shuffledSubarray([...Array(n).keys()].slice(1)), { nil: undefined, freq: 4 }),
      });
    const table = fc.oneof(...[1, 2, 3, 5, 7].map(tableOf));
    const width = fc.oneof(fc.integer({ min: 20, max: 200 }), fc.constant(Infinity));
    let answered = 0;
    let noted = 0;
    fc.assert(
      fc.property(table, width, (spec, w) => {
        const got = renderPlain(spec, w);
        if (got === undefined) return;
        answered++;
        if (got.includes('\n[1] ')) noted++;
        isSame(got, general(spec, w));
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(answered).toBeGreaterThan(150);
    expect(noted).toBeGreaterThan(20);
  });
});
