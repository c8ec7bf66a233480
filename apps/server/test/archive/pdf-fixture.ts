/**
 * A small PDF whose pages draw the given content streams (PDF operators, e.g. `0 0 0 rg 60 700 300 12 re f`) on A4,
 * with a correct cross-reference table: a synthetic scanned document for the PDF page split.
 */
export function pdfOf(pages: string[]): Buffer {
  return pdfOfObjects(pages.length, (i) => [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + i * 2} 0 R >>`, stream(pages[i]!)]);
}

/**
 * A one-page PDF showing a JPEG across the whole page (a scan saved as PDF), scanned at `dpi`: the page is the image's
 * size at that resolution (72 by default: a point per pixel), so a PDF rendered at the scan's resolution gives the
 * image's pixels back.
 */
export function pdfOfJpeg(jpeg: Buffer, width: number, height: number, dpi = 72): Buffer {
  const image = `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n${jpeg.toString('latin1')}\nendstream`;
  const [w, h] = [(width * 72) / dpi, (height * 72) / dpi].map((v) => Math.round(v * 100) / 100);
  return pdfOfObjects(1, () => [
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>`,
    stream(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`),
    image,
  ]);
}

const stream = (content: string) => `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

/** Catalog, page tree, then per page its objects (the page first, numbered from 3 in steps of the objects per page). */
function pdfOfObjects(count: number, pageObjects: (i: number) => string[]): Buffer {
  const perPage = pageObjects(0).length;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: count }, (_, i) => `${3 + i * perPage} 0 R`).join(' ')}] /Count ${count} >>`,
  ];
  for (let i = 0; i < count; i++) objects.push(...pageObjects(i));
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Ruled "text" lines of a form page, distinct per label. */
export const formPage = (label: number): string =>
  Array.from({ length: 20 }, (_, i) => `0 0 0 rg 60 ${760 - i * 34} ${200 + ((i * 37 + label * 53) % 300)} 12 re f`).join('\n');
