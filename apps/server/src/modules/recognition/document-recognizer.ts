import { type Classification, classifyDocument, type DocType } from './classify/classify.ts';
import type { OcrEngine } from './engine/ocr-engine.ts';
import type { OcrLine, Quad, RgbImage } from './engine/types.ts';
import { decodeQr, type InvoiceQr, parseInvoiceQr } from './invoice/qr.ts';
import { type LicenceReading, readBusinessLicence } from './parse/business-licence.ts';
import type { Check, Field } from './parse/facts.ts';
import { type IdCardReading, readIdCard } from './parse/id-card.ts';
import { ID_CHARSET } from './parse/id-number.ts';
import { findVin } from './parse/identifiers.ts';
import { type ImportCertificateReading, importChecks, readImportCertificate } from './parse/import-certificate.ts';
import { type InvoiceReading, invoiceChecks, readInvoice } from './parse/invoice.ts';
import { type ResidencePermitReading, readResidencePermit } from './parse/residence-permit.ts';
import { readTaxRegistration, type TaxRegistrationReading } from './parse/tax-registration.ts';
import { readUsccCertificate, type UsccCertificateReading } from './parse/uscc-certificate.ts';
import { type RecognitionMeta, type RecognizeOptions, Recognizer, scaleFields, scaleQuad } from './recognizer.ts';

/** VIN alphabet (no I, O, Q): the engine's restricted decode recovers VINs read with look-alike letters. */
export const VIN_CHARSET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const CHARSETS = { vin: VIN_CHARSET, id: ID_CHARSET };
/** A VIN that fails its check is read again from its box, stretched: CTC drops one of two equal narrow letters (JJ). */
const REREAD_STRETCH = 1.3;
const REREAD_MARGINS = [2, 4, 8];

export interface InvoiceQrResult {
  /** The decoded content, null when no QR code was found or decoded. */
  content: string | null;
  parsed: InvoiceQr | null;
  box: Quad | null;
}

export type ClassifiedReading =
  | { type: 'motor-invoice' | 'digital-invoice'; invoice: InvoiceReading }
  | { type: 'business-licence'; licence: LicenceReading }
  | { type: 'import-certificate'; importCertificate: ImportCertificateReading }
  | { type: 'residence-permit'; residencePermit: ResidencePermitReading }
  | { type: 'tax-registration'; taxRegistration: TaxRegistrationReading }
  | { type: 'uscc-certificate'; usccCertificate: UsccCertificateReading }
  | { type: 'id-card-front' | 'id-card-back'; idCard: IdCardReading }
  | { type: 'other' };

/**
 * The phase-2 document readers (invoices, licences, import certificates, residence permits, classification) on the
 * shared engine: one OCR job per image, the parser of the type, a second look at a VIN that fails its check, and
 * boxes mapped back to the uploaded image's pixels.
 */
export class DocumentRecognizer {
  private readonly base: Recognizer;

  constructor(private readonly engine: OcrEngine) {
    this.base = new Recognizer(engine);
  }

  async invoice(buf: Uint8Array, opts: RecognizeOptions): Promise<{ reading: InvoiceReading; qr: InvoiceQrResult } & RecognitionMeta> {
    const { prepared, lines, meta } = await this.base.run(buf, opts, 'document', CHARSETS);
    const [reading, decoded] = await Promise.all([this.readInvoice(lines, prepared.image, opts), decodeQr(prepared.image)]);
    const qr: InvoiceQrResult = decoded
      ? { content: decoded.text, parsed: parseInvoiceQr(decoded.text), box: scaleQuad(decoded.box, prepared.scale) }
      : { content: null, parsed: null, box: null };
    return { reading: scaleFields(reading, prepared.scale), qr, ...meta };
  }

  async licence(buf: Uint8Array, opts: RecognizeOptions): Promise<{ reading: LicenceReading } & RecognitionMeta> {
    const { prepared, lines, meta } = await this.base.run(buf, opts, 'document', CHARSETS);
    return { reading: scaleFields(readBusinessLicence(lines), prepared.scale), ...meta };
  }

  async importCertificate(buf: Uint8Array, opts: RecognizeOptions): Promise<{ reading: ImportCertificateReading } & RecognitionMeta> {
    const { prepared, lines, meta } = await this.base.run(buf, opts, 'document', CHARSETS);
    return { reading: scaleFields(await this.readImport(lines, prepared.image, opts), prepared.scale), ...meta };
  }

