import { describe, expect, it } from 'vitest';
import { input, READING } from './rule-test-facts.ts';
import { t8InvoiceImage } from './t8-invoice-image.ts';

const reading = (kind: string | null, width: number, height: number) => ({ ...READING, document: { kind, width, height } });

describe('T8 non-standard invoice image', () => {
  it('flags an image that is not an invoice, and one too small to check', () => {
    const other = t8InvoiceImage.evaluate(input({ invoiceReading: reading(null, 1400, 860) }));
    expect(other?.severity).toBe('medium');
    expect(other?.summary).toContain('不是机动车销售统一发票');
    const small = t8InvoiceImage.evaluate(input({ invoiceReading: reading('motor', 900, 500) }));
    expect(small?.severity).toBe('low');
    expect(small?.evidence.compared[0]).toEqual({ item: '影像尺寸', value: '900×500', against: '较短边 ≥ 600 像素' });
  });

  it('near miss: an invoice exactly at the minimum side passes', () => {
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: reading('digital', 1000, 600) }))).toBeNull();
  });

  it('bad data: no invoice image, a failed reading or a stored reading without the document facts is not judged', () => {
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: null }))).toBeNull();
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: READING }))).toBeNull();
  });

  it('reads its threshold from the parameter', () => {
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: reading('motor', 1400, 860), params: { minInvoiceSide: 900 } }))).not.toBeNull();
  });
});
