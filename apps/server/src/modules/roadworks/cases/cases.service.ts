import type {
  CaseCounts,
  CaseListQuerySchema,
  CompleteBodySchema,
  DecideBodySchema,
  EmergencyBodySchema,
  PlaceBodySchema,
  RoadworksCase,
  Segment,
  Warning,
} from '@shtp/core/roadworks';
import { DIGGING_TYPES, type WorksType } from '@shtp/core/roadworks';
import type { z } from 'zod';
import { HubUnavailableError, type YiwangtongbanPort } from '../../../integrations/yiwangtongban/yiwangtongban.port.ts';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { auditedCall } from '../../../platform/audit/audited-call.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound, versionConflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { gazetteerRepository } from '../gazetteer/gazetteer.repository.ts';
import { segmentView } from '../gazetteer/gazetteer.view.ts';
import { decisionCallbackJob } from '../roadworks.jobs.ts';
import { roadworksParams } from '../roadworks.params.ts';
import { addMonths, worksWarnings } from '../warnings/warning.rules.ts';
import { warningsRepository } from '../warnings/warnings.repository.ts';
import { type CaseAction, caseActions, caseRefusal, handedOverActions } from './case.policy.ts';
import { caseView } from './case.view.ts';
import { type CaseRow, casesScope, casesRepository as repo } from './cases.repository.ts';
import type { PermitExportRow } from './permits-export.ts';
import { routingRepository } from './routing.repository.ts';

const hubError = (err: unknown) => (err instanceof HubUnavailableError ? new AppError(503, 'HUB_UNAVAILABLE', err.message) : err);

export interface Caller {
  principal: Principal;
  actor: Actor;
}

/** R1: cases from 一网通办, their placement on segments with the R4 warnings, the decision and its callback. */
export class CasesService {
  constructor(
    private readonly platform: Platform,
    private readonly hub: YiwangtongbanPort,
  ) {}

  /**
   * Stores the hub's pending cases, then acknowledges them: a failure before the acknowledgement offers them again.
   * An officer's pull is audited every time; the scheduled one (every minute) only when there is something to take
   * (its failures are kept with the job).
   */
  async pull(actor: Actor, opts: { auditEmpty: boolean }): Promise<{ received: number; new: number }> {
    const early = opts.auditEmpty ? undefined : await this.pending();
    if (early?.length === 0) return { received: 0, new: 0 };
    return auditedCall(this.platform.db, actor, { action: 'roadworks.hub.pull', targetType: 'hub' }, async () => {
      const cases = early ?? (await this.pending());
      // A case naming a district with a department goes straight to it; the others wait in the city inbox.
      const routes = new Map((await routingRepository.all(this.platform.db)).map((r) => [r.districtCode, r.departmentId]));
      const routed = cases.map((c) => ({
        ...c,
        declaredDistrictCode: c.districtCode,
        departmentId: c.districtCode ? routes.get(c.districtCode) : undefined,
      }));
      const added = await repo.insertNew(this.platform.db, routed);
      await this.hub.acknowledge(cases.map((c) => c.caseNo)).catch((err) => Promise.reject(hubError(err)));
      const inbox = routed.filter((c) => c.departmentId === undefined).length;
      return { result: { received: cases.length, new: added }, details: { received: cases.length, new: added, inbox } };
    });
  }

  private pending() {
    return this.hub.pendingCases().catch((err) => Promise.reject(hubError(err)));
  }

  async list(principal: Principal, q: z.infer<typeof CaseListQuerySchema>) {
    const { page, pageSize, ...filter } = q;
    const { rows, total } = await repo.page(this.platform.db, { ...filter, scope: casesScope(principal) }, page, pageSize);
    return { items: await this.views(principal, rows), total, page, pageSize };
  }

  /** 工作台: what waits in the caller's scope and the city inbox. */
  counts(principal: Principal): Promise<CaseCounts> {
    return repo.counts(this.platform.db, casesScope(principal), new Date());
  }

  async detail(principal: Principal, id: number): Promise<RoadworksCase> {
    const row = await repo.byId(this.platform.db, id, casesScope(principal));
    if (!row) throw notFound('办件');
    return (await this.views(principal, [row]))[0]!;
  }

  /** The matching permits with their segment labels, read in pages of 500 by id (the Excel export streams them). */
  async *exportRows(principal: Principal, q: Omit<z.infer<typeof CaseListQuerySchema>, 'page' | 'pageSize'>): AsyncGenerator<PermitExportRow> {
    const db = this.platform.db;
    const filter = { ...q, scope: casesScope(principal) };
    for (let after = 0; ; ) {
      const rows = await repo.after(db, filter, after, 500);
      if (rows.length === 0) return;
      const placements = await repo.placements(
        db,
        rows.map((r) => r.id),
      );
      const labels = new Map(
        (await gazetteerRepository.segments(db, [...new Set(placements.map((p) => p.segmentId))])).map((s) => [s.id, segmentView(s).label]),
      );
      for (const c of rows) yield { c, segments: placements.filter((p) => p.caseId === c.id).map((p) => labels.get(p.segmentId) ?? '') };
      after = rows[rows.length - 1]!.id;
    }
  }

