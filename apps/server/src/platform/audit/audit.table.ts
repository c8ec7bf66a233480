import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. A trigger (migration 0001) refuses UPDATE and refuses DELETE except of rows
 * older than the legal retention that an archive batch has already written out.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ts: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text(),
    departmentId: integer('department_id'),
    departmentName: text('department_name'),
    roles: text(),
    ip: text().notNull(),
    userAgent: text('user_agent'),
    action: text().notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    result: text().notNull(),
    reason: text(),
    /** The error code of a failure (e.g. AUTH_FAILED), for AU-2 "result + error code". */
    errorCode: text('error_code'),
    details: jsonb(),
    requestId: text('request_id'),
    /** HMAC-SM3 of the row's canonical content, written with the row by the application (C2). */
    rowMac: text('row_mac'),
  },
  (t) => [
    index('audit_log_ts_idx').on(t.ts),
    index('audit_log_user_ts_idx').on(t.username, t.ts),
    index('audit_log_action_ts_idx').on(t.action, t.ts),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

/**
 * One row per archive file written by the retention job; the delete trigger checks it. Its MAC (HMAC-SM3 with
 * the audit key over range, count, file and SM3) tells an archive of the application from a row inserted to
 * hide deleted records.
 */
export const auditArchives = pgTable('audit_archives', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  fromId: bigint('from_id', { mode: 'number' }).notNull(),
  toId: bigint('to_id', { mode: 'number' }).notNull(),
  rowCount: integer('row_count').notNull(),
  file: text().notNull(),
  sm3: text().notNull(),
  mac: text(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The HMAC-SM3 chain over audit rows (C2), appended in the transaction that writes each row: each link binds
 * the row's MAC to the previous link, so a deleted row breaks the chain. Append-only, like the log.
 */
export const auditChain = pgTable('audit_chain', {
  seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull().unique(),
  link: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * SM2-signed chain heads (C2), written every minute when the chain has grown; each one is also appended to
 * DATA_DIR/audit-anchors and logged, outside the database. A chain cut back behind a checkpoint, or restarted,
 * no longer contains the checkpoint's link.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  seq: bigint({ mode: 'number' }).primaryKey(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull(),
  link: text().notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  keyVersion: integer('key_version').notNull(),
  signature: text().notNull(),
});

/**
 * Written once by migration 0014: audit rows up to this id predate chaining at insert, and those the old
 * once-a-minute sealer had not reached then stay outside the chain (not reported as unsealed).
 */
export const auditChainOrigin = pgTable('audit_chain_origin', {
  legacyMaxId: bigint('legacy_max_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Results of the integrity verification job (C2), newest first on the 审计管理员's page. */
export const integrityReports = pgTable('integrity_reports', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  checked: integer().notNull().default(0),
  /** At most 1,000 findings: { target, id, kind, message }. */
  findings: jsonb().notNull().default([]),
});
