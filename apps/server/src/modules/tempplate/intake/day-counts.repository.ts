import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import type { ShareCounts } from '../rules/rule.ts';
import { tempplateDealerDays as dealerDays, tempplateDepartmentDays as deptDays } from '../tempplate.table.ts';

/** What one business adds to its day counters. */
export interface DayIncrement {
  departmentId: number;
  dealerUscc: string | null;
  day: string;
  idCard: boolean;
  nonLocal: boolean;
}

/** A subject's counts in [baselineFrom, recentFrom) and [recentFrom, until] (days, inclusive). */
export interface ShareWindow {
  baselineFrom: string;
  recentFrom: string;
  until: string;
}

/** The counters of a conflicting day row, each raised by what the business adds. */
const raise = (t: typeof deptDays | typeof dealerDays, v: { idCards: number; nonLocal: number }) => ({
  businesses: sql`${t.businesses} + 1`,
  idCards: sql`${t.idCards} + ${v.idCards}`,
  nonLocal: sql`${t.nonLocal} + ${v.nonLocal}`,
});
const windowSums = (t: typeof deptDays | typeof dealerDays, w: ShareWindow) => ({
  recentTotal: sql<number>`coalesce(sum(${t.idCards}) filter (where ${t.day} >= ${w.recentFrom}), 0)::int`,
  recentNonLocal: sql<number>`coalesce(sum(${t.nonLocal}) filter (where ${t.day} >= ${w.recentFrom}), 0)::int`,
  baselineTotal: sql<number>`coalesce(sum(${t.idCards}) filter (where ${t.day} < ${w.recentFrom}), 0)::int`,
  baselineNonLocal: sql<number>`coalesce(sum(${t.nonLocal}) filter (where ${t.day} < ${w.recentFrom}), 0)::int`,
});
const counts = (r: { recentTotal: number; recentNonLocal: number; baselineTotal: number; baselineNonLocal: number } | undefined) => ({
  recent: { total: r?.recentTotal ?? 0, nonLocal: r?.recentNonLocal ?? 0 } satisfies ShareCounts,
  baseline: { total: r?.baselineTotal ?? 0, nonLocal: r?.baselineNonLocal ?? 0 } satisfies ShareCounts,
});

type SumsRow = { recentTotal: number; recentNonLocal: number; baselineTotal: number; baselineNonLocal: number; name?: string | null };

/**
 * The window sums of many (subject, window) pairs in one statement, one row per pair in their order: the batch's
 * page at once. Each pair is a join on the counters' primary key (subject, day range), as in the single query.
 */
async function manyWindowSums(db: DbOrTx, t: typeof deptDays | typeof dealerDays, wanted: { key: number | string; w: ShareWindow }[]) {
  if (wanted.length === 0) return [];
  const dept = t === deptDays;
  const keyType = sql.raw(dept ? 'bigint' : 'text');
  const values = sql.join(
    wanted.map((x, i) => sql`(${i}::int, ${x.key}::${keyType}, ${x.w.baselineFrom}::text, ${x.w.recentFrom}::text, ${x.w.until}::text)`),
    sql`, `,
  );
  const subject = dept ? deptDays.departmentId : dealerDays.dealerUscc;
  const name = dept ? sql`, (select ${departments.name} from ${departments} where ${departments.id} = v.k) as name` : sql``;
  const result = (await db.execute(sql`
    select v.i,
      coalesce(sum(${t.idCards}) filter (where ${t.day} >= v.recent_from), 0)::int as "recentTotal",
      coalesce(sum(${t.nonLocal}) filter (where ${t.day} >= v.recent_from), 0)::int as "recentNonLocal",
      coalesce(sum(${t.idCards}) filter (where ${t.day} < v.recent_from), 0)::int as "baselineTotal",
      coalesce(sum(${t.nonLocal}) filter (where ${t.day} < v.recent_from), 0)::int as "baselineNonLocal"${name}
    from (values ${values}) as v(i, k, baseline_from, recent_from, until)
    left join ${t} on ${subject} = v.k and ${t.day} >= v.baseline_from and ${t.day} <= v.until
    group by v.i, v.k order by v.i`)) as unknown as { rows: SumsRow[] };
  return result.rows;
}

