import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../engine/types.ts';
import { readInvoice } from './invoice.ts';
import { at, fieldValues } from './ocr-line.fixture.ts';

// Synthetic values with valid check characters (VALIDATORS.md): ID 310115199003071239, USCC 91310115MA1FL0Q10W,
// VIN LSVAU2187N2123456; 219,900.00 = 194,601.77 + 25,298.23 at 13 %.
function classic(overrides: Partial<Record<'total' | 'words' | 'vin' | 'net', string>> = {}): OcrLine[] {
  return [
    at('机动车销售统一发票', 500, 40),
    at('发票代码', 1000, 40),
    at('031002400120', 1100, 40),
    at('发票号码', 1000, 80),
    at('08730315', 1100, 80),
    at('开票日期2024年05月17日', 230, 150),
    at('购买方名称', 50, 200),
    at('张伟', 210, 200),
    at('身份证号码/组织机构代码', 420, 200),
    at('310115199003071239', 700, 200),
    at('车辆识别代号/车架号码', 420, 260),
    at(overrides.vin ?? 'LSVAU2187N2123456', 700, 260),
    at('价税合计', 50, 320),
    at(overrides.words ?? '⊗贰拾壹万玖仟玖佰圆整', 210, 320),
    at('小写', 900, 320),
    at(overrides.total ?? '￥219.900.00', 1000, 320),
    at('销货单位名称', 50, 380),
    at('上海某某汽车销售有限公司', 210, 380),
    at('纳税人识别号', 50, 440),
    at('91310115MA1FL0Q10W', 210, 440),
    at('增值税税率或征收率', 50, 500),
    at('13%', 250, 500),
    at('增值税税额', 380, 500),
    at('¥25 298.23', 540, 500),
    at('不含税价', 50, 560),
    at(overrides.net ?? '¥194,601.77', 210, 560),
  ];
}

const results = (lines: OcrLine[]) => Object.fromEntries(readInvoice(lines).checks.map((c) => [c.code, c.result]));

describe('readInvoice — classic 机动车销售统一发票', () => {
  it('reads every field by its label, amounts robust to blurred separators', () => {
    const r = readInvoice(classic());
    expect(r.kind).toBe('motor');
    const v = fieldValues(r.fields);
    expect(v).toMatchObject({
      invoiceCode: '031002400120',
      invoiceNumber: '08730315',
      issueDate: '2024-05-17',
      buyerName: '张伟',
      buyerId: '310115199003071239',
      vin: 'LSVAU2187N2123456',
      totalAmountWords: '贰拾壹万玖仟玖佰圆整',
      totalAmount: '219900.00',
      netAmount: '194601.77',
      taxAmount: '25298.23',
      taxRate: '13%',
      sellerName: '上海某某汽车销售有限公司',
      sellerTaxId: '91310115MA1FL0Q10W',
    });
    expect(r.fields.vin.source?.text).toBe('LSVAU2187N2123456');
    expect(Object.values(results(classic())).every((x) => x === 'pass')).toBe(true);
  });

  it('fails the arithmetic and the words when the total was altered, and the VIN check on a wrong character', () => {
    const c = results(classic({ total: '¥229,900.00', vin: 'LSVAU2188N2123456' }));
    expect(c['invoice.amount.sum']).toBe('fail');
    expect(c['invoice.amount.words']).toBe('fail');
    expect(c['invoice.vin.check']).toBe('fail');
    expect(results(classic({ net: '¥184,601.77' }))['invoice.amount.taxRate']).toBe('fail');
  });

  it('leaves a check unknown rather than passing it when a figure is missing or unreadable', () => {
    const lines = classic({ words: '贰拾壹万玖仟玖白圆整' }).filter((l) => l.text !== '¥25 298.23');
    const c = results(lines);
    expect(c['invoice.amount.words']).toBe('unknown');
    expect(c['invoice.amount.sum']).toBe('unknown');
  });

  it('finds the total on the row of the words when its label was not read', () => {
    const r = readInvoice(classic().filter((l) => l.text !== '小写'));
    expect(r.fields.totalAmount.value).toBe('219900.00');
  });
});

describe('readInvoice — 数电 invoice', () => {
  const lines = [
    at('电子发票（机动车销售统一发票）', 400, 40),
    at('发票号码：24312000000012345678', 1000, 40),
    at('开票日期：2024年05月17日', 1000, 80),
    at('名称：张伟', 60, 200),
    at('名称：上海某某汽车销售有限公司', 720, 200),
    at('统一社会信用代码/纳税人识别号/身份证号码：', 60, 240),
    at('310115199003071239', 460, 240),
    at('统一社会信用代码/纳税人识别号：', 720, 240),
    at('91310115MA1FL0Q10W', 1050, 240),
    at('车辆识别代号/车架号码', 60, 300),
    at('LSVAU2187N2123456', 400, 300),
    at('价税合计（大写）', 60, 360),
    at('⊗贰拾壹万玖仟玖佰圆整', 300, 360),
    at('（小写）', 900, 360),
    at('¥219900.00', 1000, 360),
  ];

  it('assigns the two 名称 of one row to buyer and seller in order, and checks the 20-digit number', () => {
    const r = readInvoice(lines);
    expect(r.kind).toBe('digital');
    expect(r.fields.invoiceCode.value).toBeNull();
    expect(r.fields.invoiceNumber.value).toBe('24312000000012345678');
    expect(r.fields.buyerName.value).toBe('张伟');
    expect(r.fields.sellerName.value).toBe('上海某某汽车销售有限公司');
    expect(r.fields.buyerId.value).toBe('310115199003071239');
    expect(r.fields.sellerTaxId.value).toBe('91310115MA1FL0Q10W');
    expect(r.fields.totalAmount.value).toBe('219900.00');
    const c = Object.fromEntries(r.checks.map((x) => [x.code, x]));
    expect(c['invoice.number.structure']).toMatchObject({ result: 'pass', message: expect.stringContaining('上海') });
    expect(c['invoice.code.structure']).toBeUndefined();
  });

  it('refuses a 20-digit number whose year is not the issue year', () => {
    const wrongYear = lines.map((l) => (l.text.startsWith('发票号码') ? at('发票号码：23312000000012345678', 1000, 40) : l));
    expect(results(wrongYear)['invoice.number.structure']).toBe('fail');
  });
});
