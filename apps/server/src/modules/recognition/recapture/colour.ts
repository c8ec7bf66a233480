import { percentile } from './texture.ts';

/** Colour and specular cues on an sRGB image (interleaved RGB bytes). */
export interface ColourStats {
  /** Standard deviation of HSV saturation (screens and prints narrow or shift the gamut). */
  saturationSpread: number;
  /** Share of pixels with a channel ≥ 250 (specular glare of a screen or glossy print, over-exposure). */
  clipped: number;
  /** Chroma of the mean colour of the brightest quarter of pixels (paper should be near neutral; backlights and paper tones are not). */
  colourCast: number;
  /** 1st percentile of luma over 255 (a lit screen's black is grey). */
  blackLevel: number;
}

export function colourStats(rgb: Uint8Array, w: number, h: number): ColourStats {
  const n = w * h;
  const luma = new Float32Array(n);
  let sSum = 0;
  let sSq = 0;
  let clipped = 0;
  for (let i = 0; i < n; i++) {
    const r = rgb[3 * i] as number;
    const g = rgb[3 * i + 1] as number;
    const b = rgb[3 * i + 2] as number;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const s = max === 0 ? 0 : (max - min) / max;
    sSum += s;
    sSq += s * s;
    if (max >= 250) clipped++;
    luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
  }
  const bright = percentile(luma, 0.75);
  const black = percentile(luma, 0.01);
  let rg = 0;
  let bg = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if ((luma[i] as number) < bright) continue;
    rg += (rgb[3 * i] as number) - (rgb[3 * i + 1] as number);
    bg += (rgb[3 * i + 2] as number) - (rgb[3 * i + 1] as number);
    m++;
  }
  const mean = sSum / n;
  return {
    saturationSpread: Math.sqrt(Math.max(0, sSq / n - mean * mean)),
    clipped: clipped / n,
    colourCast: m ? Math.hypot(rg / m, bg / m) / 255 : 0,
    blackLevel: black / 255,
  };
}
