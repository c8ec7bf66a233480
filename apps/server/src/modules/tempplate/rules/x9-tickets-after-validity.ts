import { beijing, ticketLines, ticketsWithin, ticketWindow } from './plate-tickets.ts';
import { evidence, type Rule } from './rule.ts';

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
    const after = ticketsWithin(plateTickets, b.plate, w);
    if (after.length < p.minTickets) return null;
    const shown = after.slice(0, 10);
    return {
      severity: 'high',
      summary: `临牌 ${b.plate} 有效期（至 ${b.validTo}）届满后有 ${after.length} 条交通违法记录，首条 ${beijing(after[0]!.occurredAt)} ${after[0]!.place}`,
      evidence: evidence({
        compared: [
          { item: '有效期满后的交通违法记录', value: `${after.length} 条`, against: `阈值 ${p.minTickets} 条` },
          ...ticketLines(shown, `临牌有效期至 ${b.validTo}`),
        ],
        threshold: `有效期满 ${p.ticketGraceDays} 天后的违法记录 ≥ ${p.minTickets} 条`,
        window: `${beijing(w.from.toISOString())} 至 ${beijing(w.until.toISOString())}（有效期满后 ${p.ticketGraceDays} 天起 ${p.ticketWindowDays} 天）`,
        note: `按号牌号码与交通执法的简易程序决定书、警告比对（记录无号牌种类，同号正式号牌也会匹配，请核对车辆）${after.length > shown.length ? `；仅列出前 ${shown.length} 条` : ''}`,
      }),
    };
  },
};
