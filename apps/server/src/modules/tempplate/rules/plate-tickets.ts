import type { PlateTicket } from '../../enforcement/enforcement.api.ts';
import { nonLocalIdCard } from './id-region.ts';
import type { BusinessFacts, RuleParams } from './rule.ts';

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Span {
  from: Date;
  until: Date;
}

/** The instant a Beijing date starts; NaN for a malformed date. */
const dayStart = (date: string) => (ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00+08:00`) : Number.NaN);

/** X9's instants for a plate valid to `validTo` (a Beijing date): from the end of its last day plus the grace days, for the window's days. Null for a malformed date. */
export function ticketWindow(validTo: string, p: RuleParams): Span | null {
  const end = dayStart(validTo) + DAY;
  if (Number.isNaN(end)) return null;
  const from = end + p.ticketGraceDays * DAY;
  return { from: new Date(from), until: new Date(from + p.ticketWindowDays * DAY) };
}

/** T10's instants: the plate's validity, from the start of its first day to the end of its last (Beijing). Null for malformed or reversed dates. */
export function validityWindow(validFrom: string, validTo: string): Span | null {
  const from = dayStart(validFrom);
  const until = dayStart(validTo) + DAY;
  if (Number.isNaN(from) || Number.isNaN(until) || until <= from) return null;
  return { from: new Date(from), until: new Date(until) };
}

/** Whether T10 counts the plate's tickets for this business: enabled, a minimum above 0, an owner ID issued outside Shanghai. */
export const countsLocalTickets = (b: BusinessFacts, enabled: readonly string[], p: RuleParams) =>
  enabled.includes('T10') && p.localUseMinTickets > 0 && nonLocalIdCard(b.ownerIdType, b.ownerRegion) === true;

/**
 * The one span of a business's plate tickets that is read for its rules: the validity (T10) and the window after it
 * (X9), as each is enabled and applies; each rule then keeps its own window. Null when no rule needs tickets.
 */
export function ticketSpan(b: BusinessFacts, enabled: readonly string[], p: RuleParams): Span | null {
  const spans = [
    enabled.includes('X9') ? ticketWindow(b.validTo, p) : null,
    countsLocalTickets(b, enabled, p) ? validityWindow(b.validFrom, b.validTo) : null,
  ].filter((s): s is Span => s !== null);
  if (spans.length === 0) return null;
  return {
    from: new Date(Math.min(...spans.map((s) => s.from.getTime()))),
    until: new Date(Math.max(...spans.map((s) => s.until.getTime()))),
  };
}

/** The tickets on exactly this plate that occurred in the window (an unreadable time is in none). */
export const ticketsWithin = (tickets: readonly PlateTicket[], plate: string, w: Span) =>
  tickets.filter((t) => {
    const at = Date.parse(t.occurredAt);
    return t.plate === plate && at >= w.from.getTime() && at < w.until.getTime();
  });

/** An instant as Beijing time to the minute (YYYY-MM-DD HH:mm). */
export const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const KIND: Record<string, string> = { decision: '罚款', warning: '警告' };

/** Evidence lines for tickets: decision number and kind, time and place, the violation and what it is compared with. No party data. */
export const ticketLines = (tickets: readonly PlateTicket[], against: string) =>
  tickets.map((t) => ({
    item: `决定书 ${t.decisionNo}（${KIND[t.kind] ?? t.kind}）`,
    value: `${beijing(t.occurredAt)} ${t.place}`,
    against: `${t.act}；${against}`,
  }));
