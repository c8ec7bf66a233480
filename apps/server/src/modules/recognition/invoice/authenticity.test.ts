import { describe, expect, it } from 'vitest';
import { emptyField, type Field } from '../parse/facts.ts';
import { INVOICE_FIELDS, type InvoiceFields } from '../parse/invoice.ts';
import { businessChecks, businessDataProblems, qrChecks, verifyChecks, verifyQuery } from './authenticity.ts';
import { parseInvoiceQr } from './qr.ts';

const f = (value: string): Field => ({ value, confidence: 0.9, source: null });
function fields(values: Partial<Record<(typeof INVOICE_FIELDS)[number], string>>): InvoiceFields {
  return Object.fromEntries(INVOICE_FIELDS.map((k) => [k, values[k] ? f(values[k] as string) : emptyField<string>()])) as InvoiceFields;
}
const printed = fields({
  invoiceCode: '031002400120',
  invoiceNumber: '08730315',
  issueDate: '2024-05-17',
  netAmount: '194601.77',
  totalAmount: '219900.00',
  vin: 'LSVAU2187N2123456',
  buyerId: '310115199003071239',
  sellerTaxId: '91310115MA1FL0Q10W',
});
const byCode = (checks: { code: string; result: string }[]) => Object.fromEntries(checks.map((c) => [c.code, c.result]));

describe('invoice QR content', () => {
  it('parses the comma-separated format, code empty on 数电 invoices', () => {
    expect(parseInvoiceQr('01,03,031002400120,08730315,194601.77,20240517,,A1B2')).toMatchObject({
      type: '03',
      invoiceCode: '031002400120',
      invoiceNumber: '08730315',
      amount: 19_460_177,
      issueDate: '2024-05-17',
      checkCode: null,
    });
    expect(parseInvoiceQr('01,32,,24312000000012345678,194601.77,20240517,,A1B2')?.invoiceCode).toBeNull();
    expect(parseInvoiceQr('https://example.invalid/x')).toBeNull();
    expect(parseInvoiceQr('01,03,031002400120,123,194601.77,20240517,,A1B2')).toBeNull();
  });

  it('compares the QR with the print field by field', () => {
    const raw = '01,03,031002400120,08730315,194601.77,20240517,,A1B2';
    expect(byCode(qrChecks(raw, parseInvoiceQr(raw), 'motor', printed))).toEqual({
      'invoice.qr.format': 'pass',
      'invoice.qr.code': 'pass',
      'invoice.qr.number': 'pass',
      'invoice.qr.date': 'pass',
      'invoice.qr.amount': 'pass',
    });
    const other = '01,03,031002400120,08730316,184601.77,20240517,,A1B2';
    const c = byCode(qrChecks(other, parseInvoiceQr(other), 'motor', printed));
    expect(c['invoice.qr.number']).toBe('fail');
    expect(c['invoice.qr.amount']).toBe('fail');
    expect(byCode(qrChecks(null, null, 'motor', printed))).toEqual({ 'invoice.qr.found': 'unknown' });
    expect(byCode(qrChecks('hello', null, 'motor', printed))).toEqual({ 'invoice.qr.format': 'fail' });
  });
});

describe('tax-bureau answer as checks', () => {
  const onFile = {
    ...{ invoiceCode: '031002400120', invoiceNumber: '08730315', issueDate: '2024-05-17' },
    netAmount: '194601.77',
    taxAmount: '25298.23',
    totalAmount: '219900.00',
    buyerName: '张伟',
    sellerName: 'x',
    sellerTaxId: '91310115MA1FL0Q10W',
  };

  it('an unavailable service leaves existence unknown, never passed', () => {
    expect(verifyChecks({ outcome: 'unavailable', reason: '税务查验服务超时（5 秒）' }, printed)).toEqual([
      expect.objectContaining({ code: 'invoice.verify.exists', result: 'unknown', message: expect.stringContaining('超时') }),
    ]);
    expect(byCode(verifyChecks(verifyQuery('motor', fields({ invoiceNumber: '08730315' })) as { missing: string }, printed))).toEqual({
      'invoice.verify.exists': 'unknown',
    });
  });

  it('fails voided invoices, unknown invoices and a total that differs from the record', () => {
    expect(byCode(verifyChecks({ outcome: 'found', status: '作废', invoice: onFile }, printed))['invoice.verify.status']).toBe('fail');
    expect(byCode(verifyChecks({ outcome: 'not-found' }, printed))['invoice.verify.exists']).toBe('fail');
    const raised = fields({ totalAmount: '239900.00', sellerTaxId: '91310115MA1FL0Q10W' });
    expect(byCode(verifyChecks({ outcome: 'found', status: '正常', invoice: onFile }, raised))).toEqual({
      'invoice.verify.exists': 'pass',
      'invoice.verify.status': 'pass',
      'invoice.verify.total': 'fail',
      'invoice.verify.seller': 'pass',
    });
  });

  it('builds the query from the printed elements (no code on 数电 invoices)', () => {
    expect(verifyQuery('motor', printed)).toEqual({ invoiceCode: '031002400120', invoiceNumber: '08730315', issueDate: '2024-05-17', amount: '194601.77' });
    expect(verifyQuery('digital', printed)).toMatchObject({ invoiceCode: null });
  });
});

describe('business data', () => {
  it('compares the case data with the invoice, case-insensitively for identifiers', () => {
    const c = byCode(businessChecks({ vin: 'lsvau2187n2123456', buyerId: '310115199003071239', totalAmount: '219900' }, printed));
    expect(c).toEqual({ 'business.vin': 'pass', 'business.buyerId': 'pass', 'business.totalAmount': 'pass' });
    expect(byCode(businessChecks({ buyerId: '440305198511224564' }, printed))['business.buyerId']).toBe('fail');
    expect(byCode(businessChecks({ vin: 'LSVAU2187N2123456' }, fields({})))['business.vin']).toBe('unknown');
  });

  it('refuses malformed case data per field', () => {
    expect(businessDataProblems({ vin: 'LSVAU2188N2123456', totalAmount: '12,00', invoiceNumber: '123' }).map((p) => p.field)).toEqual([
      'vin',
      'totalAmount',
      'invoiceNumber',
    ]);
    expect(businessDataProblems({ buyerId: '91310115MA1FL0Q10W' })).toEqual([]);
  });
});
