import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { versionConflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { appendStep } from './order-steps.ts';
import { workOrdersRepository as repo } from './work-orders.repository.ts';

/** The order as a transition sees it. */
export interface TransitionTarget {
  orderId: number;
  warningId: number;
  state: string;
}

export interface TransitionStep {
  set: Parameters<typeof repo.updateOrder>[3];
  action: string;
  result: string | null;
  text: string | null;
}

/**
 * Moves an order from `version`, appends its SM2-signed step and the audit record, in the caller's transaction. A new
 * deadline clears the reminder of the old one.
 */
export async function transition(platform: Platform, tx: Tx, actor: Actor, target: TransitionTarget, version: number, step: TransitionStep) {
  const set = 'dueAt' in step.set ? { ...step.set, remindedAt: null } : step.set;
  if (!(await repo.updateOrder(tx, target.orderId, version, set))) throw versionConflict();
  await appendStep(platform, tx, target.orderId, version + 1, {
    warningId: target.warningId,
    action: step.action,
    result: step.result,
    text: step.text,
    actorId: actor.userId,
    actorName: actor.username ?? 'system',
    at: new Date(),
  });
  await audit(tx, actor, {
    action: `tempplate.order.${step.action}`,
    targetType: 'tempplate_warning',
    targetId: target.warningId,
    details: { from: target.state, to: step.set.state, result: step.result },
  });
}
