import { evidence, type Rule } from './rule.ts';

/** The proof of origin's number as stored and compared: half-width, upper case, without spaces or hyphens. */
export const originNumber = (n: string) =>
  n
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();

/**
 * X6 来历凭证号码用于多辆车 (DOMAIN.md §2 risk signal 5: the proof of origin reused across VINs): the business's
 * proof of origin — the number of its vehicle-sale invoice, normalised — was given, within the parameter's window, on
 * temporary plates of at least the parameter's number of other VINs. One invoice sells one vehicle, so a reuse is a
 * copied or invented document. Off by default. A business without an invoice is not judged (its case needs none).
 */
export const x6OriginReuse: Rule = {
  code: 'X6',
  version: 1,
  reads: ['originWindowDays', 'minOriginOtherVins'],
  history: true,
  evaluate({ business: b, originReuse, params: p }) {
    if (!b.originNo) return null;
    const earlier = originReuse.filter((h) => h.id !== b.id && h.issuedAt <= b.issuedAt && h.vin !== b.vin);
    const vins = [...new Set(earlier.map((h) => h.vin))];
    if (vins.length < p.minOriginOtherVins) return null;
    return {
      severity: 'high',
      summary: `来历凭证（发票号码 ${b.originNo}）${p.originWindowDays} 天内已用于另外 ${vins.length} 辆车的临牌业务`,
      evidence: evidence({
        compared: [
          { item: '来历凭证号码（购车发票）', value: b.originNo, against: null },
          { item: '本业务车辆识别代号', value: b.vin, against: `其他业务：${vins.join('、')}` },
          { item: '使用同一凭证的其他车辆', value: String(vins.length), against: `阈值 ${p.minOriginOtherVins}` },
        ],
        threshold: `其他车辆 ≥ ${p.minOriginOtherVins} 辆`,
        window: `${p.originWindowDays} 天`,
        related: earlier.map((h) => ({ businessId: h.id, plate: h.plate, issuedAt: h.issuedAt.toISOString() })),
        images: b.materials.includes('invoice') ? [{ material: 'invoice', box: null }] : [],
        note: '一张购车发票只对应一辆车；请调取各业务的发票影像比对，核实是否复印、套用或伪造',
      }),
    };
  },
};
