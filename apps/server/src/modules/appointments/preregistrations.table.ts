import type { PreregistrationPhoto } from '@shtp/core/ebike';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 网上预登记 (internet zone, G13 `registrations`): a citizen's e-bike registration filled in online for a station's
 * window. ID number encrypted with a keyed digest to find it, name and phone encrypted; it crosses to the police zone
 * on submission (version 1) and again with each photo uploaded (a new version), and the window's decision comes back on
 * `registration-status` (kept by the exchange).
 */
export const appointmentPreregistrations = pgTable(
  'appointment_preregistrations',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    preregNo: text('prereg_no').notNull(),
    departmentCode: text('department_code').notNull(),
    station: text().notNull(),
    /** The 随申办 openid the partner or the hub's assertion named. */
    openid: text().notNull(),
    idNumberIdx: text('id_number_idx').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    nameEnc: text('name_enc').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    zcbm: text().notNull(),
    plateWanted: text('plate_wanted'),
    brand: text().notNull(),
    model: text().notNull(),
    invoiceNo: text('invoice_no').notNull(),
    /** The photos (one per kind), stored in the zone's blob store by their SM3; they cross with the record. */
    photos: jsonb().$type<PreregistrationPhoto[]>().notNull().default([]),
    version: integer().notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appointment_preregistrations_no_uq').on(t.preregNo),
    // One pre-registration per citizen and vehicle: a repeat answers with the one held.
    uniqueIndex('appointment_preregistrations_citizen_zcbm_uq').on(t.idNumberIdx, t.zcbm),
    index('appointment_preregistrations_openid_idx').on(t.openid, t.id),
    // The blob store's holder check (`blobHolders.jsonArray`) finds rows by containment.
    index('appointment_preregistrations_photos_idx').using('gin', t.photos.op('jsonb_path_ops')),
  ],
);
