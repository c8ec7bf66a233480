import { evidence, type Rule, type RuleParams } from './rule.ts';

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** X9's instants for a plate valid to `validTo` (a Beijing date): from the end of its last day plus the grace days, for the window's days. Null for a malformed date. */
export function ticketWindow(validTo: string, p: RuleParams): { from: Date; until: Date } | null {
  const end = ISO_DATE.test(validTo) ? Date.parse(`${validTo}T00:00:00+08:00`) + DAY : Number.NaN;
  if (Number.isNaN(end)) return null;
  const from = end + p.ticketGraceDays * DAY;
  return { from: new Date(from), until: new Date(from + p.ticketWindowDays * DAY) };
}

const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const KIND: Record<string, string> = { decision: '罚款', warning: '警告' };

/**
 * X9 临牌有效期满后仍有交通违法 (DOMAIN.md §2 risk signal 8): the 交通执法 module wrote decisions or warnings on the
 * temporary plate after its validity ended (plus the grace days) — the vehicle still runs on an expired plate, or the
 * number is used on another vehicle. Read through `enforcement.api.ts` (`ticketsOfPlates`, exactly the plate as
 * written). The tickets carry no plate type (号牌种类), so a formal plate with the same characters would match too: the
 * evidence lists each ticket for the supervisor to confirm the vehicle. Off by default; raised by the nightly batch
 * (at intake the validity has not ended).
 */
export const x9TicketsAfterValidity: Rule = {
  code: 'X9',
  version: 1,
  reads: ['ticketGraceDays', 'ticketWindowDays', 'minTickets'],
  history: true,
  evaluate({ business: b, plateTickets, params: p }) {
    const w = ticketWindow(b.validTo, p);
    if (!w) return null;
    const after = plateTickets.filter((t) => {
      const at = Date.parse(t.occurredAt);
      return t.plate === b.plate && at >= w.from.getTime() && at < w.until.getTime();
    });
    if (after.length < p.minTickets) return null;
    const shown = after.slice(0, 10);
    return {
      severity: 'high',
      summary: `临牌 ${b.plate} 有效期（至 ${b.validTo}）届满后有 ${after.length} 条交通违法记录，首条 ${beijing(after[0]!.occurredAt)} ${after[0]!.place}`,
      evidence: evidence({
        compared: [
          { item: '有效期满后的交通违法记录', value: `${after.length} 条`, against: `阈值 ${p.minTickets} 条` },
          ...shown.map((t) => ({
            item: `决定书 ${t.decisionNo}（${KIND[t.kind] ?? t.kind}）`,
            value: `${beijing(t.occurredAt)} ${t.place}`,
            against: `${t.act}；临牌有效期至 ${b.validTo}`,
          })),
        ],
        threshold: `有效期满 ${p.ticketGraceDays} 天后的违法记录 ≥ ${p.minTickets} 条`,
        window: `${beijing(w.from.toISOString())} 至 ${beijing(w.until.toISOString())}（有效期满后 ${p.ticketGraceDays} 天起 ${p.ticketWindowDays} 天）`,
        note: `按号牌号码与交通执法的简易程序决定书、警告比对（记录无号牌种类，同号正式号牌也会匹配，请核对车辆）${after.length > shown.length ? `；仅列出前 ${shown.length} 条` : ''}`,
      }),
    };
  },
};
