import { and, count, desc, gte, inArray, lte, sql } from 'drizzle-orm';
import { auditLog } from '../../../platform/audit/audit.table.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfQueryLogDays as t } from '../enforcement.table.ts';
import { dayRange, type PageFilter } from '../scoped-page.repository.ts';

/**
 * P10: the audit actions of handheld queries (the platform audit is the log; there is no second one). The trigger that
 * keeps the rollup `enf_query_log_days` names the same three (migration enforcement_query_log_days_sql).
 */
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
  /**
   * Queries and rows found per officer and Beijing day, from the rollup `enf_query_log_days` (N2/N3) that the audit
   * insert raises; the data scope on its department and officer columns, as on the audit rows.
   */
  stats(db: DbOrTx, principal: Principal, q: Omit<LogFilter, 'page' | 'pageSize'>) {
    const day = sql<string>`to_char(${t.day}, 'YYYY-MM-DD')`;
    return (
      db
        .select({ username: t.username, day, queries: sql<number>`sum(${t.queries})::int`, found: sql<number>`sum(${t.found})::int` })
        .from(t)
        .where(
          and(
            scopeCondition(principal, { department: t.departmentId, owner: t.userId }),
            q.username ? sql`lower(${t.username}) = lower(${q.username})` : undefined,
            q.from ? gte(t.day, q.from) : undefined,
            q.to ? lte(t.day, q.to) : undefined,
          ),
        )
        // Grouped in the order of the answer: the newest days first by a backward scan of the primary key (day first),
        // so that the 1,000 rows of the answer need not group the whole period.
        .groupBy(t.day, t.username)
        .having(sql`sum(${t.queries}) > 0`)
        .orderBy(desc(t.day), t.username)
        .limit(1000)
    );
  },
  /** stats by a GROUP BY over audit_log (index audit_log_action_ts_idx): the reference the rollup is tested and benchmarked against. */
  statsRaw(db: DbOrTx, principal: Principal, q: Omit<LogFilter, 'page' | 'pageSize'>) {
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
