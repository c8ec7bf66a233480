import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measureQuality } from './image-quality.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/recognition/documents/${name}`, import.meta.url));

describe('image quality statistics (T8)', () => {
  it('a clean invoice scan is sharp with contrast; blurring it drops the sharpness, darkening it the contrast', async () => {
    const clean = fixture('invoice-01.jpg');
    const original = await measureQuality(clean);
    expect(original.sharpness).toBeGreaterThan(30);
    expect(original.contrast).toBeGreaterThan(30);
    const blurred = await measureQuality(await sharp(clean).blur(3).jpeg().toBuffer());
    expect(blurred.sharpness).toBeLessThan(original.sharpness / 4);
    const faded = await measureQuality(await sharp(clean).linear(0.25, 20).jpeg().toBuffer());
    expect(faded.contrast).toBeLessThan(original.contrast / 3);
    expect(faded.brightness).toBeLessThan(original.brightness);
  });

  it('ranks the labelled fixtures: the low-contrast invoice and the blurred licence fall below the clean ones', async () => {
    const lowContrast = await measureQuality(fixture('invoice-08.jpg'));
    const blurred = await measureQuality(fixture('licence-02.jpg'));
    const clean = await measureQuality(fixture('invoice-03.jpg'));
    expect(lowContrast.contrast).toBeLessThan(20);
    expect(clean.contrast).toBeGreaterThan(20);
    expect(blurred.sharpness).toBeLessThan(12);
    expect(clean.sharpness).toBeGreaterThan(12);
  });
});
