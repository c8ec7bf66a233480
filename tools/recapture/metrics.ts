/** ISO/IEC 30107-3 style error rates: APCER = attacks accepted as bona fide, BPCER = bona fide rejected. */
export interface Scored {
  score: number;
  attack: boolean;
}

export function rates(items: Scored[], threshold: number): { apcer: number; bpcer: number; attacks: number; bona: number } {
  const attacks = items.filter((i) => i.attack);
  const bona = items.filter((i) => !i.attack);
  return {
    apcer: attacks.length ? attacks.filter((i) => i.score < threshold).length / attacks.length : Number.NaN,
    bpcer: bona.length ? bona.filter((i) => i.score >= threshold).length / bona.length : Number.NaN,
    attacks: attacks.length,
    bona: bona.length,
  };
}

/** The lowest threshold whose BPCER on these bona fide scores is at most `target` (scores ≥ threshold are rejected). */
export function thresholdAtBpcer(bonaScores: number[], target: number): number {
  const s = [...bonaScores].sort((a, b) => b - a);
  const allowed = Math.floor(target * s.length); // bona fide images that may be rejected
  const t = allowed < s.length ? (s[allowed] as number) : 0;
  return Math.min(1, t + 1e-6);
}

/** Area under the ROC curve (probability an attack scores above a bona fide image; ties count half). */
export function auc(items: Scored[]): number {
  const a = items.filter((i) => i.attack).map((i) => i.score);
  const b = items.filter((i) => !i.attack).map((i) => i.score);
  if (!a.length || !b.length) return Number.NaN;
  let s = 0;
  for (const x of a) for (const y of b) s += x > y ? 1 : x === y ? 0.5 : 0;
  return s / (a.length * b.length);
}

export const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)} %`);
