/** zod field helpers: normalise (transform) with the shared validators and report their Chinese message. */
import { z } from 'zod';
import { checkIdNumber } from './id-number.ts';
import { checkDigitalInvoiceNumber, checkInvoiceNumber } from './invoice.ts';
import { checkMobile, checkPhone } from './phone.ts';
import { checkPlate, type PlateOptions } from './plate.ts';
import { checkUscc } from './uscc.ts';
import { checkVin } from './vin.ts';

/** An unpaired UTF-16 surrogate: no valid UTF-8 encodes it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store the text: no U+0000 (refused in text and jsonb) and no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

const UNSTORABLE_TEXT = '含有不允许的字符（空字符 U+0000 或不完整的 Unicode 字符）';

/**
 * `z.string()` for request input: every string field of a body, query or path uses it (or `text()`), so text
 * the database would refuse is a 400 naming the field instead of a failed query (500). Later checks are skipped.
 */
export function safeString(params?: Parameters<typeof z.string>[0], label = '') {
  return z.string(params).refine(isStorableText, { message: `${label}${UNSTORABLE_TEXT}`, abort: true });
}

type Check = (input: string, opts: { label?: string }) => { ok: true; value: string } | { ok: false; message: string };

/** A field left out or empty asks for input (请输入…); only a value of the wrong kind is 须为文本. */
export const textFieldError =
  (label: string | undefined) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined || issue.input === null ? `请输入${label ?? '该项'}` : `${label ?? '该项'}须为文本`;

function field(check: Check, label: string | undefined) {
  return safeString({ error: textFieldError(label) }, label).transform((input, ctx) => {
    const r = check(input, label === undefined ? {} : { label });
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });
}

/** A GB 11643 ID number; the output is normalised (half-width, upper-case X). */
export const idNumberField = (label = '身份证号码') => field(checkIdNumber, label);
/** A GB 32100 unified social credit code; O→0 and I→1 are applied. */
export const usccField = (label = '统一社会信用代码') => field(checkUscc, label);
/** An ISO 3779 VIN with a valid position-9 check digit. */
export const vinField = (label = '车辆识别代号') => field(checkVin, label);
/** A mainland mobile number (the +86 prefix and separators are dropped). */
export const mobileField = (label = '手机号码') => field(checkMobile, label);
/** A mobile or a Shanghai landline (021-XXXXXXXX). */
export const phoneField = (label = '联系电话') => field(checkPhone, label);
/** A plate number, normalised (no separator, half-width, upper case); `opts` selects motor / e-bike and the e-bike pattern. */
export const plateField = (label = '号牌号码', opts: Omit<PlateOptions, 'label'> = {}) => field((input, o) => checkPlate(input, { ...opts, ...o }), label);
/** A purchase invoice's number: 8 digits (old-style) or 20 digits (数电, year and province checked). */
export const invoiceNoField = (label = '发票号码') =>
  field((input, o) => {
    const digits = input.replace(/\s/g, '');
    if (digits.length === 20) return checkDigitalInvoiceNumber(digits, o);
    const old = checkInvoiceNumber(digits, o);
    return old.ok ? old : { ok: false, message: `${label}须为 8 位数字或 20 位数电发票号码` };
  }, label);
