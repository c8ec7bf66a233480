import type { UploadStatus } from '@shtp/core/ebike';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { labelCondition } from '../../../platform/labels/security-labels.repository.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { ebikeBusinesses, nmVehicles } from '../ebike.table.ts';

const inScope = (principal: Principal) => scopeCondition(principal, { department: ebikeBusinesses.departmentId });

/** All SQL of 上传监控 and of the upload job. */
export const uploadRepository = {
  /** Businesses of the principal's data scope counted by upload state. */
  countsByStatus(db: DbOrTx, principal: Principal) {
    return db
      .select({ status: ebikeBusinesses.uploadStatus, n: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .where(inScope(principal))
      .groupBy(ebikeBusinesses.uploadStatus);
  },

  /** The most frequent reasons of failed uploads in the principal's data scope. */
  failureReasons(db: DbOrTx, principal: Principal, limit: number) {
    return db
      .select({ reason: sql<string>`coalesce(${ebikeBusinesses.uploadError}, '未知')`, count: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .where(and(eq(ebikeBusinesses.uploadStatus, 'failed'), inScope(principal)))
      .groupBy(ebikeBusinesses.uploadError)
      .orderBy(desc(sql`count(*)`))
      .limit(limit);
  },

  /** A page of businesses, newest first; those of vehicles labelled above the principal's clearance are left out (AC-6). */
  async page(db: DbOrTx, principal: Principal, q: { status?: UploadStatus | undefined; page: number; pageSize: number }) {
    const where = and(
      q.status ? eq(ebikeBusinesses.uploadStatus, q.status) : undefined,
      inScope(principal),
      labelCondition(principal, nmVehicles.securityLabel),
    );
    const rows = await db
      .select({ b: ebikeBusinesses, plate: nmVehicles.plate, departmentName: departments.name })
      .from(ebikeBusinesses)
      .innerJoin(nmVehicles, eq(nmVehicles.id, ebikeBusinesses.vehicleId))
      .innerJoin(departments, eq(departments.id, ebikeBusinesses.departmentId))
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

  /** The 流水号 of an earlier business of the vehicle still waiting for or in upload, if any. */
  async earlierInFlight(db: DbOrTx, vehicleId: number, businessId: number): Promise<string | undefined> {
    const [earlier] = await queryRows<{ lsh: string }>(
      db,
      sql`select lsh from ebike_businesses where vehicle_id = ${vehicleId} and id < ${businessId} and upload_status in ('pending', 'uploading') order by id limit 1`,
    );
    return earlier?.lsh;
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
