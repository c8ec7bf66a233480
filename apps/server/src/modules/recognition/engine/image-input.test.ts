import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { prepareImage, sniffImage } from './image-input.ts';

const limits = { maxBytes: 1024 * 1024, maxPixels: 4_000_000, maxSide: 800 };

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
};

describe('image input', () => {
  it('sniffs the type from the bytes', async () => {
    const img = sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } });
    expect(sniffImage(await img.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImage(await img.clone().png().toBuffer())).toBe('png');
    expect(sniffImage(await img.clone().webp().toBuffer())).toBe('webp');
    expect(sniffImage(Buffer.from('BM\0\0'))).toBe('bmp');
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('refuses empty, oversized, unsupported, corrupt, too small and too many pixels', async () => {
    expect(await codeOf(prepareImage(new Uint8Array(), limits))).toBe('400 IMAGE_EMPTY');
    expect(await codeOf(prepareImage(new Uint8Array(limits.maxBytes + 1), limits))).toBe('413 IMAGE_TOO_LARGE');
    expect(await codeOf(prepareImage(Buffer.from('BM this is a bitmap'), limits))).toBe('415 IMAGE_TYPE_UNSUPPORTED');
    expect(await codeOf(prepareImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), limits))).toBe('400 IMAGE_CORRUPT');
    const tiny = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(await codeOf(prepareImage(tiny, limits))).toBe('400 IMAGE_TOO_SMALL');
    const big = await sharp({ create: { width: 2100, height: 2000, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(await codeOf(prepareImage(big, limits))).toBe('400 IMAGE_TOO_MANY_PIXELS');
  });

  it('applies EXIF orientation, flattens alpha on white and scales down to the working size', async () => {
    // 1200 × 400 stored, orientation 6 (rotate 90° clockwise to view): upright it is 400 × 1200.
    const stored = await sharp({ create: { width: 1200, height: 400, channels: 3, background: '#336699' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const p = await prepareImage(stored, limits);
    expect(p.original).toEqual({ width: 400, height: 1200 });
    expect([p.image.width, p.image.height]).toEqual([267, 800]);
    expect(p.scale).toBeCloseTo(267 / 400, 5);
    expect(p.image.data.length).toBe(267 * 800 * 3);
    const transparent = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const t = await prepareImage(transparent, limits);
    expect([...t.image.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });
});
