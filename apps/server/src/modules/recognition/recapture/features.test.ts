import { RECAPTURE_FEATURE_NAMES } from '@shtp/core/recognition';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeForRecapture } from './decode.ts';
import { extractFeatures, FEATURE_NAMES } from './features.ts';
import { spectrumStats } from './spectrum.ts';
import { edgeStats, lbpStats } from './texture.ts';

const N = 512;
const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 10_000_000 };

/** A small deterministic noise source so that the crafted images are not perfectly clean. */
function noise(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

/** Dark rectangles ("text blocks") on light paper, sharp edges, a little noise. */
function blocks(w = N, h = N, noiseLevel = 4): Float32Array {
  const g = new Float32Array(w * h);
  const n = noise(7);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const ink = (Math.floor(x / 37) + Math.floor(y / 23)) % 3 === 0 && x % 37 > 8 && y % 23 > 6;
      g[y * w + x] = (ink ? 40 : 220) + noiseLevel * n();
    }
  return g;
}

/** Separable box blur of radius r (a defocused re-capture of the same scene). */
function boxBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      let c = 0;
      for (let k = -r; k <= r; k++) {
        if (x + k < 0 || x + k >= w) continue;
        s += src[y * w + x + k] as number;
        c++;
      }
      tmp[y * w + x] = s / c;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      let c = 0;
      for (let k = -r; k <= r; k++) {
        if (y + k < 0 || y + k >= h) continue;
        s += tmp[(y + k) * w + x] as number;
        c++;
      }
      out[y * w + x] = s / c;
    }
  return out;
}

describe('recapture features on crafted images', () => {
  it('a fine oblique grid (a screen seen through a camera) makes an off-axis spectral peak; paper with text does not', () => {
    const plain = blocks();
    const grid = Float32Array.from(plain, (v, i) => v + 25 * Math.cos(2 * Math.PI * ((i % N) * 0.19 + Math.floor(i / N) * 0.11)));
    const a = spectrumStats(plain, N, N);
    const b = spectrumStats(grid, N, N);
    expect(b.peak).toBeGreaterThan(a.peak + 2);
    expect(b.peak).toBeGreaterThan(8);
  });

  it('a blurred image has wider edges and lower contrast-free sharpness', () => {
    const sharp1 = blocks();
    const blurred = boxBlur(sharp1, N, N, 3);
    const a = edgeStats(sharp1, N, N);
    const b = edgeStats(blurred, N, N);
    expect(a.width).toBeLessThan(3);
    expect(b.width).toBeGreaterThan(a.width + 2);
    expect(b.sharpness).toBeLessThan(a.sharpness * 0.6);
  });

  it('halftone dots raise the share of non-uniform LBP codes', () => {
    const paper = blocks(N, N, 0);
    const dots = Float32Array.from(paper, (v, i) => (v > 128 && (i % N) % 2 === 0 && Math.floor(i / N) % 2 === 0 ? v - 80 : v));
    expect(lbpStats(dots, N, N).nonUniform).toBeGreaterThan(lbpStats(paper, N, N).nonUniform + 0.05);
  });

  it('JPEG blocking shows at the native grid; glare and colour cast show in the colour cues', async () => {
    const smooth = Buffer.alloc(N * N * 3);
    for (let i = 0; i < N * N; i++) smooth.fill(Math.round(60 + 120 * ((i % N) / N) + 40 * Math.sin(Math.floor(i / N) / 30)), 3 * i, 3 * i + 3);
    const raw = { raw: { width: N, height: N, channels: 3 as const } };
    const q5 = await decodeForRecapture(await sharp(smooth, raw).jpeg({ quality: 5 }).toBuffer(), LIMITS);
    const png = await decodeForRecapture(await sharp(smooth, raw).png().toBuffer(), LIMITS);
    expect(extractFeatures(q5).blockiness).toBeGreaterThan(extractFeatures(png).blockiness + 0.5);

    const tinted = Buffer.from(smooth);
    const glare = Buffer.from(smooth);
    for (let i = 0; i < N * N; i++) {
      tinted[3 * i] = Math.round((tinted[3 * i] as number) * 0.8);
      if (i % N > N / 2) glare.fill(255, 3 * i, 3 * i + 3);
    }
    const neutral = extractFeatures(png);
    expect(extractFeatures({ ...png, rgb: new Uint8Array(tinted) }).colourCast).toBeGreaterThan(neutral.colourCast + 0.05);
    expect(extractFeatures({ ...png, rgb: new Uint8Array(glare) }).clipped).toBeGreaterThan(0.3);
    expect(neutral.clipped).toBe(0);
  });

  it('lists the same features, in the same order, as the response schema the console shares', () => {
    expect(FEATURE_NAMES).toEqual([...RECAPTURE_FEATURE_NAMES]);
  });
});
