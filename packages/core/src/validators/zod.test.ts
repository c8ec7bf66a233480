import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idNumberField, invoiceNoField, mobileField, phoneField, plateField, safeString, usccField, vinField } from './zod.ts';

describe('zod field helpers', () => {
  const Owner = z.object({
    sfzmhm: idNumberField('车主身份证号码'),
    uscc: usccField().optional(),
    vin: vinField(),
    lxdh: mobileField(),
    tel: phoneField(),
    hphm: plateField('号牌号码', { vehicle: 'motor' }),
  });

  it('normalise their input', () => {
    const r = Owner.parse({
      sfzmhm: '11010519491231002x',
      uscc: '91310115MA1FLOQ10W',
      vin: 'lsvau2187n2123456',
      lxdh: '+86 138 1234 5678',
      tel: '(021)64871234',
      hphm: '沪a·8k512',
    });
    expect(r).toEqual({
      sfzmhm: '11010519491231002X',
      uscc: '91310115MA1FL0Q10W',
      vin: 'LSVAU2187N2123456',
      lxdh: '13812345678',
      tel: '021-64871234',
      hphm: '沪A8K512',
    });
  });

  it('report the Chinese message with the label', () => {
    const r = Owner.safeParse({ sfzmhm: '310115199003071238', vin: 'LSVAU2186N2123456', lxdh: '123', tel: '13812345678', hphm: '沪A123456' });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      sfzmhm: '车主身份证号码校验位错误',
      vin: '车辆识别代号校验位（第 9 位）错误',
      lxdh: '手机号码须为 11 位数字，以 13–19 开头',
      hphm: '号牌号码不符合机动车号牌格式',
    });
    expect(idNumberField().safeParse(42).error?.issues[0]?.message).toBe('身份证号码须为文本');
    expect(idNumberField().safeParse(undefined).error?.issues[0]?.message).toBe('请输入身份证号码');
  });
});

describe('text PostgreSQL can store', () => {
  it('safeString refuses U+0000 and unpaired surrogates, with the label, and keeps pairs and other text', () => {
    expect(
      safeString(undefined, '姓名')
        .safeParse('ab\u0000c')
        .error?.issues.map((i) => i.message),
    ).toEqual(['姓名含有不允许的字符（空字符 U+0000 或不完整的 Unicode 字符）']);
    for (const bad of ['\uD800', 'a\uDC00', '\uDC00\uD800', 'x\uD83D']) expect(safeString().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    for (const good of ['王小明', '𠮷野家', '😀', 'tab\there', '']) expect(safeString().safeParse(good).success, good).toBe(true);
  });
});

describe('invoiceNoField', () => {
  it('takes an 8-digit number or a 20-digit 数电 number (province checked), and names the field otherwise', () => {
    const f = invoiceNoField('购车发票号码');
    expect(f.parse(' 1234 5678 ')).toBe('12345678');
    expect(f.parse('25310000000012345678')).toBe('25310000000012345678');
    expect(f.safeParse('25990000000012345678').error?.issues[0]?.message).toBe('购车发票号码第 3-4 位的地区代码不存在');
    expect(f.safeParse('1234').error?.issues[0]?.message).toBe('购车发票号码须为 8 位数字或 20 位数电发票号码');
  });
});
