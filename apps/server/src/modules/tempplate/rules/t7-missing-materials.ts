import { MATERIAL_KINDS, type MaterialKind } from '@shtp/core/tempplate';
import { evidence, type Rule } from './rule.ts';

const label = (k: string) => MATERIAL_KINDS[k as MaterialKind] ?? k;

/** T7 影像化资料缺失: a material the case type requires (parameter) is not among the business's images. */
export const t7MissingMaterials: Rule = {
  code: 'T7',
  version: 1,
  reads: ['requiredMaterials'],
  history: false,
  evaluate({ business: b, params: p }) {
    const required = p.requiredMaterials[b.caseType] ?? [];
    const missing = required.filter((k) => !b.materials.includes(k));
    if (missing.length === 0) return null;
    return {
      severity: missing.includes('owner_id') || missing.includes('invoice') ? 'high' : 'medium',
      summary: `缺少影像化资料：${missing.map(label).join('、')}`,
      evidence: evidence({
        compared: [{ item: '影像化资料', value: b.materials.map(label).join('、') || '无', against: `必需：${required.map(label).join('、')}` }],
        threshold: `办理情形 ${b.caseType} 的必需资料`,
      }),
    };
  },
};
