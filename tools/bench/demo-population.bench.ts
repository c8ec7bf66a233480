/**
 * The server's event loop while the default demo population fills a new embedded database (issue #20, ADR 0022):
 *
 *   npm run bench -- demo-population                 60 s of the default population (200 000 e-bikes, 1 500 temp plates)
 *   BENCH_SECONDS=120 npm run bench -- demo-population
 *
 * The real server (apps/server/src/main.ts) on a new DATA_DIR; from this process /api/health (no database, no session)
 * is asked every 50 ms. Its answer time is the delay of the server's event loop plus a local round trip, so its
 * p50/p99/max are the figure (printed with the load average: on a shared machine they move with the other work).
 */
import os from 'node:os';
import { startServer } from '@shtp/testkit/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
if (!(SECONDS >= 5)) {
  console.error('BENCH_SECONDS 须不小于 5');
  process.exit(2);
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`load average before: ${load()}`);
const server = await startServer({ console: false, env: { DEMO_EBIKES: '200000', DEMO_TEMP_PLATES: '1500' } });
try {
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000) {
    const asked = performance.now();
    await fetch(`${server.baseUrl}/api/health`).then((r) => r.arrayBuffer());
    times.push(performance.now() - asked);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => `${sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0)} ms`;
  console.log(`/api/health during the demo population, ${sorted.length} answers in ${SECONDS} s: p50 ${at(0.5)}  p99 ${at(0.99)}  max ${at(1)}`);
} finally {
  await server.stop();
  console.log(`load average after: ${load()}`);
}
