import { evidence, type Rule } from './rule.ts';

/**
 * X5 同一所有人名下多辆车办理临牌 (DOMAIN.md §2 risk signal 4: the same owner ID across many VINs): the owner's ID
 * (blind index) had temporary plates for at least the parameter's number of other VINs in the T1 window — a borrowed
 * identity or a trader plating cars in private names. Off by default; the threshold is a design assumption.
 */
export const x5OwnerManyVins: Rule = {
  code: 'X5',
  version: 1,
  reads: ['maxVinsPerOwner', 'issueWindowDays'],
  history: true,
  evaluate({ business: b, ownerHistory, params: p }) {
    const earlier = ownerHistory.filter((h) => h.id !== b.id && h.issuedAt <= b.issuedAt && h.vin !== b.vin);
    const vins = new Set(earlier.map((h) => h.vin));
    if (vins.size < p.maxVinsPerOwner) return null;
    return {
      severity: 'medium',
      summary: `所有人 ${p.issueWindowDays} 天内已为另外 ${vins.size} 辆车办理临牌`,
      evidence: evidence({
        compared: [{ item: '同一所有人的其他车辆', value: String(vins.size), against: `阈值 ${p.maxVinsPerOwner}` }],
        threshold: `其他车辆 ≥ ${p.maxVinsPerOwner} 辆`,
        window: `${p.issueWindowDays} 天`,
        related: earlier.map((h) => ({ businessId: h.id, plate: h.plate, issuedAt: h.issuedAt.toISOString() })),
        images: b.materials.includes('owner_id') ? [{ material: 'owner_id', box: null }] : [],
        note: '按身份证明号码的盲索引比对；请核实所有人是否本人办理、车辆是否自用',
      }),
    };
  },
};
