import { and, count, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { scopeCondition } from '../rbac/data-scope.ts';
import type { Principal } from '../rbac/rbac.repository.ts';
import { auditLog } from './audit.table.ts';

export type AuditRow = typeof auditLog.$inferSelect;

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
};