  /** Classifies the image and reads it with the parser of its type. */
  async classify(buf: Uint8Array, opts: RecognizeOptions): Promise<{ classification: Classification; reading: ClassifiedReading } & RecognitionMeta> {
    const { prepared, lines, meta } = await this.base.run(buf, opts, 'document', CHARSETS);
    const classification = classifyDocument(lines, prepared.image);
    const reading = await this.readAs(classification.type, lines, prepared.image, opts);
    return { classification, reading: scaleFields({ reading, checks: [] as Check[] }, prepared.scale).reading, ...meta };
  }

  private async readAs(type: DocType, lines: OcrLine[], image: RgbImage, opts: RecognizeOptions): Promise<ClassifiedReading> {
    switch (type) {
      case 'motor-invoice':
      case 'digital-invoice':
        return { type, invoice: await this.readInvoice(lines, image, opts) };
      case 'business-licence':
        return { type, licence: readBusinessLicence(lines) };
      case 'import-certificate':
        return { type, importCertificate: await this.readImport(lines, image, opts) };
      case 'residence-permit':
        return { type, residencePermit: readResidencePermit(lines) };
      case 'tax-registration':
        return { type, taxRegistration: readTaxRegistration(lines) };
      case 'uscc-certificate':
        return { type, usccCertificate: readUsccCertificate(lines) };
      case 'id-card-front':
        return { type, idCard: readIdCard(lines, 'front') };
      case 'id-card-back':
        return { type, idCard: readIdCard(lines, 'back') };
      case 'other':
        return { type };
    }
  }

  private async readInvoice(lines: OcrLine[], image: RgbImage, opts: RecognizeOptions): Promise<InvoiceReading> {
    const reading = readInvoice(lines);
    const vin = await this.rereadVin(reading.fields.vin, image, opts);
    if (vin === reading.fields.vin) return reading;
    const fields = { ...reading.fields, vin };
    return { ...reading, fields, checks: invoiceChecks(reading.kind, fields) };
  }

  private async readImport(lines: OcrLine[], image: RgbImage, opts: RecognizeOptions): Promise<ImportCertificateReading> {
    const reading = readImportCertificate(lines);
    const vin = await this.rereadVin(reading.fields.vin, image, opts);
    if (vin === reading.fields.vin) return reading;
    const fields = { ...reading.fields, vin };
    return { fields, checks: importChecks(fields) };
  }

  /**
   * A VIN that was read but fails its check, read again from its box: crops with a few margins (the recogniser is
   * sensitive to them), each plain, restricted to the VIN alphabet and stretched. A reading that verifies is taken only
   * if it is the first reading with one character inserted (the letter CTC dropped) or at least two readings agree, so
   * that a chance pass of the check digit (one in eleven) on a wrong reading is not accepted.
   */
  private async rereadVin(vin: Field, image: RgbImage, opts: RecognizeOptions): Promise<Field> {
    const first = vin.value;
    if (!first || !vin.source || findVin(first)?.valid) return vin;
    const seen = new Map<string, { n: number; confidence: number }>();
    for (const pad of REREAD_MARGINS) {
      const out = await this.engine.recognize(
        { mode: 'line', image: crop(image, vin.source.box, pad), charsets: { vin: VIN_CHARSET }, stretches: [REREAD_STRETCH] },
        opts.run,
      );
      for (const l of out.lines) {
        const valid = new Set(
          [l.text, l.alt.vin?.text ?? '']
            .map((t) => findVin(t))
            .filter((f) => f?.valid)
            .map((f) => f?.value as string),
        );
        for (const v of valid) seen.set(v, { n: (seen.get(v)?.n ?? 0) + 1, confidence: Math.max(seen.get(v)?.confidence ?? 0, l.confidence) });
      }
      const pick = [...seen.entries()].find(([v, s]) => s.n >= 2 || oneInserted(first, v));
      if (pick) return { ...vin, value: pick[0], confidence: Math.min(vin.confidence, Math.round(pick[1].confidence * 1000) / 1000) };
    }
    return vin;
  }
}

/** Whether `longer` is `shorter` with exactly one character inserted somewhere. */
function oneInserted(shorter: string, longer: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  return shorter.slice(i) === longer.slice(i + 1);
}

/** The axis-aligned crop around a quad, with a margin. */
function crop(img: RgbImage, box: Quad, pad: number): RgbImage {
  const xs = box.map((p) => p[0]);
  const ys = box.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad);
  const x1 = Math.min(img.width, Math.ceil(Math.max(...xs)) + pad);
  const y1 = Math.min(img.height, Math.ceil(Math.max(...ys)) + pad);
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) data.set(img.data.subarray(((y0 + y) * img.width + x0) * 3, ((y0 + y) * img.width + x0 + width) * 3), y * width * 3);
  return { data, width, height };
}
