/**
 * Invoice identifiers (VALIDATORS.md §5): structural checks only, since the sources disagree on most of the layout.
 * - Old 发票代码, 10 or 12 digits. For 12 digits only "digit 1 = 0, digits 2-5 = region, 6-7 = year" is reasonably
 *   supported; digits 2-3 are checked against the GB/T 2260 provinces, 6-7 against the issue year when given.
 *   The 10-digit layout is disputed: only the digit count is checked.
 * - Old 发票号码: 8 digits.
 * - 全电/数电 invoice number, 20 digits: 1-2 = year (must equal the issue year when given), 3-4 = province code.
 */
import { provinceName } from './area-code.ts';
import { compact, type Invalid } from './common.ts';

function issueYear2(issueDate: string | Date | undefined): string | null {
  if (issueDate === undefined) return null;
  const iso = typeof issueDate === 'string' ? issueDate : new Date(issueDate.getTime() + 8 * 3600_000).toISOString();
  return /^\d{4}/.test(iso) ? iso.slice(2, 4) : null;
}

export type InvoiceCodeResult =
  | { ok: true; value: string; length: 10 | 12; provinceCode?: string; province?: string; year2?: string }
  | (Invalid & { problem: 'format' | 'region' | 'year' });

export interface InvoiceOptions {
  label?: string;
  /** Issue date (YYYY-MM-DD, or a Date read in Shanghai time) to cross-check the year digits against. */
  issueDate?: string | Date;
}

export function checkInvoiceCode(input: string, opts: InvoiceOptions = {}): InvoiceCodeResult {
  const label = opts.label ?? '发票代码';
  const value = compact(input);
  if (/^\d{10}$/.test(value)) return { ok: true, value, length: 10 };
  if (!/^0\d{11}$/.test(value)) return { ok: false, problem: 'format', message: `${label}须为 10 位数字，或以 0 开头的 12 位数字` };
  const provinceCode = value.slice(1, 3);
  const province = provinceName(provinceCode);
  if (!province) return { ok: false, problem: 'region', message: `${label}第 2-5 位的地区代码不存在` };
  const year2 = value.slice(5, 7);
  const expected = issueYear2(opts.issueDate);
  if (expected !== null && expected !== year2) return { ok: false, problem: 'year', message: `${label}第 6-7 位年份与开票日期不符` };
  return { ok: true, value, length: 12, provinceCode, province, year2 };
}

export type InvoiceNumberResult = { ok: true; value: string } | Invalid;

/** The 8-digit number of an old-style (code + number) invoice. */
export function checkInvoiceNumber(input: string, opts: { label?: string } = {}): InvoiceNumberResult {
  const value = compact(input);
  if (!/^\d{8}$/.test(value)) return { ok: false, message: `${opts.label ?? '发票号码'}须为 8 位数字` };
  return { ok: true, value };
}

export type DigitalInvoiceNumberResult =
  | { ok: true; value: string; year2: string; provinceCode: string; province: string; channel: string; sequence: string }
  | (Invalid & { problem: 'format' | 'region' | 'year' });

export function checkDigitalInvoiceNumber(input: string, opts: InvoiceOptions = {}): DigitalInvoiceNumberResult {
  const label = opts.label ?? '全电发票号码';
  const value = compact(input);
  if (!/^\d{20}$/.test(value)) return { ok: false, problem: 'format', message: `${label}须为 20 位数字` };
  const year2 = value.slice(0, 2);
  const expected = issueYear2(opts.issueDate);
  if (expected !== null && expected !== year2) return { ok: false, problem: 'year', message: `${label}前 2 位年份与开票日期不符` };
  const provinceCode = value.slice(2, 4);
  const province = provinceName(provinceCode);
  if (!province) return { ok: false, problem: 'region', message: `${label}第 3-4 位的地区代码不存在` };
  return { ok: true, value, year2, provinceCode, province, channel: value[4]!, sequence: value.slice(5) };
}
