import { checkIdNumber, checkUscc, checkVin } from '@shtp/core/validators';
import type { TaxVerifyAnswer, TaxVerifyQuery } from '../../../integrations/tax-verify/tax-verify.port.ts';
import { formatFen, parseAmountFigures } from '../parse/amount.ts';
import type { Check } from '../parse/facts.ts';
import { check, compact } from '../parse/identifiers.ts';
import type { InvoiceFields, InvoiceKind } from '../parse/invoice.ts';
import type { InvoiceQr } from './qr.ts';

/**
 * Invoice authenticity (T20) beyond what the printed invoice says about itself (parse/invoice.ts): the QR code
 * against the printed fields, the business's own data against the invoice, and the tax bureau's record.
 */

/** What the case says the invoice should show (e.g. the VIN and buyer of a temporary-plate application). */
export interface BusinessData {
  vin?: string;
  /** Buyer's ID number or USCC. */
  buyerId?: string;
  buyerName?: string;
  /** 价税合计, yuan. */
  totalAmount?: string;
  invoiceNumber?: string;
}

const same = (a: string, b: string) => compact(a) === compact(b);

/** A comparison's check: pass or fail on `ok`. */
const verdict = (code: string, name: string, ok: boolean, pass: string, fail: string): Check => check(code, name, ok ? 'pass' : 'fail', ok ? pass : fail);

/** One QR-versus-print comparison: pass, fail, or unknown when either side is missing. */
function compare(code: string, name: string, qrValue: string | null, printed: string | null, eq: (a: string, b: string) => boolean = same): Check {
  if (qrValue === null) return check(code, name, 'unknown', '二维码中无此项，未比对');
  if (printed === null) return check(code, name, 'unknown', `票面未识别到${name.replace(/^二维码与票面：/, '')}，未比对`);
  return verdict(code, name, eq(qrValue, printed), `二维码与票面一致（${printed}）`, `二维码为 ${qrValue}，票面为 ${printed}`);
}

export function qrChecks(raw: string | null, qr: InvoiceQr | null, kind: InvoiceKind | null, f: InvoiceFields): Check[] {
  if (raw === null) return [check('invoice.qr.found', '二维码', 'unknown', '未能在图片中找到或解码发票二维码（可能模糊、遮挡或裁掉）')];
  if (!qr) return [check('invoice.qr.format', '二维码格式', 'fail', '二维码内容不是发票二维码格式（01,类型,代码,号码,金额,日期,…）')];
  const checks = [check('invoice.qr.format', '二维码格式', 'pass', `发票二维码（类型 ${qr.type}）`)];
  if (kind === 'motor') checks.push(compare('invoice.qr.code', '二维码与票面：发票代码', qr.invoiceCode, f.invoiceCode.value));
  checks.push(compare('invoice.qr.number', '二维码与票面：发票号码', qr.invoiceNumber, f.invoiceNumber.value));
  checks.push(compare('invoice.qr.date', '二维码与票面：开票日期', qr.issueDate, f.issueDate.value));
  checks.push(compare('invoice.qr.amount', '二维码与票面：不含税金额', formatFen(qr.amount), f.netAmount.value));
  return checks;
}

function partyMatches(expected: string, read: string | null): boolean {
  if (!read) return false;
  const a = compact(expected).replace(/[x×]/gi, 'X');
  return a === compact(read);
}

/** One item of the business against what the invoice shows; unknown when the invoice's side was not read. */
function against(code: string, what: string, read: string | null, ok: (read: string) => boolean, pass: string, fail: (read: string) => string): Check {
  const name = `${what}与业务一致`;
  if (!read) return check(code, name, 'unknown', `票面未识别到${what}，未与业务数据比对`);
  return verdict(code, name, ok(read), pass, fail(read));
}

/** The business's data against the invoice; a malformed expectation never reaches here (the route validates it). */
export function businessChecks(b: BusinessData, f: InvoiceFields): Check[] {
  const checks: Check[] = [];
  const { vin, buyerId, buyerName, totalAmount, invoiceNumber } = b;
  if (vin)
    checks.push(
      against(
        'business.vin',
        '车辆识别代号',
        f.vin.value,
        (read) => same(vin, read),
        '票面车辆识别代号与业务登记一致',
        (read) => `票面车辆识别代号 ${read} 与业务登记的 ${compact(vin)} 不一致`,
      ),
    );
  if (buyerId)
    checks.push(
      against(
        'business.buyerId',
        '购买方证件号码',
        f.buyerId.value,
        (read) => partyMatches(buyerId, read),
        '票面购买方证件号码与申请人一致',
        () => '票面购买方证件号码与申请人不一致',
      ),
    );
  if (buyerName)
    checks.push(
      against(
        'business.buyerName',
        '购买方名称',
        f.buyerName.value,
        (read) => same(buyerName, read),
        '票面购买方名称与申请人一致',
        (read) => `票面购买方名称 ${read} 与申请人 ${buyerName} 不一致`,
      ),
    );
  if (totalAmount) {
    const expected = parseAmountFigures(totalAmount);
    const read = f.totalAmount.value && parseAmountFigures(f.totalAmount.value) !== null ? f.totalAmount.value : null;
    checks.push(
      against(
        'business.totalAmount',
        '价税合计',
        read,
        (r) => parseAmountFigures(r) === expected,
        `价税合计 ${read} 与业务一致`,
        (r) => `票面价税合计 ${r} 与业务的 ${expected === null ? totalAmount : formatFen(expected)} 不一致`,
      ),
    );
  }
  if (invoiceNumber)
    checks.push(
      against(
        'business.invoiceNumber',
        '发票号码',
        f.invoiceNumber.value,
        (read) => same(invoiceNumber, read),
        '发票号码与业务一致',
        (read) => `票面发票号码 ${read} 与业务的 ${invoiceNumber} 不一致`,
      ),
    );
  return checks;
}

