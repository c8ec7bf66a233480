import { maskIdNumber, maskName, maskPhone } from '@shtp/core/masking';
import {
  FIRST_CHECK_RESULTS,
  type FirstCheckResult,
  type OrderActions,
  type OrderState,
  RULES,
  type RuleCode,
  TEMPPLATE_AUDIT_ACTIONS,
  type WarningDetail,
  type WarningItem,
} from '@shtp/core/tempplate';
import type { OpenedOwner } from '../intake/business-record.ts';
import type { BusinessRow } from '../intake/businesses.repository.ts';
import type { ListedWarning } from './work-orders.repository.ts';

export const orderFacts = (r: ListedWarning) => ({
  state: r.o.state as OrderState,
  checkDepartmentId: r.o.checkDepartmentId,
  reviewDepartmentId: r.o.reviewDepartmentId,
});

/** A warning with its work order, as the lists show it. */
export function warningItem(r: ListedWarning, actions: OrderActions): WarningItem {
  return {
    id: r.w.id,
    rule: r.w.rule,
    ruleName: RULES[r.w.rule as RuleCode] ?? r.w.rule,
    ruleVersion: r.w.ruleVersion,
    paramSetVersion: r.w.paramSetVersion,
    severity: r.w.severity,
    summary: r.w.summary,
    businessId: r.w.businessId,
    plate: r.plate,
    vin: r.vin,
    caseType: r.caseType,
    departmentName: r.departmentName,
    issuedAt: r.w.issuedAt.toISOString(),
    raisedAt: r.w.raisedAt.toISOString(),
    state: r.o.state,
    assigneeDepartmentName: r.o.state === 'review' ? r.reviewDepartmentName : r.checkDepartmentName,
    dueAt: r.o.dueAt?.toISOString() ?? null,
    overdue: r.overdue,
    remindedAt: r.o.remindedAt?.toISOString() ?? null,
    result: r.o.finalResult ?? r.o.checkResult,
    version: r.o.version,
    actions,
  };
}

const resultLabel = (r: string | null) => (r === null ? null : (FIRST_CHECK_RESULTS[r as FirstCheckResult] ?? r));

/** The detail: evidence, the business with personal values masked, the signed steps. */
export function warningDetail(
  item: WarningItem,
  evidence: WarningDetail['evidence'],
  b: BusinessRow,
  owner: OpenedOwner,
  steps: { action: string; actorName: string; at: Date; result: string | null; text: string | null; signature: string }[],
  attachments: WarningDetail['attachments'],
): WarningDetail {
  return {
    ...item,
    attachments,
    evidence,
    business: {
      sourceId: b.sourceId,
      vehicleType: b.vehicleType,
      ownerName: maskName(owner.ownerName) ?? '',
      ownerIdNumber: maskIdNumber(owner.ownerIdNumber) ?? '',
      phone: maskPhone(owner.phone) ?? '',
      dealer: b.dealerName,
      officer: b.officer,
      acceptedAt: b.acceptedAt.toISOString(),
      validFrom: b.validFrom,
      validTo: b.validTo,
      insuranceEnd: b.insuranceEnd,
      materials: b.materials,
      images: b.images.map((i, index) => ({ index, material: i.material, width: i.width, height: i.height })),
    },
    steps: steps.map((s) => ({
      action: s.action,
      actionName: (TEMPPLATE_AUDIT_ACTIONS[`tempplate.order.${s.action}`] ?? s.action).replace(/^工单/, ''),
      by: s.actorName,
      at: s.at.toISOString(),
      result: resultLabel(s.result),
      text: s.text,
      signed: s.signature.length > 0,
    })),
  };
}
