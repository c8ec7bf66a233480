import { evidence, type Rule, type VinHistoryEntry } from './rule.ts';

const DAY = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The longest run, ending at the current plate, of plates each starting within `gap` days after the previous one ended. */
function chainEndingAt(plates: VinHistoryEntry[], gapDays: number): VinHistoryEntry[] {
  const chain = [plates.at(-1)!];
  for (let i = plates.length - 2; i >= 0; i -= 1) {
    const next = chain[0]!;
    const gap = (dayOf(next.validFrom) - dayOf(plates[i]!.validTo)) / DAY;
    if (gap < 0 || gap > gapDays) break;
    chain.unshift(plates[i]!);
  }
  return chain;
}

/** T1 同一车架号办理临牌次数过多: more issues per VIN than the limit within the window, or a back-to-back chain. */
export const t1IssuesPerVin: Rule = {
  code: 'T1',
  version: 1,
  reads: ['maxIssuesPerVin', 'issueWindowDays', 'chainGapDays', 'chainLength'],
  history: true,
  evaluate({ business: b, vinHistory, params: p }) {
    const since = b.issuedAt.getTime() - p.issueWindowDays * DAY;
    const earlier = vinHistory.filter((h) => h.id !== b.id && h.issuedAt.getTime() >= since && h.issuedAt <= b.issuedAt);
    const plates = [
      ...earlier,
      { id: b.id, plate: b.plate, vin: b.vin, caseType: b.caseType, issuedAt: b.issuedAt, validFrom: b.validFrom, validTo: b.validTo },
    ].sort((x, y) => x.issuedAt.getTime() - y.issuedAt.getTime() || x.id - y.id);
    const count = plates.length;
    const chain = chainEndingAt(plates, p.chainGapDays);
    const overLimit = count > p.maxIssuesPerVin;
    const chained = chain.length >= p.chainLength;
    if (!overLimit && !chained) return null;
    const related = plates.filter((x) => x.id !== b.id).map((x) => ({ businessId: x.id, plate: x.plate, issuedAt: x.issuedAt.toISOString() }));
    return {
      severity: overLimit ? 'high' : 'medium',
      summary: overLimit
        ? `车架号 ${b.vin} 在 ${p.issueWindowDays} 天内办理临牌 ${count} 次，超过上限 ${p.maxIssuesPerVin} 次`
        : `车架号 ${b.vin} 连续 ${chain.length} 张临牌首尾相接（间隔不超过 ${p.chainGapDays} 天）`,
      evidence: evidence({
        compared: [
          { item: '统计期内办理次数', value: String(count), against: `上限 ${p.maxIssuesPerVin}` },
          { item: '首尾相接的临牌条数', value: String(chain.length), against: `阈值 ${p.chainLength}` },
        ],
        threshold: `次数 > ${p.maxIssuesPerVin}，或连续 ≥ ${p.chainLength} 条（间隔 ≤ ${p.chainGapDays} 天）`,
        window: `${p.issueWindowDays} 天`,
        related,
      }),
    };
  },
};
