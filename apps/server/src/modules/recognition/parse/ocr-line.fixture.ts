import type { OcrLine } from '../engine/types.ts';

/** A synthetic OCR line at (x, y), 20 px per character, 30 px high (for parser tests). */
export function at(text: string, x: number, y: number, alt: Record<string, string> = {}): OcrLine {
  const w = 20 * [...text].length;
  return {
    text,
    confidence: 0.97,
    chars: [...text].map(() => 0.97),
    box: [
      [x, y],
      [x + w, y],
      [x + w, y + 30],
      [x, y + 30],
    ],
    score: 0.9,
    meanRgb: [240, 240, 240],
    alt: Object.fromEntries(Object.entries(alt).map(([k, t]) => [k, { text: t, confidence: 0.97, chars: [...t].map(() => 0.97) }])),
  };
}
