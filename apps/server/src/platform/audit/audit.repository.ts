import { and, count, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { scopeCondition } from '../rbac/data-scope.repository.ts';
import type { Principal } from '../rbac/rbac.repository.ts';
import { auditLog, integrityReports } from './audit.table.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type IntegrityReportRow = typeof integrityReports.$inferSelect;

/** An audit row as the database stores it, without the driver's mapping: what its MAC is checked against. */
export type StoredAuditRow = {
  id: number;
  ts: Date | string;
  user_id: number | null;
  username: string | null;
  department_id: number | null;
  department_name: string | null;
  roles: string | null;
  ip: string;
  user_agent: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  reason: string | null;
  error_code: string | null;
  details: unknown;
  request_id: string | null;
  row_mac: string | null;
};

/** Filters of the audit log query and export (no paging). */
export interface AuditFilters {
  from?: string | undefined;
  to?: string | undefined;
  username?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  result?: 'success' | 'failure' | undefined;
}

export interface AuditListQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

/** The filters plus the reader's data scope (an auditor of a 支队 sees the records of its own departments). */
function conditions(principal: Principal, f: AuditFilters): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [scopeCondition(principal, { department: auditLog.departmentId, owner: auditLog.userId })];
  if (f.from) where.push(gte(auditLog.ts, new Date(f.from)));
  if (f.to) where.push(lte(auditLog.ts, new Date(f.to)));
  if (f.username) where.push(sql`lower(${auditLog.username}) = lower(${f.username})`);
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.targetType) where.push(eq(auditLog.targetType, f.targetType));
  if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
  if (f.result) where.push(eq(auditLog.result, f.result));
  return where;
}

export const auditRepository = {
  async list(db: DbOrTx, principal: Principal, query: AuditListQuery): Promise<{ items: AuditRow[]; total: number }> {
    const where = and(...conditions(principal, query));
    const [items, totals] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { items, total: Number(totals[0]?.n ?? 0) };
  },

  /** Newest first, in keyset batches (id < last id) so that an export never loads the whole table. */
  async *stream(db: DbOrTx, principal: Principal, filters: AuditFilters, batchSize = 1000): AsyncGenerator<AuditRow> {
    const base = conditions(principal, filters);
    let lastId: number | null = null;
    for (;;) {
      const where = lastId === null ? base : [...base, lt(auditLog.id, lastId)];
      const rows: AuditRow[] = await db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(batchSize);
      for (const row of rows) yield row;
      if (rows.length < batchSize) return;
      lastId = rows[rows.length - 1]!.id;
    }
  },

  /** Rows after `after` in id order, as stored, for the integrity check. */
  storedRowsAfter(db: DbOrTx, after: number, limit: number): Promise<StoredAuditRow[]> {
    return queryRows<StoredAuditRow>(db, sql`select * from audit_log where id > ${after} order by id limit ${limit}`);
  },

  /** Whether any record of this action exists (e.g. a one-time baseline). */
  /**
   * The user's login before the current one (time and address) and the failed attempts on the account since then —
   * what 等保 wants shown after a login. Read from the audit log by its (username, ts) index.
   */
  async previousLogin(db: DbOrTx, username: string): Promise<{ at: Date; ip: string; failuresSince: number } | null> {
    const [previous] = await db
      .select({ at: auditLog.ts, ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.username, username), eq(auditLog.action, 'auth.login'), eq(auditLog.result, 'success')))
      .orderBy(desc(auditLog.ts))
      .offset(1)
      .limit(1);
    if (!previous) return null;
    const [failed] = await db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.username, username), eq(auditLog.action, 'auth.login'), eq(auditLog.result, 'failure'), gte(auditLog.ts, previous.at)));
    return { ...previous, failuresSince: failed?.n ?? 0 };
  },

  async hasAction(db: DbOrTx, action: string): Promise<boolean> {
    const rows = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, action)).limit(1);
    return rows.length > 0;
  },

  async integrityReports(db: DbOrTx, limit: number): Promise<IntegrityReportRow[]> {
    return db.select().from(integrityReports).orderBy(desc(integrityReports.id)).limit(limit);
  },

  async insertIntegrityReport(db: DbOrTx, report: typeof integrityReports.$inferInsert): Promise<IntegrityReportRow> {
    const [row] = await db.insert(integrityReports).values(report).returning();
    return row!;
  },
};
