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
