import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecaptureDocType } from './doc-types.ts';
import { FEATURE_NAMES } from './features.ts';
import { checkModel, DEFAULT_MODEL_PATH, loadModel, MODEL_FORMAT } from './model.ts';
import { decide, RecaptureDetector } from './recapture.ts';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/recapture', import.meta.url));
const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };

describe('the committed recapture model', () => {
  const raw = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));

  it('loads, and refuses another format, another feature list or a missing threshold', () => {
    const m = loadModel();
    expect(m.format).toBe(MODEL_FORMAT);
    expect(m.features).toEqual(FEATURE_NAMES);
    expect(() => checkModel({ ...raw, format: MODEL_FORMAT + 1 })).toThrow(/format/);
    expect(() => checkModel({ ...raw, features: [...raw.features].reverse() })).toThrow(/feature list/);
    expect(() => checkModel({ ...raw, thresholds: { ...raw.thresholds, 'id-card': undefined } })).toThrow(/threshold/);
    expect(() => checkModel({ ...raw, weights: raw.weights.slice(1) })).toThrow(/weights/);
  });

  it('decides by the threshold with an uncertain band below it', () => {
    expect(decide(0.7, 0.6, 0.1)).toBe('recapture');
    expect(decide(0.55, 0.6, 0.1)).toBe('uncertain');
    expect(decide(0.45, 0.6, 0.1)).toBe('original');
    expect(decide(0.55, 0.6, 0)).toBe('original');
  });
});

describe('held-out fixtures (unseen documents, unseen capture regimes)', () => {
  const truth = JSON.parse(readFileSync(path.join(FIXTURES, 'truth.json'), 'utf8')) as { file: string; docType: RecaptureDocType; cls: string }[];
  const detector = new RecaptureDetector();
  const { evaluation } = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as { evaluation: { apcer: number; bpcer: number; auc: number } };
  const results: { cls: string; score: number; rejected: boolean }[] = [];

  beforeAll(async () => {
    for (const t of truth) {
      const r = await detector.check(readFileSync(path.join(FIXTURES, t.file)), {
        docType: t.docType,
        threshold: detector.model.thresholds[t.docType],
        margin: 0,
        limits: LIMITS,
      });
      results.push({ cls: t.cls, score: r.score, rejected: r.decision === 'recapture' });
    }
  }, 60_000);

  it('covers the six types and the three classes', () => {
    expect(new Set(truth.map((t) => t.docType)).size).toBe(6);
    expect(new Set(truth.map((t) => t.cls))).toEqual(new Set(['bona', 'screen', 'print']));
  });

  it('keeps APCER and BPCER within the report figures (one image of slack per class for the small subset)', () => {
    const attacks = results.filter((r) => r.cls !== 'bona');
    const bona = results.filter((r) => r.cls === 'bona');
    const apcer = attacks.filter((r) => !r.rejected).length / attacks.length;
    const bpcer = bona.filter((r) => r.rejected).length / bona.length;
    expect(apcer).toBeLessThanOrEqual(evaluation.apcer + 1 / attacks.length + 1e-9);
    expect(bpcer).toBeLessThanOrEqual(evaluation.bpcer + 1 / bona.length + 1e-9);
  });

  it('ranks attacks above originals about as well as the report says (AUC)', () => {
    const a = results.filter((r) => r.cls !== 'bona').map((r) => r.score);
    const b = results.filter((r) => r.cls === 'bona').map((r) => r.score);
    let s = 0;
    for (const x of a) for (const y of b) s += x > y ? 1 : x === y ? 0.5 : 0;
    expect(s / (a.length * b.length)).toBeGreaterThanOrEqual(evaluation.auc - 0.05);
  });
});