/** The verification query from the printed fields, or why none can be made. */
export function verifyQuery(kind: InvoiceKind | null, f: InvoiceFields): TaxVerifyQuery | { missing: string } {
  if (!f.invoiceNumber.value) return { missing: '发票号码' };
  if (kind === 'motor' && !f.invoiceCode.value) return { missing: '发票代码' };
  if (!f.issueDate.value) return { missing: '开票日期' };
  if (!f.netAmount.value) return { missing: '不含税金额' };
  return {
    invoiceCode: kind === 'motor' ? f.invoiceCode.value : null,
    invoiceNumber: f.invoiceNumber.value,
    issueDate: f.issueDate.value,
    amount: f.netAmount.value,
  };
}

/** The tax bureau's answer as checks: existence, status, and the figures on file against the printed ones. */
export function verifyChecks(answer: TaxVerifyAnswer | { missing: string }, f: InvoiceFields): Check[] {
  const exists = '税务机关查验：发票存在';
  const status = '税务机关查验：发票状态';
  if ('missing' in answer) return [check('invoice.verify.exists', exists, 'unknown', `未识别到${answer.missing}，无法向税务机关查验`)];
  switch (answer.outcome) {
    case 'unavailable':
      return [check('invoice.verify.exists', exists, 'unknown', `${answer.reason}，发票真伪未能查验`)];
    case 'not-found':
      return [check('invoice.verify.exists', exists, 'fail', '查无此票：税务机关没有该发票代码和号码的记录')];
    case 'mismatch':
      return [check('invoice.verify.exists', exists, 'fail', answer.message)];
    case 'found': {
      const total = f.totalAmount.value;
      const onFile = answer.invoice.totalAmount;
      const totalName = '税务机关查验：价税合计';
      const checks = [
        check('invoice.verify.exists', exists, 'pass', '税务机关有该发票的记录，查验要素一致'),
        verdict('invoice.verify.status', status, answer.status === '正常', '发票状态正常', `发票已${answer.status}`),
        total
          ? verdict(
              'invoice.verify.total',
              totalName,
              parseAmountFigures(total) === parseAmountFigures(onFile),
              `价税合计与税务机关记录一致（${onFile}）`,
              `票面价税合计 ${total} 与税务机关记录 ${onFile} 不一致`,
            )
          : check('invoice.verify.total', totalName, 'unknown', '票面价税合计未识别，未与税务机关记录比对'),
      ];
      if (f.sellerTaxId.value && answer.invoice.sellerTaxId)
        checks.push(
          verdict(
            'invoice.verify.seller',
            '税务机关查验：销售方',
            same(f.sellerTaxId.value, answer.invoice.sellerTaxId),
            '销售方纳税人识别号与税务机关记录一致',
            '销售方纳税人识别号与税务机关记录不一致',
          ),
        );
      return checks;
    }
  }
}

/** Validates business data posted with the request: each given identifier must itself be well-formed. */
export function businessDataProblems(b: BusinessData): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (b.vin) {
    const r = checkVin(b.vin);
    if (!r.ok) out.push({ field: 'vin', message: r.message });
  }
  if (b.buyerId) {
    const v = compact(b.buyerId);
    const r = /^\d{17}[\dXx]$/.test(v) ? checkIdNumber(v, { label: '购买方证件号码' }) : checkUscc(v, { label: '购买方证件号码' });
    if (!r.ok) out.push({ field: 'buyerId', message: r.message });
  }
  if (b.totalAmount && !/^\d{1,12}(\.\d{1,2})?$/.test(b.totalAmount.trim()))
    out.push({ field: 'totalAmount', message: '价税合计须为金额（元，最多两位小数）' });
  if (b.invoiceNumber && !/^\d{8}$|^\d{20}$/.test(compact(b.invoiceNumber))) out.push({ field: 'invoiceNumber', message: '发票号码须为 8 位或 20 位数字' });
  return out;
}
