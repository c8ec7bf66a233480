import { type PDFiumLibrary as Library, PDFiumLibrary } from '@hyzyla/pdfium';
import sharp from 'sharp';

/** The longest edge of a rendered page whatever the page size says (a 5-metre page must not become a gigapixel image). */
const MAX_EDGE = 4000;
let library: Promise<Library> | null = null;

export class PdfRefusal extends Error {
  constructor(
    readonly code: 'ARCHIVE_PDF_UNREADABLE' | 'ARCHIVE_PDF_TOO_MANY_PAGES',
    message: string,
  ) {
    super(message);
  }
}

interface RenderOptions {
  dpi: number;
  maxPages: number;
  quality: number;
}
type Doc = Awaited<ReturnType<Library['loadDocument']>>;
type Page = ReturnType<Doc['getPage']>;

/** Opens a PDF of at most `maxPages` pages (else a refusal with a clear message), gives it to `use`, closes it. */
async function withDocument<T>(pdf: Buffer, maxPages: number, use: (doc: Doc, count: number) => Promise<T>): Promise<T> {
  library ??= PDFiumLibrary.init();
  const lib = await library;
  let doc: Doc;
  try {
    doc = await lib.loadDocument(new Uint8Array(pdf));
  } catch {
    throw new PdfRefusal('ARCHIVE_PDF_UNREADABLE', 'PDF 文件无法打开（已损坏或已加密），请重新扫描或导出后再上传');
  }
  try {
    const count = doc.getPageCount();
    if (count === 0) throw new PdfRefusal('ARCHIVE_PDF_UNREADABLE', 'PDF 文件没有页面');
    if (count > maxPages) throw new PdfRefusal('ARCHIVE_PDF_TOO_MANY_PAGES', `PDF 共 ${count} 页，超过一次最多 ${maxPages} 页，请分册上传`);
    return await use(doc, count);
  } finally {
    doc.destroy();
  }
}

async function renderPage(page: Page, options: RenderOptions): Promise<Buffer> {
  const { originalWidth, originalHeight } = page.getOriginalSize();
  const scale = Math.min(options.dpi / 72, MAX_EDGE / Math.max(originalWidth, originalHeight, 1));
  const bitmap = await page.render({ scale, render: 'bitmap' });
  return sharp(Buffer.from(bitmap.data.buffer, bitmap.data.byteOffset, bitmap.data.byteLength), {
    raw: { width: bitmap.width, height: bitmap.height, channels: 4 },
  })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: options.quality })
    .toBuffer();
}

/**
 * Renders every page of a PDF to a JPEG (PDFium, as WebAssembly: no native library to install), so that a scanned PDF's
 * pages become pages of the archive, checked, watermarked and rendered like photographs.
 */
export function renderPdfPages(pdf: Buffer, options: RenderOptions): Promise<Buffer[]> {
  return withDocument(pdf, options.maxPages, async (doc) => {
    const pages: Buffer[] = [];
    for (const page of doc.pages()) pages.push(await renderPage(page, options));
    return pages;
  });
}

/** The first page of a PDF as a JPEG, and how many pages it has (document-type recognition reads the first page). */
export function renderPdfFirstPage(pdf: Buffer, options: RenderOptions): Promise<{ page: Buffer; count: number }> {
  return withDocument(pdf, options.maxPages, async (doc, count) => ({ page: await renderPage(doc.getPage(0), options), count }));
}
