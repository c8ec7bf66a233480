import { evidence, type Rule } from './rule.ts';

/**
 * X4 出口情形多次办理临牌 (DOMAIN.md §2 risk signal 7; 公安部令164 art.46: the export case is issued once): a plate of
 * the export case for a VIN that already had the parameter's number of export-case plates in the T1 window. Off by
 * default; T1 counts the plates of every case against the Shanghai limit.
 */
export const x4RepeatedExport: Rule = {
  code: 'X4',
  version: 1,
  reads: ['maxExportIssues', 'issueWindowDays'],
  history: true,
  evaluate({ business: b, vinHistory, params: p }) {
    if (b.caseType !== 'export') return null;
    const earlier = vinHistory.filter((h) => h.id !== b.id && h.issuedAt <= b.issuedAt && h.caseType === 'export');
    if (earlier.length + 1 <= p.maxExportIssues) return null;
    return {
      severity: 'high',
      summary: `同一车架号以“新车出口销售”情形第 ${earlier.length + 1} 次办理临牌，超过 ${p.maxExportIssues} 次`,
      evidence: evidence({
        compared: [{ item: '出口情形临牌次数（含本次）', value: String(earlier.length + 1), against: `上限 ${p.maxExportIssues}` }],
        threshold: `出口情形 ≤ ${p.maxExportIssues} 次（公安部令164第46条）`,
        window: `${p.issueWindowDays} 天`,
        related: earlier.map((h) => ({ businessId: h.id, plate: h.plate, issuedAt: h.issuedAt.toISOString() })),
        images: b.materials.includes('export_proof') ? [{ material: 'export_proof', box: null }] : [],
      }),
    };
  },
};
