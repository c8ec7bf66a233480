import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeForRecapture } from './decode.ts';
import { FeatureWorker } from './feature-worker.ts';
import { extractFeatures } from './features.ts';

const file = fileURLToPath(new URL('../../../../test/fixtures/recapture/id-card-09-screen-laptop.jpg', import.meta.url));
const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };
const worker = new FeatureWorker();
afterAll(() => worker.close());

describe('recapture feature worker', () => {
  it('computes the same features as the calling thread, off the event loop', async () => {
    const img = await decodeForRecapture(readFileSync(file), LIMITS);
    const here = extractFeatures(img);
    let ticks = 0;
    let spinning = true;
    const spin = () => {
      ticks++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const { features } = await worker.extract(img);
    spinning = false;
    expect(features).toEqual(here);
    // The event loop kept turning while the worker computed (≥ tens of ms of numeric loops, plus its start-up).
    expect(ticks).toBeGreaterThan(20);
    // The caller's buffers are untouched (copies are transferred).
    expect(img.rgb.byteLength).toBeGreaterThan(0);
  }, 30_000);
});
