/**
 * GB 11643-1999 citizen ID number (VALIDATORS.md §1): 6-digit area code (GB/T 2260, current or abolished),
 * 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 */
import { areaCodeStatus } from './area-code.ts';
import { type Invalid, isRealDate, shanghaiToday } from './common.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** The standard's own specimen 440524188001010014 is born in 1880; nothing earlier is plausible. */
const MIN_BIRTH_YEAR = 1880;

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Trim, drop inner spaces, full-width to half-width, `x`/`×` to `X` (OCR and typing variants). */
export function normaliseIdNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').replace(/[x×]/g, 'X');
}

export type IdNumberProblem = 'format' | 'date' | 'area' | 'check';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'M' | 'F'; areaCode: string; areaAbolished: boolean }
  | (Invalid & { problem: IdNumberProblem });

/** @deprecated alias kept for earlier callers; use IdNumberResult. */
export type IdNumberCheck = IdNumberResult;

export interface IdNumberOptions {
  /** What to call the field in messages (default 身份证号码). */
  label?: string;
  /** "Now" for the not-in-the-future rule (compared as a Shanghai calendar date). */
  today?: Date;
}

/**
 * Checks a GB 11643 ID number after normalisation. Order: format, birth date, area code, check character (a typo
 * in the area or date usually shows as a wrong check character; an unknown area with a right check is reported as such).
 */
export function checkIdNumber(input: string, opts: IdNumberOptions = {}): IdNumberResult {
  const label = opts.label ?? '身份证号码';
  const value = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format', message: `${label}须为 18 位，前 17 位为数字，末位为数字或 X` };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (y < MIN_BIRTH_YEAR || !isRealDate(y, m, d) || birthDate > shanghaiToday(opts.today)) {
    return { ok: false, problem: 'date', message: `${label}中的出生日期无效` };
  }
  const areaCode = value.slice(0, 6);
  const area = areaCodeStatus(areaCode);
  if (!area) return { ok: false, problem: 'area', message: `${label}中的行政区划代码不存在` };
  if (idNumberCheckChar(value) !== value[17]) return { ok: false, problem: 'check', message: `${label}校验位错误` };
  return { ok: true, value, birthDate, sex: Number(value[16]) % 2 === 1 ? 'M' : 'F', areaCode, areaAbolished: area === 'abolished' };
}
