// Small helpers shared by the A/B benchmarks (bench:window, bench:merge, bench:load).
import os from 'node:os';

/** The machine's load averages (1, 5, 15 min), printed with every figure. */
export const loadAverage = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** The median of a sample (the upper one of an even count). */
export const p50 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * For each label, each column's p50 at the largest size over the smallest: `results` in size order, one row per
 * size and label. Prints nothing for a single size.
 */
export function printGrowth<C extends string>(results: ReadonlyArray<{ label: string } & Record<C, number>>, labels: readonly string[], columns: readonly C[], title: string, width: number): void {
  if (new Set(results.map((r) => r.label)).size === results.length) return;
  console.log(`\ngrowth, smallest to largest size (${title}):`);
  for (const label of labels) {
    const rows = results.filter((r) => r.label === label);
    const [first, last] = [rows[0]!, rows[rows.length - 1]!];
    console.log(`  ${label.padEnd(width)} ${columns.map((c) => `${c} ${(last[c] / first[c]).toFixed(2)}x`).join('  ')}`);
  }
}
