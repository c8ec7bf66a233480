import jsqrModule from 'jsqr';
import sharp from 'sharp';
import type { Quad, RgbImage } from '../engine/types.ts';
import { parseAmountFigures } from '../parse/amount.ts';

/**
 * The invoice QR code. Content, in the format commonly described for Chinese VAT invoices (secondary sources, not an
 * official specification — an assumption, see README): `01,<type>,<发票代码>,<发票号码>,<金额>,<YYYYMMDD>,<校验码>,<CRC>`,
 * 发票代码 empty on 数电 invoices, 金额 = the amount before tax. The CRC's algorithm is not public: never checked.
 */
type JsQr = typeof jsqrModule.default;
/** jsqr is a CommonJS bundle: depending on the loader's interop its default import is the function or `{ default }`. */
const jsqrExport = jsqrModule as unknown as JsQr | { default: JsQr };
const jsQR: JsQr = typeof jsqrExport === 'function' ? jsqrExport : jsqrExport.default;

export interface InvoiceQr {
  raw: string;
  type: string;
  invoiceCode: string | null;
  invoiceNumber: string;
  /** Fen. */
  amount: number;
  /** YYYY-MM-DD */
  issueDate: string;
  checkCode: string | null;
}

export function parseInvoiceQr(raw: string): InvoiceQr | null {
  const parts = raw.trim().split(/[,，]/);
  if (parts.length < 7 || parts[0] !== '01') return null;
  const [, type, code, number, amount, date, checkCode] = parts as [string, string, string, string, string, string, string];
  const fen = parseAmountFigures(amount);
  if (!/^\d{8}$|^\d{20}$/.test(number) || fen === null || !/^\d{8}$/.test(date)) return null;
  return {
    raw,
    type,
    invoiceCode: code || null,
    invoiceNumber: number,
    amount: fen,
    issueDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
    checkCode: checkCode || null,
  };
}

export interface DecodedQr {
  text: string;
  /** Where it was found, in the pixels of the image given. */
  box: Quad;
}

/** Regions tried in order: the corners (where invoices print it), then the whole image; each at full and half size. */
const REGIONS: [number, number, number, number][] = [
  [0, 0, 0.5, 0.5],
  [0.5, 0, 0.5, 0.5],
  [0, 0.5, 0.5, 0.5],
  [0.5, 0.5, 0.5, 0.5],
  [0, 0, 1, 1],
];
const SCALES = [1, 0.5];

/**
 * Finds and decodes a QR code with jsQR on the RGB image: corners first, then the whole image, at 1× and 0.5× (a
 * smaller image sometimes decodes a blurred or JPEG-noisy code). Crops and scaling run in sharp (libuv pool).
 */
export async function decodeQr(image: RgbImage): Promise<DecodedQr | null> {
  for (const [rx, ry, rw, rh] of REGIONS) {
    const left = Math.floor(rx * image.width);
    const top = Math.floor(ry * image.height);
    const width = Math.max(1, Math.min(image.width - left, Math.ceil(rw * image.width)));
    const height = Math.max(1, Math.min(image.height - top, Math.ceil(rh * image.height)));
    for (const scale of SCALES) {
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      const { data } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
        .extract({ left, top, width, height })
        .resize(w, h)
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), w, h, { inversionAttempts: 'dontInvert' });
      if (found?.data) {
        const l = found.location;
        const back = (p: { x: number; y: number }): [number, number] => [Math.round(left + p.x / scale), Math.round(top + p.y / scale)];
        return { text: found.data, box: [back(l.topLeftCorner), back(l.topRightCorner), back(l.bottomRightCorner), back(l.bottomLeftCorner)] };
      }
    }
  }
  return null;
}
