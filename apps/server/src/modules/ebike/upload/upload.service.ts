import { EBIKE_BUSINESS_TYPES, type UploadStatus } from '@shtp/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Actor, audit } from '../../../platform/audit/audit.ts';
import { AuditedRefusal, auditingRefusals } from '../../../platform/audit/refusal.ts';
import { queryRows } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import { labelCondition } from '../../../platform/labels/security-labels.ts';
import type { Platform } from '../../../platform/platform.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { ebikeUploadJob } from '../ebike.jobs.ts';
import { ebikeBusinesses, nmVehicles } from '../ebike.table.ts';
import { reachRefusal } from '../reach.policy.ts';
import { resendRefusal, uploadActions } from './upload.policy.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** 上传监控: counts by state, failure reasons, the list, and manual resend of a failed upload. */
export class UploadService {
  constructor(private readonly platform: Platform) {}

  private scope(principal: Principal) {
    return scopeCondition(principal, { department: ebikeBusinesses.departmentId });
  }

  async stats(principal: Principal) {
    const db = this.platform.db;
    const counts = await db
      .select({ status: ebikeBusinesses.uploadStatus, n: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .where(this.scope(principal))
      .groupBy(ebikeBusinesses.uploadStatus);
    const reasons = await db
      .select({ reason: sql<string>`coalesce(${ebikeBusinesses.uploadError}, '未知')`, count: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .where(and(eq(ebikeBusinesses.uploadStatus, 'failed'), this.scope(principal)))
      .groupBy(ebikeBusinesses.uploadError)
      .orderBy(desc(sql`count(*)`))
      .limit(10);
    const byStatus: Record<string, number> = { pending: 0, uploading: 0, done: 0, failed: 0 };
    for (const c of counts) byStatus[c.status] = c.n;
    return { counts: byStatus, failureReasons: reasons };
  }

  async list(principal: Principal, q: { status?: UploadStatus | undefined; page: number; pageSize: number }) {
    // Businesses of vehicles labelled above the user's clearance are not listed (AC-6).
    const where = and(
      q.status ? eq(ebikeBusinesses.uploadStatus, q.status) : undefined,
      this.scope(principal),
      labelCondition(principal, nmVehicles.securityLabel),
    );
    const rows = await this.platform.db
      .select({ b: ebikeBusinesses, plate: nmVehicles.plate, departmentName: departments.name })
      .from(ebikeBusinesses)
      .innerJoin(nmVehicles, eq(nmVehicles.id, ebikeBusinesses.vehicleId))
      .innerJoin(departments, eq(departments.id, ebikeBusinesses.departmentId))
      .where(where)
      .orderBy(desc(ebikeBusinesses.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await this.platform.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ebikeBusinesses)
      .innerJoin(nmVehicles, eq(nmVehicles.id, ebikeBusinesses.vehicleId))
      .where(where);
    return {
      items: rows.map(({ b, plate, departmentName }) => ({
        businessId: b.id,
        vehicleId: b.vehicleId,
        lsh: b.lsh,
        typeLabel: EBIKE_BUSINESS_TYPES[b.type as keyof typeof EBIKE_BUSINESS_TYPES] ?? b.type,
        plate,
        departmentName,
        createdAt: iso(b.createdAt)!,
        upload: {
          status: b.uploadStatus as UploadStatus,
          remoteId: b.uploadRemoteId,
          error: b.uploadError,
          attempts: b.uploadAttempts,
          uploadedAt: iso(b.uploadedAt),
        },
        actions: uploadActions(principal.permissions, b.uploadStatus),
      })),
      total: total?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Sends a failed business again; 六合一 deduplicates by 流水号, so a resend never makes a second record. */
  async resend(principal: Principal, actor: Actor, businessId: number) {
    const db = this.platform.db;
    await auditingRefusals(db, actor, () =>
      db.transaction(async (tx) => {
        const [b] = await queryRows<{ lsh: string; upload_status: string; upload_attempts: number; path: string; security_label: string }>(
          tx,
          sql`select b.lsh, b.upload_status, b.upload_attempts, d.path, v.security_label from ebike_businesses b
            join departments d on d.id = b.department_id join nm_vehicles v on v.id = b.vehicle_id
            where b.id = ${businessId} for update of b`,
        );
        if (!b) throw notFound('业务');
        const why = reachRefusal(principal, { departmentPath: b.path, securityLabel: b.security_label });
        if (why) throw new AuditedRefusal(notFound('业务'), { action: 'ebike.upload.resend', targetType: 'ebike_business', targetId: businessId, reason: why });
        const refused = resendRefusal(b.upload_status);
        if (refused) throw conflict('UPLOAD_NOT_FAILED', refused);
        await tx.update(ebikeBusinesses).set({ uploadStatus: 'pending', uploadError: null }).where(eq(ebikeBusinesses.id, businessId));
        await this.platform.jobs.enqueue(tx, ebikeUploadJob, { businessId }, { idempotencyKey: `ebike-upload:${b.lsh}:resend:${b.upload_attempts}` });
        await audit(tx, actor, { action: 'ebike.upload.resend', targetType: 'ebike_business', targetId: businessId, details: { lsh: b.lsh } });
      }),
    );
  }
}
