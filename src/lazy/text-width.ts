// The display width of text in a terminal, as string-width 4 measures it (the version cli-table3
// uses): colour codes count nothing, East Asian wide characters and emoji two columns, control
// characters and combining marks nothing. The build aliases cli-table3's `string-width` to this
// module: the same measure with its regular expressions made once and a fast path for plain text
// (ASCII, accented letters, box drawing), which all our cells are (string-width builds a new ANSI regular expression on every call, ~30 ms
// of a first table).
import emojiRegex from 'emoji-regex';
import isFullwidthCodePoint from 'is-fullwidth-code-point';

// one column each, never part of an emoji: printable ASCII, Latin-1 and Latin extended letters,
// general punctuation (dashes, quotes, ellipsis) and the box-drawing characters of the table frame
const ASCII = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2500-\u257f]*$/;
// the pattern of ansi-regex 5 (strip-ansi 6), made once
const ANSI = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
let emoji: RegExp | undefined;

export default function stringWidth(s: string): number {
  if (typeof s !== 'string' || s.length === 0) return 0;
  if (ASCII.test(s)) return s.length;
  s = s.replace(ANSI, '');
  if (ASCII.test(s)) return s.length;
  s = s.replace((emoji ??= emojiRegex()), '  ');
  let width = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i)!;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) continue; // control characters
    if (code >= 0x300 && code <= 0x36f) continue; // combining marks
    if (code > 0xffff) i++; // surrogate pair
    width += isFullwidthCodePoint(code) ? 2 : 1;
  }
  return width;
}
