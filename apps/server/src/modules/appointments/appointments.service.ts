import { randomBytes } from 'node:crypto';
import type { ArrivalStatus } from '@shtp/core/ebike';
import { HUB_SERVICE_CODES } from '@shtp/core/publishing';
import { assertedCitizen } from '../../integrations/ssb-identity/asserted-citizen.ts';
import type { SsbIdentityPort } from '../../integrations/ssb-identity/ssb-identity.port.ts';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, badRequest, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import type { PublishingApi } from '../publishing/publishing.api.ts';
import { bookingReminderJob } from './appointments.jobs.ts';
import { appointmentsParams } from './appointments.params.ts';
import { type BookingRow, appointmentsRepository as repo } from './appointments.repository.ts';
import { bookingRefusals, cancellable, shanghaiDay, stationsOf } from './booking.policy.ts';

export const APPOINTMENT_ID_INDEX = 'appointment-id-number';
export const APPOINTMENT_ID_CONTEXT = 'appointment_bookings.id_number_enc';
export const APPOINTMENT_PHONE_CONTEXT = 'appointment_bookings.phone_enc';
/** How many of a citizen's bookings `mine` answers (the newest). */
const MINE_LIMIT = 100;

/** What a partner sends for its citizen (body of the signed call). */
export interface BookingRequest {
  departmentCode: string;
  station: string;
  day: string;
  slot: string;
  plate?: string;
  zcbm?: string;
  idNumber: string;
  mobile: string;
  openid?: string;
  assertion?: string;
}

/** What the police window recorded of a booking, as it crossed back (G13 `appointment-status`). */
export interface Arrival {
  status: ArrivalStatus;
  markedAt: string;
}

/** A booking as the partner sees it (no personal data back: the partner sent it). */
export const bookingView = (b: BookingRow) => ({
  bookingNo: b.bookingNo,
  departmentCode: b.departmentCode,
  station: b.station,
  day: b.day,
  slot: b.slot,
  state: b.state,
  createdAt: b.createdAt.toISOString(),
  cancelledAt: b.cancelledAt?.toISOString() ?? null,
});

/**
 * 非机动车登记预约 (internet zone): a partner books a registration window's slot for its 随申办 citizen, or cancels it.
 * Each booking and cancellation crosses to the police zone on the `appointments` channel in the same transaction
 * (version 1 booked, 2 cancelled), so the window sees today's bookings.
 */
