import {
  EBIKE_BUSINESS_TYPES,
  LIUHEYI_BUSINESS_KEYS,
  type ProjectionCheckRequest,
  type ProjectionReport,
  UPLOAD_STATUS,
  type UploadFilter,
} from '@shtp/core/ebike';
import { type LiuheyiPort, LiuheyiUnavailableError } from '../../../integrations/liuheyi/liuheyi.port.ts';
import { type Actor, audit } from '../../../platform/audit/audit.ts';
import { AuditedRefusal, auditingRefusals } from '../../../platform/audit/refusal.ts';
import { AppError, conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { scopeOf } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { ebikeUploadJob, projectionCheckJob } from '../ebike.jobs.ts';
import { ebikeRepository } from '../ebike.repository.ts';
import { uploadStateOf } from '../ebike-view.ts';
import { reachRefusal } from '../reach.policy.ts';
import { reconcileDay } from './reconcile.ts';
import { resendRefusal, uploadActions } from './upload.policy.ts';
import { uploadRepository as repo, type UploadListRow } from './upload.repository.ts';

type ReconciliationRow = Awaited<ReturnType<typeof repo.recentReconciliations>>[number];

import { uploadWorkbookStream } from './upload-export.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A business as 上传监控 lists it, with what the caller may do to it. */
export function uploadItem(principal: Principal, { b, plate, departmentName, correctsLsh }: UploadListRow) {
  return {
    businessId: b.id,
    vehicleId: b.vehicleId,
    lsh: b.lsh,
    typeLabel: EBIKE_BUSINESS_TYPES[b.type as keyof typeof EBIKE_BUSINESS_TYPES] ?? b.type,
    plate,
    departmentName,
    createdAt: iso(b.createdAt)!,
    upload: uploadStateOf(b),
    correctsLsh,
    actions: uploadActions(principal.permissions, b.uploadStatus),
  };
}

/** 上传监控: counts by state, failure reasons, the list, and manual resend of a failed upload. */
export class UploadService {
  constructor(
    private readonly platform: Platform,
    private readonly port: LiuheyiPort,
  ) {}

  /** The latest days' reconciliations with 六合一, newest first, as the caller may see them. */
  async reconciliations(principal: Principal) {
    const rows = await repo.recentReconciliations(this.platform.db, 30);
    return this.seenBy(principal, rows);
  }

  /** Reconciles a day now (the nightly job does yesterday); far side unavailable → 503 with its reason. */
  async reconcile(principal: Principal, actor: Actor, day: string) {
    let row: Awaited<ReturnType<typeof reconcileDay>>;
    try {
      row = await reconcileDay(this.platform.db, this.port, day);
    } catch (err) {
      if (err instanceof LiuheyiUnavailableError) throw new AppError(503, 'LIUHEYI_UNAVAILABLE', `六合一暂不可用，无法对账：${err.message}`);
      throw err;
    }
    await audit(this.platform.db, actor, {
      action: 'ebike.upload.reconcile',
      targetType: 'ebike_reconciliation',
      targetId: day,
      details: { missing: row.missing.length, unknown: row.unknown.length, countMismatches: row.countMismatches },
    });
    return (await this.seenBy(principal, [row]))[0]!;
  }

  /**
   * Reconciliations as the caller may see them: counts per business key (city-wide, no personal data); the serials
   * 六合一 lacks only of businesses in the caller's data scope and clearance, each with its resend; the serials this
   * side does not know only for a whole-city scope (they name no department).
   */
  private async seenBy(principal: Principal, rows: ReconciliationRow[]) {
    const visible = await repo.inScopeByLsh(
      this.platform.db,
      principal,
      rows.flatMap((r) => r.missing),
    );
    const byLsh = new Map(visible.map(({ b }) => [b.lsh, b]));
    const wholeCity = scopeOf(principal).kind === 'all';
    return rows.map((r) => {
      const missing = r.missing.flatMap((lsh) => {
        const b = byLsh.get(lsh);
        if (!b) return [];
        return [
          {
            lsh,
            businessId: b.id,
            vehicleId: b.vehicleId,
            upload: uploadStateOf(b),
            actions: { resend: uploadActions(principal.permissions, b.uploadStatus).resend },
          },
        ];
      });
      return {
        day: r.day,
        checkedAt: r.checkedAt.toISOString(),
        consistent: r.missing.length + r.unknown.length + r.countMismatches.length === 0,
        localCount: r.localCount,
        remoteCount: r.remoteCount,
        localCounts: r.localCounts,
        remoteCounts: r.remoteCounts,
        countMismatches: r.countMismatches.map((c) => ({ ...c, label: LIUHEYI_BUSINESS_KEYS[c.key] ?? '未记录业务类型' })),
        missing,
        missingElsewhere: r.missing.length - missing.length,
        unknown: wholeCity ? r.unknown : [],
        unknownCount: r.unknown.length,
      };
    });
  }

  /**
   * 立即核对: queues the projection check (every vehicle against its ledger) now. It reads the whole register, so one
   * clock hour gets at most one: a repeated or retried request is answered with the job already queued.
   */
  async requestProjectionCheck(actor: Actor): Promise<ProjectionCheckRequest> {
    const hour = new Date().toISOString().slice(0, 13);
    const job = await this.platform.db.transaction(async (tx) => {
      const queued = await this.platform.jobs.enqueue(tx, projectionCheckJob, { rebuild: false }, { idempotencyKey: `ebike-projection:manual:${hour}` });
      await audit(tx, actor, { action: 'ebike.projection-check.request', targetType: 'job', targetId: String(queued.id) });
      return queued;
    });
    return { jobId: job.id, state: job.state, queuedAt: job.createdAt.toISOString() };
  }

  /** The last projection check (nightly, 立即核对, or 立即运行 on 任务队列): when, how many vehicles, which differ. */
  async projectionReport(): Promise<ProjectionReport> {
    const last = await repo.lastProjectionCheck(this.platform.db);
    if (!last) return null;
    const d = (last.details ?? {}) as { checked?: number; rebuild?: boolean; differences?: { vehicleId: number; items: string[] }[] };
    return {
      checkedAt: last.ts.toISOString(),
      result: last.result === 'failure' ? 'failure' : 'success',
      checked: d.checked ?? 0,
      rebuild: d.rebuild ?? false,
      differences: d.differences ?? [],
    };
  }

  /** 上传监控's counts (a rollup) and the reasons of the failed and rejected businesses (pending work, by state index). */
  async stats(principal: Principal) {
    const db = this.platform.reports;
    const counts = await repo.countsByStatus(db, principal);
    const reasons = await repo.failureReasons(db, principal, 10);
    const byStatus: Record<string, number> = Object.fromEntries(Object.keys(UPLOAD_STATUS).map((k) => [k, 0]));
    for (const c of counts) byStatus[c.status] = c.n;
    return { counts: byStatus, failureReasons: reasons };
  }

  async list(principal: Principal, q: UploadFilter & { page: number; pageSize: number }) {
    // Businesses of vehicles labelled above the user's clearance are not listed (AC-6).
    const { rows, total } = await repo.page(this.platform.db, principal, q);
    return { items: rows.map((r) => uploadItem(principal, r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The filtered list as an .xlsx stream (newest first), the export itself audited with its filters. */
  async export(principal: Principal, actor: Actor, q: UploadFilter) {
    await audit(this.platform.db, actor, { action: 'ebike.upload.export', targetType: 'ebike_business', details: { filters: q } });
    return uploadWorkbookStream(repo.stream(this.platform.db, principal, q));
  }

  /** Sends a failed business again; 六合一 deduplicates by 流水号, so a resend never makes a second record. */
  async resend(principal: Principal, actor: Actor, businessId: number) {
    const db = this.platform.db;
    await auditingRefusals(db, actor, () =>
      db.transaction(async (tx) => {
        const b = await repo.lockForResend(tx, businessId);
        if (!b) throw notFound('业务');
        const why = reachRefusal(principal, b);
        if (why) throw new AuditedRefusal(notFound('业务'), { action: 'ebike.upload.resend', targetType: 'ebike_business', targetId: businessId, reason: why });
        const refused = resendRefusal(b.uploadStatus);
        if (refused) throw conflict('UPLOAD_NOT_FAILED', refused);
        await ebikeRepository.setUpload(tx, businessId, { uploadStatus: 'pending', uploadError: null });
        await this.platform.jobs.enqueue(tx, ebikeUploadJob, { businessId }, { idempotencyKey: `ebike-upload:${b.lsh}:resend:${b.uploadAttempts}` });
        await audit(tx, actor, { action: 'ebike.upload.resend', targetType: 'ebike_business', targetId: businessId, details: { lsh: b.lsh } });
      }),
    );
  }
}
