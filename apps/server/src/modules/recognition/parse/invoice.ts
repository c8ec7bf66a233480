import { checkDigitalInvoiceNumber, checkInvoiceCode, checkInvoiceNumber, checkUscc, checkVin } from '@shtp/core/validators';
import type { OcrLine } from '../engine/types.ts';
import { formatFen, parseAmountFigures, parseAmountWords } from './amount.ts';
import { type Check, emptyField, type Field } from './facts.ts';
import { check, compact, findIdNumber, findPartyId, findUscc, findVin, partyIdCheck, shanghaiToday } from './identifiers.ts';
import { dateField, type FormRows, fieldFrom, formRows, type LabelledValue, type LabelSpec, label, labelledValues, textField } from './labelled.ts';

/** 机动车销售统一发票 (paper, code + 8-digit number) or its 数电 form (20-digit number, no code). */
export type InvoiceKind = 'motor' | 'digital';

export const INVOICE_FIELDS = [
  'invoiceCode',
  'invoiceNumber',
  'issueDate',
  'buyerName',
  'buyerId',
  'vehicleType',
  'brandModel',
  'origin',
  'certificateNo',
  'engineNo',
  'vin',
  'totalAmountWords',
  'totalAmount',
  'netAmount',
  'taxRate',
  'taxAmount',
  'sellerName',
  'sellerTaxId',
] as const;
export type InvoiceField = (typeof INVOICE_FIELDS)[number];
export type InvoiceFields = Record<InvoiceField, Field>;

export interface InvoiceReading {
  kind: InvoiceKind | null;
  fields: InvoiceFields;
  checks: Check[];
}

/** Printed labels of both layouts; the longest label wins at each position, so 名称 never matches inside 购买方名称. */
const LABELS: LabelSpec<InvoiceField>[] = [
  { key: 'invoiceCode', re: label('发票代码') },
  { key: 'invoiceNumber', re: label('发票号码') },
  { key: 'issueDate', re: label('开票日期') },
  { key: 'buyerName', re: label('购买方名称') },
  { key: 'buyerId', re: label('身份证号码/组织机构代码') },
  { key: 'buyerId', re: label('统一社会信用代码/纳税人识别号/身份证号码') },
  { key: ['buyerName', 'sellerName'], re: label('名称') },
  { key: 'vehicleType', re: label('车辆类型') },
  { key: 'brandModel', re: label('厂牌型号') },
  { key: 'origin', re: label('产地') },
  { key: 'certificateNo', re: label('合格证号') },
  { key: 'engineNo', re: label('发动机号码') },
  { key: 'vin', re: label('车辆识别代号/车架号码') },
  { key: 'totalAmountWords', re: /价\s*税\s*合\s*计\s*(?:\(\s*大\s*写\s*\))?/y },
  { key: 'totalAmount', re: /\(?\s*小\s*写\s*\)?/y },
  { key: 'sellerName', re: label('销货单位名称') },
  { key: 'sellerTaxId', re: label('纳税人识别号') },
  { key: 'sellerTaxId', re: label('统一社会信用代码/纳税人识别号') },
  { key: 'taxRate', re: /增\s*值\s*税\s*税\s*率\s*(?:或|\/)?\s*征\s*收\s*率/y },
  { key: 'taxAmount', re: label('增值税税额') },
  { key: 'netAmount', re: label('不含税价') },
  ...[
    '进口证明书号',
    '商检单号',
    '电话',
    '账号',
    '地址',
    '开户银行',
    '主管税务机关及代码',
    '完税凭证号码',
    '吨位',
    '限乘人数',
    '开票人',
    '备注',
    '购买方信息',
    '销售方信息',
    '销货单位盖章',
    '发票联',
  ].map((l) => ({ key: null, re: label(l) })),
];

/** Which layout: a 20-digit number or 电子发票 → 数电; 发票代码 or the title → classic. */
export function invoiceKind(form: FormRows): InvoiceKind | null {
  const t = form.text.replace(/\s+/g, '');
  if (/电子发票/.test(t) || (/(?<!\d)\d{20}(?!\d)/.test(t) && !/发票代码/.test(t))) return 'digital';
  if (/发票代码|机动车销售统一发票/.test(t)) return 'motor';
  return null;
}

