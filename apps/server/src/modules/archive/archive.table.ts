import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { blobs } from '../../platform/blobs/blobs.table.ts';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

/** The required-document catalogue (A3): per business type, owner type and applicant, the documents and their pages. */
export const archiveRequirements = pgTable(
  'archive_requirements',
  {
    businessType: text('business_type').notNull(),
    ownerType: text('owner_type').notNull(),
    applicant: text().notNull(),
    docType: text('doc_type').notNull(),
    minPages: integer('min_pages').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessType, t.ownerType, t.applicant, t.docType] })],
);

/**
 * One archive per business of the e-bike ledger (A8), with copies of what it is searched by (流水号, plate, 整车编码,
 * owner ID blind index, department, business type, acceptance time), its completeness and the SM2 signature of its
 * current page list (A5).
 */
export const archives = pgTable(
  'archives',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    businessId: bigint('business_id', { mode: 'number' }).notNull(),
    lsh: text().notNull(),
    vehicleId: bigint('vehicle_id', { mode: 'number' }).notNull(),
    businessType: text('business_type').notNull(),
    ownerType: text('owner_type').notNull(),
    applicant: text().notNull(),
    plate: text(),
    zcbm: text().notNull(),
    ownerIdIdx: text('owner_id_idx').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    securityLabel: text('security_label').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    /** Incremented by every change of the page list. */
    version: integer().notNull().default(0),
    complete: boolean().notNull().default(false),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** What is still missing, e.g. [{ docType: 'owner_id', missing: 1 }]. */
    missing: text().notNull().default('[]'),
    signature: text(),
    signKeyVersion: integer('sign_key_version'),
    /** 法律保全: while set, the archive is kept whatever its retention period says (who, when and why with it). */
    legalHold: boolean('legal_hold').notNull().default(false),
    legalHoldReason: text('legal_hold_reason'),
    legalHoldBy: text('legal_hold_by'),
    legalHoldAt: timestamp('legal_hold_at', { withTimezone: true }),
    /** Disposal after the retention period (A5): asked for by one person with a reason, approved by another. */
    disposalReason: text('disposal_reason'),
    disposalRequestedBy: integer('disposal_requested_by').references(() => users.id),
    disposalRequestedByName: text('disposal_requested_by_name'),
    disposalRequestedAt: timestamp('disposal_requested_at', { withTimezone: true }),
    disposedBy: integer('disposed_by').references(() => users.id),
    disposedByName: text('disposed_by_name'),
    /** Set: the pages are no longer shown; the record of the archive stays. */
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('archives_business_uq').on(t.businessId),
    uniqueIndex('archives_lsh_uq').on(t.lsh),
    index('archives_plate_idx').on(t.plate),
    index('archives_zcbm_idx').on(t.zcbm),
    index('archives_owner_id_idx').on(t.ownerIdIdx),
    index('archives_vehicle_idx').on(t.vehicleId),
    index('archives_dept_accepted_idx').on(t.departmentId, t.acceptedAt),
    // City-wide search by date (and newest first without one): the department index only serves a department's.
    index('archives_accepted_idx').on(t.acceptedAt),
    index('archives_incomplete_idx').on(t.acceptedAt).where(sql`not ${t.complete}`),
  ],
);

/**
 * Pages, never deleted: a replaced or removed page gets `removedInVersion` and stays in the history (A5). The image is
 * in the platform image store by its SM3 digest; the renditions (thumbnail, display) are made by a job.
 */
export const archivePages = pgTable(
  'archive_pages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    archiveId: bigint('archive_id', { mode: 'number' })
      .notNull()
      .references(() => archives.id),
    docType: text('doc_type').notNull(),
    seq: integer().notNull(),
    digest: text()
      .notNull()
      .references(() => blobs.digest),
    mime: text().notNull(),
    width: integer(),
    height: integer(),
    thumbDigest: text('thumb_digest'),
    displayDigest: text('display_digest'),
    /** The content as received when it is not the page itself: the PDF a page was rendered from (erased with the page). */
    originalDigest: text('original_digest'),
    source: text().notNull(),
    reason: text(),
    addedInVersion: integer('added_in_version').notNull(),
    removedInVersion: integer('removed_in_version'),
    replacesPageId: bigint('replaces_page_id', { mode: 'number' }),
    /** The officer; null for a page attached by a registration system (`capturedByApp`, A8). */
    capturedBy: integer('captured_by').references(() => users.id),
    capturedByApp: text('captured_by_app'),
    capturedByName: text('captured_by_name').notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('archive_pages_archive_idx').on(t.archiveId, t.seq),
    // Whether other pages still hold a content before it is erased (disposal, A5).
    index('archive_pages_digest_idx').on(t.digest),
    index('archive_pages_thumb_digest_idx').on(t.thumbDigest),
    index('archive_pages_display_digest_idx').on(t.displayDigest),
    index('archive_pages_original_digest_idx').on(t.originalDigest).where(sql`${t.originalDigest} is not null`),
  ],
);

/** A7 rollup: pages and businesses captured per day, department and officer, kept in the capture transaction. */
export const archiveDailyStats = pgTable(
  'archive_daily_stats',
  {
    day: date().notNull(),
    departmentId: integer('department_id').notNull(),
    officerId: integer('officer_id').notNull(),
    pages: integer().notNull().default(0),
    archivesCompleted: integer('archives_completed').notNull().default(0),
    /** Sum of (completion − acceptance) in seconds of the archives completed that day, for the average delay. */
    completionDelaySeconds: bigint('completion_delay_seconds', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.departmentId, t.officerId] })],
);

/**
 * A6 daily digest: per department, how many archives were still incomplete past the warning delay when the digest job
 * ran that day, how many accepted businesses had never had their archive opened, and since when the oldest of either
 * waits. One row per day and department; a re-run of the day overwrites it.
 */
export const archiveWarningDigests = pgTable(
  'archive_warning_digests',
  {
    day: date().notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    incomplete: integer().notNull(),
    /** Businesses of the ledger past the delay whose archive was never opened (`archive_unopened`, found by the scan). */
    unopened: integer().notNull().default(0),
    oldestAcceptedAt: timestamp('oldest_accepted_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.day, t.departmentId] })],
);

/**
 * A7 completeness rate: per opening day (Beijing) and department of the business, how many archives were opened and how
 * many of those are complete now (moved when an archive becomes complete, or incomplete again by a replacement).
 */
export const archiveDailyCompleteness = pgTable(
  'archive_daily_completeness',
  {
    day: date().notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    opened: integer().notNull().default(0),
    complete: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.departmentId] })],
);

/**
 * A6: businesses of the ledger accepted longer ago than the warning delay whose archive was never opened, found by the
 * job `archive-unopened-scan` through `ebike.api.ts`; a row goes when the archive is opened.
 */
export const archiveUnopened = pgTable(
  'archive_unopened',
  {
    businessId: bigint('business_id', { mode: 'number' }).primaryKey(),
    lsh: text().notNull(),
    businessType: text('business_type').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('archive_unopened_dept_accepted_idx').on(t.departmentId, t.acceptedAt)],
);
