import type { AssignBodySchema, FirstCheckBody, ReviewBody, WarningListQuery } from '@shtp/core/tempplate';
import { addWorkingDays } from '@shtp/core/tempplate';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound, versionConflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { openOwner } from '../intake/business-record.ts';
import { businessesRepository as businesses } from '../intake/businesses.repository.ts';
import { monthOf } from '../rules/evaluation.ts';
import { tempplateParams } from '../tempplate.params.ts';
import { attachmentsRepository } from './attachments.repository.ts';
import { attachmentView } from './attachments.service.ts';
import { type TransitionStep, transition } from './order-transition.ts';
import { warningsWorkbookStream } from './warnings-export.ts';
import { afterFirstCheck, afterReview, orderActions, orderRefusal } from './work-order.policy.ts';
import { orderFacts, warningDetail, warningItem } from './work-order.view.ts';
import { type ListedWarning, workOrdersRepository as repo } from './work-orders.repository.ts';

type AssignBody = z.infer<typeof AssignBodySchema>;

/** Warning work orders (T22–T24): lists and inboxes, assignment, first check, review — each step audited and signed. */
export class WorkOrdersService {
  constructor(private readonly platform: Platform) {}

  private item(p: Principal, r: ListedWarning) {
    return warningItem(r, orderActions(p, orderFacts(r)));
  }

  async list(p: Principal, q: WarningListQuery) {
    const { rows, total } = await repo.list(this.platform.db, p, q);
    return { items: rows.map((r) => this.item(p, r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The filtered list as an .xlsx stream (newest first); the export itself audited with its filters. */
  async export(p: Principal, actor: Actor, q: Partial<WarningListQuery>) {
    await audit(this.platform.db, actor, { action: 'tempplate.warnings.export', targetType: 'tempplate_warning', details: { filters: q } });
    return warningsWorkbookStream(repo.inPages(this.platform.db, p, q));
  }

  departments() {
    return repo.assignableDepartments(this.platform.db);
  }

  counts(p: Principal) {
    return repo.inboxCounts(this.platform.db, p);
  }

  /** The detail with the business's personal data masked; the read is audited (it opens encrypted fields). */
  async detail(p: Principal, actor: Actor, id: number) {
    const r = await repo.one(this.platform.db, p, id);
    if (!r) throw notFound('预警');
    const b = (await businesses.byId(this.platform.db, r.w.businessId))!;
    const owner = await openOwner(this.platform.fields, b);
    const steps = await repo.steps(this.platform.db, r.o.id);
    const attachments = (await attachmentsRepository.ofOrder(this.platform.db, r.o.id)).map(attachmentView);
    await audit(this.platform.db, actor, { action: 'tempplate.warning.read', targetType: 'tempplate_warning', targetId: id, details: { masked: true } });
    return warningDetail(this.item(p, r), r.w.evidence, b, owner, steps, attachments);
  }

  /** One material image of the warning's business (the evidence shows it beside the compared values); each view audited. */
  async image(p: Principal, actor: Actor, id: number, index: number) {
    const r = await repo.one(this.platform.db, p, id);
    const b = r && (await businesses.byId(this.platform.db, r.w.businessId));
    const ref = b?.images[index];
    const blob = ref && (await this.platform.blobs.get(ref.digest));
    if (!blob) throw notFound('影像');
    await audit(this.platform.db, actor, {
      action: 'tempplate.image.read',
      targetType: 'tempplate_warning',
      targetId: id,
      details: { index, material: ref.material },
    });
    return blob;
  }

  /** Assigns or reassigns orders in one transaction; any refused order refuses the batch, naming it. */
  async assign(p: Principal, actor: Actor, body: AssignBody) {
    const found = await repo.departmentsExist(this.platform.db, [body.departmentId, body.reviewDepartmentId]);
    for (const [field, id] of [
      ['departmentId', body.departmentId],
      ['reviewDepartmentId', body.reviewDepartmentId],
    ] as const) {
      if (!found.includes(id)) throw badRequest('VALIDATION_FAILED', '部门不存在', [{ field, message: '部门不存在' }]);
    }
    const days = await this.platform.params.get(tempplateParams.firstCheckDays);
    await this.platform.db.transaction(async (tx) => {
      for (const id of [...new Set(body.ids)]) {
        const r = await this.locked(tx, p, id);
        const refused = orderRefusal('assign', orderFacts(r), p);
        if (refused) throw conflict('WORK_ORDER_REFUSED', `预警 ${id}：${refused}`);
        const first = r.o.state === 'unassigned';
        await this.transition(tx, actor, r, r.o.version, {
          set: {
            state: 'first_check',
            checkDepartmentId: body.departmentId,
            reviewDepartmentId: body.reviewDepartmentId,
            dueAt: addWorkingDays(new Date(), days),
          },
          action: first ? 'assign' : 'reassign',
          result: null,
          text: null,
        });
        if (first) await repo.bump(tx, r.w.departmentId, monthOf(r.w.issuedAt), r.w.rule, 'assigned');
      }
    });
    return { assigned: new Set(body.ids).size };
  }

  async firstCheck(p: Principal, actor: Actor, id: number, body: FirstCheckBody) {
    const days = await this.platform.params.get(tempplateParams.reviewDays);
    await this.platform.db.transaction(async (tx) => {
      const r = await this.checked(tx, p, id, 'firstCheck', body.version);
      await this.transition(tx, actor, r, body.version, {
        set: { ...afterFirstCheck(body), dueAt: addWorkingDays(new Date(), days) },
        action: 'first_check',
        result: body.result,
        text: body.text,
      });
      await repo.bump(tx, r.w.departmentId, monthOf(r.w.issuedAt), r.w.rule, 'firstChecked');
    });
    return this.detail(p, actor, id);
  }

  async review(p: Principal, actor: Actor, id: number, body: ReviewBody) {
    const days = await this.platform.params.get(tempplateParams.firstCheckDays);
    await this.platform.db.transaction(async (tx) => {
      const r = await this.checked(tx, p, id, 'review', body.version);
      const next = afterReview(r.o.checkResult, body);
      const reopened = next.state === 'first_check';
      await this.transition(tx, actor, r, body.version, {
        set: { ...next, ...(reopened ? { checkResult: null, dueAt: addWorkingDays(new Date(), days) } : { dueAt: null }) },
        action: `review_${body.decision}`,
        result: next.finalResult,
        text: body.text,
      });
      if (reopened) return;
      const month = monthOf(r.w.issuedAt);
      await repo.bump(tx, r.w.departmentId, month, r.w.rule, 'closed');
      if (next.finalResult === 'confirmed') await repo.bump(tx, r.w.departmentId, month, r.w.rule, 'confirmed');
    });
    return this.detail(p, actor, id);
  }

  private async locked(tx: Tx, p: Principal, id: number) {
    const r = await repo.one(tx, p, id, true);
    if (!r) throw notFound('预警');
    return r;
  }

  private async checked(tx: Tx, p: Principal, id: number, action: 'firstCheck' | 'review', version: number) {
    const r = await this.locked(tx, p, id);
    const refused = orderRefusal(action, orderFacts(r), p);
    if (refused) throw conflict('WORK_ORDER_REFUSED', refused);
    if (r.o.version !== version) throw versionConflict();
    return r;
  }

  private transition(tx: Tx, actor: Actor, r: ListedWarning, version: number, step: TransitionStep) {
    return transition(this.platform, tx, actor, { orderId: r.o.id, warningId: r.w.id, state: r.o.state }, version, step);
  }
}
