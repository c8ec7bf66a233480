import type { PlateVehicle } from '@shtp/core/validators';
import { type ImageLimits, type PreparedImage, prepareImage } from './engine/image-input.ts';
import type { OcrEngine, OcrRunOptions } from './engine/ocr-engine.ts';
import type { OcrLine, OcrMode, Quad } from './engine/types.ts';
import type { Check, Provenance } from './parse/facts.ts';
import { type IdCardReading, type IdCardSide, readIdCard } from './parse/id-card.ts';
import { ID_CHARSET, type IdNumberReading, readIdNumber } from './parse/id-number.ts';
import { PLATE_CHARSET, type PlateReading, readPlate } from './parse/plate.ts';

export const ENGINE_NAME = 'PP-OCRv4 (onnxruntime-node)';

/** Plate characters are tall and narrow (45 × 90 mm): plate lines are also read 1.4× wider. */
const PLATE_STRETCH = 1.4;

/** What every recognition result carries besides its fields: the lines read, the image and timings. */
export interface RecognitionMeta {
  /** Every text line the engine read, in the uploaded image's pixels; fields point into it (`source.lines`). */
  lines: { text: string; confidence: number; box: Quad; whole?: boolean; stretch?: number }[];
  image: { format: string; width: number; height: number };
  engine: { name: string; ms: number; waitedMs: number };
}

export interface RecognizeOptions {
  limits: ImageLimits;
  run: OcrRunOptions;
}

/**
 * The recognition use cases on top of the engine, free of HTTP and database concerns (the bench and the accuracy
 * tests call them directly). Each validates and normalises the image, runs one engine job, parses the lines into
 * facts, and maps boxes back to the uploaded image's pixels.
 */
export class Recognizer {
  constructor(private readonly engine: OcrEngine) {}

  async plate(buf: Uint8Array, opts: RecognizeOptions & { ebikePatterns: readonly RegExp[]; kind?: PlateVehicle }): Promise<PlateReading & RecognitionMeta> {
    const { prepared, lines, meta } = await this.run(buf, opts, 'document+line', { plate: PLATE_CHARSET }, [PLATE_STRETCH]);
    const reading = readPlate(lines, { ebikePatterns: opts.ebikePatterns, kind: opts.kind ?? 'any' });
    const s = (p: Provenance | null) => (p ? scaleProvenance(p, prepared.scale) : null);
    return {
      ...reading,
      box: reading.box ? scaleQuad(reading.box, prepared.scale) : null,
      source: s(reading.source),
      candidates: reading.candidates.map((c) => ({ ...c, source: scaleProvenance(c.source, prepared.scale) })),
      rejected: reading.rejected.map((r) => ({ ...r, source: scaleProvenance(r.source, prepared.scale) })),
      ...meta,
    };
  }

  async idNumber(buf: Uint8Array, opts: RecognizeOptions): Promise<IdNumberReading & RecognitionMeta> {
    const { prepared, lines, meta } = await this.run(buf, opts, 'document+line', { id: ID_CHARSET });
    const reading = readIdNumber(lines);
    return {
      idNumber: { ...reading.idNumber, source: reading.idNumber.source ? scaleProvenance(reading.idNumber.source, prepared.scale) : null },
      checks: reading.checks,
      candidates: reading.candidates.map((c) => ({ ...c, source: scaleProvenance(c.source, prepared.scale) })),
      ...meta,
    };
  }

  async idCard(buf: Uint8Array, opts: RecognizeOptions & { side?: IdCardSide | 'auto' }): Promise<IdCardReading & RecognitionMeta> {
    const { prepared, lines, meta } = await this.run(buf, opts, 'document', { id: ID_CHARSET });
    const reading = readIdCard(lines, opts.side ?? 'auto');
    return { ...scaleFields(reading, prepared.scale), ...meta };
  }

  /** One engine job on a validated, normalised image; shared with the phase-2 document readers (document-recognizer.ts). */
  async run(buf: Uint8Array, opts: RecognizeOptions, mode: OcrMode, charsets: Record<string, string>, stretches: number[] = []) {
    const prepared: PreparedImage = await prepareImage(buf, opts.limits);
    const out = await this.engine.recognize({ mode, image: prepared.image, charsets, stretches }, opts.run);
    const lines: OcrLine[] = out.lines;
    const meta: RecognitionMeta = {
      lines: lines.map((l) => ({
        text: l.text,
        confidence: Math.round(l.confidence * 1000) / 1000,
        box: scaleQuad(l.box, prepared.scale),
        ...(l.whole ? { whole: true } : {}),
        ...(l.stretch ? { stretch: l.stretch } : {}),
      })),
      image: { format: prepared.format, width: prepared.original.width, height: prepared.original.height },
      engine: { name: ENGINE_NAME, ms: out.ms, waitedMs: out.waitedMs },
    };
    return { prepared, lines, meta };
  }
}

export function scaleQuad(q: Quad, scale: number): Quad {
  return q.map(([x, y]) => [Math.round(x / scale), Math.round(y / scale)]);
}

export function scaleProvenance(p: Provenance, scale: number): Provenance {
  return { ...p, box: scaleQuad(p.box, scale) };
}

/** Maps every `source.box` inside the reading's fields back to the original image. */
export function scaleFields<T extends { checks: Check[] }>(reading: T, scale: number): T {
  if (scale === 1) return reading;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('lines' in o && 'box' in o && 'text' in o) return scaleProvenance(o as unknown as Provenance, scale);
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(reading) as T;
}
