import { describe, expect, it } from 'vitest';
import type { PlateTicket } from '../../enforcement/enforcement.api.ts';
import { ticketWindow } from './plate-tickets.ts';
import { HONEST, input } from './rule-test-facts.ts';
import { x9TicketsAfterValidity } from './x9-tickets-after-validity.ts';

// HONEST is valid to 2025-03-25 (Beijing): its validity ends at 2025-03-26 00:00 +08:00 = 2025-03-25T16:00Z
const ticket = (occurredAt: string, n = 1, plate = HONEST.plate): PlateTicket => ({
  decisionNo: `3101012025000${n}`,
  plate,
  kind: 'decision',
  occurredAt,
  place: '延安东路外滩',
  act: '1039 机动车违反规定停放',
});

describe('X9 violations after the temporary plate’s validity ended', () => {
  it('the window starts at the end of the last valid day plus the grace days', () => {
    expect(ticketWindow('2025-03-25', input().params)).toEqual({ from: new Date('2025-03-25T16:00:00Z'), until: new Date('2025-06-23T16:00:00Z') });
    expect(ticketWindow('2025-03-25', { ...input().params, ticketGraceDays: 2 })?.from).toEqual(new Date('2025-03-27T16:00:00Z'));
  });

  it('flags a ticket on the plate after its validity, high, with the decision, time, place and act as evidence', () => {
    const hit = x9TicketsAfterValidity.evaluate(input({ plateTickets: [ticket('2025-04-02T01:30:00Z')] }));
    expect(hit?.severity).toBe('high');
    expect(hit?.summary).toBe('临牌 沪A12345 有效期（至 2025-03-25）届满后有 1 条交通违法记录，首条 2025-04-02 09:30 延安东路外滩');
    expect(hit?.evidence.compared[1]).toEqual({
      item: '决定书 31010120250001（罚款）',
      value: '2025-04-02 09:30 延安东路外滩',
      against: '1039 机动车违反规定停放；临牌有效期至 2025-03-25',
    });
    expect(hit?.evidence.window).toBe('2025-03-26 00:00 至 2025-06-24 00:00（有效期满后 0 天起 90 天）');
  });

  it('near miss: a ticket on the last valid day, one within the grace days, one after the window, another plate, or fewer than the parameter', () => {
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: [ticket('2025-03-25T15:59:00Z')] }))).toBeNull();
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: [ticket('2025-03-26T01:00:00Z')], params: { ticketGraceDays: 1 } }))).toBeNull();
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: [ticket('2025-06-23T16:00:00Z')] }))).toBeNull();
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: [ticket('2025-04-02T01:30:00Z', 1, '沪A12346')] }))).toBeNull();
    const two = [ticket('2025-04-02T01:30:00Z', 1), ticket('2025-04-03T01:30:00Z', 2)];
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: two, params: { minTickets: 3 } }))).toBeNull();
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: two, params: { minTickets: 2 } }))?.evidence.compared).toHaveLength(3);
  });

  it('bad data: a malformed validity date or an unreadable ticket time is not judged', () => {
    expect(x9TicketsAfterValidity.evaluate(input({ business: { validTo: '20250325' }, plateTickets: [ticket('2025-04-02T01:30:00Z')] }))).toBeNull();
    expect(x9TicketsAfterValidity.evaluate(input({ plateTickets: [ticket('not a time')] }))).toBeNull();
    expect(x9TicketsAfterValidity.evaluate(input())).toBeNull();
  });
});
