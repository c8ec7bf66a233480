import type { RecaptureCue } from '@shtp/core/recognition';
import { type ColourStats, colourStats } from './colour.ts';
import { type SpectrumStats, spectrumStats } from './spectrum.ts';
import { blockiness, type EdgeStats, edgeStats, type LbpStats, lbpStats } from './texture.ts';

/** Longest side of the working image the features are computed on (fixed: the model's statistics depend on it). */
export const WORKING_SIZE = 512;
/** Side of the native-resolution centre crop: JPEG grid and fine periodic structure, both lost when resampled. */
export const NATIVE_CROP = 256;

/** The input of the features: the working image and, for blockiness, a crop at the upload's own pixel grid. */
export interface RecaptureImage {
  /** sRGB, interleaved, longest side ≤ WORKING_SIZE. */
  rgb: Uint8Array;
  width: number;
  height: number;
  /** Grey crop of at most NATIVE_CROP² pixels, unresampled, origin on a multiple of 8. */
  native: { grey: Float32Array; width: number; height: number };
}

/** The cue a feature belongs to; the reasons of a decision are reported per cue. */
export type Cue = RecaptureCue;

/** Every feature with a one-line meaning, in the order of the model's weight vector. */
export const FEATURES = [
  { name: 'spectrumPeak', cue: 'spectrum', doc: 'strongest off-axis spectral bin over its ring median (log): moiré, sub-pixel grid, halftone screen' },
  { name: 'spectrumPeakShare', cue: 'spectrum', doc: 'share of off-axis spectral bins 10× above their ring median: how many periodic components' },
  { name: 'highFrequency', cue: 'spectrum', doc: 'share of AC spectral energy beyond fs/4: fine periodic detail or, when low, blur' },
  {
    name: 'nativePeak',
    cue: 'spectrum',
    doc: 'the same spectral peak on the native-resolution centre crop: halftone and pixel grids finer than the working size',
  },
  { name: 'nativeHighFrequency', cue: 'spectrum', doc: 'share of AC energy beyond fs/4 on the native-resolution centre crop' },
  { name: 'spectrumSlope', cue: 'blur', doc: 'slope of the log ring-median power vs log radius: steeper when the image is blurred' },
  { name: 'edgeSharpness', cue: 'blur', doc: '99th percentile gradient magnitude over the intensity range: contrast-free sharpness' },
  { name: 'edgeWidth', cue: 'blur', doc: 'mean width (px) of the monotonic ramp across strong edges (Marziliano): wider when re-imaged' },
  { name: 'lbpEntropy', cue: 'texture', doc: 'entropy of the uniform LBP(8,1) histogram: richness of micro-texture' },
  { name: 'lbpNonUniform', cue: 'texture', doc: 'share of non-uniform LBP codes: dots, grids and pixel structure' },
  { name: 'lbpEdges', cue: 'texture', doc: 'share of LBP edge/corner codes (3–5 bits set): crisp strokes of an original' },
  { name: 'saturationSpread', cue: 'colour', doc: 'standard deviation of HSV saturation: gamut narrowed or shifted by a screen or a print' },
  { name: 'clipped', cue: 'colour', doc: 'share of pixels with a channel ≥ 250: specular glare, backlight, over-exposure' },
  { name: 'colourCast', cue: 'colour', doc: 'chroma of the brightest quarter: backlight white point or paper tone instead of neutral paper' },
  { name: 'blackLevel', cue: 'colour', doc: '1st percentile luma: a lit screen or a photographed print has no deep black' },
  { name: 'blockiness', cue: 'compression', doc: 'JPEG 8×8 boundary steps over interior steps − 1, at native resolution: recompression' },
] as const satisfies readonly { name: string; cue: Cue; doc: string }[];

export type FeatureName = (typeof FEATURES)[number]['name'];
export const FEATURE_NAMES: FeatureName[] = FEATURES.map((f) => f.name);
export type FeatureVector = Record<FeatureName, number>;

/** Grey (Rec. 601 luma) as floats. */
export function toGrey(rgb: Uint8Array, width: number, height: number): Float32Array {
  const g = new Float32Array(width * height);
  for (let i = 0; i < g.length; i++) g[i] = 0.299 * (rgb[3 * i] as number) + 0.587 * (rgb[3 * i + 1] as number) + 0.114 * (rgb[3 * i + 2] as number);
  return g;
}

/** All features of one image; pure and synchronous (≈ 20–40 ms on a 512² image here; see the bench). */
export function extractFeatures(img: RecaptureImage): FeatureVector {
  const grey = toGrey(img.rgb, img.width, img.height);
  const s: SpectrumStats = spectrumStats(grey, img.width, img.height);
  const n: SpectrumStats = spectrumStats(img.native.grey, img.native.width, img.native.height);
  const e: EdgeStats = edgeStats(grey, img.width, img.height);
  const l: LbpStats = lbpStats(grey, img.width, img.height);
  const c: ColourStats = colourStats(img.rgb, img.width, img.height);
  return {
    spectrumPeak: s.peak,
    spectrumPeakShare: s.peakShare,
    highFrequency: s.highFrequency,
    nativePeak: n.peak,
    nativeHighFrequency: n.highFrequency,
    spectrumSlope: s.slope,
    edgeSharpness: e.sharpness,
    edgeWidth: e.width,
    lbpEntropy: l.entropy,
    lbpNonUniform: l.nonUniform,
    lbpEdges: l.edges,
    saturationSpread: c.saturationSpread,
    clipped: c.clipped,
    colourCast: c.colourCast,
    blackLevel: c.blackLevel,
    blockiness: blockiness(img.native.grey, img.native.width, img.native.height),
  };
}
