import type { BusinessIntake } from '@shtp/core/tempplate';
import type { Actor } from '../../../platform/audit/actor.ts';
import { ContentRefusal, inspectContent } from '../../../platform/blobs/blob-content.ts';
import { badRequest } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { ReadField, RecaptureVerdict, RecognitionApi } from '../../recognition/recognition.api.ts';
import type { InvoiceReading, ReadValue } from '../rules/rule.ts';
import type { MaterialImage } from '../tempplate.table.ts';
import { measureQuality } from './image-quality.ts';

const LIMITS = { maxBytes: 6 * 1024 * 1024, maxPixels: 40_000_000 };

type Images = NonNullable<BusinessIntake['images']>;

/** Checks each image by its content (JPEG or PNG, size, pixels) before anything is stored: a bad one refuses the business. */
export async function inspectImages(images: Images): Promise<{ data: Buffer; material: string; mime: string; width: number | null; height: number | null }[]> {
  const out = [];
  for (const [i, image] of images.entries()) {
    const data = Buffer.from(image.data, 'base64');
    try {
      const seen = await inspectContent(data, LIMITS);
      if (seen.mime !== 'image/jpeg' && seen.mime !== 'image/png') throw new ContentRefusal(415, 'FILE_TYPE_UNSUPPORTED', '影像须为 JPEG 或 PNG 图片');
      out.push({ data, material: image.material, mime: seen.mime, width: seen.width, height: seen.height });
    } catch (err) {
      if (!(err instanceof ContentRefusal)) throw err;
      throw badRequest('VALIDATION_FAILED', `第 ${i + 1} 张影像无效：${err.message}`, [{ field: `images.${i}.data`, message: err.message }]);
    }
  }
  return out;
}

/**
 * Stores the images in the platform blob store (once per content); the business keeps the digests, and for the
 * invoice its pixel statistics and the recognition's 翻拍 verdict (T8).
 */
export async function storeImages(
  platform: Platform,
  images: Awaited<ReturnType<typeof inspectImages>>,
  invoiceRecapture: RecaptureVerdict | null,
): Promise<MaterialImage[]> {
  const stored: MaterialImage[] = [];
  for (const { data, material, mime, width, height } of images) {
    const ref = await platform.blobs.put(data, { mime });
    const judged = material === 'invoice' ? { quality: await measureQuality(data), ...(invoiceRecapture ? { recapture: invoiceRecapture } : {}) } : {};
    stored.push({ material, digest: ref.digest, mime, width, height, ...judged });
  }
  return stored;
}

/**
 * The recognition module's 翻拍检测 of the invoice image (T8), at its threshold parameter for vehicle invoices; null
 * without an invoice image, without recognition in this zone, or when the check fails (the image is then not judged
 * for recapture, and the other T8 checks still run).
 */
export async function checkInvoiceRecapture(
  recognition: RecognitionApi | undefined,
  actor: Actor,
  images: Awaited<ReturnType<typeof inspectImages>>,
): Promise<RecaptureVerdict | null> {
  const invoice = images.find((i) => i.material === 'invoice');
  if (!invoice || !recognition) return null;
  return recognition.checkRecapture(invoice.data, 'vehicle-invoice', actor).catch(() => null);
}

const percent = (f: ReadField): ReadValue => ({ value: f.value, confidence: Math.round(f.confidence * 100), box: f.box });
/** What a failed recognition leaves: every value unreadable (a warning of its own), never a silent pass. */
const UNREAD: ReadValue = { value: null, confidence: 0, box: null };

/**
 * Reads the invoice image through the recognition module's API (T4–T6 input); null when the business has no invoice
 * image or recognition is not mounted in this zone. A refused image or an engine failure reads as unreadable.
 */
export async function readInvoiceImage(
  recognition: RecognitionApi | undefined,
  actor: Actor,
  images: Awaited<ReturnType<typeof inspectImages>>,
): Promise<InvoiceReading | null> {
  const invoice = images.find((i) => i.material === 'invoice');
  if (!invoice || !recognition) return null;
  try {
    const r = await recognition.readInvoice(invoice.data, actor);
    return {
      document: { kind: r.kind, width: r.image.width, height: r.image.height },
      vin: percent(r.vin),
      buyerIdNumber: percent(r.buyerId),
      buyerName: percent(r.buyerName),
    };
  } catch {
    return { vin: UNREAD, buyerIdNumber: UNREAD, buyerName: UNREAD };
  }
}
