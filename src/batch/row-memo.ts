// Memos on some cells of a row, for the batch hot paths (cost; audit's placements): no key string is
// built per row.

/** FNV-1a over a cell's characters, then a separator, so ("ab", "") and ("a", "b") differ. */
export function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x1f, 0x01000193);
}

/** A string with no tie to the text it was cut from (a slice of a 64 KB chunk keeps the chunk alive
 *  as long as it lives: a memo key must not). */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A memo on some cells of a row, by their positions in the row (-1: a column the input does not
 *  have, read as '' and left out of the key): keyed by a number hashed from the cells, then the
 *  cells compared, so no key string is built per row (for one cell a Map on the text is faster).
 *  For the batch hot paths, where a row's answer depends on a few cells that repeat (a roster's
 *  placements). */
export class RowMemo<T> {
  private m = new Map<number, { k: string[]; v: T; next: unknown }>();
  size = 0;
  /** the positions of the columns the input has (an absent one is always '': not part of the key) */
  private readonly at: readonly number[];
  constructor(at: readonly number[]) {
    this.at = at.filter((i) => i >= 0);
  }
  private hash(raw: readonly string[]): number {
    let h = 0x811c9dc5;
    for (const i of this.at) h = mix(h, raw[i] ?? '');
    return h & 0x3fffffff;
  }
  get(raw: readonly string[]): T | undefined {
    const at = this.at;
    let x = this.m.get(this.hash(raw)) as { k: string[]; v: T; next: unknown } | undefined;
    while (x) {
      const k = x.k;
      let j = 0;
      while (j < at.length && k[j] === (raw[at[j]] ?? '')) j++;
      if (j === at.length) return x.v;
      x = x.next as typeof x;
    }
    return undefined;
  }
  /** get() for a row whose cells are still in its line: cell i is text[starts[i], ends[i]) (a line
   *  the batch reader gave as text; no cell cut out of it). Same hash, same answers. */
  getIn(text: string, starts: Int32Array, ends: Int32Array): T | undefined {
    const at = this.at;
    let h = 0x811c9dc5;
    for (let j = 0; j < at.length; j++) {
      const e = ends[at[j]];
      for (let k = starts[at[j]]; k < e; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
      h = Math.imul(h ^ 0x1f, 0x01000193);
    }
    let x = this.m.get(h & 0x3fffffff) as { k: string[]; v: T; next: unknown } | undefined;
    while (x) {
      const k = x.k;
      let j = 0;
      while (j < at.length) {
        const s = starts[at[j]];
        if (k[j].length !== ends[at[j]] - s || !text.startsWith(k[j], s)) break;
        j++;
      }
      if (j === at.length) return x.v;
      x = x.next as typeof x;
    }
    return undefined;
  }
  set(raw: readonly string[], v: T): void {
    const h = this.hash(raw);
    this.m.set(h, { k: this.at.map((i) => detached(raw[i] ?? '')), v, next: this.m.get(h) });
    this.size++;
  }
  clear(): void {
    this.m.clear();
    this.size = 0;
  }
}
