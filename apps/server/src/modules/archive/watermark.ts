import sharp from 'sharp';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

type Overlay = { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };

/** Rendered overlays by size and text, up to this many bytes (a strip of thumbnails shares one per viewer and minute). */
const OVERLAY_CACHE_BYTES = 32 * 1024 * 1024;
const overlays = new Map<string, { overlay: Promise<Overlay>; bytes: number }>();
let cachedBytes = 0;

function forget(key: string): void {
  const entry = overlays.get(key);
  if (!entry) return;
  overlays.delete(key);
  cachedBytes -= entry.bytes;
}

function overlaySvg(text: string, width: number, height: number): Buffer {
  const size = Math.max(12, Math.round(Math.min(width, height) / 28));
  const line = escapeXml(text);
  const rows: string[] = [];
  for (let y = size * 2; y < height + width; y += size * 6) {
    rows.push(`<text x="${-width / 2}" y="${y}" font-size="${size}">${`${line}　　`.repeat(4)}</text>`);
  }
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <g transform="rotate(-30 ${width / 2} ${height / 2})" fill="rgba(200,0,0,0.28)" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif">${rows.join('')}</g>
  </svg>`);
}

/** Rasterising the text (librsvg + the CJK font) is most of a thumbnail's cost: done once per size and text. */
function overlay(text: string, width: number, height: number): Promise<Overlay> {
  const key = `${width}x${height}|${text}`;
  const hit = overlays.get(key);
  if (hit) return hit.overlay;
  const bytes = width * height * 4;
  const rendered = sharp(overlaySvg(text, width, height))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => ({ data, width: info.width, height: info.height, channels: info.channels }));
  if (bytes <= OVERLAY_CACHE_BYTES / 4) {
    overlays.set(key, { overlay: rendered, bytes });
    cachedBytes += bytes;
    rendered.catch(() => forget(key));
    for (const oldest of overlays.keys()) {
      if (cachedBytes <= OVERLAY_CACHE_BYTES) break;
      forget(oldest);
    }
  }
  return rendered;
}

/**
 * Puts the viewer's name, police number and the time across the image, repeated diagonally (the usual practice for
 * personal-data images in government systems), and answers a JPEG.
 */
export async function watermark(image: Buffer, text: string, quality = 82): Promise<Buffer> {
  // The overlay has the size of the picture as shown: EXIF orientations 5–8 swap width and height.
  const meta = await sharp(image).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const o = await overlay(text, turned ? meta.height! : meta.width!, turned ? meta.width! : meta.height!);
  return sharp(image)
    .rotate()
    .composite([{ input: o.data, raw: { width: o.width, height: o.height, channels: o.channels }, top: 0, left: 0 }])
    .jpeg({ quality })
    .toBuffer();
}
