import { nonLocalIdCard } from './id-region.ts';
import { evidence, type Rule, type ShareCounts, type SubjectShare } from './rule.ts';
import { shareTest } from './share-test.ts';

const SUBJECT = { department: '办理部门', dealer: '销售单位' } as const;
const share = (c: ShareCounts) => `${((c.nonLocal / c.total) * 100).toFixed(1)}%（${c.nonLocal}/${c.total}）`;

/**
 * T9 外地身份证办理临牌占比异常: the business's owner holds a non-Shanghai ID card, and its department's or dealer's
 * share of non-Shanghai IDs over the recent days is abnormally high against that subject's own earlier history — a
 * one-sided two-proportion z-test, with a minimum sample in both periods and a minimum rise, never a fixed share alone.
 */
export const t9NonLocalShare: Rule = {
  code: 'T9',
  version: 1,
  reads: ['shareRecentDays', 'shareBaselineDays', 'shareMinSample', 'shareMinZ', 'shareMinRise'],
  history: true,
  evaluate({ business: b, shares, params: p }) {
    if (nonLocalIdCard(b.ownerIdType, b.ownerRegion) !== true) return null;
    const abnormal = shares.flatMap((s: SubjectShare) => {
      if (s.recent.total < p.shareMinSample || s.baseline.total < p.shareMinSample) return [];
      const test = shareTest(s.recent, s.baseline);
      if (!test || test.z < p.shareMinZ || (test.recentShare - test.baselineShare) * 100 < p.shareMinRise) return [];
      return [{ s, z: test.z }];
    });
    if (abnormal.length === 0) return null;
    const top = abnormal.reduce((a, c) => (c.z > a.z ? c : a));
    return {
      severity: 'medium',
      summary: `${SUBJECT[top.s.subject]}“${top.s.label}”近 ${p.shareRecentDays} 天外地身份证办理占比 ${share(top.s.recent)}，显著高于此前 ${p.shareBaselineDays} 天的 ${share(top.s.baseline)}（z=${top.z.toFixed(1)}）`,
      evidence: evidence({
        compared: abnormal.flatMap(({ s, z }) => [
          {
            item: `${SUBJECT[s.subject]}“${s.label}”近 ${p.shareRecentDays} 天外地身份证占比`,
            value: share(s.recent),
            against: `此前 ${p.shareBaselineDays} 天 ${share(s.baseline)}`,
          },
          { item: `${SUBJECT[s.subject]}检验统计量 z`, value: z.toFixed(2), against: `≥ ${p.shareMinZ}` },
        ]),
        threshold: `两期居民身份证办理均 ≥ ${p.shareMinSample} 笔，z ≥ ${p.shareMinZ}，且占比升幅 ≥ ${p.shareMinRise} 个百分点`,
        window: `近 ${p.shareRecentDays} 天（含发放日）对比此前 ${p.shareBaselineDays} 天`,
        images: b.materials.includes('owner_id') ? [{ material: 'owner_id', box: null }] : [],
        note: '单侧双比例 z 检验：z = (p近 − p前) / √(p̄(1 − p̄)(1/n近 + 1/n前))，p̄ 为两期合并占比；请核对所有人身份证明影像',
      }),
    };
  },
};
