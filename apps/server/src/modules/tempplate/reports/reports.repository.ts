import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { tempplateRollups as r, tempplateWarnings, tempplateWorkOrders } from '../tempplate.table.ts';

const inWindow = (p: Principal, from: string, to: string) => and(gte(r.month, from), lte(r.month, to), scopeCondition(p, { department: r.departmentId }));

/** Statistics served from the rollups (T11, T12, T25): a few hundred rows per year, never the raw tables. */
export const reportsRepository = {
  /** Per rule over the months, in the caller's scope (T25 预警统计). */
  async byRule(db: DbOrTx, p: Principal, from: string, to: string) {
    return db
      .select({
        rule: r.rule,
        raised: sql<number>`sum(${r.raised})::int`,
        assigned: sql<number>`sum(${r.assigned})::int`,
        firstChecked: sql<number>`sum(${r.firstChecked})::int`,
        closed: sql<number>`sum(${r.closed})::int`,
        confirmed: sql<number>`sum(${r.confirmed})::int`,
      })
      .from(r)
      .where(and(inWindow(p, from, to), sql`${r.rule} <> ''`))
      .groupBy(r.rule)
      .orderBy(r.rule);
  },

  /** Department × month × rule (T11; rule '' is the count of businesses, T12). */
  async byDepartment(db: DbOrTx, p: Principal, from: string, to: string) {
    return db
      .select({ departmentId: r.departmentId, departmentName: departments.name, month: r.month, rule: r.rule, count: r.raised })
      .from(r)
      .innerJoin(departments, eq(departments.id, r.departmentId))
      .where(inWindow(p, from, to))
      .orderBy(departments.code, r.month, r.rule);
  },

  /** Open orders past their deadline per rule (live: the partial index on due_at keeps it small). */
  async overdueByRule(db: DbOrTx, p: Principal) {
    return db
      .select({ rule: tempplateWarnings.rule, n: sql<number>`count(*)::int` })
      .from(tempplateWorkOrders)
      .innerJoin(tempplateWarnings, eq(tempplateWarnings.id, tempplateWorkOrders.warningId))
      .where(
        and(
          sql`${tempplateWorkOrders.state} <> 'closed' and ${tempplateWorkOrders.dueAt} < now()`,
          scopeCondition(p, { department: tempplateWarnings.departmentId }),
        ),
      )
      .groupBy(tempplateWarnings.rule);
  },
};
