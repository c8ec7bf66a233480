import type { RecaptureDecision, RecaptureDocType, RecognitionDocType } from '@shtp/core/recognition';
import type { Actor } from '../../platform/audit/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ModuleApis } from '../app-module.ts';
import { DocumentsService } from './documents.service.ts';
import { sharedOcrEngine } from './engine/ocr-engine.ts';
import type { Quad } from './engine/types.ts';
import { emptyField, type Field } from './parse/facts.ts';
import { RecaptureService } from './recapture/recapture.service.ts';
import type { RecognitionPorts } from './recognition.ports.ts';

/** One value read from a document image: null when not found, confidence 0–1, its box `[x0, y0, x1, y1]` in the image's pixels. */
export interface ReadField {
  value: string | null;
  confidence: number;
  box: [number, number, number, number] | null;
}

/** What an invoice image says about the sale, for rules that compare it with business data (临牌 T4–T6). */
export interface InvoiceImageReading {
  /** The invoice layout recognised (classic 机动车销售统一发票 or 数电), null when the image does not read as an invoice. */
  kind: 'motor' | 'digital' | null;
  vin: ReadField;
  buyerId: ReadField;
  buyerName: ReadField;
  /** The image's size in pixels, for drawing the boxes. */
  image: { width: number; height: number };
}

/** The front of a resident ID card (人像面) as another module uses it: each field null when not read. */
export interface IdCardFrontReading {
  name: ReadField;
  idNumber: ReadField;
  address: ReadField;
  /** The number read passes its check digit and birth-date checks. */
  idNumberValid: boolean;
}

/** What other modules may ask the recognition module (in process, never over HTTP). */
export interface RecognitionApi {
  /**
   * Reads a vehicle-sale invoice image (classic or 数电). Audited like the HTTP route (image digest, outcome, never the
   * values). Throws the recognition errors (image refused, engine busy or unavailable).
   */
  readInvoice(image: Buffer, actor: Actor): Promise<InvoiceImageReading>;
  /**
   * Reads the front of a resident ID card (name, number, address). Audited like `POST /api/recognition/id-card`
   * (`recognition.id-card`: which fields were found, never their values). Throws the recognition errors.
   */
  readIdCardFront(image: Buffer, actor: Actor): Promise<IdCardFrontReading>;
  /**
   * The type of a document image (ID card, invoice, licence, …) with its confidence 0–1 (the archive proposes a page's
   * document type with it). Audited like the HTTP route. Throws the recognition errors like `readInvoice`.
   */
  classifyDocument(image: Buffer, actor: Actor): Promise<{ type: RecognitionDocType; label: string; confidence: number }>;
  /**
   * 翻拍检测 (T16) of a photo of the given document type, at that type's threshold parameter. Audited like
   * `POST /api/recognition/recapture` (outcome and image digest only). Throws the recognition errors.
   */
  checkRecapture(image: Buffer, docType: RecaptureDocType, actor: Actor): Promise<RecaptureVerdict>;
}

/** 翻拍检测 of a document photo, as another module keeps it with the image (临牌 T8). */
export interface RecaptureVerdict {
  /** Attack score 0–1, and the threshold of the document type (system parameter) it was judged at. */
  score: number;
  threshold: number;
  decision: RecaptureDecision;
  /** The likelier kind of recapture: a photo of a screen or of a print. */
  attack: 'screen' | 'print';
  /** The cues that fired, in Chinese (empty when the photo is taken as an original). */
  cues: string[];
  modelVersion: string;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    recognition: RecognitionApi;
  }
}

const boundingBox = (q: Quad): ReadField['box'] => {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};
const readField = (f: Field): ReadField => ({ value: f.value, confidence: f.confidence, box: f.source ? boundingBox(f.source.box) : null });

export function recognitionApi(platform: Platform, ports: RecognitionPorts, apis: Partial<ModuleApis>): RecognitionApi {
  // Created on first use: the engine's worker starts lazily, a module that never reads an invoice never starts it.
  let service: DocumentsService | undefined;
  const documents = () => {
    service ??= new DocumentsService(platform, sharedOcrEngine(), apis, ports.taxVerify.port);
    return service;
  };
  // Its feature worker starts on first use and is unref'd (never keeps the process alive).
  let recapture: RecaptureService | undefined;
  return {
    async readInvoice(image, actor) {
      const r = await documents().invoice(image, {}, actor);
      return {
        kind: r.kind,
        vin: readField(r.fields.vin),
        buyerId: readField(r.fields.buyerId),
        buyerName: readField(r.fields.buyerName),
        image: { width: r.image.width, height: r.image.height },
      };
    },
    async readIdCardFront(image, actor) {
      const r = await documents().idCard(image, { side: 'front' }, actor);
      const front = r.front;
      const none = readField(emptyField());
      return {
        name: front ? readField(front.name) : none,
        idNumber: front ? readField(front.idNumber) : none,
        address: front ? readField(front.address) : none,
        idNumberValid: front?.idNumber.facts?.valid ?? false,
      };
    },
    async classifyDocument(image, actor) {
      const { type, label, confidence } = await documents().classify(image, actor);
      return { type, label, confidence };
    },
    async checkRecapture(image, docType, actor) {
      recapture ??= new RecaptureService(platform);
      const r = await recapture.check(image, docType, actor);
      return {
        score: r.score,
        threshold: r.threshold,
        decision: r.decision,
        attack: r.attack,
        cues: r.reasons.map((x) => x.message),
        modelVersion: r.modelVersion,
      };
    },
  };
}