  /** Places the works on segments, finds the R4 warnings (stored with the case) and answers the case with them. */
  async place(c: Caller, id: number, body: z.infer<typeof PlaceBodySchema>): Promise<RoadworksCase> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.lockFor(tx, c.principal, id, 'place', body.version);
      const ids = [...new Set(body.placements.map((p) => p.segmentId))];
      const segments = await gazetteerRepository.segments(tx, ids);
      if (segments.length !== ids.length) {
        const missing = ids.filter((s) => !segments.some((x) => x.id === s));
        throw badRequest(
          'VALIDATION_FAILED',
          '施工路段不存在',
          missing.map((s) => ({ field: 'placements', message: `路段 ${s} 不存在` })),
        );
      }
      const inService = new Set(await gazetteerRepository.inServiceForShare(tx, ids));
      const retired = segments.filter((s) => !inService.has(s.id));
      if (retired.length > 0)
        throw badRequest(
          'VALIDATION_FAILED',
          '施工路段已停用',
          retired.map((s) => ({ field: 'placements', message: `路段“${segmentView(s).label}”已停用，请选择在用路段` })),
        );
      const digging = DIGGING_TYPES.includes(row.worksType as WorksType);
      await repo.replacePlacements(tx, id, body.placements, { from: row.requestedFrom, to: row.requestedTo }, digging);
      const warnings = await this.findWarnings(
        tx,
        row,
        segments.map(segmentView),
        segments.map((s) => s.districtCode),
      );
      await warningsRepository.replace(tx, id, warnings);
      const districtCode = segments[0]!.districtCode;
      const routedTo = await routingRepository.departmentFor(tx, [districtCode, row.declaredDistrictCode]);
      await repo.setPlaced(tx, id, districtCode, routedTo === null ? { take: c.principal.department.id } : { route: routedTo });
      await audit(tx, c.actor, {
        action: 'roadworks.case.place',
        targetType: 'roadworks-case',
        targetId: row.caseNo,
        details: { segments: ids, warnings: warnings.map((w) => w.rule), routedTo },
      });
    });
    return this.afterHandOver(c.principal, id);
  }

  /**
   * The case after a change that may have routed it to a department outside the officer's data scope: the officer
   * still gets the answer to the change once, with no action left to take on it.
   */
  private async afterHandOver(principal: Principal, id: number): Promise<RoadworksCase> {
    const row = await repo.byId(this.platform.db, id, casesScope(principal));
    if (row) return (await this.views(principal, [row]))[0]!;
    const [view] = await this.views(principal, [(await repo.byId(this.platform.db, id))!]);
    return { ...view!, actions: handedOverActions(view!.departmentName) };
  }

  async decide(c: Caller, id: number, decision: 'approve' | 'refuse', body: z.infer<typeof DecideBodySchema>): Promise<RoadworksCase> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.lockFor(tx, c.principal, id, decision, body.version);
      await repo.setDecision(tx, id, {
        status: decision === 'approve' ? 'approved' : 'refused',
        reason: body.reason,
        decidedBy: c.actor.userId,
        departmentId: c.principal.department.id,
      });
      // The callback is an outbox job of this transaction: the hub hears of every decision, once it is committed.
      await this.platform.jobs.enqueue(tx, decisionCallbackJob, { caseId: id }, { idempotencyKey: `roadworks-decision:${row.caseNo}`, maxAttempts: 20 });
      await audit(tx, c.actor, { action: `roadworks.case.${decision}`, targetType: 'roadworks-case', targetId: row.caseNo });
    });
    return this.detail(c.principal, id);
  }

  /** 竣工/恢复报告: the day the works ended; the daily sweep judges an overrun against it (a late one is still warned). */
  async complete(c: Caller, id: number, body: z.infer<typeof CompleteBodySchema>): Promise<RoadworksCase> {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await this.platform.db.transaction(async (tx) => {
      const row = await this.lockFor(tx, c.principal, id, 'complete', body.version);
      const bad = (message: string) => badRequest('VALIDATION_FAILED', message, [{ field: 'completedAt', message }]);
      if (body.completedAt > today) throw bad('竣工日期不能晚于今天');
      if (body.completedAt < row.requestedFrom) throw bad(`竣工日期不能早于许可起始日期 ${row.requestedFrom}`);
      await repo.setCompleted(tx, id, body.completedAt);
      await audit(tx, c.actor, {
        action: 'roadworks.case.complete',
        targetType: 'roadworks-case',
        targetId: row.caseNo,
        details: { completedAt: body.completedAt, late: body.completedAt > row.requestedTo },
      });
    });
    return this.detail(c.principal, id);
  }

  /** An emergency repair dug first and filed afterwards (art.34): the filing deadline runs from the start of digging. */
  async fileEmergency(c: Caller, body: z.infer<typeof EmergencyBodySchema>): Promise<RoadworksCase> {
    const hours = await this.platform.params.get(roadworksParams.emergencyFilingHours);
    const startedAt = new Date(body.startedAt);
    if (startedAt > new Date()) throw badRequest('VALIDATION_FAILED', '开挖时间不能晚于现在', [{ field: 'startedAt', message: '开挖时间不能晚于现在' }]);
    const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    if (body.requestedTo < day(startedAt))
      throw badRequest('VALIDATION_FAILED', '预计完工日期不能早于开挖日期', [{ field: 'requestedTo', message: '预计完工日期不能早于开挖日期' }]);
    const id = await this.platform.db.transaction(async (tx) => {
      const added = await repo.insertNew(tx, [
        {
          caseNo: body.caseNo,
          applicant: body.applicant,
          worksType: 'pipe_repair',
          requestedFrom: day(startedAt),
          requestedTo: body.requestedTo,
          lanes: body.lanes,
          trafficPlan: '',
          attachments: [],
          locationText: body.locationText,
          emergency: true,
          departmentId: c.principal.department.id,
          startedAt,
          filingDueAt: new Date(startedAt.getTime() + hours * 3600_000),
        },
      ]);
      if (added === 0) throw conflict('CASE_REFUSED', `办件编号 ${body.caseNo} 已存在`);
      const row = await repo.byCaseNo(tx, body.caseNo);
      await audit(tx, c.actor, { action: 'roadworks.case.emergency', targetType: 'roadworks-case', targetId: body.caseNo });
      return row!.id;
    });
    return this.detail(c.principal, id);
  }

  private async lockFor(tx: DbOrTx, principal: Principal, id: number, action: CaseAction, version: number): Promise<CaseRow> {
    const row = await repo.lock(tx, id, casesScope(principal));
    if (!row) throw notFound('办件');
    if (row.version !== version) throw versionConflict();
    const placements = (await repo.placements(tx, [id])).length;
    const refused = caseRefusal(action, { status: row.status, placements, completedAt: row.completedAt });
    if (refused) throw conflict('CASE_REFUSED', refused);
    return row;
  }

  private async findWarnings(tx: DbOrTx, row: CaseRow, segments: Segment[], districts: (string | null)[]) {
    const p = this.platform.params;
    const params = {
      protectionYearsNew: await p.get(roadworksParams.protectionYearsNew),
      protectionYearsOverhaul: await p.get(roadworksParams.protectionYearsOverhaul),
      repeatMonths: await p.get(roadworksParams.repeatMonths),
    };
    const others = await warningsRepository.othersTouching(tx, {
      segmentIds: segments.map((s) => s.id),
      windowStart: addMonths(row.requestedFrom, -params.repeatMonths),
      to: row.requestedTo,
      exceptCaseId: row.id,
    });
    const facts = segments.map((s, i) => ({
      id: s.id,
      label: s.label,
      districtCode: districts[i] ?? null,
      protectedSince: s.protectedSince,
      protectionKind: s.protectionKind,
    }));
    return worksWarnings({ worksType: row.worksType as WorksType, from: row.requestedFrom, to: row.requestedTo }, facts, others, params);
  }

  private async views(principal: Principal, rows: CaseRow[]): Promise<RoadworksCase[]> {
    const db = this.platform.db;
    const ids = rows.map((r) => r.id);
    const placements = await repo.placements(db, ids);
    const segments = new Map((await gazetteerRepository.segments(db, [...new Set(placements.map((p) => p.segmentId))])).map((s) => [s.id, segmentView(s)]));
    const warnings = await warningsRepository.ofCases(db, ids);
    const departments = await routingRepository.departmentNames(db, [...new Set(rows.flatMap((r) => (r.departmentId === null ? [] : [r.departmentId])))]);
    const now = new Date();
    return rows.map((r) => {
      const mine = placements.filter((p) => p.caseId === r.id);
      const w: Warning[] = warnings
        .filter((x) => x.caseId === r.id)
        .map((x) => ({
          rule: x.rule as Warning['rule'],
          message: x.message,
          segmentId: x.segmentId,
          segmentLabel: x.evidence.label,
          evidence: x.evidence.items,
        }));
      return caseView(r, {
        placements: mine,
        segments,
        warnings: w,
        actions: caseActions(principal, { status: r.status, placements: mine.length, completedAt: r.completedAt }),
        departmentName: r.departmentId === null ? null : (departments.get(r.departmentId) ?? null),
        now,
      });
    });
  }
}
