import { evidence, type Rule } from './rule.ts';

/**
 * T8 发票影像化资料不规范: the invoice image is too small to check, or does not read as a vehicle-sale invoice (no
 * classic or 数电 layout found). Recapture and blur are not judged yet (the recognition API does not offer them).
 * A failed reading is T4–T6's "unreadable", not this rule's.
 */
export const t8InvoiceImage: Rule = {
  code: 'T8',
  version: 1,
  reads: ['minInvoiceSide'],
  history: false,
  evaluate({ invoiceReading, params: p }) {
    const doc = invoiceReading?.document;
    if (!doc) return null;
    const side = Math.min(doc.width, doc.height);
    const small = side < p.minInvoiceSide;
    const notInvoice = doc.kind === null;
    if (!small && !notInvoice) return null;
    const problems = [
      small && `影像过小（较短边 ${side} 像素，低于 ${p.minInvoiceSide}）`,
      notInvoice && '影像不是机动车销售统一发票（未识别出发票版式）',
    ].filter((x): x is string => typeof x === 'string');
    return {
      severity: notInvoice ? 'medium' : 'low',
      summary: `发票影像化资料不规范：${problems.join('；')}`,
      evidence: evidence({
        compared: [
          { item: '影像尺寸', value: `${doc.width}×${doc.height}`, against: `较短边 ≥ ${p.minInvoiceSide} 像素` },
          {
            item: '识别出的票种',
            value: doc.kind === 'motor' ? '机动车销售统一发票' : doc.kind === 'digital' ? '数电发票' : '未识别出发票',
            against: '机动车销售统一发票或数电发票',
          },
        ],
        threshold: `较短边 ≥ ${p.minInvoiceSide} 像素，且为发票版式`,
        images: [{ material: 'invoice', box: null }],
      }),
    };
  },
};
