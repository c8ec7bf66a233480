import type { OcrLine } from '../engine/types.ts';

/** How a synthetic OCR line looks; each default is that of a line of a scanned A4 form. */
export interface LineLook {
  /** Width of a character in px (20). */
  charWidth?: number;
  /** Height of the line in px (30). */
  height?: number;
  /** Confidence of the line and of each character (0.97). */
  confidence?: number;
  /** Mean colour inside the box (light grey paper). */
  meanRgb?: [number, number, number];
  /** Tilt of the box in radians around the image's origin (0). */
  angle?: number;
  /** The line read with a restricted alphabet, by charset name, at the same confidence. */
  alt?: Record<string, string>;
}

/** A synthetic OCR line with its top-left corner at (x, y) before any tilt (for parser tests). */
export function ocrLine(text: string, x: number, y: number, look: LineLook = {}): OcrLine {
  const { charWidth = 20, height = 30, confidence = 0.97, meanRgb = [240, 240, 240], angle = 0, alt = {} } = look;
  const w = charWidth * [...text].length;
  const rot = ([px, py]: [number, number]): [number, number] =>
    angle === 0 ? [px, py] : [px * Math.cos(angle) - py * Math.sin(angle), px * Math.sin(angle) + py * Math.cos(angle)];
  const decoded = (t: string) => ({ text: t, confidence, chars: [...t].map(() => confidence) });
  return {
    ...decoded(text),
    box: [rot([x, y]), rot([x + w, y]), rot([x + w, y + height]), rot([x, y + height])],
    score: 0.9,
    meanRgb,
    alt: Object.fromEntries(Object.entries(alt).map(([k, t]) => [k, decoded(t)])),
  };
}

/** A line of a scanned form at (x, y), with its restricted-alphabet readings. */
export const at = (text: string, x: number, y: number, alt: Record<string, string> = {}): OcrLine => ocrLine(text, x, y, { alt });

/** A parser's fields as name → value, to compare at once. */
export const fieldValues = (fields: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([k, f]: [string, { value: unknown }]) => [k, f.value]));
