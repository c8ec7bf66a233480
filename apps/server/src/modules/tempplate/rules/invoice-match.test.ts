import { describe, expect, it } from 'vitest';
import { input, READING, read } from './rule-test-facts.ts';
import { t4InvoiceVin } from './t4-invoice-vin.ts';
import { t5InvoiceId } from './t5-invoice-id.ts';
import { t6InvoiceName } from './t6-invoice-name.ts';

describe('T4–T6 business against the invoice image', () => {
  it('T4 fires on another VIN read with confidence, with the image box as evidence', () => {
    const hit = t4InvoiceVin.evaluate(input({ invoiceReading: { ...READING, vin: read('LSVAU2180N2183295') } }));
    expect(hit?.severity).toBe('high');
    expect(hit?.evidence.images).toEqual([{ material: 'invoice', box: [10, 20, 200, 40] }]);
  });
  it('T4 treats full-width and lower case as the same VIN (near miss)', () => {
    expect(t4InvoiceVin.evaluate(input({ invoiceReading: { ...READING, vin: read('ｌｓｖａｕ2180N2183294') } }))).toBeNull();
  });
  it('T5 below the confidence parameter is "unreadable", its own warning, never a pass (bad data)', () => {
    const hit = t5InvoiceId.evaluate(input({ invoiceReading: { ...READING, buyerIdNumber: read('310101199001011237', 79) } }));
    expect(hit?.evidence.note).toBe('无法识别');
    expect(hit?.severity).toBe('low');
    expect(t5InvoiceId.evaluate(input({ invoiceReading: { ...READING, buyerIdNumber: read('310101199001011237', 80) } }))).toBeNull();
    expect(t5InvoiceId.evaluate(input({ invoiceReading: { ...READING, buyerIdNumber: read(null, 0) } }))?.evidence.note).toBe('无法识别');
  });
  it('T6 fires on another name, masked; unit-name brackets fold', () => {
    const hit = t6InvoiceName.evaluate(input({ invoiceReading: { ...READING, buyerName: read('李四') } }));
    expect(hit?.evidence.compared[0]?.against).not.toContain('李四');
    const unit = input({
      business: { ownerName: '上海某某汽车销售有限公司（浦东）' },
      invoiceReading: { ...READING, buyerName: read('上海某某汽车销售有限公司(浦东)') },
    });
    expect(t6InvoiceName.evaluate(unit)).toBeNull();
  });
  it('no reading, no comparison', () => {
    expect(t4InvoiceVin.evaluate(input({ invoiceReading: null }))).toBeNull();
  });
});
