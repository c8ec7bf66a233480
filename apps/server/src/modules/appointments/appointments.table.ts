import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 非机动车登记预约 (internet zone): a citizen's booking of a registration window's time slot. The ID number is kept
 * encrypted with a keyed digest to find it, the phone encrypted; every change crosses to the police zone as a new version.
 */
export const appointmentBookings = pgTable(
  'appointment_bookings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    bookingNo: text('booking_no').notNull(),
    departmentCode: text('department_code').notNull(),
    station: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    slot: text().notNull(),
    plate: text(),
    vin: text(),
    idNumberIdx: text('id_number_idx').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    /** The 随申办 openid the partner or the hub's assertion named. */
    openid: text().notNull(),
    state: text({ enum: ['booked', 'cancelled'] })
      .notNull()
      .default('booked'),
    /** 1 when booked, 2 when cancelled: the exchange's version of the record. */
    version: integer().notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** G9/G13: the day-before reminder SMS — empty while due (or held back), `sent` once the gateway took it, `failed` if refused for good. */
    reminderState: text('reminder_state', { enum: ['sent', 'failed'] }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /**
     * Why the reminder did not go (the console's 发送失败（原因）/ 已暂缓): the gateway's code when `failed`; while the
     * state is empty, the last run's hold (`quiet-hours`, `template`, `limit`, or `retry:<code>`); empty: not yet tried.
     */
    reminderNote: text('reminder_note'),
  },
  (t) => [
    uniqueIndex('appointment_bookings_no_uq').on(t.bookingNo),
    // Capacity is counted per slot among live bookings; one live booking per citizen, station, day and slot.
    index('appointment_bookings_slot_idx').on(t.departmentCode, t.day, t.slot).where(sql`${t.state} = 'booked'`),
    index('appointment_bookings_reminder_idx').on(t.day).where(sql`${t.state} = 'booked' and ${t.reminderState} is null`),
    uniqueIndex('appointment_bookings_citizen_slot_uq').on(t.idNumberIdx, t.departmentCode, t.day, t.slot).where(sql`${t.state} = 'booked'`),
  ],
);
