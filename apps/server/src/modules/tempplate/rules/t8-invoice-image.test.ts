import { describe, expect, it } from 'vitest';
import { HONEST, input, READING } from './rule-test-facts.ts';
import { t8InvoiceImage } from './t8-invoice-image.ts';

const reading = (kind: string | null, width: number, height: number) => ({ ...READING, document: { kind, width, height } });
const quality = (sharpness: number, contrast: number) => ({ business: { invoiceQuality: { sharpness, contrast, brightness: 200 } } });

describe('T8 non-standard invoice image', () => {
  it('flags an image that is not an invoice, and one too small to check', () => {
    const other = t8InvoiceImage.evaluate(input({ invoiceReading: reading(null, 1400, 860) }));
    expect(other?.severity).toBe('medium');
    expect(other?.summary).toContain('不是机动车销售统一发票');
    const small = t8InvoiceImage.evaluate(input({ invoiceReading: reading('motor', 900, 500) }));
    expect(small?.severity).toBe('low');
    expect(small?.evidence.compared[0]).toEqual({ item: '影像尺寸', value: '900×500', against: '较短边 ≥ 600 像素' });
  });

  it('flags a blurred image and a faded one from their pixel statistics, with the figures as evidence', () => {
    const blurred = t8InvoiceImage.evaluate(input({ ...quality(7.3, 40), invoiceReading: reading('motor', 1400, 860) }));
    expect(blurred?.summary).toContain('影像模糊（清晰度 7.3，低于 12）');
    expect(blurred?.evidence.compared).toContainEqual({ item: '清晰度（拉普拉斯标准差）', value: '7.3', against: '≥ 12' });
    const faded = t8InvoiceImage.evaluate(input({ ...quality(22, 13.2), invoiceReading: null }));
    expect(faded?.summary).toContain('对比度 13.2');
    expect(faded?.summary).not.toContain('模糊');
  });

  it('near miss: an invoice exactly at the minimum side, sharpness and contrast passes', () => {
    expect(t8InvoiceImage.evaluate(input({ ...quality(12, 20), invoiceReading: reading('digital', 1000, 600) }))).toBeNull();
  });

  it('bad data: no invoice image, a failed reading or a stored reading without the document facts is not judged', () => {
    const noStats = { business: { invoiceQuality: null } };
    expect(t8InvoiceImage.evaluate(input({ ...noStats, invoiceReading: null }))).toBeNull();
    expect(t8InvoiceImage.evaluate(input({ ...noStats, invoiceReading: READING }))).toBeNull();
    expect(HONEST.invoiceQuality).not.toBeNull();
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: READING }))).toBeNull(); // honest statistics, no document facts
  });

  it('flags a recaptured invoice with the score, threshold and cues of the recognition’s 翻拍检测; its uncertain band passes', () => {
    const verdict = (decision: 'original' | 'recapture' | 'uncertain', score: number) => ({
      business: { invoiceRecapture: { score, threshold: 0.75, decision, attack: 'screen' as const, cues: ['检测到屏幕摩尔纹'], modelVersion: 'recapture-v1' } },
    });
    const hit = t8InvoiceImage.evaluate(input({ ...verdict('recapture', 0.99), invoiceReading: reading('motor', 1400, 860) }));
    expect(hit?.severity).toBe('medium');
    expect(hit?.summary).toBe('发票影像化资料不规范：疑似屏幕翻拍（翻拍分数 0.99，阈值 0.75）');
    expect(hit?.evidence.compared).toContainEqual({ item: '翻拍分数（图像识别翻拍检测）', value: '0.99', against: '< 0.75（发票翻拍判定阈值）' });
    expect(hit?.evidence.compared).toContainEqual({ item: '翻拍线索', value: '检测到屏幕摩尔纹', against: null });
    expect(hit?.evidence.note).toContain('recapture-v1');
    expect(t8InvoiceImage.evaluate(input({ ...verdict('uncertain', 0.7), invoiceReading: reading('motor', 1400, 860) }))).toBeNull();
  });

  it('reads its thresholds from the parameters', () => {
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: reading('motor', 1400, 860), params: { minInvoiceSide: 900 } }))).not.toBeNull();
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: null, params: { minSharpness: 50 } }))).not.toBeNull();
    expect(t8InvoiceImage.evaluate(input({ invoiceReading: null, params: { minContrast: 50 } }))).not.toBeNull();
  });

  describe('every material image: cropping, and 翻拍 of the materials other than the invoice', () => {
    const edges = (left: number) => ({ top: 0, right: 0.4, bottom: 0, left });
    const image = (material: string, left: number, recapture: 'original' | 'recapture' | null = null) => ({
      material,
      width: 1000,
      height: 620,
      quality: { sharpness: 40, contrast: 40, brightness: 230, edges: edges(left) },
      recapture: recapture && {
        score: recapture === 'recapture' ? 0.91 : 0.1,
        threshold: 0.7,
        decision: recapture,
        attack: 'print' as const,
        cues: ['半色调网点'],
        modelVersion: 'recapture-v1',
      },
    });
    const judge = (images: ReturnType<typeof image>[], params = {}) => t8InvoiceImage.evaluate(input({ business: { images }, invoiceReading: null, params }));

    it('flags an ID image cut off on the left, with the side figures and a box on the cut side', () => {
      const hit = judge([image('owner_id', 18.6), image('invoice', 0)]);
      expect(hit?.severity).toBe('low');
      expect(hit?.summary).toBe('影像化资料不规范：所有人身份证明影像边缘被裁切（左侧）');
      expect(hit?.evidence.compared).toContainEqual({
        item: '所有人身份证明：边缘内容占比（上/右/下/左）',
        value: '0% / 0.4% / 0% / 18.6%',
        against: '每边 < 5%',
      });
      expect(hit?.evidence.images).toEqual([{ material: 'owner_id', box: [0, 0, 30, 620] }]);
    });

    it('flags a recaptured certificate (medium) but leaves the invoice’s verdict to the invoice check', () => {
      const hit = judge([image('certificate', 0, 'recapture'), image('invoice', 0, 'recapture')]);
      expect(hit?.severity).toBe('medium');
      expect(hit?.summary).toBe('影像化资料不规范：出厂合格证明或进口凭证疑似打印件翻拍（翻拍分数 0.91，阈值 0.7）');
      expect(hit?.evidence.compared).toContainEqual({ item: '出厂合格证明或进口凭证：翻拍线索', value: '半色调网点', against: null });
      expect(hit?.evidence.note).toBe('平均灰度 235（按 1000 像素宽计算）；翻拍检测模型 recapture-test；翻拍检测模型 recapture-v1');
    });

    it('near miss: a side just under the parameter, and an original, pass; the parameter moves the line', () => {
      expect(judge([image('owner_id', 4.9, 'original')])).toBeNull();
      expect(judge([image('owner_id', 4.9)], { maxEdgeContent: 4.5 })?.summary).toContain('左侧');
    });

    it('bad data: an image stored before cropping was measured, or without statistics or verdict, is not judged', () => {
      const old = { material: 'owner_id', width: 1000, height: 620, quality: { sharpness: 40, contrast: 40, brightness: 230 }, recapture: null };
      expect(t8InvoiceImage.evaluate(input({ business: { images: [old, { ...old, quality: null }] }, invoiceReading: null }))).toBeNull();
      // Without the image's size the side is named but no box is drawn.
      const unsized = t8InvoiceImage.evaluate(
        input({ business: { images: [{ ...image('insurance', 30), width: null, height: null }] }, invoiceReading: null }),
      );
      expect(unsized?.evidence.images).toEqual([{ material: 'insurance', box: null }]);
    });
  });
});
