import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSequence, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

/**
 * The vehicle's current state: a projection written only by the ledger (ebike_businesses) in the same
 * transaction, never edited by hand. Owner fields are SM4-encrypted per field (C4) with blind indexes.
 */
export const nmVehicles = pgTable(
  'nm_vehicles',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    vehicleType: text('vehicle_type').notNull().default('ebike'),
    plate: text(),
    plateKind: text('plate_kind').notNull(),
    zcbm: text().notNull(),
    motorNo: text('motor_no').notNull(),
    brand: text().notNull(),
    model: text().notNull(),
    colours: text().notNull(),
    cccCertNo: text('ccc_cert_no').notNull(),
    hgzNo: text('hgz_no'),
    batteryType: text('battery_type').notNull(),
    batteryVoltage: real('battery_voltage').notNull(),
    purchaseDate: text('purchase_date').notNull(),
    acquireWay: text('acquire_way').notNull(),
    originProof: text('origin_proof').notNull(),
    ownerType: text('owner_type').notNull(),
    ownerIdEnc: text('owner_id_enc').notNull(),
    ownerIdIdx: text('owner_id_idx').notNull(),
    ownerNameEnc: text('owner_name_enc').notNull(),
    ownerPhoneEnc: text('owner_phone_enc').notNull(),
    ownerPhoneIdx: text('owner_phone_idx').notNull(),
    ownerAddressEnc: text('owner_address_enc').notNull(),
    districtCode: text('district_code').notNull(),
    stolen: boolean().notNull().default(false),
    locked: boolean().notNull().default(false),
    cancelled: boolean().notNull().default(false),
    lockReason: text('lock_reason'),
    lockDepartmentId: integer('lock_department_id').references(() => departments.id),
    lockedBy: text('locked_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /**
     * 安全标记 (AC-6): a user whose clearance is below it does not see or change the record. Not a registration
     * item (not in the ledger or 六合一): set by a supervisor through its own audited route.
     */
    securityLabel: text('security_label').notNull().default('internal'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(0),
  },
  (t) => [
    // A plate or 整车编码 belongs to at most one live vehicle; a cancelled one keeps its history.
    uniqueIndex('nm_vehicles_plate_live_uq').on(t.plate).where(sql`not ${t.cancelled} and ${t.plate} is not null`),
    uniqueIndex('nm_vehicles_zcbm_live_uq').on(t.zcbm).where(sql`not ${t.cancelled}`),
    index('nm_vehicles_plate_idx').on(t.plate),
    index('nm_vehicles_zcbm_idx').on(t.zcbm),
    index('nm_vehicles_motor_idx').on(t.motorNo),
    index('nm_vehicles_owner_id_idx').on(t.ownerIdIdx),
    index('nm_vehicles_owner_phone_idx').on(t.ownerPhoneIdx),
    index('nm_vehicles_department_idx').on(t.departmentId),
    // The registrations of a time window (道路施工 R3 insurance exchange, through ebike.api.ts).
    index('nm_vehicles_registered_idx').on(t.registeredAt, t.id),
    // The exchange's watermark (police → internet, G13) reads changes in this order.
    index('nm_vehicles_changed_idx').on(t.updatedAt, t.id),
    check('nm_vehicles_security_label_known', sql`${t.securityLabel} in ('public', 'internal', 'sensitive', 'confidential')`),
  ],
);

/** 流水号 source: lsh = yyMMdd + 7 digits of this sequence. */
export const ebikeLshSeq = pgSequence('ebike_lsh_seq', { startWith: 1, cycle: true, maxValue: 9_999_999 });

/**
 * The append-only business ledger (E1–E8): every business with its 流水号, items before/after (encrypted:
 * they hold personal data), operator, department, SM2 signature (C5) and its 六合一 upload state.
 */
export const ebikeBusinesses = pgTable(
  'ebike_businesses',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lsh: text().notNull(),
    vehicleId: bigint('vehicle_id', { mode: 'number' })
      .notNull()
      .references(() => nmVehicles.id),
    type: text().notNull(),
    ywlx: text(),
    ywyy: text(),
    reason: text(),
    /** Changed items with before/after, personal values masked: what the history shows by default. */
    changes: jsonb().notNull().$type<{ item: string; before: string | null; after: string | null }[]>(),
    /** The full items before and after, as encrypted JSON (C4): what 六合一 receives and privileged views show. */
    snapshotEnc: text('snapshot_enc').notNull(),
    correctsId: bigint('corrects_id', { mode: 'number' }),
    operatorId: integer('operator_id').references(() => users.id),
    operatorName: text('operator_name').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A client's Idempotency-Key: a retried request returns the first result. */
    requestKey: text('request_key'),
    /** HMAC-SM3 of the route and body that first used the key: the same key with another request is refused (422). */
    requestDigest: text('request_digest'),
    signature: text(),
    signKeyVersion: integer('sign_key_version'),
    uploadStatus: text('upload_status').notNull().default('pending'),
    uploadRemoteId: text('upload_remote_id'),
    uploadError: text('upload_error'),
    uploadAttempts: integer('upload_attempts').notNull().default(0),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
    /** The business key of the write 六合一 accepted (A, B, D, G, K, C1, C0, O1, O0, GZ): what the daily counts compare. */
    uploadKey: text('upload_key'),
  },
  (t) => [
    uniqueIndex('ebike_businesses_lsh_uq').on(t.lsh),
    uniqueIndex('ebike_businesses_request_key_uq').on(t.requestKey),
    index('ebike_businesses_vehicle_idx').on(t.vehicleId, t.id),
    // 上传监控 counts and pages a data scope's businesses (department_id = any(…)), newest first.
    index('ebike_businesses_department_idx').on(t.departmentId, t.id),
    index('ebike_businesses_upload_idx').on(t.uploadStatus, t.id),
    // The daily reconciliation reads a day's accepted businesses.
    index('ebike_businesses_uploaded_at_idx').on(t.uploadedAt),
    // The archive's scan for accepted businesses never opened (ebike.api.ts `businessesAccepted`).
    index('ebike_businesses_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * The plate-number pool: numbers generated in series per department and kind; allocated with SKIP LOCKED
 * so parallel registrations never get the same one; released numbers cool down before reuse.
 */
export const ebikePlates = pgTable(
  'ebike_plates',
  {
    plate: text().primaryKey(),
    plateKind: text('plate_kind').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** free | allocated | retired */
    status: text().notNull().default('free'),
    vehicleId: bigint('vehicle_id', { mode: 'number' }),
    /** A released number is free again only from this time. */
    availableFrom: timestamp('available_from', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ebike_plates_pick_idx').on(t.departmentId, t.plateKind, t.status, t.plate),
    // 号牌库存's cooling plates (free, available again later): the few returned lately, not the pool.
    index('ebike_plates_cooling_idx').on(t.availableFrom).where(sql`${t.status} = 'free'`),
  ],
);

/**
 * The daily reconciliation with 六合一 (one row per day, replaced when run again): what this side accepted that day
 * against the far side's answer. `missing`: accepted here, unknown there (marked failed, to be resent); `unknown`:
 * held there, not accepted here that day; `countMismatches`: the business keys whose counts differ.
 */
export const ebikeReconciliations = pgTable('ebike_reconciliations', {
  day: text().primaryKey(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  localCount: integer('local_count').notNull(),
  remoteCount: integer('remote_count').notNull(),
  remoteCounts: jsonb('remote_counts').notNull().$type<Record<string, number>>(),
  localCounts: jsonb('local_counts').notNull().default({}).$type<Record<string, number>>(),
  countMismatches: jsonb('count_mismatches').notNull().default([]).$type<{ key: string; local: number; remote: number }[]>(),
  missing: jsonb().notNull().$type<string[]>(),
  unknown: jsonb().notNull().$type<string[]>(),
});

/**
 * Report rollups of the e-bike tables (N2/N3): rows per department and state, raised by statement-level triggers on the
 * raw table in the writing transaction (migration ebike_report_rollups_sql, function raise_count_rollup): the state is
 * written from many paths (intake, upload job, resend, repair, reconciliation; allocation, return, retirement, batches;
 * the demo population), and the trigger is where every one of them passes. No day column: both reports count the
 * table's current rows by state. The key columns are named as in the raw table (the trigger groups by them).
 */
export const ebikeUploadCounts = pgTable(
  'ebike_upload_counts',
  {
    departmentId: integer('department_id').notNull(),
    uploadStatus: text('upload_status').notNull(),
    businesses: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.uploadStatus] })],
);

/** 号牌库存 rollup: plates per department, kind and state (cooling is free with `available_from` ahead: read apart). */
export const ebikePlateCounts = pgTable(
  'ebike_plate_counts',
  {
    departmentId: integer('department_id').notNull(),
    plateKind: text('plate_kind').notNull(),
    status: text().notNull(),
    plates: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.plateKind, t.status] })],
);
