import { performance } from 'node:perf_hooks';

/** Median and 95th percentile of a series of timings, in milliseconds. */
export interface Timing {
  readonly median: number;
  readonly p95: number;
}

/**
 * Runs `fn` once to warm up, then `runs` times, and answers the median and 95th percentile of those
 * runs. `before`, when given, runs before each call of `fn`, outside the measure (a write, say).
 */
export async function time(runs: number, fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<Timing> {
  await before?.();
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p95: at(0.95) };
}
