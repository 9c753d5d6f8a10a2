// Small helpers shared by the benchmarks: the load, medians, growth, and API servers in child processes.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';

/** The machine's load averages (1, 5, 15 min), printed with every figure. */
export const loadAverage = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** The median: the mean of the two middle values when the count is even. */
export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
};
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

/** In a server child (forkServer): listens on an ephemeral local port and tells the parent which. */
export async function listenAndReport(app: FastifyInstance): Promise<void> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
}

/**
 * `file` run as a server child with `args` (Node flags `execArgv`; `message` sent to it first): its port once it
 * listens (listenAndReport), or an error naming `label` if it exits first.
 */
export function forkServer(
  file: string,
  args: string[],
  label: string,
  opts: { execArgv?: string[]; message?: object } = {},
): Promise<{ port: number; proc: ChildProcess }> {
  const proc = fork(file, args, { execArgv: opts.execArgv ?? process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (opts.message) proc.send(opts.message);
  return new Promise((resolve, reject) => {
    proc.once('message', (m: { port: number }) => resolve({ port: m.port, proc }));
    proc.once('exit', (code) => reject(new Error(`${label} server exited (${code})`)));
  });
}
