import type { UploadFilter } from '@shtp/core/ebike';
import { and, desc, eq, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { auditLog } from '../../../platform/audit/audit.table.ts';
import { type Db, type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { preparedPerDatabase } from '../../../platform/db/prepared.ts';
import { labelCondition } from '../../../platform/labels/security-labels.repository.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { ebikeBusinesses, ebikeReconciliations, ebikeUploadCounts, nmVehicles } from '../ebike.table.ts';

const inScope = (principal: Principal) => scopeCondition(principal, { department: ebikeBusinesses.departmentId });

/** Midnight of a day in China time. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** 上传监控's filters within the principal's data scope and clearance. */
function filtered(principal: Principal, q: UploadFilter) {
  const dayAfter = (day: string) => new Date(chinaMidnight(day).getTime() + 86_400_000);
  return and(
    q.status ? eq(ebikeBusinesses.uploadStatus, q.status) : undefined,
    q.plate ? eq(nmVehicles.plate, q.plate) : undefined,
    q.lsh ? eq(ebikeBusinesses.lsh, q.lsh) : undefined,
    q.from ? gte(ebikeBusinesses.createdAt, chinaMidnight(q.from)) : undefined,
    q.to ? lt(ebikeBusinesses.createdAt, dayAfter(q.to)) : undefined,
    inScope(principal),
    labelCondition(principal, nmVehicles.securityLabel),
  );
}

const listQuery = (db: DbOrTx) =>
  db
    .select({
      b: ebikeBusinesses,
      plate: nmVehicles.plate,
      departmentName: departments.name,
      correctsLsh: sql<string | null>`(select c.lsh from ebike_businesses c where c.id = ${ebikeBusinesses.correctsId})`,
    })
    .from(ebikeBusinesses)
    .innerJoin(nmVehicles, eq(nmVehicles.id, ebikeBusinesses.vehicleId))
    .innerJoin(departments, eq(departments.id, ebikeBusinesses.departmentId));

/** Prepared once per database (N1): every E10 lookup runs it, for the vehicles it found (`= any` of one array parameter). */
const unsettledOf = preparedPerDatabase((db) =>
  db
    .select({ vehicleId: ebikeBusinesses.vehicleId, status: ebikeBusinesses.uploadStatus, n: sql<number>`count(*)::int` })
    .from(ebikeBusinesses)
    .where(and(sql`${ebikeBusinesses.vehicleId} = any(${sql.placeholder('vehicleIds')})`, notInArray(ebikeBusinesses.uploadStatus, ['done', 'repaired'])))
    .groupBy(ebikeBusinesses.vehicleId, ebikeBusinesses.uploadStatus)
    .prepare('ebike_unsettled_by_vehicle'),
);

export type UploadListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['where']>>[number];

/** All SQL of 上传监控 and of the upload job. */
export const uploadRepository = {
  /**
   * Businesses of the principal's data scope counted by upload state (N2/N3): from the rollup the ledger's triggers
   * keep (ebike_upload_counts), never the ledger itself.
   */
  countsByStatus(db: DbOrTx, principal: Principal) {
    const t = ebikeUploadCounts;
    return db
      .select({ status: t.uploadStatus, n: sql<number>`sum(${t.businesses})::int` })
      .from(t)
      .where(scopeCondition(principal, { department: t.departmentId }))
      .groupBy(t.uploadStatus)
      .having(sql`sum(${t.businesses}) <> 0`);
  },
  /** countsByStatus by a GROUP BY over the ledger: the reference the rollup is tested and benchmarked against. */
  countsByStatusRaw(db: DbOrTx, principal: Principal) {
    return db
      .select({ status: ebikeBusinesses.uploadStatus, n: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .where(inScope(principal))
      .groupBy(ebikeBusinesses.uploadStatus);
  },

  /** The most frequent reasons of failed and rejected uploads in the principal's data scope. */
  failureReasons(db: DbOrTx, principal: Principal, limit: number) {
    return db
      .select({ reason: sql<string>`coalesce(${ebikeBusinesses.uploadError}, '未知')`, count: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .where(and(inArray(ebikeBusinesses.uploadStatus, ['failed', 'rejected']), inScope(principal)))
      .groupBy(ebikeBusinesses.uploadError)
      .orderBy(desc(sql`count(*)`))
      .limit(limit);
  },

  /** A page of businesses, newest first; those of vehicles labelled above the principal's clearance are left out (AC-6). */
  async page(db: DbOrTx, principal: Principal, q: UploadFilter & { page: number; pageSize: number }) {
    const where = filtered(principal, q);
    const rows = await listQuery(db)
      .where(where)
      .orderBy(desc(ebikeBusinesses.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .innerJoin(nmVehicles, eq(nmVehicles.id, ebikeBusinesses.vehicleId))
      .where(where);
    return { rows, total: total?.n ?? 0 };
  },

  /** The same list for an export, newest first in keyset batches (id < last id): never the whole table at once. */
  async *stream(db: DbOrTx, principal: Principal, q: UploadFilter, batchSize = 1000) {
    let before: number | undefined;
    for (;;) {
      const rows = await listQuery(db)
        .where(and(filtered(principal, q), before === undefined ? undefined : lt(ebikeBusinesses.id, before)))
        .orderBy(desc(ebikeBusinesses.id))
        .limit(batchSize);
      yield* rows;
      if (rows.length < batchSize) return;
      before = rows.at(-1)!.b.id;
    }
  },

  /** Locks a business until the transaction ends; with its department's path and its vehicle's label, for the reach check. */
  async lockForResend(tx: DbOrTx, businessId: number) {
    const [b] = await queryRows<{ lsh: string; upload_status: string; upload_attempts: number; path: string; security_label: string }>(
      tx,
      sql`select b.lsh, b.upload_status, b.upload_attempts, d.path, v.security_label from ebike_businesses b
        join departments d on d.id = b.department_id join nm_vehicles v on v.id = b.vehicle_id
        where b.id = ${businessId} for update of b`,
    );
    return b && { lsh: b.lsh, uploadStatus: b.upload_status, uploadAttempts: b.upload_attempts, departmentPath: b.path, securityLabel: b.security_label };
  },

  /** A vehicle's businesses in ledger order, as the upload order needs them (few per vehicle). */
  vehicleBusinesses(db: DbOrTx, vehicleId: number) {
    return db.select().from(ebikeBusinesses).where(eq(ebikeBusinesses.vehicleId, vehicleId)).orderBy(ebikeBusinesses.id);
  },

  /** Marks businesses as accepted through a repair, keeping their rejection reason in front of the note. */
  async markRepaired(db: DbOrTx, ids: number[], note: string) {
    if (ids.length === 0) return;
    await db
      .update(ebikeBusinesses)
      .set({ uploadStatus: 'repaired', uploadError: sql`coalesce(${ebikeBusinesses.uploadError} || '；', '') || ${note}` })
      .where(inArray(ebikeBusinesses.id, ids));
  },

  /** Per vehicle, its businesses not (yet) accepted by 六合一, counted by upload state (the handheld's upload state, E10). */
  async unsettledByVehicle(db: Db, vehicleIds: number[]) {
    if (vehicleIds.length === 0) return [];
    return unsettledOf(db).execute({ vehicleIds });
  },

  /** The 流水号 六合一 accepted on a day (China time), by the acceptance time it answered, with the key it counts under. */
  acceptedOn(db: DbOrTx, day: string): Promise<{ lsh: string; key: string | null }[]> {
    const from = chinaMidnight(day);
    return db
      .select({ lsh: ebikeBusinesses.lsh, key: ebikeBusinesses.uploadKey })
      .from(ebikeBusinesses)
      .where(
        and(
          eq(ebikeBusinesses.uploadStatus, 'done'),
          gte(ebikeBusinesses.uploadedAt, from),
          lt(ebikeBusinesses.uploadedAt, new Date(from.getTime() + 86_400_000)),
        ),
      );
  },

  /** Of these 流水号, the businesses in the principal's data scope and clearance, with their upload state. */
  async inScopeByLsh(db: DbOrTx, principal: Principal, lshs: string[]) {
    if (lshs.length === 0) return [];
    return db
      .select({ b: ebikeBusinesses })
      .from(ebikeBusinesses)
      .innerJoin(nmVehicles, eq(nmVehicles.id, ebikeBusinesses.vehicleId))
      .where(and(inArray(ebikeBusinesses.lsh, lshs), inScope(principal), labelCondition(principal, nmVehicles.securityLabel)));
  },

  /** The latest audited run of the projection check (its report is the audit record's details). */
  async lastProjectionCheck(db: DbOrTx) {
    const [row] = await db
      .select({ ts: auditLog.ts, result: auditLog.result, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, 'ebike.projection-check'))
      .orderBy(desc(auditLog.ts))
      .limit(1);
    return row;
  },

  /** Businesses the far side does not hold after all: failed, with the reason, so that 上传监控 resends them. */
  async markMissing(db: DbOrTx, lshs: string[], day: string) {
    if (lshs.length === 0) return;
    await db
      .update(ebikeBusinesses)
      .set({ uploadStatus: 'failed', uploadError: `对账（${day}）：六合一没有该流水号，请重新上传` })
      .where(and(inArray(ebikeBusinesses.lsh, lshs), eq(ebikeBusinesses.uploadStatus, 'done')));
  },

  async saveReconciliation(db: DbOrTx, r: typeof ebikeReconciliations.$inferInsert) {
    await db
      .insert(ebikeReconciliations)
      .values(r)
      .onConflictDoUpdate({ target: ebikeReconciliations.day, set: { ...r, checkedAt: new Date() } });
  },

  recentReconciliations(db: DbOrTx, limit: number) {
    return db.select().from(ebikeReconciliations).orderBy(desc(ebikeReconciliations.day)).limit(limit);
  },

  /** What 六合一 needs besides the business: the operator's username, the department's code, the corrected business's 流水号. */
  async writeContext(
    db: DbOrTx,
    b: { operatorId: number | null; departmentId: number; correctsId: number | null },
  ): Promise<{ operatorUsername: string; departmentCode: string; correctsLsh: string | null }> {
    const [meta] = await queryRows<{ username: string; code: string; corrects_lsh: string | null }>(
      db,
      sql`select coalesce(u.username, '') as username, d.code,
                 (select c.lsh from ebike_businesses c where c.id = ${b.correctsId ?? null}) as corrects_lsh
          from departments d left join users u on u.id = ${b.operatorId} where d.id = ${b.departmentId}`,
    );
    return { operatorUsername: meta!.username, departmentCode: meta!.code, correctsLsh: meta!.corrects_lsh };
  },
};