const digitsOf = (s: string) => s.replace(/[Oo]/g, '0').replace(/[^\d]/g, '');

const twentyDigits = (t: string) => {
  const m = /(?<!\d)\d{20}(?!\d)/.exec(t.replace(/[Oo]/g, '0').replace(/\s/g, ''));
  return m ? { value: m[0], valid: true } : null;
};

function amountField(v: LabelledValue | undefined, lines: OcrLine[]): Field {
  if (!v) return emptyField<string>();
  const fen = parseAmountFigures(v.text);
  return fieldFrom(fen === null ? null : formatFen(fen), lines, v.members);
}

/** The first line (plain or restricted reading) where `find` succeeds with a valid value, else the first at all. */
function searchLines(lines: OcrLine[], find: (t: string) => { value: string; valid: boolean } | null): Field {
  let fallback: Field = emptyField<string>();
  for (const [i, l] of lines.entries()) {
    for (const t of [l.text, ...Object.values(l.alt).map((d) => d.text)]) {
      const f = t ? find(t) : null;
      if (f?.valid) return fieldFrom(f.value, lines, [i]);
      if (f && !fallback.value) fallback = fieldFrom(f.value, lines, [i]);
    }
  }
  return fallback;
}

/** An identifier from its labelled value (also the restricted readings of its lines), else anywhere in the document. */
function identifierField(
  v: LabelledValue | undefined,
  lines: OcrLine[],
  find: (t: string) => { value: string; valid: boolean } | null,
  anywhere: boolean,
): Field {
  if (v) {
    const texts = [v.text, ...v.members.flatMap((i) => Object.values((lines[i] as OcrLine).alt).map((d) => d.text))];
    const found = texts.map((t) => find(t)).filter((f) => f !== null);
    const pick = found.find((f) => f.valid) ?? found[0];
    // A labelled value that does not verify is reported as read (a re-read may fix it), not replaced by a search.
    if (pick) return fieldFrom(pick.value, lines, v.members);
    if (v.text) return fieldFrom(compact(v.text), lines, v.members);
  }
  return anywhere ? searchLines(lines, find) : emptyField<string>();
}

/**
 * Reads a vehicle-sale invoice from its OCR lines: the layout, then every field by its printed label (identifiers
 * and amounts also by shape), then the checks that need no outside data: structure of code and number, date,
 * check characters of the VIN and the parties' IDs, 价税合计 = 不含税价 + 税额, words = figures, tax = rate × net.
 */
export function readInvoice(lines: OcrLine[]): InvoiceReading {
  const form = formRows(lines);
  const kind = invoiceKind(form);
  const v = labelledValues(form, LABELS);
  const num = (x: LabelledValue | undefined, len: number[]) => {
    const d = x ? digitsOf(x.text) : '';
    return x && len.includes(d.length) ? fieldFrom(d, lines, x.members) : emptyField<string>();
  };
  let invoiceNumber = num(v.invoiceNumber, kind === 'digital' ? [20] : [8]);
  if (!invoiceNumber.value && kind === 'digital') invoiceNumber = searchLines(lines, twentyDigits);
  const fields: InvoiceFields = {
    invoiceCode: kind === 'digital' ? emptyField<string>() : num(v.invoiceCode, [10, 12]),
    invoiceNumber,
    issueDate: dateField(v.issueDate, lines),
    buyerName: textField(v.buyerName, lines),
    buyerId: identifierField(v.buyerId, lines, findPartyId, false),
    vehicleType: textField(v.vehicleType, lines),
    brandModel: textField(v.brandModel, lines),
    origin: textField(v.origin, lines),
    certificateNo: textField(v.certificateNo, lines),
    engineNo: textField(v.engineNo, lines),
    vin: identifierField(v.vin, lines, findVin, true),
    totalAmountWords: textField(v.totalAmountWords, lines, (s) => s.replace(/[\s⊗ⓧ()]/g, '')),
    totalAmount: amountField(v.totalAmount, lines),
    netAmount: amountField(v.netAmount, lines),
    taxRate: textField(v.taxRate, lines, (s) => /\d{1,2}\s*%/.exec(s)?.[0].replace(/\s/g, '') ?? /免税|不征税/.exec(s)?.[0] ?? ''),
    taxAmount: amountField(v.taxAmount, lines),
    sellerName: textField(v.sellerName, lines),
    sellerTaxId: identifierField(v.sellerTaxId, lines, findUscc, false),
  };
  // The buyer's ID by shape when its label was not read: the first valid ID number on the invoice.
  if (!fields.buyerId.value) fields.buyerId = searchLines(lines, findIdNumber);
  fillAmountsByRow(form, lines, fields);
  return { kind, fields, checks: invoiceChecks(kind, fields) };
}

