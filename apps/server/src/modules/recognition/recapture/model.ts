import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RECAPTURE_CLASSES, RECAPTURE_DOC_TYPES, type RecaptureClass, type RecaptureDocType } from './doc-types.ts';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './features.ts';

/** The model file format this code reads; a file of another format is refused at load. */
export const MODEL_FORMAT = 1;

/**
 * A softmax (multinomial) logistic regression over standardised features: one weight row per class
 * (bias first). Written by tools/recapture/train.ts, committed as JSON.
 */
export interface RecaptureModel {
  format: typeof MODEL_FORMAT;
  /** Model identity reported with every result, e.g. `recapture-v1-synthetic-2026-11-29`. */
  version: string;
  trainedAt: string;
  /** Where the training images came from (synthetic generator seed and regimes, or a data folder). */
  data: string;
  features: FeatureName[];
  mean: number[];
  std: number[];
  classes: RecaptureClass[];
  /** [class][1 + feature] */
  weights: number[][];
  /** Threshold on the attack score per document type, calibrated on the training regimes at the target BPCER. */
  thresholds: Record<RecaptureDocType, number>;
  targetBpcer: number;
}

export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./model/recapture-model.v1.json', import.meta.url));

/** Reads and checks a model file: format, feature list (same names, same order as this code), shapes. */
export function loadModel(path = DEFAULT_MODEL_PATH): RecaptureModel {
  return checkModel(JSON.parse(readFileSync(path, 'utf8')) as unknown);
}

export function checkModel(raw: unknown): RecaptureModel {
  const m = raw as RecaptureModel;
  if (!m || typeof m !== 'object') throw new Error('recapture model: not an object');
  if (m.format !== MODEL_FORMAT) throw new Error(`recapture model: format ${String(m.format)} is not the supported format ${MODEL_FORMAT}`);
  if (typeof m.version !== 'string' || !m.version) throw new Error('recapture model: version missing');
  if (JSON.stringify(m.features) !== JSON.stringify(FEATURE_NAMES)) throw new Error('recapture model: feature list differs from this code (retrain)');
  if (JSON.stringify(m.classes) !== JSON.stringify(RECAPTURE_CLASSES)) throw new Error('recapture model: classes differ from this code');
  const f = FEATURE_NAMES.length;
  const finite = (xs: unknown, n: number) => Array.isArray(xs) && xs.length === n && xs.every((x) => Number.isFinite(x));
  if (!finite(m.mean, f) || !finite(m.std, f) || m.std.some((s) => s <= 0)) throw new Error('recapture model: bad feature statistics');
  if (!Array.isArray(m.weights) || m.weights.length !== m.classes.length || !m.weights.every((w) => finite(w, f + 1)))
    throw new Error('recapture model: bad weights');
  for (const t of RECAPTURE_DOC_TYPES) {
    const v = m.thresholds?.[t];
    if (typeof v !== 'number' || v < 0 || v > 1) throw new Error(`recapture model: threshold of ${t} missing`);
  }
  return m;
}

export const standardise = (model: Pick<RecaptureModel, 'mean' | 'std'>, v: FeatureVector) =>
  FEATURE_NAMES.map((n, i) => (v[n] - (model.mean[i] as number)) / (model.std[i] as number));

/** Class probabilities (softmax of the class scores). */
export function softmaxProbabilities(weights: number[][], z: number[]): number[] {
  const logits = weights.map((w) => z.reduce((s, x, i) => s + x * (w[i + 1] as number), w[0] as number));
  const max = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

export interface Prediction {
  /** P(screen) + P(print): 0–1, higher = more likely recaptured. */
  score: number;
  probabilities: Record<RecaptureClass, number>;
  /** The likelier attack kind (whatever the score). */
  attack: Exclude<RecaptureClass, 'bona'>;
  /** Standardised features, for the reasons. */
  z: number[];
}

export function predict(model: RecaptureModel, v: FeatureVector): Prediction {
  const z = standardise(model, v);
  const p = softmaxProbabilities(model.weights, z);
  const probabilities = Object.fromEntries(model.classes.map((c, i) => [c, p[i] as number])) as Record<RecaptureClass, number>;
  return { score: 1 - probabilities.bona, probabilities, attack: probabilities.screen >= probabilities.print ? 'screen' : 'print', z };
}
