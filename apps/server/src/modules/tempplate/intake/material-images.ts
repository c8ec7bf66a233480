import type { RecaptureDocType } from '@shtp/core/recognition';
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
 * Stores the images in the platform blob store (once per content); the business keeps the digests, and for every image
 * its pixel statistics and the recognition's 翻拍 verdict where there is one (T8).
 */
export async function storeImages(
  platform: Platform,
  images: Awaited<ReturnType<typeof inspectImages>>,
  recaptures: (RecaptureVerdict | null)[],
): Promise<MaterialImage[]> {
  const stored: MaterialImage[] = [];
  for (const [i, { data, material, mime, width, height }] of images.entries()) {
    const ref = await platform.blobs.put(data, { mime });
    const recapture = recaptures[i];
    stored.push({ material, digest: ref.digest, mime, width, height, quality: await measureQuality(data), ...(recapture ? { recapture } : {}) });
  }
  return stored;
}

/**
 * The recognition's calibrated document type of each material (its threshold parameter); a material without one is
 * not checked for 翻拍. The certificate (出厂合格证明或进口凭证) is judged as the import certificate, the nearest type.
 */
const RECAPTURE_TYPE: Partial<Record<string, RecaptureDocType>> = { owner_id: 'id-card', invoice: 'vehicle-invoice', certificate: 'import-certificate' };

/**
 * The recognition module's 翻拍检测 of each image (T8), at the threshold parameter of its material's type; null for a
 * material without a calibrated type, without recognition in this zone, or when the check fails (the image is then
 * not judged for recapture, and the other T8 checks still run).
 */
export async function checkRecaptures(
  recognition: RecognitionApi | undefined,
  actor: Actor,
  images: Awaited<ReturnType<typeof inspectImages>>,
): Promise<(RecaptureVerdict | null)[]> {
  const verdicts: (RecaptureVerdict | null)[] = [];
  // One after another: the feature worker is one thread, and the intake shares the two cores.
  for (const image of images) {
    const type = RECAPTURE_TYPE[image.material];
    verdicts.push(recognition && type ? await recognition.checkRecapture(image.data, type, actor).catch(() => null) : null);
  }
  return verdicts;
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