/** Day counters per department and per dealer (T9, T12), bumped in the intake's transaction. */
export const dayCountsRepository = {
  async bump(db: DbOrTx, i: DayIncrement): Promise<void> {
    const values = { day: i.day, businesses: 1, idCards: i.idCard ? 1 : 0, nonLocal: i.nonLocal ? 1 : 0 };
    await db
      .insert(deptDays)
      .values({ departmentId: i.departmentId, ...values })
      .onConflictDoUpdate({ target: [deptDays.departmentId, deptDays.day], set: raise(deptDays, values) });
    if (!i.dealerUscc) return;
    await db
      .insert(dealerDays)
      .values({ dealerUscc: i.dealerUscc, ...values })
      .onConflictDoUpdate({ target: [dealerDays.dealerUscc, dealerDays.day], set: raise(dealerDays, values) });
  },

  /** A department's resident-ID businesses and non-Shanghai IDs in the two periods, with its name (primary-key range). */
  async departmentShare(db: DbOrTx, departmentId: number, w: ShareWindow) {
    const [row] = await db
      .select({ ...windowSums(deptDays, w), name: sql<string>`(select ${departments.name} from ${departments} where ${departments.id} = ${departmentId})` })
      .from(deptDays)
      .where(and(eq(deptDays.departmentId, departmentId), gte(deptDays.day, w.baselineFrom), lte(deptDays.day, w.until)));
    return { label: row?.name ?? String(departmentId), ...counts(row) };
  },

  /** departmentShare for many (department, window) pairs in one statement, in their order (the batch's page). */
  async departmentShares(db: DbOrTx, wanted: { key: number; w: ShareWindow }[]) {
    return (await manyWindowSums(db, deptDays, wanted)).map((row, i) => ({ label: row.name ?? String(wanted[i]!.key), ...counts(row) }));
  },

  /** dealerShare for many (dealer, window) pairs in one statement, in their order (the batch's page). */
  async dealerShares(db: DbOrTx, wanted: { key: string; w: ShareWindow }[]) {
    return (await manyWindowSums(db, dealerDays, wanted)).map(counts);
  },

  async dealerShare(db: DbOrTx, uscc: string, w: ShareWindow) {
    const [row] = await db
      .select(windowSums(dealerDays, w))
      .from(dealerDays)
      .where(and(eq(dealerDays.dealerUscc, uscc), gte(dealerDays.day, w.baselineFrom), lte(dealerDays.day, w.until)));
    return counts(row);
  },

  /** Plates per department of the same level as this one on the days [from, until], with their names (X7). */
  async levelCounts(db: DbOrTx, departmentId: number, from: string, until: string): Promise<{ departmentId: number; name: string; n: number }[]> {
    const level = db.select({ level: departments.level }).from(departments).where(eq(departments.id, departmentId));
    return db
      .select({ departmentId: deptDays.departmentId, name: departments.name, n: sql<number>`sum(${deptDays.businesses})::int` })
      .from(deptDays)
      .innerJoin(departments, eq(departments.id, deptDays.departmentId))
      .where(and(gte(deptDays.day, from), lte(deptDays.day, until), sql`${departments.level} = (${level})`))
      .groupBy(deptDays.departmentId, departments.name)
      .orderBy(deptDays.departmentId);
  },

  /** 临牌办理部门统计 (T12): businesses per department over any range of days, in the caller's scope. */
  async byDepartment(db: DbOrTx, p: Principal, from: string, to: string) {
    return db
      .select({
        departmentId: deptDays.departmentId,
        departmentName: departments.name,
        businesses: sql<number>`sum(${deptDays.businesses})::int`,
        idCards: sql<number>`sum(${deptDays.idCards})::int`,
        nonLocal: sql<number>`sum(${deptDays.nonLocal})::int`,
      })
      .from(deptDays)
      .innerJoin(departments, eq(departments.id, deptDays.departmentId))
      .where(and(gte(deptDays.day, from), lte(deptDays.day, to), scopeCondition(p, { department: deptDays.departmentId })))
      .groupBy(deptDays.departmentId, departments.name, departments.code)
      .orderBy(departments.code);
  },
};
