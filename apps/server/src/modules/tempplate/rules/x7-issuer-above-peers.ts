import { peerTest } from './peer-test.ts';
import { evidence, type IssuerLoad, type Rule } from './rule.ts';
import { issuerWindow } from './share-window.ts';

const SUBJECT = { officer: '办理民警', department: '办理部门' } as const;
const PEERS = { officer: '同部门其他民警', department: '同级其他部门' } as const;
const one = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * X7 办理民警或登记服务站发放量远高于同行 (DOMAIN.md §2 risk signal 4; 公安部令164 art.70: service stations are subject
 * to 业务抽查 and 网上巡查): the officer who issued the plate, within the department, or the department, among the
 * departments of its level, issued far more plates in the window than its peers — a robust z against the peers' median
 * (see peer-test.ts) and a multiple of it, with a minimum sample (the issuer's plates, the number of peers), never a
 * fixed count alone. Off by default; both subjects are tested, the evidence lists each one that is abnormal.
 */
export const x7IssuerAbovePeers: Rule = {
  code: 'X7',
  version: 1,
  reads: ['issuerWindowDays', 'issuerMinSample', 'issuerMinPeers', 'issuerMinZ', 'issuerMinRatio'],
  history: true,
  evaluate({ business: b, issuerLoads, params: p }) {
    const abnormal = issuerLoads.flatMap((load: IssuerLoad) => {
      if (load.count < p.issuerMinSample || load.peers.length < p.issuerMinPeers) return [];
      const test = peerTest(load.count, load.peers);
      if (!test || test.z < p.issuerMinZ || test.ratio < p.issuerMinRatio) return [];
      return [{ load, test }];
    });
    if (abnormal.length === 0) return null;
    const top = abnormal.reduce((a, c) => (c.test.z > a.test.z ? c : a));
    const w = issuerWindow(b.issuedAt, p);
    return {
      severity: 'medium',
      summary: `${SUBJECT[top.load.subject]}“${top.load.label}”近 ${p.issuerWindowDays} 天发放临牌 ${top.load.count} 笔，为${PEERS[top.load.subject]}中位数 ${one(top.test.median)} 笔的 ${top.test.ratio.toFixed(1)} 倍（z=${top.test.z.toFixed(1)}）`,
      evidence: evidence({
        compared: abnormal.flatMap(({ load, test }) => [
          {
            item: `${SUBJECT[load.subject]}“${load.label}”近 ${p.issuerWindowDays} 天发放临牌`,
            value: `${load.count} 笔`,
            against: `${PEERS[load.subject]} ${load.peers.length} 个：中位数 ${one(test.median)} 笔，平均 ${test.mean.toFixed(1)} 笔`,
          },
          { item: `${SUBJECT[load.subject]}偏离统计量 z`, value: test.z.toFixed(2), against: `≥ ${p.issuerMinZ}` },
          { item: `${SUBJECT[load.subject]}与同行中位数之比`, value: `${test.ratio.toFixed(1)} 倍`, against: `≥ ${p.issuerMinRatio} 倍` },
        ]),
        threshold: `本身发放 ≥ ${p.issuerMinSample} 笔且同行 ≥ ${p.issuerMinPeers} 个，z ≥ ${p.issuerMinZ}，且达同行中位数的 ${p.issuerMinRatio} 倍`,
        window: `近 ${p.issuerWindowDays} 天（${w.from} 至 ${w.until}，含发放日）`,
        note: 'z = (发放笔数 − 同行中位数) / max(√中位数, 1.4826 × 同行绝对中位差)：取泊松波动与同行实际离散程度中较大者。发放量高本身不是违规，请按《机动车登记规定》第70条对该民警或登记服务站的近期业务抽查',
      }),
    };
  },
};
