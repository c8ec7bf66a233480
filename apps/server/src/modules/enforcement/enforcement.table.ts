import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

/** Serial part of 决定书编号 and 扣留凭证编号 (unique city-wide). */
export const enfDecisionSeq = pgSequence('enf_decision_no_seq');
export const enfVoucherSeq = pgSequence('enf_voucher_no_seq');

const officer = {
  officerId: integer('officer_id')
    .notNull()
    .references(() => users.id),
  officerName: text('officer_name').notNull(),
  departmentId: integer('department_id')
    .notNull()
    .references(() => departments.id),
  deviceCode: text('device_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};
/** The party's identity: SM4 per field (C4), the ID number searchable by blind index. */
const party = {
  partyIdEnc: text('party_id_enc').notNull(),
  partyIdIdx: text('party_id_idx').notNull(),
  partyNameEnc: text('party_name_enc').notNull(),
};

/** 简易程序处罚决定书 and 警告 written on the handheld; the ID is the handheld's (a retry finds it). */
export const enfViolations = pgTable(
  'enf_violations',
  {
    id: uuid().primaryKey(),
    decisionNo: text('decision_no').notNull().unique(),
    kind: text().notNull(),
    code: text().notNull(),
    codeVersion: text('code_version').notNull(),
    trafficMode: text('traffic_mode').notNull(),
    ...party,
    /** SM4 like the name; optional (typed, or read from the ID card's front). */
    partyAddressEnc: text('party_address_enc'),
    plate: text(),
    place: text().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    corrected: boolean().notNull(),
    harm: boolean().notNull(),
    fine: integer().notNull(),
    firstViolation: jsonb('first_violation').notNull(),
    educationRecordNo: text('education_record_no'),
    ocr: jsonb().notNull().default(sql`'[]'::jsonb`),
    /** Keyed digest of the first request: the same ID with different content is a conflict, not a retry. */
    requestDigest: text('request_digest').notNull(),
    ...officer,
  },
  (t) => [
    index('enf_violations_party_code_idx').on(t.partyIdIdx, t.code, t.occurredAt),
    index('enf_violations_plate_code_idx').on(t.plate, t.code, t.occurredAt),
    index('enf_violations_officer_created_idx').on(t.officerId, t.createdAt),
    index('enf_violations_department_created_idx').on(t.departmentId, t.createdAt),
    // The exchange reads new decisions after a watermark (created_at, id).
    index('enf_violations_created_id_idx').on(t.createdAt, t.id),
  ],
);

/**
 * 缴款: a fine paid in the internet zone (G10), as it crossed the gap on the exchange's `payments` channel. One row per
 * decision; the package that carried it is the exchange's record.
 */
export const enfFinePayments = pgTable('enf_fine_payments', {
  // No foreign key: a payment for a decision this zone does not know is kept (and shown in the reconciliation), not refused.
  decisionNo: text('decision_no').primaryKey(),
  fineFen: integer('fine_fen').notNull(),
  lateFeeFen: integer('late_fee_fen').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  channel: text().notNull(),
  channelOrderNo: text('channel_order_no').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** Refunded so far (the newest total that crossed; a refund in the internet zone crosses as a new version of the payment). */
  refundedFen: integer('refunded_fen').notNull().default(0),
  refundedAt: timestamp('refunded_at', { withTimezone: true }),
});

/** P3 breath-alcohol tests. */
export const enfBreathTests = pgTable(
  'enf_breath_tests',
  {
    id: uuid().primaryKey(),
    testerCode: text('tester_code').notNull(),
    calibrationDate: date('calibration_date').notNull(),
    bracMgPerL: real('brac_mg_per_l').notNull(),
    bacMgPer100mL: real('bac_mg_per_100ml').notNull(),
    verdict: text().notNull(),
    accepted: boolean().notNull(),
    ...party,
    plate: text(),
    place: text().notNull(),
    testedAt: timestamp('tested_at', { withTimezone: true }).notNull(),
    requestDigest: text('request_digest').notNull(),
    ...officer,
  },
  (t) => [
    index('enf_breath_tests_tester_time_idx').on(t.testerCode, t.testedAt),
    index('enf_breath_tests_department_created_idx').on(t.departmentId, t.createdAt),
  ],
);

/** P4 readings pushed by breathalysers (devices of 终端管理), linked to the breath test of the same device and time. */
export const enfDeviceReadings = pgTable(
  'enf_device_readings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deviceCode: text('device_code').notNull(),
    messageId: text('message_id').notNull(),
    measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
    bracMgPerL: real('brac_mg_per_l').notNull(),
    breathTestId: uuid('breath_test_id').references(() => enfBreathTests.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enf_device_readings_message_uq').on(t.deviceCode, t.messageId),
    index('enf_device_readings_device_time_idx').on(t.deviceCode, t.measuredAt),
  ],
);

/**
 * P5 report rollup (N2/N3): readings, and those linked to a breath test, per Beijing day and device, raised in the
 * transaction of the reading and of the link. No department column: a reading belongs to the department that holds
 * its tester now (the scope joins 终端管理 at read time, as the raw query does), so a tester handed over takes its
 * history along.
 */
export const enfDeviceReadingDays = pgTable(
  'enf_device_reading_days',
  {
    day: date({ mode: 'string' }).notNull(),
    deviceCode: text('device_code').notNull(),
    readings: integer().notNull().default(0),
    linked: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.deviceCode] })],
);

