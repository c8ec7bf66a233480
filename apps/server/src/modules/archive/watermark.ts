import sharp from 'sharp';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Puts the viewer's name, police number and the time across the image, repeated diagonally (the usual practice for
 * personal-data images in government systems), and answers a JPEG.
 */
export async function watermark(image: Buffer, text: string, quality = 82): Promise<Buffer> {
  // Oriented first, so that the overlay has the size of the picture as shown.
  const { data, info } = await sharp(image).rotate().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const size = Math.max(12, Math.round(Math.min(width, height) / 28));
  const line = escapeXml(text);
  const rows: string[] = [];
  for (let y = size * 2; y < height + width; y += size * 6) {
    rows.push(`<text x="${-width / 2}" y="${y}" font-size="${size}">${`${line}　　`.repeat(4)}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <g transform="rotate(-30 ${width / 2} ${height / 2})" fill="rgba(200,0,0,0.28)" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif">${rows.join('')}</g>
  </svg>`;
  return sharp(data, { raw: { width, height, channels: info.channels } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .jpeg({ quality })
    .toBuffer();
}
