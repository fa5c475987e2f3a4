// Loaded on demand (dist/lazy/chart.cjs), only by commands that draw a chart on a terminal.
// asciichart: small, dependency-free line charts in text.
// @ts-expect-error asciichart ships no type declarations
import asciichart from 'asciichart';

export function plot(series: number[][], opts: { height?: number; min?: number; max?: number; format?: (x: number) => string; colors?: string[] }): string {
  return (asciichart as { plot(s: number[][], o: object): string }).plot(series, opts);
}
