/**
 * Masking (脱敏) of personal fields per SECURITY.md §2, applied by the server before a response leaves it.
 * Every rule fails closed: a value that does not have the expected shape becomes a fixed `******`, never
 * the original (libraries such as Hutool return odd-length input unmasked).
 */
const CLOSED = '******';
const stars = (n: number) => '*'.repeat(Math.max(n, 0));
const chars = (s: string) => Array.from(s);

/** 张三丰 → 张** ; one character per star so the length is kept (as the rule's examples). */
export function maskName(value: string | null | undefined): string | null {
  if (value == null) return null;
  const c = chars(value.trim());
  if (c.length < 2) return CLOSED;
  return c[0] + stars(c.length - 1);
}

/** 18-digit ID: first 1 and last 1 by default; privileged view keeps first 6 and last 4 (hides the birth date). */
export function maskIdNumber(value: string | null | undefined, view: 'default' | 'privileged' = 'default'): string | null {
  if (value == null) return null;
  if (!/^\d{17}[\dX]$/.test(value)) return maskCode(value);
  return view === 'default' ? `${value[0]}${stars(16)}${value[17]}` : `${value.slice(0, 6)}${stars(8)}${value.slice(14)}`;
}

/** Other identity codes (USCC, passport …): keep first 2 and last 2 when long enough. */
export function maskCode(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length < 8) return CLOSED;
  return `${value.slice(0, 2)}${stars(value.length - 4)}${value.slice(-2)}`;
}

/** Mobile 3+4 (138****5678); landline area code + last 2 (021-******78). */
export function maskPhone(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`;
  const landline = /^(0\d{2,3})(-?)(\d{7,8})$/.exec(value);
  if (landline) return `${landline[1]}${landline[2]}${stars(landline[3]!.length - 2)}${landline[3]!.slice(-2)}`;
  return CLOSED;
}

/** Keeps province/city/district (up to the first 区/县/旗), then a fixed `****` that does not leak the length. */
export function maskAddress(value: string | null | undefined): string | null {
  if (value == null) return null;
  const m = /^(.*?(?:市辖区|区|县|旗))/.exec(value);
  if (!m || m[1]!.length >= value.length) return CLOSED;
  return `${m[1]}****`;
}

/** Plate: first 3 and last 1 of 7- and 8-character plates (沪A1***5, 沪AD****5). */
export function maskPlate(value: string | null | undefined): string | null {
  if (value == null) return null;
  const c = chars(value);
  if (c.length < 7 || c.length > 8) return CLOSED;
  return `${c.slice(0, 3).join('')}${stars(c.length - 4)}${c[c.length - 1]}`;
}

/** Invoice number: an 8-digit one keeps its last 4, a 20-digit 数电 one its first 4 and last 4. */
export function maskInvoiceNo(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (/^\d{8}$/.test(value)) return `${stars(4)}${value.slice(4)}`;
  if (/^\d{20}$/.test(value)) return `${value.slice(0, 4)}${stars(12)}${value.slice(16)}`;
  return CLOSED;
}