export class AppointmentsService {
  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
    private readonly identities: SsbIdentityPort,
    private readonly hub: () => PublishingApi,
  ) {}

  async book(req: BookingRequest, actor: Actor): Promise<{ booking: BookingRow; repeated: boolean }> {
    const { params, fields } = this.platform;
    const openid = this.citizen(req);
    const rule = {
      stations: stationsOf(await params.get(appointmentsParams.stations)),
      slots: await params.get(appointmentsParams.slots),
      maxDaysAhead: await params.get(appointmentsParams.maxDaysAhead),
    };
    const refusals = Object.entries(bookingRefusals(req, rule, shanghaiDay(new Date())));
    if (refusals.length > 0)
      throw badRequest(
        'VALIDATION_FAILED',
        refusals[0]![1],
        refusals.map(([field, message]) => ({ field, message })),
      );
    const capacity = await params.get(appointmentsParams.capacityPerSlot);
    const idNumberIdx = await fields.blindIndex(req.idNumber, APPOINTMENT_ID_INDEX);
    const idNumberEnc = await fields.encrypt(req.idNumber, APPOINTMENT_ID_CONTEXT);
    const phoneEnc = await fields.encrypt(req.mobile, APPOINTMENT_PHONE_CONTEXT);
    return this.platform.db.transaction(async (tx) => {
      await repo.lockSlot(tx, req);
      // The same citizen booking the same slot again gets the booking it holds (a retry without Idempotency-Key).
      const held = await repo.liveOfCitizen(tx, idNumberIdx, req);
      if (held) return { booking: held, repeated: true };
      if ((await repo.liveInSlot(tx, req)) >= capacity)
        throw new AppError(409, 'APPOINTMENT_SLOT_FULL', `该时段预约已满（每时段 ${capacity} 人），请选择其他时段`);
      const booking = await repo.insert(tx, {
        bookingNo: `YY${req.day.replaceAll('-', '')}${randomBytes(5).toString('hex').toUpperCase()}`,
        departmentCode: req.departmentCode,
        station: req.station,
        day: req.day,
        slot: req.slot,
        plate: req.plate ?? null,
        vin: req.zcbm ?? null,
        idNumberIdx,
        idNumberEnc,
        phoneEnc,
        openid,
      });
      await this.send(tx, booking, req.idNumber, req.mobile);
      await audit(tx, actor, {
        action: 'appointments.book',
        targetType: 'appointment',
        targetId: booking.bookingNo,
        details: { day: req.day, slot: req.slot },
      });
      return { booking, repeated: false };
    });
  }

  async cancel(bookingNo: string, req: Pick<BookingRequest, 'idNumber' | 'openid' | 'assertion'>, actor: Actor): Promise<BookingRow> {
    this.citizen(req);
    const idNumberIdx = await this.platform.fields.blindIndex(req.idNumber, APPOINTMENT_ID_INDEX);
    return this.platform.db.transaction(async (tx) => {
      const booking = await repo.byNo(tx, bookingNo, true);
      // Only the citizen who booked may cancel; anyone else learns nothing about the number.
      if (!booking || booking.idNumberIdx !== idNumberIdx) throw notFound('预约');
      if (booking.state === 'cancelled') return booking;
      if (!cancellable(booking, shanghaiDay(new Date()))) throw new AppError(409, 'APPOINTMENT_NOT_CANCELLABLE', '已到办理日期的预约不能在线取消');
      const cancelled = await repo.cancel(tx, booking.id);
      await this.send(tx, cancelled, req.idNumber, await this.platform.fields.decrypt(cancelled.phoneEnc, APPOINTMENT_PHONE_CONTEXT));
      await audit(tx, actor, { action: 'appointments.cancel', targetType: 'appointment', targetId: bookingNo });
      return cancelled;
    });
  }

  /**
   * G13: a booking as its citizen sees it, with what the police window recorded (已到场 / 已办理 / 未到) as it crossed
   * back on `appointment-status`. Only the citizen who booked (by openid or the hub's assertion) learns anything.
   */
  async show(bookingNo: string, claim: Pick<BookingRequest, 'openid' | 'assertion'>): Promise<{ booking: BookingRow; arrival: Arrival | null }> {
    const openid = assertedCitizen(this.identities, claim)?.openid ?? claim.openid;
    const booking = await repo.byNo(this.platform.db, bookingNo);
    if (!booking || booking.openid !== openid) throw notFound('预约');
    const status = await this.exchange().received('appointment-status', bookingNo);
    return { booking, arrival: status ? { status: status.status as Arrival['status'], markedAt: String(status.markedAt) } : null };
  }

  /** G13: the citizen's own bookings, newest first (the hub's assertion wins over the partner's openid). */
  async mine(claim: Pick<BookingRequest, 'openid' | 'assertion'>): Promise<BookingRow[]> {
    const openid = assertedCitizen(this.identities, claim)?.openid ?? claim.openid;
    return openid ? repo.ofCitizen(this.platform.db, openid, MINE_LIMIT) : [];
  }

  /** The back office's page of bookings (nothing personal in the view). */
  /** G9: 立即发送 — queues the reminders of tomorrow's bookings now (what is sent is never sent again), audited. */
  remindNow(actor: Actor): Promise<{ day: string; jobId: number }> {
    const day = shanghaiDay(new Date(Date.now() + 86_400_000));
    return this.platform.db.transaction(async (tx) => {
      const job = await this.platform.jobs.enqueue(tx, bookingReminderJob, { day });
      await audit(tx, actor, { action: 'appointments.reminders-run', targetType: 'appointment-reminders', targetId: day });
      return { day, jobId: job.id };
    });
  }

  /** The back office's list, with the Shanghai day its reminder states were read against. */
  async page(filter: Parameters<typeof repo.page>[1], page: { limit: number; offset: number }) {
    const today = shanghaiDay(new Date());
    return { ...(await repo.page(this.platform.db, filter, today, page)), today };
  }

  /** The citizen's openid: the hub's assertion wins over the partner's word; an asserted real name must hold the ID number. */
  private citizen(req: Pick<BookingRequest, 'idNumber' | 'openid' | 'assertion'>): string {
    const asserted = assertedCitizen(this.identities, req);
    if (!asserted) return req.openid ?? '';
    if (asserted.person && asserted.person.idNumber !== req.idNumber) {
      throw new AppError(403, 'APPOINTMENT_IDENTITY_MISMATCH', '身份证号与随申办实名身份不符', [
        { field: 'idNumber', message: '身份证号与随申办实名身份不符' },
      ]);
    }
    return asserted.openid;
  }

  /** The booking's crossing to the police zone and (G4) its 办件 status for the citizen's 我的办件, in the caller's transaction. */
  private async send(tx: Parameters<ExchangeApi['enqueue']>[0], b: BookingRow, idNumber: string, phone: string) {
    const data = {
      bookingNo: b.bookingNo,
      departmentCode: b.departmentCode,
      station: b.station,
      day: b.day,
      slot: b.slot,
      plate: b.plate,
      vin: b.vin,
      idNumber,
      phone,
      state: b.state,
      bookedAt: b.createdAt.toISOString(),
      cancelledAt: b.cancelledAt?.toISOString() ?? null,
    };
    await this.exchange().enqueue(tx, 'appointments', [{ key: b.bookingNo, version: b.version, data }]);
    await this.hub().caseStatus(tx, {
      serviceCode: HUB_SERVICE_CODES.appointment,
      businessNo: b.bookingNo,
      status: b.state === 'cancelled' ? 'cancelled' : 'accepted',
      at: b.cancelledAt ?? b.createdAt,
      userId: b.openid || null,
      summary: `${b.station} ${b.day} ${b.slot}`,
    });
  }
}
