import { addWorkingDays } from '@shtp/core/tempplate';
import { systemActor } from '../../../platform/audit/actor.ts';
import type { Tx } from '../../../platform/db/client.ts';
import type { Platform } from '../../../platform/platform.ts';
import { monthOf, type RaisedWarning } from '../rules/evaluation.ts';
import { tempplateParams } from '../tempplate.params.ts';
import { type AssignRule, departmentsAtTurn, matchingRule, parseAssignRule } from './assign-rules.ts';
import { transition } from './order-transition.ts';
import { workOrdersRepository as repo } from './work-orders.repository.ts';

const ACTOR = systemActor('tempplate auto-assign');

/** The automatic assignment rules in force and what they need, read before the evaluation's transaction. */
export interface AutoAssignPlan {
  rules: AssignRule[];
  firstCheckDays: number;
  idByCode: Map<string, number>;
  codeById: Map<number, string>;
}

export async function loadAutoAssignPlan(platform: Platform): Promise<AutoAssignPlan | null> {
  const rules = (await platform.params.get(tempplateParams.autoAssign)).flatMap((item) => parseAssignRule(item) ?? []);
  if (rules.length === 0) return null;
  const all = await repo.assignableDepartments(platform.db);
  return {
    rules,
    firstCheckDays: await platform.params.get(tempplateParams.firstCheckDays),
    idByCode: new Map(all.map((d) => [d.code, d.id])),
    codeById: new Map(all.map((d) => [d.id, d.code])),
  };
}

/**
 * Assigns newly raised warnings by the first matching rule (T22), in the evaluation's transaction: the first-check
 * department by turn among the rule's list, each assignment a signed step by the system. A warning no rule matches,
 * or whose rule names an unknown department, stays 待分配 for a supervisor.
 */
export async function autoAssign(
  platform: Platform,
  tx: Tx,
  plan: AutoAssignPlan | null,
  raised: RaisedWarning[],
  issuing: { departmentId: number; issuedAt: Date },
) {
  const issuingCode = plan?.codeById.get(issuing.departmentId);
  if (!plan || !issuingCode) return;
  for (const w of raised) {
    const rule = matchingRule(plan.rules, w.rule, issuingCode);
    if (!rule) continue;
    const turn = rule.checks.length > 1 ? await repo.nextTurn(tx, rule.item) : 0;
    const codes = departmentsAtTurn(rule, turn, issuingCode);
    const checkDepartmentId = plan.idByCode.get(codes.check);
    const reviewDepartmentId = plan.idByCode.get(codes.review);
    if (checkDepartmentId === undefined || reviewDepartmentId === undefined) continue;
    await transition(platform, tx, ACTOR, { orderId: w.orderId, warningId: w.warningId, state: 'unassigned' }, 0, {
      set: { state: 'first_check', checkDepartmentId, reviewDepartmentId, dueAt: addWorkingDays(new Date(), plan.firstCheckDays) },
      action: 'auto_assign',
      result: null,
      text: `按分配规则“${rule.item}”自动分配`,
    });
    await repo.bump(tx, issuing.departmentId, monthOf(issuing.issuedAt), w.rule, 'assigned');
  }
}
