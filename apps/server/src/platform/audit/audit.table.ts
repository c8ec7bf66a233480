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

/** One row per archive file written by the retention job; the delete trigger checks it. */
export const auditArchives = pgTable('audit_archives', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  fromId: bigint('from_id', { mode: 'number' }).notNull(),
  toId: bigint('to_id', { mode: 'number' }).notNull(),
  rowCount: integer('row_count').notNull(),
  file: text().notNull(),
  sm3: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The HMAC-SM3 chain over audit rows in the order a sealing job met them (C2): each link binds the row's
 * MAC to the previous link, so a deleted row breaks the chain. Append-only, like the log.
 */
export const auditChain = pgTable('audit_chain', {
  seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull().unique(),
  link: text().notNull(),
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
