/**
 * Softmax (multinomial) logistic regression with L2 penalty, trained by full-batch gradient descent on standardised
 * features. ~40 lines on purpose: the data are a few hundred vectors of 14 features, and the npm candidates
 * (ml-logistic-regression: one-vs-rest, no penalty, no sample weights, pulls ml-matrix) do less than this does —
 * see docs/adr/0021-recapture-detection.md.
 */
export interface Standardiser {
  mean: number[];
  std: number[];
}

export function fitStandardiser(X: number[][]): Standardiser {
  const f = (X[0] as number[]).length;
  const mean = Array.from({ length: f }, (_, j) => X.reduce((s, x) => s + (x[j] as number), 0) / X.length);
  const std = mean.map((m, j) => Math.sqrt(X.reduce((s, x) => s + ((x[j] as number) - m) ** 2, 0) / X.length) || 1);
  return { mean, std };
}

export const applyStandardiser = (s: Standardiser, x: number[]) => x.map((v, j) => (v - (s.mean[j] as number)) / (s.std[j] as number));

export interface TrainOptions {
  classes: number;
  lambda: number;
  iterations: number;
  learningRate: number;
}

/** Weights [class][bias, features…]; every class carries the same total sample weight (balanced). */
export function trainSoftmax(Z: number[][], y: number[], o: TrainOptions): number[][] {
  const f = (Z[0] as number[]).length;
  const counts = Array.from({ length: o.classes }, (_, c) => y.filter((v) => v === c).length);
  const sw = y.map((c) => Z.length / (o.classes * Math.max(1, counts[c] as number)));
  const W = Array.from({ length: o.classes }, () => new Array<number>(f + 1).fill(0));
  for (let it = 0; it < o.iterations; it++) {
    const G = W.map((w) => w.map(() => 0));
    Z.forEach((z, n) => {
      const logits = W.map((w) => z.reduce((s, x, j) => s + x * (w[j + 1] as number), w[0] as number));
      const max = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - max));
      const sum = e.reduce((a, b) => a + b, 0);
      e.forEach((p, c) => {
        const d = ((p / sum - (y[n] === c ? 1 : 0)) * (sw[n] as number)) / Z.length;
        const g = G[c] as number[];
        g[0] = (g[0] as number) + d;
        for (let j = 0; j < f; j++) g[j + 1] = (g[j + 1] as number) + d * (z[j] as number);
      });
    });
    W.forEach((w, c) => {
      const g = G[c] as number[];
      for (let j = 0; j <= f; j++) w[j] = (w[j] as number) - o.learningRate * ((g[j] as number) + (j > 0 ? o.lambda * (w[j] as number) : 0));
    });
  }
  return W;
}
