import FFT from 'fft.js';

/** Spectral cues of one grey image: periodic structure (moiré, halftone, sub-pixel grid) and high-frequency energy. */
export interface SpectrumStats {
  /** Strongest off-axis bin over the median of its ring, natural log (a periodic pattern stands out of its ring). */
  peak: number;
  /** Share of off-axis bins more than 10× their ring's median. */
  peakShare: number;
  /** Share of the AC energy beyond a quarter of the sampling rate. */
  highFrequency: number;
  /** Slope of log ring-median power against log radius (≈ −2 for sharp photos, steeper when blurred). */
  slope: number;
}

const fftCache = new Map<number, FFT>();
const fftOf = (n: number) => {
  let f = fftCache.get(n);
  if (!f) {
    f = new FFT(n);
    fftCache.set(n, f);
  }
  return f;
};

/** Largest power of two ≤ min(width, height, 256), at least 32. */
export function windowSize(width: number, height: number): number {
  let n = 32;
  while (n * 2 <= Math.min(width, height, 256)) n *= 2;
  return n;
}

/**
 * Power spectrum averaged over up to four Hann-windowed N×N tiles (corners of the centred 2×2 grid), then statistics
 * of the ring-normalised log spectrum. Axis bins (|k| ≤ 1 on either axis) are left out: page borders and text rows
 * put energy there in originals too.
 */
export function spectrumStats(grey: Float32Array, width: number, height: number): SpectrumStats {
  const n = windowSize(width, height);
  const fft = fftOf(n);
  const power = new Float64Array(n * n);
  const hann = new Float64Array(n);
  for (let i = 0; i < n; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
  const xs = width >= 2 * n ? [Math.floor(width / 2) - n, Math.floor(width / 2)] : [Math.floor((width - n) / 2)];
  const ys = height >= 2 * n ? [Math.floor(height / 2) - n, Math.floor(height / 2)] : [Math.floor((height - n) / 2)];
  const rows = new Float64Array(n * n * 2);
  const line = new Float64Array(n);
  const out = fft.createComplexArray() as number[];
  const colIn = fft.createComplexArray() as number[];
  for (const y0 of ys) {
    for (const x0 of xs) {
      let mean = 0;
      for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) mean += grey[(y0 + y) * width + x0 + x] as number;
      mean /= n * n;
      for (let y = 0; y < n; y++) {
        const wy = hann[y] as number;
        for (let x = 0; x < n; x++) line[x] = ((grey[(y0 + y) * width + x0 + x] as number) - mean) * wy * (hann[x] as number);
        fft.realTransform(out, line);
        fft.completeSpectrum(out);
        rows.set(out, y * n * 2);
      }
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          colIn[2 * y] = rows[y * n * 2 + 2 * x] as number;
          colIn[2 * y + 1] = rows[y * n * 2 + 2 * x + 1] as number;
        }
        fft.transform(out, colIn);
        for (let y = 0; y < n; y++) power[y * n + x] = (power[y * n + x] as number) + (out[2 * y] as number) ** 2 + (out[2 * y + 1] as number) ** 2;
      }
    }
  }
  return ringStats(power, n);
}

function ringStats(power: Float64Array, n: number): SpectrumStats {
  const half = n / 2;
  const rings: number[][] = Array.from({ length: half }, () => []);
  const radius = new Int32Array(n * n).fill(-1);
  let acEnergy = 0;
  let highEnergy = 0;
  for (let y = 0; y < n; y++) {
    const ky = y < half ? y : y - n;
    for (let x = 0; x < n; x++) {
      const kx = x < half ? x : x - n;
      const r = Math.round(Math.hypot(kx, ky));
      const p = power[y * n + x] as number;
      if (r >= 2 && r < half) {
        acEnergy += p;
        if (r >= n / 4) highEnergy += p;
      }
      if (Math.abs(kx) <= 1 || Math.abs(ky) <= 1 || r < 2 || r >= half) continue;
      radius[y * n + x] = r;
      (rings[r] as number[]).push(Math.log(p + 1e-9));
    }
  }
  const median = rings.map((v) => {
    if (v.length === 0) return 0;
    const s = Float64Array.from(v).sort();
    return s[Math.floor(s.length / 2)] as number;
  });
  const minR = Math.max(3, Math.round(n * 0.03));
  let peak = 0;
  let above = 0;
  let total = 0;
  for (let i = 0; i < n * n; i++) {
    const r = radius[i] as number;
    if (r < minR) continue;
    const res = Math.log((power[i] as number) + 1e-9) - (median[r] as number);
    if (res > peak) peak = res;
    if (res > Math.LN10) above++;
    total++;
  }
  // Least-squares slope of log median power against log radius.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let m = 0;
  for (let r = minR; r < half; r++) {
    if ((rings[r] as number[]).length === 0) continue;
    const lx = Math.log(r);
    const ly = median[r] as number;
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
    m++;
  }
  const slope = m > 1 ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0;
  return { peak, peakShare: total ? above / total : 0, highFrequency: acEnergy > 0 ? highEnergy / acEnergy : 0, slope };
}
