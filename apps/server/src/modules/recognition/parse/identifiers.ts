import { checkIdNumber, checkUscc, checkVin } from '@shtp/core/validators';
import type { Check } from './facts.ts';

/**
 * Finding identifiers inside OCR text by shape and check character (VALIDATORS.md §1–3, the @shtp/core validators):
 * a window that verifies wins over one that does not; nothing is repaired beyond the letter/digit confusions the
 * identifier's alphabet rules out (VIN and USCC use neither I nor O).
 */

/** NFKC (full-width → half-width), upper case, whitespace removed. */
export const compact = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** Today in Shanghai (UTC+8) as YYYY-MM-DD. */
export const shanghaiToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export interface Found {
  value: string;
  valid: boolean;
}

function windows(text: string, len: number, shape: RegExp): string[] {
  const out: string[] = [];
  for (let s = 0; s + len <= text.length; s++) {
    const w = text.slice(s, s + len);
    if (shape.test(w)) out.push(w);
  }
  return out;
}

function best(cands: string[], valid: (s: string) => boolean): Found | null {
  const ok = cands.find(valid);
  if (ok) return { value: ok, valid: true };
  return cands[0] ? { value: cands[0], valid: false } : null;
}

const vinOk = (s: string) => checkVin(s).ok;
const usccOk = (s: string) => checkUscc(s).ok;
const idOk = (s: string) => checkIdNumber(s).ok;

/**
 * A 17-character VIN in the text. No letter is mapped (I/O/Q are not in the VIN alphabet, but mapping I→1 turned a
 * dropped-letter misreading into a VIN that passed its check by chance): the engine's restricted VIN decode is the
 * principled way to read look-alikes, and callers try it too.
 */
export function findVin(text: string): Found | null {
  const plain = compact(text).replace(/[-·.:：/]/g, '');
  // At least one letter: 17 digits of another number (an ID number) pass the VIN check one time in eleven.
  return best(windows(plain, 17, /^(?=.*[A-Z])[A-HJ-NPR-Z0-9]{17}$/), vinOk);
}

/** An 18-character unified social credit code in the text (O→0, I→1 as in normaliseUscc). */
export function findUscc(text: string): Found | null {
  const t = compact(text)
    .replace(/O/g, '0')
    .replace(/I/g, '1')
    .replace(/[^0-9A-Z]/g, '');
  return best(windows(t, 18, /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]$/), usccOk);
}

/** An 18-character citizen ID number in the text (x/× → X, O → 0). */
export function findIdNumber(text: string): Found | null {
  const t = compact(text)
    .replace(/[x×]/gi, 'X')
    .replace(/O/g, '0')
    .replace(/[^0-9X]/g, '');
  return best(windows(t, 18, /^\d{17}[\dX]$/), idOk);
}

/** A party's identifier: an ID number (a person) or a USCC (an organisation), whichever verifies. */
export function findPartyId(text: string): (Found & { type: 'id' | 'uscc' }) | null {
  const id = findIdNumber(text);
  if (id?.valid) return { ...id, type: 'id' };
  const uscc = findUscc(text);
  if (uscc?.valid) return { ...uscc, type: 'uscc' };
  if (id) return { ...id, type: 'id' };
  return uscc ? { ...uscc, type: 'uscc' } : null;
}

export const check = (code: string, name: string, result: Check['result'], message: string): Check => ({ code, name, result, message });

/** The check of a party's identifier (ID number or USCC by shape), with the core validator's message. */
export function partyIdCheck(code: string, name: string, value: string | null, what: string): Check {
  if (!value) return check(code, name, 'unknown', `未识别到${what}，未校验`);
  const isId = /^\d{17}[\dX]$/.test(value);
  const r = isId ? checkIdNumber(value, { label: what }) : checkUscc(value, { label: what });
  return r.ok ? check(code, name, 'pass', `${what}校验通过（${isId ? 'GB 11643' : 'GB 32100'}）`) : check(code, name, 'fail', r.message);
}
