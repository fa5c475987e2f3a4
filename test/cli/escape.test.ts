// Control characters from input files are shown escaped (\xNN) in tables and messages, our own colour
// codes kept: checked by hand-worked cases and against the regular expressions the code used before.
import { describe, expect, it } from 'vitest';
import { isSame } from '../helpers/fast-expect';
import fc from 'fast-check';
import { escapeControls } from '../../src/cli/batch-io';
import { safeCell } from '../../src/cli/output';

const ESC = '\x1b';
// the former implementations, kept here as the oracle of the property
const oldEscape = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const oldSafe = (s: string) =>
  /[\x00-\x1f\x7f-\x9f]/.test(s) ? s.replace(/(\x1b\[[0-9;]*m)|[^\x1b]+/g, (m, sgr) => (sgr ? m : oldEscape(m))).replace(/\x1b(?!\[[0-9;]*m)/g, '\\x1B') : s;

describe('escapeControls', () => {
  it.each([
    ['plain text', 'plain text'],
    ['', ''],
    ['a\tb', 'a\\x09b'],
    ['line\r\n', 'line\\x0D\\x0A'],
    [`${ESC}[2J`, '\\x1B[2J'],
    ['\x00', '\\x00'],
    ['del\x7f', 'del\\x7F'],
    ['c1\x9b', 'c1\\x9B'],
    ['\xa0 é ü', '\xa0 é ü'], // 0xA0 and above are not control characters
  ])('%j -> %j', (input, want) => expect(escapeControls(input)).toBe(want));
});

describe('safeCell', () => {
  it.each([
    ['no control', 'no control'],
    [`${ESC}[31mred${ESC}[39m`, `${ESC}[31mred${ESC}[39m`], // our colour codes stay
    [`${ESC}[1;31mbold${ESC}[0m`, `${ESC}[1;31mbold${ESC}[0m`],
    [`${ESC}[2J wipe`, '\\x1B[2J wipe'], // not a colour code: escaped
    [`${ESC}]0;title\x07`, '\\x1B]0;title\\x07'],
    [`tail${ESC}`, 'tail\\x1B'],
    [`${ESC}[31`, '\\x1B[31'],
    [`a\bb${ESC}[32mok${ESC}[39m`, `a\\x08b${ESC}[32mok${ESC}[39m`],
  ])('%j -> %j', (input, want) => expect(safeCell(input)).toBe(want));

  it('agrees with the former regular expressions on any text of controls, brackets, digits and letters', () => {
    const ch = fc.constantFrom(ESC, '[', ']', ';', 'm', '3', '1', 'a', '\x07', '\x9b', '\x7f', '\n', 'é');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 24 }).map((a) => a.join('')), (s) => {
        isSame(safeCell(s), oldSafe(s));
        isSame(escapeControls(s), oldEscape(s));
      }),
      { numRuns: 2000 },
    );
  });
});
