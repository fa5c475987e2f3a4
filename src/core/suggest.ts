/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** The nearest names: substring matches first, then by edit distance (at most 3). */
export function nearest(input: string, names: string[], max = 3): string[] {
  const q = input.toLowerCase();
  const sub = names.filter((n) => n.includes(q) || q.includes(n));
  const close = names
    .map((n) => [n, distance(q, n)] as const)
    .filter(([n, d]) => d <= Math.max(2, Math.floor(q.length / 3)) && !sub.includes(n))
    .sort((x, y) => x[1] - y[1])
    .map(([n]) => n);
  return [...sub, ...close].slice(0, max);
}
