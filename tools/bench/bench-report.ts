/** The p-th percentile of ascending samples. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Prints one timed query: p50/p95/p99/max in ms, and whether its p95 keeps to the budget. */
export function reportLatency(label: string, ms: number[], budget: number): void {
  const s = [...ms].sort((a, b) => a - b);
  const p95 = percentile(s, 95);
  console.log(
    `${label}: p50 ${percentile(s, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms, max ${s.at(-1)!.toFixed(2)} ms — 预算 ${budget} ms ${p95 <= budget ? '✓' : '✗'}`,
  );
}

/** Times `run` `samples` times, one after another, after `warmup` untimed runs: the durations in ms. */
export async function timed(run: () => Promise<unknown>, { warmup, samples }: { warmup: number; samples: number }): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return ms;
}
