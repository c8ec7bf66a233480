import { existsSync, readFileSync } from 'node:fs';
import type { BusinessIntake } from '@shtp/core/tempplate';

/** The synthetic invoices of the recognition tests (tools/recognition-fixtures; nothing real), present in a development checkout. */
const FIXTURES = new URL('../../../../test/fixtures/recognition/documents/', import.meta.url);
/**
 * Clean invoices of private buyers: the first and third match their business, the others carry another VIN (T4). They
 * pass T8 (judged originals by 翻拍检测, above the quality thresholds: intake/image-quality.test.ts), so the demo's
 * T8 warnings, if any, are the generator's.
 */
export const DEMO_INVOICES = ['invoice-01.jpg', 'invoice-07.jpg', 'invoice-03.jpg', 'invoice-11.jpg'];
const MATCHING = 2;

interface Truth {
  items: { file: string; truth: { buyerName: string; buyerId: string; vin: string } }[];
}

/**
 * Gives the last few purchased businesses of the demo year (in issue order) a scanned invoice, so that at first start the warnings of T4 show
 * the document beside the evidence: the owner and the invoice data are the invoice's buyer; half keep the invoice's
 * VIN, half their own (the image then disagrees with the business). Without the fixtures (not a checkout) nothing changes.
 */
export function withInvoiceImages(businesses: BusinessIntake[]): BusinessIntake[] {
  if (!existsSync(new URL('truth.json', FIXTURES))) return businesses;
  const truth = (JSON.parse(readFileSync(new URL('truth.json', FIXTURES), 'utf8')) as Truth).items;
  // The last of the year: their invoices are read (seconds each) after the rest of the demo is in.
  const targets = businesses.filter((b) => b.caseType === 'purchased' && b.invoice).slice(-DEMO_INVOICES.length);
  for (const [i, b] of targets.entries()) {
    const file = DEMO_INVOICES[i]!;
    const t = truth.find((x) => x.file === file)!.truth;
    const vin = i < MATCHING ? t.vin : b.vin;
    Object.assign(b, {
      vin,
      owner: { name: t.buyerName, idType: 'A', idNumber: t.buyerId },
      ownerRegion: t.buyerId.slice(0, 6),
      invoice: { ...b.invoice!, buyerName: t.buyerName, buyerIdNumber: t.buyerId, vin },
      images: [{ material: 'invoice', data: readFileSync(new URL(file, FIXTURES)).toString('base64') }],
    });
  }
  return businesses;
}
