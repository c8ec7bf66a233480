import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { watermark } from './watermark.ts';

const page = (orientation?: number) => {
  const image = sharp({ create: { width: 300, height: 420, channels: 3, background: '#ffffff' } }).jpeg();
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
};
const redness = async (jpeg: Buffer) => {
  const { data } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let i = 0; i < data.length; i += 3) if (data[i]! - data[i + 1]! > 20) red++;
  return red;
};

describe('watermark', () => {
  it('draws the text across the page as shown (EXIF orientation applied first) and answers a JPEG', async () => {
    const marked = await watermark(await page(6), '测试民警 000001 2026/12/03 17:40');
    const meta = await sharp(marked).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 420, 300]);
    expect(await redness(marked)).toBeGreaterThan(100);
    expect(await redness(await page())).toBe(0);
  });

  it('gives each viewer their own mark, and the same viewer the same one (the rendered overlay is reused)', async () => {
    const image = await page();
    const a = await watermark(image, '测试民警 000001 2026/12/03 17:40');
    const again = await watermark(image, '测试民警 000001 2026/12/03 17:40');
    const b = await watermark(image, '另一民警 000002 2026/12/03 17:40');
    expect(again.equals(a)).toBe(true);
    expect(b.equals(a)).toBe(false);
  });
});
