import type { Evidence } from '@shtp/core/tempplate';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, users } from '../../platform/rbac/rbac.table.ts';
import type { ImageQuality } from './intake/image-quality.ts';
import type { ImageRecapture } from './rules/rule.ts';

/** One stored material image of a business. */
export interface MaterialImage {
  material: string;
  digest: string;
  mime: string;
  width: number | null;
  height: number | null;
  /** Pixel statistics (T8); absent for images stored before they were kept (before cropping was measured: no `edges`). */
  quality?: ImageQuality;
  /**
   * The recognition's 翻拍检测 (T8) at the threshold of the material's document type; absent for a material without a
   * calibrated type, for images stored before, or when it could not be checked.
   */
  recapture?: ImageRecapture;
}

/**
 * Temporary-plate businesses as received from the 车驾管 system (append-only). Personal identifiers are SM4-encrypted
 * per field with blind indexes (like e-bike owners): rules compare people by index, never in clear.
 */
export const tempplateBusinesses = pgTable(
  'tempplate_businesses',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text('source_id').notNull(),
    /** SM3 of the delivered body: a re-delivery is a duplicate only if it is the same business. */
    bodyDigest: text('body_digest').notNull(),
    plate: text().notNull(),
    vin: text().notNull(),
    vehicleType: text('vehicle_type').notNull(),
    caseType: text('case_type').notNull(),
    ownerIdType: text('owner_id_type').notNull(),
    ownerNameEnc: text('owner_name_enc').notNull(),
    ownerIdEnc: text('owner_id_enc').notNull(),
    ownerIdIdx: text('owner_id_idx').notNull(),
    ownerRegion: text('owner_region').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneIdx: text('phone_idx').notNull(),
    agentEnc: text('agent_enc'),
    agentIdIdx: text('agent_id_idx'),
    dealerName: text('dealer_name'),
    dealerUscc: text('dealer_uscc'),
    /** The invoice items (buyer name and ID included), encrypted JSON. */
    invoiceEnc: text('invoice_enc'),
    invoiceBuyerIdx: text('invoice_buyer_idx'),
    /** 来历凭证号码: the invoice number, normalised (X6: one proof of origin on several VINs); not personal. */
    originNo: text('origin_no'),
    registeredOwnerIdx: text('registered_owner_idx'),
    insurancePolicyNo: text('insurance_policy_no').notNull(),
    insuranceEnd: text('insurance_end').notNull(),
    materials: jsonb().notNull().$type<string[]>(),
    /** The material images, kept in the platform blob store: only their digests here. */
    images: jsonb().notNull().default([]).$type<MaterialImage[]>(),
    /** What the recognition read on the invoice image (T4–T6 input), encrypted JSON; null without an invoice image. */
    invoiceReadingEnc: text('invoice_reading_enc'),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    officer: text().notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tempplate_businesses_source_uq').on(t.sourceId),
    index('tempplate_businesses_vin_idx').on(t.vin, t.issuedAt),
    index('tempplate_businesses_issued_idx').on(t.issuedAt),
    index('tempplate_businesses_department_idx').on(t.departmentId, t.issuedAt),
    index('tempplate_businesses_owner_idx').on(t.ownerIdIdx),
    index('tempplate_businesses_phone_idx').on(t.phoneIdx),
    index('tempplate_businesses_dealer_idx').on(t.dealerUscc, t.issuedAt),
    // the image store's holder check (`images @> [{digest}]`, in an archive disposal's transaction)
    index('tempplate_businesses_images_idx').using('gin', t.images.op('jsonb_path_ops')),
    index('tempplate_businesses_origin_idx').on(t.originNo, t.issuedAt),
    // 风险画像 of agents and officers
    index('tempplate_businesses_agent_idx').on(t.agentIdIdx),
    index('tempplate_businesses_officer_idx').on(t.officer),
  ],
);

