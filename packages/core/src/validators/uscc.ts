/**
 * Unified social credit code, GB 32100-2015 (VALIDATORS.md §2): 18 characters from 0-9 and A-Y without I O Z S V;
 * 1 registering authority, 2 entity type, 3-8 area code, 9-17 organisation code (GB 11714, check at 17), 18 MOD 31 check.
 */
import { areaCodeStatus } from './area-code.ts';
import { compact, type Invalid } from './common.ts';

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{8}[0-9X][0-9A-HJ-NPQRTUWXY]$/;

/** The MOD 31 check character of the first 17 characters (all from USCC_CHARSET). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check character of an 8-character organisation-code body (digits and A–Z, A=10…Z=35). */
export function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Half-width, upper case, spaces and hyphens removed, O→0 and I→1 (neither letter is in the character set; OCR confuses them). */
export function normaliseUscc(input: string): string {
  return compact(input).replace(/-/g, '').replace(/O/g, '0').replace(/I/g, '1');
}

export type UsccProblem = 'format' | 'organisation-check' | 'check';

export type UsccResult =
  | {
      ok: true;
      value: string;
      /** Position 1 (registering authority, e.g. 9 = 工商/市场监管). */
      authority: string;
      /** Position 2 (entity type within the authority). */
      entityType: string;
      areaCode: string;
      /** Whether positions 3-8 are a GB/T 2260 code that ever existed (informative only: not a rejection reason). */
      areaKnown: boolean;
      /** Positions 9-17 (GB 11714 organisation code). */
      organisationCode: string;
    }
  | (Invalid & { problem: UsccProblem });

export function checkUscc(input: string, opts: { label?: string } = {}): UsccResult {
  const label = opts.label ?? '统一社会信用代码';
  const value = normaliseUscc(input);
  if (!USCC_RE.test(value)) {
    return { ok: false, problem: 'format', message: `${label}须为 18 位，由数字和大写字母（不含 I、O、Z、S、V）组成，第 3-8 位为数字` };
  }
  if (organisationCodeCheckChar(value.slice(8, 16)) !== value[16]) {
    return { ok: false, problem: 'organisation-check', message: `${label}中的组织机构代码校验位错误` };
  }
  if (usccCheckChar(value) !== value[17]) return { ok: false, problem: 'check', message: `${label}校验位错误` };
  const areaCode = value.slice(2, 8);
  return {
    ok: true,
    value,
    authority: value[0]!,
    entityType: value[1]!,
    areaCode,
    areaKnown: areaCodeStatus(areaCode) !== null,
    organisationCode: value.slice(8, 17),
  };
}

export type TaxpayerIdResult =
  | { ok: true; value: string; form: 'uscc' | 'pre-2015'; areaCode: string; organisationCode: string }
  | (Invalid & { problem: UsccProblem });

/**
 * 纳税人识别号 of a 税务登记证 (VALIDATORS.md §2): since 2015 (三证合一) the USCC itself; before, 15 characters = a
 * six-digit area code + the nine-character organisation code (GB 11714, its own check character last). The area code
 * is not checked against GB/T 2260 (informative, as for the USCC). Other forms (an ID number + 2 digits for an
 * individual trader) are refused.
 */
export function checkTaxpayerId(input: string, opts: { label?: string } = {}): TaxpayerIdResult {
  const label = opts.label ?? '纳税人识别号';
  const value = normaliseUscc(input);
  if (value.length === 18) {
    const r = checkUscc(value, { label });
    return r.ok ? { ok: true, value, form: 'uscc', areaCode: r.areaCode, organisationCode: r.organisationCode } : r;
  }
  if (!/^\d{6}[0-9A-Z]{8}[0-9X]$/.test(value)) {
    return { ok: false, problem: 'format', message: `${label}须为 18 位统一社会信用代码，或 15 位（6 位行政区划代码 + 9 位组织机构代码）` };
  }
  if (organisationCodeCheckChar(value.slice(6, 14)) !== value[14])
    return { ok: false, problem: 'organisation-check', message: `${label}中的组织机构代码校验位错误` };
  return { ok: true, value, form: 'pre-2015', areaCode: value.slice(0, 6), organisationCode: value.slice(6) };
}
