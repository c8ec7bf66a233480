/**
 * GB 11643-1999 citizen ID number facts for recognition: format, birth date, check character (ISO 7064 MOD 11-2),
 * sex. The shared validators of @shtp/core (VALIDATORS.md §1) are the reference; this adapter only exposes what the
 * recogniser needs (the parts, not just a yes/no) in one place.
 */
import { idNumberCheckChar } from '@shtp/core/validators';

export interface IdNumberFacts {
  valid: boolean;
  /** Why it is not valid. */
  problem?: 'format' | 'date' | 'check';
  areaCode?: string;
  /** YYYY-MM-DD, when the date part is a real date. */
  birthDate?: string;
  sex?: '男' | '女';
  expectedCheck?: string;
}

/** The check character of the first 17 digits (the shared validator's). */
export const idCheckCharacter = idNumberCheckChar;

export function inspectIdNumber(id: string): IdNumberFacts {
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, problem: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const realDate = y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= Date.now();
  const sex = Number(id[16]) % 2 === 1 ? '男' : '女';
  const expectedCheck = idCheckCharacter(id.slice(0, 17));
  const base = { areaCode: id.slice(0, 6), sex, expectedCheck } as const;
  if (!realDate) return { ...base, valid: false, problem: 'date' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (id[17] !== expectedCheck) return { ...base, birthDate, valid: false, problem: 'check' };
  return { ...base, birthDate, valid: true };
}
