/** Shared result shape and text helpers for the validators (messages are Chinese: they are shown to officers). */

export type Invalid = { ok: false; message: string };

/** NFKC folds full-width letters, digits and punctuation to half-width (Ａ→A, １→1, ＋→+). */
export function toHalfWidth(input: string): string {
  return input.normalize('NFKC');
}

/** Half-width, upper case, all whitespace (incl. U+3000) removed. */
export function compact(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

/** Today's date in Shanghai (UTC+8, no DST) as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether YYYY, MM, DD form a real Gregorian date (Date.UTC round trip). */
export function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