/** Each parameter set the rules ran under, once: a warning names the version it was raised under (T26). */
export const tempplateParamSets = pgTable(
  'tempplate_param_sets',
  {
    version: serial().primaryKey(),
    digest: text().notNull(),
    values: jsonb().notNull().$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tempplate_param_sets_digest_uq').on(t.digest)],
);

/**
 * Warnings (T1–T10), at most one per business and rule: re-evaluation never duplicates one. The evidence is stored
 * masked; the business's department and issue time are copied for scope and statistics.
 */
export const tempplateWarnings = pgTable(
  'tempplate_warnings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    businessId: bigint('business_id', { mode: 'number' })
      .notNull()
      .references(() => tempplateBusinesses.id),
    rule: text().notNull(),
    ruleVersion: integer('rule_version').notNull(),
    paramSetVersion: integer('param_set_version')
      .notNull()
      .references(() => tempplateParamSets.version),
    severity: text().notNull(),
    summary: text().notNull(),
    evidence: jsonb().notNull().$type<Evidence>(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tempplate_warnings_business_rule_uq').on(t.businessId, t.rule),
    index('tempplate_warnings_department_idx').on(t.departmentId, t.issuedAt),
    index('tempplate_warnings_rule_idx').on(t.rule, t.issuedAt),
  ],
);

/**
 * The work order of a warning (T22–T24): one per warning, created with it. The warning's department and issue time
 * are copied onto it (both never change) so that the caller's reach — the issuing department in scope, or the order
 * sent to the caller's department — is a condition on this table alone: a BitmapOr of three index scans.
 */
export const tempplateWorkOrders = pgTable(
  'tempplate_work_orders',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    warningId: bigint('warning_id', { mode: 'number' })
      .notNull()
      .references(() => tempplateWarnings.id),
    /** The warning's (issuing) department, copied. */
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** The warning's issue time, copied: the lists' order. */
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    state: text().notNull().default('unassigned'),
    checkDepartmentId: integer('check_department_id').references(() => departments.id),
    reviewDepartmentId: integer('review_department_id').references(() => departments.id),
    checkResult: text('check_result'),
    finalResult: text('final_result'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** When the reminder job found the order past this deadline (cleared with each new deadline). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    version: integer().notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tempplate_work_orders_warning_uq').on(t.warningId),
    index('tempplate_work_orders_department_idx').on(t.departmentId, t.issuedAt),
    index('tempplate_work_orders_check_idx').on(t.checkDepartmentId, t.state),
    index('tempplate_work_orders_review_idx').on(t.reviewDepartmentId, t.state),
    index('tempplate_work_orders_due_idx').on(t.dueAt).where(sql`${t.state} <> 'closed'`),
  ],
);

/** Every transition of a work order, SM2-signed by the record signer (who, what, when). */
export const tempplateOrderSteps = pgTable(
  'tempplate_order_steps',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => tempplateWorkOrders.id),
    /** The order's version after this step: with the order id, the step's signed identity. */
    orderVersion: integer('order_version').notNull(),
    action: text().notNull(),
    result: text(),
    text: text(),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name').notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    signature: text().notNull(),
    signKeyVersion: integer('sign_key_version').notNull(),
  },
  (t) => [uniqueIndex('tempplate_order_steps_order_uq').on(t.orderId, t.orderVersion)],
);

/** Files a first check attaches to its order (photos, scans, PDF): kept in the platform blob store, only the digest here. */
export const tempplateOrderAttachments = pgTable(
  'tempplate_order_attachments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => tempplateWorkOrders.id),
    digest: text().notNull(),
    filename: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploaderName: text('uploader_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tempplate_order_attachments_order_idx').on(t.orderId), index('tempplate_order_attachments_digest_idx').on(t.digest)],
);

/** The round-robin turn of each automatic assignment rule (T22): the next check department in its list. */
export const tempplateAssignTurns = pgTable('tempplate_assign_turns', {
  item: text().primaryKey(),
  turn: integer().notNull().default(0),
});

/**
 * Monthly rollup per department × rule, maintained in the transaction of each change (T11, T12, T25), so the
 * statistics never count the raw tables. rule '' counts businesses.
 */
export const tempplateRollups = pgTable(
  'tempplate_rollups',
  {
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    month: text().notNull(),
    rule: text().notNull(),
    raised: integer().notNull().default(0),
    assigned: integer().notNull().default(0),
    firstChecked: integer('first_checked').notNull().default(0),
    closed: integer().notNull().default(0),
    confirmed: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.month, t.rule] })],
);

/** The day counters of one subject: businesses, those of resident-ID owners, and the non-Shanghai IDs among them. */
const dayCounters = () => ({
  businesses: integer().notNull().default(0),
  idCards: integer('id_cards').notNull().default(0),
  nonLocal: integer('non_local').notNull().default(0),
});

/**
 * Businesses per department and Beijing day (YYYY-MM-DD), kept in the intake's transaction: T12 counts any date range
 * from it, T9 compares a department's recent share of non-Shanghai IDs with its own history.
 */
export const tempplateDepartmentDays = pgTable(
  'tempplate_department_days',
  {
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    day: text().notNull(),
    ...dayCounters(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.day] })],
);

/** The same day counters per dealer (销售单位, USCC): T9 per dealer against its own history. */
export const tempplateDealerDays = pgTable(
  'tempplate_dealer_days',
  {
    dealerUscc: text('dealer_uscc').notNull(),
    day: text().notNull(),
    ...dayCounters(),
  },
  (t) => [primaryKey({ columns: [t.dealerUscc, t.day] })],
);
