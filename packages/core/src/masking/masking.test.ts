import { describe, expect, it } from 'vitest';
import { maskAddress, maskCode, maskIdNumber, maskInvoiceNo, maskName, maskPhone, maskPlate } from './masking.ts';

describe('masking (SECURITY.md §2), fail closed', () => {
  it('masks names keeping the first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('******');
    expect(maskName(null)).toBeNull();
  });
  it('masks ID numbers per view and fails closed on odd shapes', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
    expect(maskIdNumber('11010519491231002X', 'privileged')).toBe('110105********002X');
    expect(maskIdNumber('1234')).toBe('******');
  });
  it('masks codes, phones, addresses and plates', () => {
    expect(maskCode('91310115MA1K4XXXX1')).toBe('91**************X1');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021-62345678')).toBe('021-******78');
    expect(maskPhone('12345')).toBe('******');
    expect(maskAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新区****');
    expect(maskAddress('世纪大道100号')).toBe('******');
    expect(maskPlate('沪A12345')).toBe('沪A1***5');
    expect(maskPlate('沪AD12345')).toBe('沪AD****5');
    expect(maskPlate('沪A1')).toBe('******');
  });
  it('masks invoice numbers by their length (8 or 20 digits) and fails closed on others', () => {
    expect(maskInvoiceNo('12345678')).toBe('****5678');
    expect(maskInvoiceNo('24312000000012345678')).toBe('2431************5678');
    expect(maskInvoiceNo('123456789')).toBe('******');
  });
});
