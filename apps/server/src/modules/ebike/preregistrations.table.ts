import type { PreregistrationPhoto } from '@shtp/core/ebike';
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { ebikeBusinesses } from './ebike.table.ts';

/**
 * 网上预登记 received from the internet zone (police zone, G13 `registrations`): the owner's and vehicle's items a
 * citizen filled in online, for the window of the chosen station's department. The owner's ID number, name and phone
 * are kept encrypted (shown masked, in clear only through the audited clear view); the window's decision (受理 / 退回)
 * and the 注册登记 that completes an accepted one (已登记, its 流水号) cross back on `registration-status`.
 */
export const ebikePreregistrations = pgTable(
  'ebike_preregistrations',
  {
    preregNo: text('prereg_no').primaryKey(),
    version: integer().notNull(),
    departmentCode: text('department_code').notNull(),
    /** The receiving department, found by its code when it arrives (null: no such department here). */
    departmentId: integer('department_id').references(() => departments.id),
    station: text().notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    nameEnc: text('name_enc').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    zcbm: text().notNull(),
    plateWanted: text('plate_wanted'),
    brand: text().notNull(),
    model: text().notNull(),
    invoiceNo: text('invoice_no').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** The citizen's photos as they crossed (kind, SM3 digest, type, size); their content is in this zone's blob store. */
    photos: jsonb().$type<PreregistrationPhoto[]>().notNull().default([]),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    status: text({ enum: ['submitted', 'accepted', 'returned', 'registered'] })
      .notNull()
      .default('submitted'),
    returnReason: text('return_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    /** 已登记: the 注册登记 business that completed it (one business per pre-registration) and its 流水号. */
    businessId: bigint('business_id', { mode: 'number' }).references(() => ebikeBusinesses.id),
    lsh: text(),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
  },
  (t) => [
    index('ebike_preregistrations_department_idx').on(t.departmentId, t.status, t.submittedAt),
    // The blob store's holder check (`blobHolders.jsonArray`) finds rows by containment.
    index('ebike_preregistrations_photos_idx').using('gin', t.photos.op('jsonb_path_ops')),
  ],
);
