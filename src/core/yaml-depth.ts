// The nesting check every YAML file gets before it is parsed (the rules reader and cba check's own
// reader of check files): no yaml or zod here, so a reader outside the validate chunk can use it.

/** The line where [ and { (outside quotes and comments) nest deeper than `max`, or 0. Checked before
 *  parsing: the parser recurses once per level, and a file of 100,000 brackets would exhaust it. */
export function flowDepthOver(text: string, max: number): number {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 91 || c === 123) {
      if (++depth > max) return line;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if ((c === 34 || c === 39) && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) {
      for (i++; i < text.length && text.charCodeAt(i) !== c; i++) {
        if (text.charCodeAt(i) === 10) line++;
        if (c === 34 && text.charCodeAt(i) === 92) i++;
      }
    }
  }
  return 0;
}
