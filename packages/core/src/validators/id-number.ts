/** GB 11643-1999 citizen ID number: 6-digit area, 8-digit birth date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Trim, full-width to half-width, `x`/`×` to `X` (OCR and typing variants). */
export function normaliseIdNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').replace(/[x×]/g, 'X');
}

export type IdNumberCheck = { ok: true; value: string; birthDate: string; sex: 'M' | 'F'; areaCode: string } | { ok: false; message: string };

export function checkIdNumber(input: string, today = new Date()): IdNumberCheck {
  const value = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号码须为 18 位，前 17 位为数字，末位为数字或 X' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1880 || date > today) {
    return { ok: false, message: '身份证号码中的出生日期无效' };
  }
  if (idNumberCheckChar(value) !== value[17]) return { ok: false, message: '身份证号码校验位错误' };
  return { ok: true, value, birthDate: date.toISOString().slice(0, 10), sex: Number(value[16]) % 2 === 1 ? 'M' : 'F', areaCode: value.slice(0, 6) };
}
