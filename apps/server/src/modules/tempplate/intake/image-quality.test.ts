import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEMO_INVOICES } from '../demo/demo-images.ts';
import { tempplateParams } from '../tempplate.params.ts';
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

  it('cropping: a scan cut on one side has content in that side’s outer strip; whole or tilted scans stay under the default', async () => {
    const limit = tempplateParams.maxEdgeContent.defaultValue;
    for (const file of ['invoice-01.jpg', 'licence-01.jpg', 'residence-01.jpg', 'invoice-04.jpg', 'tax-02.jpg']) {
      const { edges } = await measureQuality(fixture(file));
      for (const side of ['top', 'right', 'bottom', 'left'] as const) expect(edges?.[side], `${file} ${side}`).toBeLessThan(limit);
    }
    const clean = fixture('invoice-01.jpg');
    const { width = 0, height = 0 } = await sharp(clean).metadata();
    const cutLeft = await sharp(clean)
      .extract({ left: Math.round(width * 0.1), top: 0, width: Math.round(width * 0.9), height })
      .jpeg()
      .toBuffer();
    const cut = (await measureQuality(cutLeft)).edges;
    expect(cut?.left).toBeGreaterThan(limit * 2);
    expect(cut?.right).toBeLessThan(limit);
    const cutBottom = await sharp(fixture('licence-01.jpg')).extract({ left: 0, top: 0, width: 1340, height: 765 }).jpeg().toBuffer();
    expect((await measureQuality(cutBottom)).edges?.bottom).toBeGreaterThan(limit);
  });

  it("the demo's invoices pass T8's quality checks at the default parameters: sharp, with contrast, not cut off", async () => {
    for (const file of DEMO_INVOICES) {
      const q = await measureQuality(fixture(file));
      expect(q.sharpness, file).toBeGreaterThan(tempplateParams.minSharpness.defaultValue);
      expect(q.contrast, file).toBeGreaterThan(tempplateParams.minContrast.defaultValue);
      expect(Math.max(...Object.values(q.edges ?? {})), file).toBeLessThan(tempplateParams.maxEdgeContent.defaultValue);
    }
  });
});
