import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeForRecapture } from '@shtp/server/recognition/recapture/decode';
import { RECAPTURE_DOC_TYPES, type RecaptureClass, type RecaptureDocType } from '@shtp/server/recognition/recapture/doc-types';
import { extractFeatures, type FeatureVector } from '@shtp/server/recognition/recapture/features';
import { Rng } from '../recognition-fixtures/prng.ts';
import { capture, linearFromImage } from './capture.ts';
import { renderDocument } from './documents.ts';
import { REGIMES } from './regimes.ts';

/** One labelled image reduced to its features. `group` keeps images of one document (or capture session) together. */
export interface Sample {
  file: string;
  docType: RecaptureDocType | null;
  group: string;
  regime: string;
  cls: RecaptureClass;
  features: FeatureVector;
}

const fileName = (docType: RecaptureDocType, d: number, regime: string) => `${docType}-${String(d).padStart(2, '0')}-${regime}.jpg`;
const LIMITS = { maxBytes: 30 * 1024 * 1024, maxPixels: 100_000_000 };

/** Features exactly as the server computes them: from the image bytes through the same decoder. */
export async function featuresOf(bytes: Uint8Array): Promise<FeatureVector> {
  return extractFeatures(await decodeForRecapture(bytes, LIMITS));
}

/**
 * Every document of every type captured once in every regime. Documents 0…docsPerType−1 of a type are distinct
 * (own seed); `onImage` receives the JPEG (to write fixtures) before it is reduced to features.
 */
export async function syntheticSamples(opts: {
  seed: number;
  docsPerType: number;
  onImage?: (s: Sample, jpeg: Buffer) => void;
  progress?: (done: number, total: number) => void;
}): Promise<Sample[]> {
  const out: Sample[] = [];
  const total = RECAPTURE_DOC_TYPES.length * opts.docsPerType * REGIMES.length;
  for (const [t, docType] of RECAPTURE_DOC_TYPES.entries()) {
    for (let d = 0; d < opts.docsPerType; d++) {
      const docSeed = opts.seed * 10_000 + t * 1000 + d;
      const doc = await linearFromImage(Buffer.from(renderDocument(docType, docSeed, new Rng(docSeed))));
      for (const [r, regime] of REGIMES.entries()) {
        const jpeg = await capture(doc, regime, new Rng(docSeed * 31 + r));
        const s: Sample = {
          file: fileName(docType, d, regime.id),
          docType,
          group: `${docType}#${d}`,
          regime: regime.id,
          cls: regime.cls,
          features: await featuresOf(jpeg),
        };
        opts.onImage?.(s, jpeg);
        out.push(s);
        opts.progress?.(out.length, total);
      }
    }
  }
  return out;
}

/** The same set read back from the JPEGs a previous run wrote (`--images`): features recomputed, no rendering. */
export async function syntheticSamplesFromImages(dir: string, docsPerType: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const docType of RECAPTURE_DOC_TYPES) {
    for (let d = 0; d < docsPerType; d++) {
      for (const regime of REGIMES) {
        const file = fileName(docType, d, regime.id);
        out.push({
          file,
          docType,
          group: `${docType}#${d}`,
          regime: regime.id,
          cls: regime.cls,
          features: await featuresOf(readFileSync(path.join(dir, file))),
        });
      }
    }
  }
  return out;
}

const IMAGE = /\.(jpe?g|png|webp)$/i;

/**
 * Real labelled images: DIR/bona/…, DIR/screen/…, DIR/print/… (any depth). A path segment naming one of the six
 * types sets the document type; the image's folder is its group (put one capture session or one document per
 * folder so the split never separates its images).
 */
export async function folderSamples(dir: string): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const cls of ['bona', 'screen', 'print'] as const) {
    const root = path.join(dir, cls);
    let files: string[] = [];
    try {
      files = walk(root);
    } catch {
      continue;
    }
    for (const f of files.filter((x) => IMAGE.test(x))) {
      const rel = path.relative(dir, f);
      const segs = rel.split(path.sep);
      const docType = (segs.find((s) => (RECAPTURE_DOC_TYPES as readonly string[]).includes(s)) as RecaptureDocType | undefined) ?? null;
      out.push({
        file: rel,
        docType,
        group: path.dirname(rel).split(path.sep).slice(1).join('/') || rel,
        regime: 'real',
        cls,
        features: await featuresOf(readFileSync(f)),
      });
    }
  }
  return out;
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
