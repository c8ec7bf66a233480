import { and, count, desc, inArray, sql } from 'drizzle-orm';
import { auditLog } from '../../../platform/audit/audit.table.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { dayRange, type PageFilter } from '../scoped-page.repository.ts';

/** P10: the audit actions of handheld queries (the platform audit is the log; there is no second one). */
export const HANDHELD_QUERY_ACTIONS = ['ebike.pda-query', 'enforcement.first-violation-check', 'enforcement.rider-contact'] as const;

type LogFilter = PageFilter & { username?: string | undefined };

function where(principal: Principal, q: Omit<LogFilter, 'page' | 'pageSize'>) {
  return and(
    inArray(auditLog.action, [...HANDHELD_QUERY_ACTIONS]),
    scopeCondition(principal, { department: auditLog.departmentId, owner: auditLog.userId }),
    q.username ? sql`lower(${auditLog.username}) = lower(${q.username})` : undefined,
    ...dayRange(auditLog.ts, q.from, q.to),
  );
}

export const queryLogRepository = {
  async list(db: DbOrTx, principal: Principal, q: LogFilter) {
    const w = where(principal, q);
    const rows = await db
      .select({
        id: auditLog.id,
        ts: auditLog.ts,
        username: auditLog.username,
        departmentName: auditLog.departmentName,
        action: auditLog.action,
        result: auditLog.result,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(w)
      .orderBy(desc(auditLog.ts))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(auditLog).where(w);
    return { rows, total: total?.n ?? 0 };
  },
  /** Queries and rows found per officer and Shanghai day (index audit_log_action_ts_idx). */
  stats(db: DbOrTx, principal: Principal, q: Omit<LogFilter, 'page' | 'pageSize'>) {
    const day = sql<string>`to_char(${auditLog.ts} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    return db
      .select({
        username: sql<string>`coalesce(${auditLog.username}, '')`,
        day,
        queries: count(),
        found: sql<number>`coalesce(sum((${auditLog.details}->>'found')::int), 0)::int`,
      })
      .from(auditLog)
      .where(where(principal, q))
      .groupBy(auditLog.username, day)
      .orderBy(desc(day), auditLog.username)
      .limit(1000);
  },
};
