import { maskIdNumber } from '@shtp/core/masking';
import { evidence, type Rule } from './rule.ts';

/**
 * T3 临牌车主与发票车主、上牌车主身份证明号码均不一致: compared by blind index (equal numbers have equal indexes),
 * so the batch re-evaluation needs no decryption. Needs at least one of the two to compare with.
 */
export const t3OwnerMismatch: Rule = {
  code: 'T3',
  version: 1,
  reads: [],
  history: false,
  evaluate({ business: b }) {
    const others = [
      { item: '发票购买方身份证明号码', idx: b.invoiceBuyerIdx, shown: b.invoice?.buyerIdNumber ?? null },
      { item: '上牌车主身份证明号码', idx: b.registeredOwnerIdx, shown: null },
    ].filter((o) => o.idx !== null);
    if (others.length === 0 || others.some((o) => o.idx === b.ownerIdIdx)) return null;
    return {
      severity: 'high',
      summary: `临牌车主身份证明号码与${others.map((o) => o.item.replace('身份证明号码', '')).join('、')}均不一致`,
      evidence: evidence({
        compared: others.map((o) => ({
          item: o.item,
          value: maskIdNumber(b.ownerIdNumber),
          against: o.shown === null ? '不一致（按盲索引比对）' : maskIdNumber(o.shown),
        })),
        images: b.materials.includes('invoice') ? [{ material: 'invoice', box: null }] : [],
      }),
    };
  },
};
