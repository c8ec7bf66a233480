/** zod field helpers: normalise (transform) with the shared validators and report their Chinese message. */
import { z } from 'zod';
import { checkIdNumber } from './id-number.ts';
import { checkMobile, checkPhone } from './phone.ts';
import { checkPlate, type PlateOptions } from './plate.ts';
import { checkUscc } from './uscc.ts';
import { checkVin } from './vin.ts';

type Check = (input: string, opts: { label?: string }) => { ok: true; value: string } | { ok: false; message: string };

function field(check: Check, label: string | undefined) {
  return z.string({ error: `${label ?? '该项'}须为文本` }).transform((input, ctx) => {
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
