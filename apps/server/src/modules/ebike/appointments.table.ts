import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from '../../platform/rbac/rbac.table.ts';

/**
 * 非机动车登记预约 received from the internet zone (police zone): the newest version of each booking, for the window
 * of its department. The citizen's ID number and phone are stored as they crossed: masked.
 */
export const ebikeAppointments = pgTable(
  'ebike_appointments',
  {
    bookingNo: text('booking_no').primaryKey(),
    version: integer().notNull(),
    departmentCode: text('department_code').notNull(),
    /** The receiving department, found by its code when the booking arrives (null: no such department here). */
    departmentId: integer('department_id').references(() => departments.id),
    station: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    slot: text().notNull(),
    plate: text(),
    vin: text(),
    idNumberMasked: text('id_number_masked').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    state: text({ enum: ['booked', 'cancelled'] }).notNull(),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** G13: what the window recorded on the day (已到场 / 已办理 / 未到); crosses back on `appointment-status`. */
    arrival: text({ enum: ['arrived', 'done', 'no_show'] }),
    arrivalAt: timestamp('arrival_at', { withTimezone: true }),
    /** The exchange's version of the status record: 1 for the first mark, one more for each change. */
    arrivalVersion: integer('arrival_version').notNull().default(0),
  },
  (t) => [
    index('ebike_appointments_department_day_idx').on(t.departmentId, t.day, t.slot),
    index('ebike_appointments_day_idx').on(t.day).where(sql`${t.departmentId} is null`),
  ],
);
