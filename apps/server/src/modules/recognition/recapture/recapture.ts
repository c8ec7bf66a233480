import type { RecaptureDecision } from '@shtp/core/recognition';
import type { ImageLimits } from '../engine/image-input.ts';
import { decodeForRecapture } from './decode.ts';
import type { RecaptureDocType } from './doc-types.ts';
import type { FeatureWorker } from './feature-worker.ts';
import { extractFeatures, type FeatureVector } from './features.ts';
import { loadModel, predict, type RecaptureModel } from './model.ts';
import { type Reason, reasonsOf } from './reasons.ts';

export interface RecaptureOptions {
  docType: RecaptureDocType;
  /** Attack score at or above which the image is taken as recaptured. */
  threshold: number;
  /** Scores in [threshold − margin, threshold) are 'uncertain' (a person should look). */
  margin: number;
  limits: Omit<ImageLimits, 'maxSide'>;
}

export interface RecaptureResult {
  docType: RecaptureDocType;
  score: number;
  decision: RecaptureDecision;
  threshold: number;
  attack: 'screen' | 'print';
  reasons: Reason[];
  modelVersion: string;
  features: FeatureVector;
  image: { format: string; width: number; height: number };
  ms: { decode: number; features: number };
}

export function decide(score: number, threshold: number, margin: number): RecaptureDecision {
  if (score >= threshold) return 'recapture';
  return score >= threshold - margin ? 'uncertain' : 'original';
}

/**
 * Recapture (翻拍) detection without HTTP or database: decode (libvips threads), features, the committed model, the
 * decision at the caller's threshold, and the cues that fired. The features are ≈ 40–100 ms of numeric loops on the
 * 512-px working image (`npm run bench -- recapture`): with a `FeatureWorker` (the server) they run off the event
 * loop; without one (tools, tests) on the calling thread.
 */
export class RecaptureDetector {
  readonly model: RecaptureModel;

  constructor(
    model?: RecaptureModel,
    private readonly worker?: FeatureWorker,
  ) {
    this.model = model ?? loadModel();
  }

  async check(buf: Uint8Array, opts: RecaptureOptions): Promise<RecaptureResult> {
    const t0 = performance.now();
    const img = await decodeForRecapture(buf, opts.limits);
    const t1 = performance.now();
    const original = img.original;
    const format = img.format;
    const features = this.worker ? (await this.worker.extract(img)).features : extractFeatures(img);
    const t2 = performance.now();
    const prediction = predict(this.model, features);
    const score = Math.round(prediction.score * 10000) / 10000;
    const decision = decide(score, opts.threshold, opts.margin);
    return {
      docType: opts.docType,
      score,
      decision,
      threshold: opts.threshold,
      attack: prediction.attack,
      // Cues are reported only when the photo is not taken as an original: they explain a suspicion.
      reasons: decision === 'original' ? [] : reasonsOf(this.model, prediction, features),
      modelVersion: this.model.version,
      features,
      image: { format, ...original },
      ms: { decode: Math.round(t1 - t0), features: Math.round(t2 - t1) },
    };
  }
}
