import { describe, expect, it } from 'vitest';
import { checkDigitalInvoiceNumber, checkInvoiceCode, checkInvoiceNumber } from './invoice.ts';

describe('invoice identifiers (VALIDATORS.md §5, structure only)', () => {
  it('12-digit invoice codes: leading 0, region in 2-5, year in 6-7', () => {
    expect(checkInvoiceCode('031002300111')).toEqual({ ok: true, value: '031002300111', length: 12, provinceCode: '31', province: '上海市', year2: '23' });
    expect(checkInvoiceCode('031002300111', { issueDate: '2023-05-01' }).ok).toBe(true);
    expect(checkInvoiceCode('031002300111', { issueDate: '2024-05-01' })).toMatchObject({ ok: false, problem: 'year' });
    expect(checkInvoiceCode('131002300111')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkInvoiceCode('099002300111')).toMatchObject({ ok: false, problem: 'region' });
    expect(checkInvoiceCode('03100230011')).toMatchObject({ ok: false, problem: 'format' });
  });

  it('10-digit codes: only the digit count (the two sources disagree on the layout)', () => {
    expect(checkInvoiceCode('3100231130')).toEqual({ ok: true, value: '3100231130', length: 10 });
    expect(checkInvoiceCode('31002311A0').ok).toBe(false);
  });

  it('8-digit invoice numbers', () => {
    expect(checkInvoiceNumber('01234567')).toEqual({ ok: true, value: '01234567' });
    expect(checkInvoiceNumber('1234567').ok).toBe(false);
  });

  it('20-digit 全电 numbers: year = issue year, province code valid', () => {
    const n = '24312000000012345678';
    expect(checkDigitalInvoiceNumber(n, { issueDate: '2024-03-01' })).toEqual({
      ok: true,
      value: n,
      year2: '24',
      provinceCode: '31',
      province: '上海市',
      channel: '2',
      sequence: '000000012345678',
    });
    expect(checkDigitalInvoiceNumber(n, { issueDate: new Date('2024-12-31T17:00:00Z') })).toMatchObject({ ok: false, problem: 'year' }); // 2025-01-01 in Shanghai
    expect(checkDigitalInvoiceNumber('24992000000012345678')).toMatchObject({ ok: false, problem: 'region' });
    expect(checkDigitalInvoiceNumber('2431200000001234567')).toMatchObject({ ok: false, problem: 'format' });
  });
});