/**
 * Amounts whose label was not read, found by geometry rather than by arithmetic (which would make the sum check
 * pass by construction): the ¥ amount on the row of the words is the total, the one on the row of the tax rate is the
 * tax; a single amount left over fills the single field still missing.
 */
function fillAmountsByRow(form: FormRows, lines: OcrLine[], f: InvoiceFields): void {
  const used = new Set([f.totalAmount, f.netAmount, f.taxAmount].flatMap((x) => x.source?.lines ?? []));
  const money = form.rows.flatMap((row, r) =>
    row.filter((p) => /[¥￥]/.test(p.text) && !used.has(p.i) && parseAmountFigures(p.text) !== null).map((p) => ({ r, p })),
  );
  const rowOf = (x: Field) => form.rows.findIndex((row) => row.some((p) => x.source?.lines.includes(p.i)));
  const take = (key: 'totalAmount' | 'netAmount' | 'taxAmount', pick: (m: (typeof money)[number]) => boolean) => {
    const k = money.findIndex(pick);
    if (f[key].value || k < 0) return;
    const [m] = money.splice(k, 1);
    if (m) f[key] = fieldFrom(formatFen(parseAmountFigures(m.p.text) as number), lines, [m.p.i]);
  };
  if (f.totalAmountWords.source) take('totalAmount', (m) => m.r === rowOf(f.totalAmountWords));
  if (f.taxRate.source) take('taxAmount', (m) => m.r === rowOf(f.taxRate));
  const missing = (['totalAmount', 'netAmount', 'taxAmount'] as const).filter((k) => !f[k].value);
  if (missing.length === 1 && money.length === 1) take(missing[0] as 'totalAmount', () => true);
}

const fen = (f: Field) => (f.value === null ? null : Math.round(Number(f.value) * 100));

