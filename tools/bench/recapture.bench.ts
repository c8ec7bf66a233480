/**
 * Recapture (翻拍) bench on the committed held-out fixtures (apps/server/test/fixtures/recapture): decode and
 * feature-extraction latency (p50/p95) on the calling thread (the compute cost), end-to-end latency through the
 * server's feature worker (the event loop only decodes and waits), and throughput with 4 requests in flight.
 *
 *   npx tsx tools/bench/recapture.bench.ts [--rounds 5] [--json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeForRecapture } from '@shtp/server/recognition/recapture/decode';
import { FeatureWorker } from '@shtp/server/recognition/recapture/feature-worker';
import { extractFeatures } from '@shtp/server/recognition/recapture/features';
import { loadModel, predict } from '@shtp/server/recognition/recapture/model';

const args = process.argv.slice(2);
const i = args.indexOf('--rounds');
const rounds = i >= 0 ? Number(args[i + 1]) : 5;
const dir = fileURLToPath(new URL('../../apps/server/test/fixtures/recapture', import.meta.url));
const LIMITS = { maxBytes: 30 * 1024 * 1024, maxPixels: 100_000_000 };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number) : 0;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
  const images = files.map((f) => readFileSync(path.join(dir, f)));
  const model = loadModel();
  const decode: number[] = [];
  const features: number[] = [];
  const total: number[] = [];
  // Warm-up (JIT, FFT tables).
  for (const b of images.slice(0, 3)) extractFeatures(await decodeForRecapture(b, LIMITS));
  for (let r = 0; r < rounds; r++) {
    for (const b of images) {
      const t0 = performance.now();
      const img = await decodeForRecapture(b, LIMITS);
      const t1 = performance.now();
      predict(model, extractFeatures(img));
      const t2 = performance.now();
      decode.push(t1 - t0);
      features.push(t2 - t1);
      total.push(t2 - t0);
    }
  }
  // Through the worker, as the server runs it: sequential latency, then throughput with 4 images in flight.
  const worker = new FeatureWorker();
  await worker.extract(await decodeForRecapture(images[0] as Buffer, LIMITS));
  const viaWorker: number[] = [];
  for (const b of images) {
    const t0 = performance.now();
    predict(model, (await worker.extract(await decodeForRecapture(b, LIMITS))).features);
    viaWorker.push(performance.now() - t0);
  }
  const queue = Array.from({ length: rounds }, () => images).flat();
  const n = queue.length;
  const w0 = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) predict(model, (await worker.extract(await decodeForRecapture(b, LIMITS))).features);
    }),
  );
  const wall = (performance.now() - w0) / 1000;
  await worker.close();
  const report = {
    machine: { cpus: os.cpus().length, node: process.version },
    images: files.length,
    rounds,
    latencyMs: {
      decode: { p50: r1(pct(decode, 50)), p95: r1(pct(decode, 95)) },
      featuresAndModel: { p50: r1(pct(features, 50)), p95: r1(pct(features, 95)), max: r1(Math.max(...features)) },
      total: { p50: r1(pct(total, 50)), p95: r1(pct(total, 95)) },
      throughWorker: { p50: r1(pct(viaWorker, 50)), p95: r1(pct(viaWorker, 95)) },
    },
    throughputPerSecond: Math.round((n / wall) * 10) / 10,
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`\n翻拍检测 bench — ${report.machine.cpus} CPUs, Node ${report.machine.node}, ${files.length} held-out fixtures × ${rounds} rounds`);
  console.table(report.latencyMs);
  console.log(
    `features on the calling thread would block the event loop ${report.latencyMs.featuresAndModel.p50} ms (p50) per image: the server runs them in a worker`,
  );
  console.log(`throughput through the worker (4 in flight, one process): ${report.throughputPerSecond} images/s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
