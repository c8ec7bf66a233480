/** VIN, ISO 3779 (VALIDATORS.md §3): 17 characters without I, O, Q; check digit at position 9 (mandatory in China). */
import { compact, type Invalid } from './common.ts';

const VIN_RE = /^[A-HJ-NPR-Z0-9]{17}$/;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
// biome-ignore format: the ISO 3779 table
const LETTER_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

/** The transliterated value of a VIN character (digits are themselves). Different characters can share a value (A, J, 1). */
export function vinCharValue(c: string): number {
  return c >= '0' && c <= '9' ? Number(c) : (LETTER_VALUES[c] ?? Number.NaN);
}

/** The check character (position 9) of a 17-character VIN; the 9th character itself is ignored (weight 0). */
export function vinCheckChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += vinCharValue(vin[i]!) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** Half-width, upper case, spaces, hyphens and separators removed. No letter mapping: I/O/Q are reported, not guessed. */
export function normaliseVin(input: string): string {
  return compact(input).replace(/[-·.]/g, '');
}

export type VinProblem = 'format' | 'check';
export type VinResult = { ok: true; value: string; wmi: string; vds: string; vis: string } | (Invalid & { problem: VinProblem });

export function checkVin(input: string, opts: { label?: string } = {}): VinResult {
  const label = opts.label ?? '车辆识别代号';
  const value = normaliseVin(input);
  if (!VIN_RE.test(value)) return { ok: false, problem: 'format', message: `${label}须为 17 位，由数字和大写字母（不含 I、O、Q）组成` };
  if (vinCheckChar(value) !== value[8]) return { ok: false, problem: 'check', message: `${label}校验位（第 9 位）错误` };
  return { ok: true, value, wmi: value.slice(0, 3), vds: value.slice(3, 9), vis: value.slice(9) };
}