/** The checks of an invoice reading that need no outside data (re-run after a field is re-read). */
export function invoiceChecks(kind: InvoiceKind | null, f: InvoiceFields, today = shanghaiToday()): Check[] {
  const checks: Check[] = [];
  const issueDate = f.issueDate.value ?? undefined;
  if (!kind) checks.push(check('invoice.kind', '发票版式', 'unknown', '未能判断为机动车销售统一发票或数电发票'));
  // Number and code structure (VALIDATORS.md §5).
  if (!f.invoiceNumber.value) checks.push(check('invoice.number.structure', '发票号码结构', 'unknown', '未识别到发票号码'));
  else {
    if (kind === 'digital') {
      const r = checkDigitalInvoiceNumber(f.invoiceNumber.value, { issueDate, label: '发票号码' });
      checks.push(
        check('invoice.number.structure', '发票号码结构', r.ok ? 'pass' : 'fail', r.ok ? `发票号码结构正确（${r.province}，${r.year2} 年）` : r.message),
      );
    } else {
      const r = checkInvoiceNumber(f.invoiceNumber.value);
      checks.push(check('invoice.number.structure', '发票号码结构', r.ok ? 'pass' : 'fail', r.ok ? '发票号码结构正确（8 位）' : r.message));
    }
  }
  if (kind === 'motor') {
    if (!f.invoiceCode.value) checks.push(check('invoice.code.structure', '发票代码结构', 'unknown', '未识别到发票代码'));
    else {
      const r = checkInvoiceCode(f.invoiceCode.value, { issueDate });
      const detail = r.ok && r.province ? `（地区 ${r.province}，年份 ${r.year2}）` : '';
      checks.push(check('invoice.code.structure', '发票代码结构', r.ok ? 'pass' : 'fail', r.ok ? `发票代码结构正确${detail}` : r.message));
    }
  }
  if (!issueDate) checks.push(check('invoice.date', '开票日期', 'unknown', '未识别到开票日期'));
  else if (issueDate > today) checks.push(check('invoice.date', '开票日期', 'fail', `开票日期 ${issueDate} 晚于今天`));
  else checks.push(check('invoice.date', '开票日期', 'pass', `开票日期 ${issueDate}`));
  // Check characters.
  if (!f.vin.value) checks.push(check('invoice.vin.check', '车辆识别代号校验位', 'unknown', '未识别到车辆识别代号'));
  else {
    const r = checkVin(f.vin.value);
    checks.push(check('invoice.vin.check', '车辆识别代号校验位', r.ok ? 'pass' : 'fail', r.ok ? '车辆识别代号校验位正确（ISO 3779）' : r.message));
  }
  checks.push(partyIdCheck('invoice.buyerId.check', '购买方证件号码校验', f.buyerId.value, '购买方身份证号码/统一社会信用代码'));
  if (!f.sellerTaxId.value) checks.push(check('invoice.sellerTaxId.check', '销售方纳税人识别号校验', 'unknown', '未识别到销售方纳税人识别号'));
  else {
    const r = checkUscc(f.sellerTaxId.value, { label: '销售方纳税人识别号' });
    checks.push(
      check('invoice.sellerTaxId.check', '销售方纳税人识别号校验', r.ok ? 'pass' : 'fail', r.ok ? '销售方统一社会信用代码校验通过（GB 32100）' : r.message),
    );
  }
  // Arithmetic.
  const [total, net, tax] = [fen(f.totalAmount), fen(f.netAmount), fen(f.taxAmount)];
  if (total === null || net === null || tax === null)
    checks.push(check('invoice.amount.sum', '价税合计 = 不含税价 + 税额', 'unknown', '金额未识别完整，未核算'));
  else {
    const ok = Math.abs(net + tax - total) <= 1;
    checks.push(
      check(
        'invoice.amount.sum',
        '价税合计 = 不含税价 + 税额',
        ok ? 'pass' : 'fail',
        ok
          ? `${f.netAmount.value} + ${f.taxAmount.value} = ${f.totalAmount.value}`
          : `不含税价 ${f.netAmount.value} + 税额 ${f.taxAmount.value} ≠ 价税合计 ${f.totalAmount.value}`,
      ),
    );
  }
  const words = f.totalAmountWords.value ? parseAmountWords(f.totalAmountWords.value) : null;
  if (total === null || words === null)
    checks.push(check('invoice.amount.words', '大写金额与小写一致', 'unknown', f.totalAmountWords.value ? '大写金额无法读出，未比对' : '未识别到大写金额'));
  else
    checks.push(
      check(
        'invoice.amount.words',
        '大写金额与小写一致',
        words === total ? 'pass' : 'fail',
        words === total
          ? `大写金额 ${f.totalAmountWords.value} 与小写一致`
          : `大写金额 ${f.totalAmountWords.value}（${formatFen(words)}）与小写 ${f.totalAmount.value} 不一致`,
      ),
    );
  const rate = f.taxRate.value && /^\d{1,2}%$/.test(f.taxRate.value) ? Number(f.taxRate.value.slice(0, -1)) : null;
  if (rate === null || net === null || tax === null)
    checks.push(check('invoice.amount.taxRate', '税额 = 不含税价 × 税率', 'unknown', '税率或金额未识别，未核算'));
  else {
    const expected = Math.round((net * rate) / 100);
    const ok = Math.abs(expected - tax) <= 1;
    checks.push(
      check(
        'invoice.amount.taxRate',
        '税额 = 不含税价 × 税率',
        ok ? 'pass' : 'fail',
        ok ? `税额与 ${rate}% 税率相符` : `按 ${rate}% 税率税额应为 ${formatFen(expected)}，票面为 ${f.taxAmount.value}`,
      ),
    );
  }
  return checks;
}
