import type { ArrivalStatus } from '@shtp/core/ebike';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import { arrivalRefusal } from './appointment-arrival.policy.ts';
import { type AppointmentRow, appointmentsRepository as repo } from './appointments.repository.ts';

/**
 * G13: the window marks a booked citizen 已到场 / 已办理 / 未到. The mark and its crossing to the internet zone (channel
 * `appointment-status`, a new version per change) are one transaction; marking the status a booking already has
 * changes nothing (a repeated click or retry).
 */
export class AppointmentArrivalService {
  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
  ) {}

  async mark(principal: Principal, actor: Actor, bookingNo: string, status: ArrivalStatus, today: string): Promise<AppointmentRow> {
    return this.platform.db.transaction(async (tx) => {
      const booking = await repo.inScopeForUpdate(tx, principal, bookingNo);
      if (!booking) throw notFound('预约');
      const refused = arrivalRefusal(booking, today);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      if (booking.arrival === status) return booking;
      const marked = await repo.markArrival(tx, bookingNo, status);
      const data = { bookingNo, status, markedAt: marked.arrivalAt!.toISOString() };
      await this.exchange().enqueue(tx, 'appointment-status', [{ key: bookingNo, version: marked.arrivalVersion, data }]);
      await audit(tx, actor, {
        action: 'ebike.appointment-arrival',
        targetType: 'appointment',
        targetId: bookingNo,
        details: { status, previous: booking.arrival },
      });
      return marked;
    });
  }
}
