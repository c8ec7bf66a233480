/** Mainland mobile numbers and Shanghai landlines (area code 021, 8-digit local numbers). */
import { type Invalid, toHalfWidth } from './common.ts';

/** Mobile: 11 digits starting 13–19 (number-range allocation changes; the second digit is not narrowed further). */
const MOBILE_RE = /^1[3-9]\d{9}$/;
/** Shanghai local numbers are 8 digits and do not start with 0 or 1 (those are trunk/service prefixes). */
const SH_LOCAL_RE = /^[2-9]\d{7}$/;

/** Half-width; spaces, hyphens, dots and brackets removed; a +86 / 0086 / 86 country prefix dropped. */
export function normalisePhone(input: string): string {
  const s = toHalfWidth(input).replace(/[\s\-().]/g, '');
  const m = /^(?:\+|00)?86(\d{10,11})$/.exec(s);
  return m ? m[1]! : s;
}

export type MobileResult = { ok: true; value: string } | Invalid;

export function checkMobile(input: string, opts: { label?: string } = {}): MobileResult {
  const label = opts.label ?? '手机号码';
  const value = normalisePhone(input);
  if (!MOBILE_RE.test(value)) return { ok: false, message: `${label}须为 11 位数字，以 13–19 开头` };
  return { ok: true, value };
}

export type LandlineResult = { ok: true; value: string; local: string } | Invalid;

/**
 * A Shanghai landline with or without the 021 area code ("021-64871234", "(021) 6487 1234", "64871234"); an
 * extension after 转/-/# is not accepted. The value is written 021-XXXXXXXX.
 */
export function checkShanghaiLandline(input: string, opts: { label?: string } = {}): LandlineResult {
  const label = opts.label ?? '固定电话';
  const digits = normalisePhone(input);
  const local = digits.startsWith('021') ? digits.slice(3) : digits.startsWith('21') && digits.length === 10 ? digits.slice(2) : digits;
  if (!SH_LOCAL_RE.test(local)) return { ok: false, message: `${label}须为上海固定电话（021 加 8 位号码）` };
  return { ok: true, value: `021-${local}`, local };
}

export type PhoneResult = { ok: true; value: string; type: 'mobile' | 'landline' } | Invalid;

/** Either a mobile or a Shanghai landline. */
export function checkPhone(input: string, opts: { label?: string } = {}): PhoneResult {
  const mobile = checkMobile(input);
  if (mobile.ok) return { ok: true, value: mobile.value, type: 'mobile' };
  const landline = checkShanghaiLandline(input);
  if (landline.ok) return { ok: true, value: landline.value, type: 'landline' };
  return { ok: false, message: `${opts.label ?? '联系电话'}须为手机号码或上海固定电话` };
}
