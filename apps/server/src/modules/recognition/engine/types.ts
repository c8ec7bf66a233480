/** An 8-bit RGB image, 3 bytes per pixel, row-major. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * `document`: find the text lines, then read each; `line`: read the whole image as one line (a crop);
 * `document+line`: both (a plate photo that may be a tight crop or a scene).
 */
export type OcrMode = 'document' | 'line' | 'document+line';

/** Four corners, clockwise from top-left, in pixels of the image the engine saw. */
export type Quad = [number, number][];

export interface Decoded {
  text: string;
  /** Mean of the per-character probabilities, 0–1. */
  confidence: number;
  /** Per-character probabilities, aligned with the characters of `text`. */
  chars: number[];
}

/** One detected text line as the engine read it. */
export interface OcrLine extends Decoded {
  box: Quad;
  /** Detection score of the box, 0–1 (1 for a whole-image line). */
  score: number;
  /** Mean colour inside the box (plate colour: blue, green, yellow…). */
  meanRgb: [number, number, number];
  /** The same line decoded with a restricted alphabet, by charset name. */
  alt: Record<string, Decoded>;
  /** The whole image read as one line (modes `line` and `document+line`). */
  whole?: boolean;
  /** A second reading of the same box stretched horizontally by this factor (see OcrRequest.stretches). */
  stretch?: number;
}
