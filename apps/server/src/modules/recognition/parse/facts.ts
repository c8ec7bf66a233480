import type { Quad } from '../engine/types.ts';

/**
 * Where a recognised value came from: the OCR line(s) (indexes into the result's `lines`), their text, and the box in
 * the uploaded image's pixels. Rules compare field by field and can show the officer the spot.
 */
export interface Provenance {
  lines: number[];
  text: string;
  box: Quad;
}

/** One recognised fact: the value (null when not found), a 0–1 confidence and its provenance. */
export interface Field<T = string> {
  value: T | null;
  confidence: number;
  source: Provenance | null;
}

export type CheckResult = 'pass' | 'fail' | 'unknown';

/** A verification on the recognised values (check digit, cross-field consistency…). */
export interface Check {
  code: string;
  name: string;
  result: CheckResult;
  message: string;
}

export const emptyField = <T>(): Field<T> => ({ value: null, confidence: 0, source: null });

export const round3 = (x: number) => Math.round(x * 1000) / 1000;
