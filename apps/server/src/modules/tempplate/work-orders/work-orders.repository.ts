import type { WarningListQuery } from '@shtp/core/tempplate';
import { and, asc, desc, eq, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { SUBJECT_COLUMN } from '../risk/risk.repository.ts';
import {
  tempplateAssignTurns,
  tempplateBusinesses,
  tempplateOrderSteps,
  tempplateRollups,
  tempplateWarnings,
  tempplateWorkOrders,
} from '../tempplate.table.ts';

export type WarningRow = typeof tempplateWarnings.$inferSelect;
export type OrderRow = typeof tempplateWorkOrders.$inferSelect;
type RollupCounter = 'raised' | 'assigned' | 'firstChecked' | 'closed' | 'confirmed';

const issueDept = alias(departments, 'issue_dept');
const checkDept = alias(departments, 'check_dept');
const reviewDept = alias(departments, 'review_dept');

/**
 * What the caller may see: warnings of businesses in their data scope, and orders sent to their department. All three
 * arms read the order row (it carries the warning's department), so each is an index scan of the orders and the
 * planner ORs them (BitmapOr) instead of joining both tables in full to test an OR across them.
 */
function reach(principal: Principal): SQL | undefined {
  const own = scopeCondition(principal, { department: tempplateWorkOrders.departmentId });
  if (!own) return undefined;
  const mine = principal.department.id;
  return or(own, eq(tempplateWorkOrders.checkDepartmentId, mine), eq(tempplateWorkOrders.reviewDepartmentId, mine));
}

/** Open and past its deadline (an order without a deadline is never overdue). */
const overdueSql = sql<boolean>`coalesce(${tempplateWorkOrders.state} <> 'closed' and ${tempplateWorkOrders.dueAt} < now(), false)`;

/** The orders waiting for a department: its first checks and its reviews. */
const waitingFor = (department: number) => ({
  first_check: and(eq(tempplateWorkOrders.state, 'first_check'), eq(tempplateWorkOrders.checkDepartmentId, department)),
  review: and(eq(tempplateWorkOrders.state, 'review'), eq(tempplateWorkOrders.reviewDepartmentId, department)),
});
/** Past its deadline and reminded by the reminder job, waiting for the department. */
const remindedFor = (department: number) =>
  and(isNotNull(tempplateWorkOrders.remindedAt), overdueSql, or(waitingFor(department).first_check, waitingFor(department).review));

function filters(principal: Principal, q: Partial<WarningListQuery>): SQL | undefined {
  const mine = principal.department.id;
  const inbox = { unassigned: eq(tempplateWorkOrders.state, 'unassigned'), ...waitingFor(mine), reminded: remindedFor(mine) };
  return and(
    reach(principal),
    q.inbox && inbox[q.inbox],
    q.rule && eq(tempplateWarnings.rule, q.rule),
    q.state && eq(tempplateWorkOrders.state, q.state),
    q.departmentId ? eq(tempplateWorkOrders.departmentId, q.departmentId) : undefined,
    q.vin ? eq(tempplateBusinesses.vin, q.vin.toUpperCase()) : undefined,
    q.from ? sql`${tempplateWorkOrders.issuedAt} >= ${q.from}::date - interval '8 hours'` : undefined,
    q.to ? sql`${tempplateWorkOrders.issuedAt} < ${q.to}::date + interval '16 hours'` : undefined,
    q.subjectKind && q.subjectKey ? eq(SUBJECT_COLUMN[q.subjectKind], q.subjectKey) : undefined,
    q.overdue === 'true' ? overdueSql : q.overdue === 'false' ? sql`not ${overdueSql}` : undefined,
  );
}

const listColumns = {
  w: tempplateWarnings,
  o: tempplateWorkOrders,
  plate: tempplateBusinesses.plate,
  vin: tempplateBusinesses.vin,
  caseType: tempplateBusinesses.caseType,
  departmentName: issueDept.name,
  checkDepartmentName: checkDept.name,
  reviewDepartmentName: reviewDept.name,
  overdue: overdueSql,
};
const joined = (db: DbOrTx) =>
  db
    .select(listColumns)
    .from(tempplateWarnings)
    .innerJoin(tempplateWorkOrders, eq(tempplateWorkOrders.warningId, tempplateWarnings.id))
    .innerJoin(tempplateBusinesses, eq(tempplateBusinesses.id, tempplateWarnings.businessId))
    .innerJoin(issueDept, eq(issueDept.id, tempplateWarnings.departmentId))
    .leftJoin(checkDept, eq(checkDept.id, tempplateWorkOrders.checkDepartmentId))
    .leftJoin(reviewDept, eq(reviewDept.id, tempplateWorkOrders.reviewDepartmentId))
    .$dynamic();
export type ListedWarning = Awaited<ReturnType<typeof joined>>[number];

/**
 * The orders joined only to the tables a filter reads (an order has exactly one warning, a warning one business): a
 * page's ids and the total are found on the orders (the reach is theirs) before anything else is joined — else the
 * planner joins every reachable order to the businesses first (a hash join over 5 M rows, tools/bench/tempplate.bench.ts).
 */
function orders<F extends SelectedFields>(db: DbOrTx, fields: F, q: Partial<WarningListQuery>) {
  const readsBusiness = Boolean(q.vin || (q.subjectKind && q.subjectKey));
  const query = db.select(fields).from(tempplateWorkOrders).$dynamic();
  // a dynamic builder takes its joins in place (the selected fields are explicit: the joins do not change its type)
  if (q.rule || readsBusiness) query.innerJoin(tempplateWarnings, eq(tempplateWarnings.id, tempplateWorkOrders.warningId));
  if (readsBusiness) query.innerJoin(tempplateBusinesses, eq(tempplateBusinesses.id, tempplateWarnings.businessId));
  return query;
}

/** SQL of warnings, work orders, their signed steps and the statistics rollups. */
export const workOrdersRepository = {
  /** Inserts a warning and its work order unless the business already has one of the rule: re-evaluation never duplicates. */
  async raise(db: DbOrTx, w: typeof tempplateWarnings.$inferInsert): Promise<{ warningId: number; orderId: number } | null> {
    const [created] = await db.insert(tempplateWarnings).values(w).onConflictDoNothing().returning({ id: tempplateWarnings.id });
    if (!created) return null;
    const [order] = await db
      .insert(tempplateWorkOrders)
      .values({ warningId: created.id, departmentId: w.departmentId, issuedAt: w.issuedAt })
      .returning({ id: tempplateWorkOrders.id });
    return { warningId: created.id, orderId: order!.id };
  },

  /** The turn of an automatic assignment rule, then advanced (the row locked until the caller's transaction ends). */
  async nextTurn(db: DbOrTx, item: string): Promise<number> {
    const [row] = await db
      .insert(tempplateAssignTurns)
      .values({ item, turn: 1 })
      .onConflictDoUpdate({ target: tempplateAssignTurns.item, set: { turn: sql`${tempplateAssignTurns.turn} + 1` } })
      .returning({ turn: tempplateAssignTurns.turn });
    return row!.turn - 1;
  },

  /** The rules already raised for any of these businesses, as `businessId:rule` (the batch skips their inserts). */
  async raisedOfBusinesses(db: DbOrTx, businessIds: number[]): Promise<Set<string>> {
    if (businessIds.length === 0) return new Set();
    const rows = await db
      .select({ businessId: tempplateWarnings.businessId, rule: tempplateWarnings.rule })
      .from(tempplateWarnings)
      .where(inArray(tempplateWarnings.businessId, businessIds));
    return new Set(rows.map((r) => `${r.businessId}:${r.rule}`));
  },

  async rulesOfBusiness(db: DbOrTx, businessId: number): Promise<string[]> {
    const rows = await db.select({ rule: tempplateWarnings.rule }).from(tempplateWarnings).where(eq(tempplateWarnings.businessId, businessId));
    return rows.map((r) => r.rule);
  },

  async list(db: DbOrTx, principal: Principal, q: WarningListQuery): Promise<{ rows: ListedWarning[]; total: number }> {
    const where = filters(principal, q);
    // Newest first by the order's copies of the warning's issue time and id (the same values, a total order)
    const order = [desc(tempplateWorkOrders.issuedAt), desc(tempplateWorkOrders.warningId)];
    const page = orders(db, { id: tempplateWorkOrders.id }, q)
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const rows = await joined(db)
      .where(inArray(tempplateWorkOrders.id, page))
      .orderBy(...order);
    const [count] = await orders(db, { n: sql<number>`count(*)::int` }, q).where(where);
    return { rows, total: count?.n ?? 0 };
  },

  /** The filtered warnings newest first, read in pages by id (an export streams them; never the whole table at once). */
  async *inPages(db: DbOrTx, principal: Principal, q: Partial<WarningListQuery>, pageSize = 500): AsyncIterable<ListedWarning> {
    let before: number | null = null;
    for (;;) {
      const page = orders(db, { id: tempplateWorkOrders.id }, q)
        .where(and(filters(principal, q), before === null ? undefined : lt(tempplateWorkOrders.warningId, before)))
        .orderBy(desc(tempplateWorkOrders.warningId))
        .limit(pageSize);
      const rows: ListedWarning[] = await joined(db).where(inArray(tempplateWorkOrders.id, page)).orderBy(desc(tempplateWorkOrders.warningId));
      yield* rows;
      if (rows.length < pageSize) return;
      before = rows.at(-1)!.w.id;
    }
  },

  /** One warning the caller may reach, its order locked when `forUpdate`. */
  async one(db: DbOrTx, principal: Principal, id: number, forUpdate = false): Promise<ListedWarning | undefined> {
    const q = joined(db).where(and(eq(tempplateWarnings.id, id), reach(principal)));
    const rows = forUpdate ? await q.for('update', { of: tempplateWorkOrders }) : await q;
    return rows[0];
  },

  async inboxCounts(db: DbOrTx, principal: Principal) {
    const mine = principal.department.id;
    const [row] = await db
      .select({
        unassigned: sql<number>`count(*) filter (where ${tempplateWorkOrders.state} = 'unassigned')::int`,
        first_check: sql<number>`count(*) filter (where ${tempplateWorkOrders.state} = 'first_check' and ${tempplateWorkOrders.checkDepartmentId} = ${mine})::int`,
        review: sql<number>`count(*) filter (where ${tempplateWorkOrders.state} = 'review' and ${tempplateWorkOrders.reviewDepartmentId} = ${mine})::int`,
        reminded: sql<number>`count(*) filter (where ${remindedFor(mine)})::int`,
        overdue: sql<number>`count(*) filter (where ${overdueSql})::int`,
      })
      .from(tempplateWorkOrders)
      .where(reach(principal));
    return row!;
  },

  /**
   * Marks the open orders past their deadline that have not been reminded of it (the partial index on due_at), at
   * most `limit`; returns them for the reminder's audit record.
   */
  async markReminded(db: DbOrTx, limit: number) {
    const due = db
      .select({ id: tempplateWorkOrders.id })
      .from(tempplateWorkOrders)
      .where(sql`${tempplateWorkOrders.state} <> 'closed' and ${tempplateWorkOrders.dueAt} < now() and ${tempplateWorkOrders.remindedAt} is null`)
      .orderBy(asc(tempplateWorkOrders.dueAt))
      .limit(limit);
    return db
      .update(tempplateWorkOrders)
      .set({ remindedAt: sql`now()` })
      .where(inArray(tempplateWorkOrders.id, due))
      .returning({ orderId: tempplateWorkOrders.id, warningId: tempplateWorkOrders.warningId, state: tempplateWorkOrders.state });
  },

  async updateOrder(db: DbOrTx, id: number, version: number, set: Partial<typeof tempplateWorkOrders.$inferInsert>): Promise<boolean> {
    const done = await db
      .update(tempplateWorkOrders)
      .set({ ...set, version: version + 1, updatedAt: new Date() })
      .where(and(eq(tempplateWorkOrders.id, id), eq(tempplateWorkOrders.version, version)))
      .returning({ id: tempplateWorkOrders.id });
    return done.length === 1;
  },

  async insertStep(db: DbOrTx, step: typeof tempplateOrderSteps.$inferInsert): Promise<void> {
    await db.insert(tempplateOrderSteps).values(step);
  },

  async steps(db: DbOrTx, orderId: number) {
    return db.select().from(tempplateOrderSteps).where(eq(tempplateOrderSteps.orderId, orderId)).orderBy(asc(tempplateOrderSteps.orderVersion));
  },

  async step(db: DbOrTx, orderId: number, orderVersion: number) {
    const [row] = await db
      .select()
      .from(tempplateOrderSteps)
      .where(and(eq(tempplateOrderSteps.orderId, orderId), eq(tempplateOrderSteps.orderVersion, orderVersion)));
    return row;
  },

  /** Step keys after (orderId, orderVersion), in that order: the signature sweep walks them. */
  async stepKeysAfter(db: DbOrTx, after: { orderId: number; version: number } | null, limit: number) {
    return db
      .select({ orderId: tempplateOrderSteps.orderId, orderVersion: tempplateOrderSteps.orderVersion })
      .from(tempplateOrderSteps)
      .where(after ? sql`(${tempplateOrderSteps.orderId}, ${tempplateOrderSteps.orderVersion}) > (${after.orderId}, ${after.version})` : undefined)
      .orderBy(asc(tempplateOrderSteps.orderId), asc(tempplateOrderSteps.orderVersion))
      .limit(limit);
  },

  async warningOfOrder(db: DbOrTx, orderId: number): Promise<number | undefined> {
    const [row] = await db.select({ id: tempplateWorkOrders.warningId }).from(tempplateWorkOrders).where(eq(tempplateWorkOrders.id, orderId));
    return row?.id;
  },

  /** The departments orders may be sent to (id order, a few hundred at most). */
  async assignableDepartments(db: DbOrTx) {
    return db.select({ id: departments.id, name: departments.name, code: departments.code }).from(departments).orderBy(asc(departments.code)).limit(1000);
  },

  async departmentsExist(db: DbOrTx, ids: number[]): Promise<number[]> {
    const rows = await db.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
    return rows.map((r) => r.id);
  },

  /** Adds to a department × month × rule rollup in the caller's transaction (T11, T12, T25). */
  async bump(db: DbOrTx, departmentId: number, month: string, rule: string, counter: RollupCounter, by = 1): Promise<void> {
    const column = tempplateRollups[counter];
    await db
      .insert(tempplateRollups)
      .values({ departmentId, month, rule, [counter]: by })
      .onConflictDoUpdate({
        target: [tempplateRollups.departmentId, tempplateRollups.month, tempplateRollups.rule],
        set: { [counter]: sql`${column} + ${by}` },
      });
  },
};
