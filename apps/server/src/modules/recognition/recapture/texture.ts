/** Edge and texture cues on a grey image (0–255 floats, row-major). */

/** Percentile of values in [0, 256) from a 1/4-unit histogram (a sort of 250 k floats costs ten times more). */
export function percentile(values: Float32Array, p: number): number {
  const bins = new Uint32Array(1024);
  for (const v of values) {
    const b = Math.min(1023, Math.max(0, Math.floor(v * 4)));
    bins[b] = (bins[b] as number) + 1;
  }
  const target = p * values.length;
  let seen = 0;
  for (let b = 0; b < 1024; b++) {
    seen += bins[b] as number;
    if (seen > target) return b / 4;
  }
  return 255.75;
}

export interface EdgeStats {
  /** 99th percentile of the Sobel gradient magnitude over the 1–99 % intensity range (contrast-free sharpness). */
  sharpness: number;
  /** Mean width in pixels of strong edges (Marziliano: from the gradient maximum to the end of the monotonic ramp). */
  width: number;
}

export function edgeStats(g: Float32Array, w: number, h: number): EdgeStats {
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const mag = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const a = g[i - w - 1] as number;
      const b = g[i - w] as number;
      const c = g[i - w + 1] as number;
      const d = g[i - 1] as number;
      const f = g[i + 1] as number;
      const p = g[i + w - 1] as number;
      const q = g[i + w] as number;
      const r = g[i + w + 1] as number;
      const sx = c + 2 * f + r - a - 2 * d - p;
      const sy = p + 2 * q + r - a - 2 * b - c;
      gx[i] = sx;
      gy[i] = sy;
      mag[i] = Math.sqrt(sx * sx + sy * sy) / 8;
    }
  }
  const range = Math.max(1, percentile(g, 0.99) - percentile(g, 0.01));
  const strong = Math.max(4, percentile(mag, 0.97));
  let widths = 0;
  let count = 0;
  for (let y = 2; y < h - 2; y++) {
    for (let x = 2; x < w - 2; x++) {
      const i = y * w + x;
      const m = mag[i] as number;
      if (m < strong) continue;
      const horizontal = Math.abs(gx[i] as number) >= Math.abs(gy[i] as number);
      const step = horizontal ? 1 : w;
      const dir = Math.sign(horizontal ? (gx[i] as number) : (gy[i] as number));
      // Only local maxima across the edge.
      if (m < (mag[i - step] as number) || m < (mag[i + step] as number)) continue;
      // Walk down and up the ramp, at most 12 px each way and never off the image (2-px margin + the limits).
      const room = horizontal ? [x, w - 1 - x] : [y, h - 1 - y];
      let lo = 0;
      while (lo < Math.min(12, room[0] as number) && dir * ((g[i - lo * step] as number) - (g[i - (lo + 1) * step] as number)) > 0) lo++;
      let hi = 0;
      while (hi < Math.min(12, room[1] as number) && dir * ((g[i + (hi + 1) * step] as number) - (g[i + hi * step] as number)) > 0) hi++;
      widths += lo + hi;
      count++;
    }
  }
  return { sharpness: percentile(mag, 0.99) / range, width: count ? widths / count : 0 };
}

export interface LbpStats {
  /** Entropy (bits) of the 10-bin uniform LBP(8,1) histogram. */
  entropy: number;
  /** Share of non-uniform patterns (more than two 0/1 transitions round the circle): dots, grids, noise. */
  nonUniform: number;
  /** Share of edge and corner patterns (3–5 set bits). */
  edges: number;
}

const NEIGHBOURS: [number, number][] = [
  [-1, -1],
  [0, -1],
  [1, -1],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
];

/** Uniform LBP(8,1): the bits of neighbour ≥ centre; uniform codes bin by their count of set bits, others in bin 9. */
export function lbpStats(g: Float32Array, w: number, h: number): LbpStats {
  const hist = new Float64Array(10);
  // Neighbour offsets clockwise from the top-left; the loop is unrolled (this is the hottest loop of the features).
  const [o0, o1, o2, o3, o4, o5, o6, o7] = NEIGHBOURS.map(([dx, dy]) => dy * w + dx) as [number, number, number, number, number, number, number, number];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const c = g[i] as number;
      const b0 = (g[i + o0] as number) >= c ? 1 : 0;
      const b1 = (g[i + o1] as number) >= c ? 1 : 0;
      const b2 = (g[i + o2] as number) >= c ? 1 : 0;
      const b3 = (g[i + o3] as number) >= c ? 1 : 0;
      const b4 = (g[i + o4] as number) >= c ? 1 : 0;
      const b5 = (g[i + o5] as number) >= c ? 1 : 0;
      const b6 = (g[i + o6] as number) >= c ? 1 : 0;
      const b7 = (g[i + o7] as number) >= c ? 1 : 0;
      const transitions = (b0 ^ b1) + (b1 ^ b2) + (b2 ^ b3) + (b3 ^ b4) + (b4 ^ b5) + (b5 ^ b6) + (b6 ^ b7) + (b7 ^ b0);
      const bin = transitions <= 2 ? b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 : 9;
      hist[bin] = (hist[bin] as number) + 1;
    }
  }
  const total = hist.reduce((a, b) => a + b, 0) || 1;
  let entropy = 0;
  for (const v of hist) if (v > 0) entropy -= (v / total) * Math.log2(v / total);
  return { entropy, nonUniform: (hist[9] as number) / total, edges: ((hist[3] as number) + (hist[4] as number) + (hist[5] as number)) / total };
}

/**
 * JPEG blockiness: mean absolute step across 8-pixel block boundaries over the mean step elsewhere, minus one (≈ 0
 * without block artefacts). Needs the image on its original pixel grid (no resampling) with the crop origin on a
 * multiple of 8.
 */
export function blockiness(g: Float32Array, w: number, h: number): number {
  let onGrid = 0;
  let nOn = 0;
  let offGrid = 0;
  let nOff = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w - 1; x++) {
      const d = Math.abs((g[y * w + x + 1] as number) - (g[y * w + x] as number));
      if (x % 8 === 7) {
        onGrid += d;
        nOn++;
      } else {
        offGrid += d;
        nOff++;
      }
    }
  }
  for (let y = 0; y < h - 1; y++) {
    for (let x = 0; x < w; x++) {
      const d = Math.abs((g[(y + 1) * w + x] as number) - (g[y * w + x] as number));
      if (y % 8 === 7) {
        onGrid += d;
        nOn++;
      } else {
        offGrid += d;
        nOff++;
      }
    }
  }
  if (!nOn || !nOff) return 0;
  // A quarter grey level added to both means keeps flat (fully blocked) crops finite.
  return (onGrid / nOn + 0.25) / (offGrid / nOff + 0.25) - 1;
}