/**
 * P1 report rollup (N2/N3): recognised fields, those the officer corrected and the sum of their confidences, per
 * Beijing day of the ticket, department and field, raised in the ticket's transaction (tickets are never changed).
 */
export const enfOcrDays = pgTable(
  'enf_ocr_days',
  {
    day: date({ mode: 'string' }).notNull(),
    departmentId: integer('department_id').notNull(),
    field: text().notNull(),
    recognised: integer().notNull().default(0),
    corrected: integer().notNull().default(0),
    confidenceSum: doublePrecision('confidence_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.departmentId, t.field] })],
);

/**
 * P10 report rollup (N2/N3): the handheld queries (the audit actions of `HANDHELD_QUERY_ACTIONS`) and the rows they
 * found, per Beijing day, department, officer and user name — kept by the database in the transaction of the audit
 * insert (a row trigger on audit_log that fires only for those actions) and lowered when the retention job deletes
 * archived audit rows, so that it always equals the GROUP BY over audit_log it replaces. A row without department or
 * user (none is written today) is counted under 0, which no data scope but 'all' reaches, as a null would not be.
 */
export const enfQueryLogDays = pgTable(
  'enf_query_log_days',
  {
    day: date({ mode: 'string' }).notNull(),
    departmentId: integer('department_id').notNull(),
    userId: integer('user_id').notNull(),
    username: text().notNull(),
    queries: integer().notNull().default(0),
    found: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.departmentId, t.userId, t.username] })],
);

/** P6 blood samples and their chain of custody (events in order). */
export const enfBloodSamples = pgTable(
  'enf_blood_samples',
  {
    id: uuid().primaryKey(),
    breathTestId: uuid('breath_test_id').references(() => enfBreathTests.id),
    sampleNo: text('sample_no').notNull().unique(),
    institution: text().notNull(),
    drawer: text().notNull(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull(),
    events: jsonb().notNull().default(sql`'[]'::jsonb`),
    resultMgPer100mL: real('result_mg_per_100ml'),
    requestDigest: text('request_digest').notNull(),
    ...officer,
  },
  (t) => [index('enf_blood_samples_department_created_idx').on(t.departmentId, t.createdAt)],
);

/** P9 先予扣留 of other conveyances. */
export const enfDetentions = pgTable(
  'enf_detentions',
  {
    id: uuid().primaryKey(),
    voucherNo: text('voucher_no').notNull().unique(),
    ground: text().notNull(),
    trafficMode: text('traffic_mode').notNull(),
    description: text().notNull(),
    plate: text(),
    ...party,
    storagePlace: text('storage_place').notNull(),
    detainedAt: timestamp('detained_at', { withTimezone: true }).notNull(),
    violationId: uuid('violation_id').references(() => enfViolations.id),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releaseNote: text('release_note'),
    releasedBy: text('released_by'),
    requestDigest: text('request_digest').notNull(),
    ...officer,
  },
  (t) => [index('enf_detentions_department_created_idx').on(t.departmentId, t.createdAt)],
);

/** P11 photos of a handheld record, in the platform image store (by SM3 digest); one row per record and content. */
export const enfPhotos = pgTable(
  'enf_photos',
  {
    id: uuid().primaryKey(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    digest: text().notNull(),
    size: integer().notNull(),
    mime: text().notNull(),
    requestDigest: text('request_digest').notNull(),
    ...officer,
  },
  (t) => [
    uniqueIndex('enf_photos_record_digest_uq').on(t.recordId, t.digest),
    index('enf_photos_department_created_idx').on(t.departmentId, t.createdAt),
    index('enf_photos_digest_idx').on(t.digest), // the image store's holder check
  ],
);

/**
 * P3/P6 按标准上传: one row per breath test or blood sample sent up (or refused) in the configured format; the
 * record stays the module's, this is only where its upload stands.
 */
export const enfStandardUploads = pgTable(
  'enf_standard_uploads',
  {
    /** breath | blood */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    format: text().notNull(),
    /** done | rejected (final until corrected) | pending (the far side was unavailable; the job retries) */
    status: text().notNull(),
    receiptNo: text('receipt_no'),
    error: text(),
    attempts: integer().notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The 工作台 count of uploads refused or waiting for a retry (few rows; the done ones are left out).
  (t) => [primaryKey({ columns: [t.recordType, t.recordId] }), index('enf_standard_uploads_open_idx').on(t.status).where(sql`${t.status} <> 'done'`)],
);

/**
 * P3/P6 按标准上传, the history: every attempt to send a record (the first, the job's retries, a resend after a
 * correction) with its receipt or reason. `recordDigest` (HMAC-SM3 of the record as it would be sent, format included)
 * tells a corrected record from one sent again unchanged.
 */
export const enfStandardUploadAttempts = pgTable(
  'enf_standard_upload_attempts',
  {
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    format: text().notNull(),
    /** accepted | rejected | unavailable */
    outcome: text().notNull(),
    receiptNo: text('receipt_no'),
    error: text(),
    recordDigest: text('record_digest').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordType, t.recordId, t.attemptNo] })],
);
