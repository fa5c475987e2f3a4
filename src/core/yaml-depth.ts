// The nesting check every YAML file gets before it is parsed (the rules reader and cba check's own
// reader of check files): no yaml or zod here, so a reader outside the validate chunk can use it.

/** The line where [ and { (outside quotes and comments) nest deeper than `max`, or 0. Checked before
 *  parsing: the parser recurses once per level, and a file of 100,000 brackets would exhaust it. A
 *  regular expression finds each bracket, quote and # in turn (V8 scans for them in native code: a
 *  loop over every character in JavaScript took three times as long on the rules files, ten times on
 *  a file of 1,500 indented lines); the line is counted only for the answer. */
export function flowDepthOver(text: string, max: number): number {
  const special = /[[\]{}#"']/g;
  let depth = 0;
  let escaped = 0; // line breaks after a backslash in "...", not counted (as the reader of the text has it)
  while (special.test(text)) {
    const i = special.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) return lineAt(text, i) - escaped;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (c === 35) {
      // a comment: # at the start or after a space, to the end of the line
      if (i === 0 || text.charCodeAt(i - 1) <= 32) {
        const end = text.indexOf('\n', i);
        if (end < 0) return 0;
        special.lastIndex = end;
      }
    } else if (i === 0 || /[\s[{,:]/.test(text[i - 1])) {
      // a quoted scalar, to its closing quote ("..." with backslash escapes)
      let j = i + 1;
      if (c === 34) {
        for (; j < text.length && text.charCodeAt(j) !== 34; j++) if (text.charCodeAt(j) === 92 && text.charCodeAt(++j) === 10) escaped++;
      } else j = text.indexOf("'", j);
      if (j < 0 || j >= text.length) return 0;
      special.lastIndex = j + 1;
    }
  }
  return 0;
}

/** The line of the character at i (1 for the first). */
function lineAt(text: string, i: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

/**
 * The line where block mappings (a `key:` line opening a more indented block under it) nest deeper
 * than `max`, or 0: the same depth the reader refuses after parsing (a map or list nested more than
 * `max` deep), found before parsing, since a file of 1,500 such lines costs the parser its whole
 * stack and a tenth of a second. Counts only what it is sure of: the content of block scalars
 * (`|`, `>`) is skipped, and a file with a tab before a line, a line with quotes, an unclosed [ or {,
 * or a `?` key is left to the parser (0).
 */
export function blockDepthOver(text: string, max: number): number {
  const open: number[] = []; // the indentation of each `key:` line whose block the current line is in
  let scalar = -1; // inside a block scalar: the indentation its lines are deeper than
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - start;
    const c = text.charCodeAt(i);
    if (i < end && c !== 13 && c !== 35 && !(scalar >= 0 && indent > scalar)) {
      scalar = -1;
      if (c === 9) return 0;
      const body = text.slice(i, end).replace(/\s+#.*$/, '').replace(/\s+$/, '');
      if (/["'\t]/.test(body) || c === 63) return 0;
      let flow = 0;
      for (let k = 0; k < body.length; k++) {
        const b = body.charCodeAt(k);
        if (b === 91 || b === 123) flow++;
        else if (b === 93 || b === 125) flow--;
      }
      if (flow !== 0) return 0;
      while (open.length && open[open.length - 1] >= indent) open.pop();
      if (open.length > max) return line;
      if (/(?:^|:\s|^-\s)\s*[|>][0-9+-]*$/.test(body)) scalar = indent;
      else if (c !== 45 && body.endsWith(':') && !/:\s/.test(body)) open.push(indent);
    }
    start = end + 1;
  }
  return 0;
}
