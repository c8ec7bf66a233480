import { evidence, type Rule } from './rule.ts';
import { materialFindings } from './t8-material-images.ts';

const KIND = { motor: '机动车销售统一发票', digital: '数电发票' } as const;
const ATTACK = { screen: '屏幕翻拍', print: '打印件翻拍' } as const;

/**
 * T8 发票影像化资料不规范: the invoice image is too small to check, does not read as a vehicle-sale invoice (no classic
 * or 数电 layout found), is blurred (low Laplacian deviation), faded / too dark (low grey-level contrast), or is a photo
 * of a screen or a print (the recognition module's 翻拍检测, T16, at its own threshold parameter; its "uncertain" band
 * is not a warning). Size and layout come from the recognition's reading, sharpness and contrast from the image's pixel
 * statistics at intake. A failed reading is T4–T6's "unreadable", not this rule's. Every material image, the invoice
 * included, is also judged for cropping, and the others for 翻拍 (`t8-material-images.ts`).
 */
export const t8InvoiceImage: Rule = {
  code: 'T8',
  version: 4,
  reads: ['minInvoiceSide', 'minSharpness', 'minContrast', 'maxEdgeContent'],
  history: false,
  evaluate({ business: b, invoiceReading, params: p }) {
    const doc = invoiceReading?.document;
    const q = b.invoiceQuality;
    const r = b.invoiceRecapture;
    const materials = materialFindings(b.images, p);
    if (!doc && !q && !r && materials.problems.length === 0) return null;
    const side = doc ? Math.min(doc.width, doc.height) : null;
    const recaptured = r?.decision === 'recapture';
    const problems = [
      side !== null && side < p.minInvoiceSide && `影像过小（较短边 ${side} 像素，低于 ${p.minInvoiceSide}）`,
      doc && doc.kind === null && '影像不是机动车销售统一发票（未识别出发票版式）',
      q && q.sharpness < p.minSharpness && `影像模糊（清晰度 ${q.sharpness}，低于 ${p.minSharpness}）`,
      q && q.contrast < p.minContrast && `影像过暗、过曝或褪色（对比度 ${q.contrast}，低于 ${p.minContrast}）`,
      recaptured && `疑似${ATTACK[r.attack]}（翻拍分数 ${r.score}，阈值 ${r.threshold}）`,
    ].filter((x): x is string => typeof x === 'string');
    if (problems.length === 0 && materials.problems.length === 0) return null;
    const onInvoice = problems.length > 0;
    return {
      severity: doc?.kind === null || recaptured || materials.recaptured ? 'medium' : 'low',
      summary: `${onInvoice ? '发票' : ''}影像化资料不规范：${[...problems, ...materials.problems].join('；')}`,
      evidence: evidence({
        compared: [
          ...(doc
            ? [
                { item: '影像尺寸', value: `${doc.width}×${doc.height}`, against: `较短边 ≥ ${p.minInvoiceSide} 像素` },
                { item: '识别出的票种', value: doc.kind ? KIND[doc.kind as keyof typeof KIND] : '未识别出发票', against: '机动车销售统一发票或数电发票' },
              ]
            : []),
          ...(q
            ? [
                { item: '清晰度（拉普拉斯标准差）', value: String(q.sharpness), against: `≥ ${p.minSharpness}` },
                { item: '对比度（灰度标准差）', value: String(q.contrast), against: `≥ ${p.minContrast}` },
              ]
            : []),
          ...(r ? [{ item: '翻拍分数（图像识别翻拍检测）', value: String(r.score), against: `< ${r.threshold}（发票翻拍判定阈值）` }] : []),
          ...(recaptured && r.cues.length > 0 ? [{ item: '翻拍线索', value: r.cues.join('；'), against: null }] : []),
          ...materials.compared,
        ],
        threshold: `较短边 ≥ ${p.minInvoiceSide} 像素，为发票版式，清晰度 ≥ ${p.minSharpness}，对比度 ≥ ${p.minContrast}${r ? `，翻拍分数 < ${r.threshold}` : ''}，各影像每边边缘内容 < ${p.maxEdgeContent}%`,
        images: [...(onInvoice && !materials.images.some((i) => i.material === 'invoice') ? [{ material: 'invoice', box: null }] : []), ...materials.images],
        note:
          [
            q && `平均灰度 ${q.brightness}（按 1000 像素宽计算）`,
            ...[...new Set([...(r ? [r.modelVersion] : []), ...materials.modelVersions])].map((v) => `翻拍检测模型 ${v}`),
          ]
            .filter(Boolean)
            .join('；') || null,
      }),
    };
  },
};
