import { describe, expect, it } from 'vitest';
import { checkMobile, checkPhone, checkShanghaiLandline } from './phone.ts';

describe('phone numbers', () => {
  it('mobiles: 11 digits 13–19, separators and +86 dropped', () => {
    expect(checkMobile('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('+86 138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('0086 19912345678')).toEqual({ ok: true, value: '19912345678' });
    expect(checkMobile('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' });
    expect(checkMobile('12812345678')).toEqual({ ok: false, message: '手机号码须为 11 位数字，以 13–19 开头' });
    expect(checkMobile('1381234567').ok).toBe(false);
    expect(checkMobile('138123456789').ok).toBe(false);
  });

  it('Shanghai landlines: 021 + 8 digits, written 021-XXXXXXXX', () => {
    expect(checkShanghaiLandline('021-64871234')).toEqual({ ok: true, value: '021-64871234', local: '64871234' });
    expect(checkShanghaiLandline('(021) 6487 1234')).toMatchObject({ value: '021-64871234' });
    expect(checkShanghaiLandline('64871234')).toMatchObject({ value: '021-64871234' });
    expect(checkShanghaiLandline('+86 21 6487 1234')).toMatchObject({ value: '021-64871234' });
    expect(checkShanghaiLandline('010-64871234').ok).toBe(false);
    expect(checkShanghaiLandline('021-0487123').ok).toBe(false);
    expect(checkShanghaiLandline('021-1487123').ok).toBe(false);
    expect(checkShanghaiLandline('021-6487123').ok).toBe(false);
  });

  it('either kind', () => {
    expect(checkPhone('13812345678')).toEqual({ ok: true, value: '13812345678', type: 'mobile' });
    expect(checkPhone('021-64871234')).toEqual({ ok: true, value: '021-64871234', type: 'landline' });
    expect(checkPhone('12345')).toEqual({ ok: false, message: '联系电话须为手机号码或上海固定电话' });
  });
});
