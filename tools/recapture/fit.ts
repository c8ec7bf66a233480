import { RECAPTURE_CLASSES, RECAPTURE_DOC_TYPES, type RecaptureDocType } from '@shtp/server/recognition/recapture/doc-types';
import { FEATURE_NAMES } from '@shtp/server/recognition/recapture/features';
import { MODEL_FORMAT, predict, type RecaptureModel } from '@shtp/server/recognition/recapture/model';
import type { Sample } from './dataset.ts';
import { fitStandardiser, trainSoftmax } from './logistic.ts';
import { thresholdAtBpcer } from './metrics.ts';
import { bucket } from './split.ts';

export const TRAINING = { lambda: 0.01, iterations: 1500, learningRate: 0.5 };
const vec = (s: Sample) => FEATURE_NAMES.map((n) => s.features[n]);

/** Standardiser + softmax weights on these samples; thresholds left at 0.5 until calibrated. */
export function fitModel(train: Sample[], meta: { version: string; data: string; targetBpcer: number }): RecaptureModel {
  const X = train.map(vec);
  const st = fitStandardiser(X);
  const Z = X.map((x) => x.map((v, j) => (v - (st.mean[j] as number)) / (st.std[j] as number)));
  const y = train.map((s) => RECAPTURE_CLASSES.indexOf(s.cls));
  const weights = trainSoftmax(Z, y, { classes: RECAPTURE_CLASSES.length, ...TRAINING });
  const thresholds = Object.fromEntries(RECAPTURE_DOC_TYPES.map((t) => [t, 0.5])) as Record<RecaptureDocType, number>;
  return {
    format: MODEL_FORMAT,
    version: meta.version,
    trainedAt: new Date().toISOString(),
    data: meta.data,
    features: [...FEATURE_NAMES],
    mean: st.mean.map(round6),
    std: st.std.map(round6),
    classes: [...RECAPTURE_CLASSES],
    weights: weights.map((w) => w.map(round6)),
    thresholds,
    targetBpcer: meta.targetBpcer,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Per-type thresholds at the target BPCER from out-of-fold scores (5 folds by group, so a document's images are
 * never scored by a model that saw it). A type with fewer than 10 bona fide images gets the pooled threshold.
 */
export function calibrate(model: RecaptureModel, train: Sample[]): RecaptureModel {
  const oof: { s: Sample; score: number }[] = [];
  for (let k = 0; k < 5; k++) {
    const fold = train.filter((s) => bucket(s.group, 5) === k);
    if (!fold.length) continue;
    const m = fitModel(
      train.filter((s) => bucket(s.group, 5) !== k),
      model,
    );
    for (const s of fold) oof.push({ s, score: predict(m, s.features).score });
  }
  const bona = oof.filter((o) => o.s.cls === 'bona');
  const pooled = thresholdAtBpcer(
    bona.map((o) => o.score),
    model.targetBpcer,
  );
  const thresholds = Object.fromEntries(
    RECAPTURE_DOC_TYPES.map((t) => {
      const scores = bona.filter((o) => o.s.docType === t).map((o) => o.score);
      return [t, Math.round((scores.length >= 10 ? thresholdAtBpcer(scores, model.targetBpcer) : pooled) * 10000) / 10000];
    }),
  ) as Record<RecaptureDocType, number>;
  return { ...model, thresholds };
}
