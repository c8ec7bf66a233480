import { type ActionDecision, permitted } from '@shtp/core/platform';
import { BUSINESS_PERMISSION } from './business.policy.ts';
import { EP } from './ebike.permissions.ts';

/** The route declares it; the record's `actions.decide` asks the same. */
export const PREREGISTRATION_DECIDE_PERMISSION = EP.register;
/** 注册登记 from a pre-registration is the 注册登记 business (its prefill, its completion). */
export const PREREGISTRATION_REGISTER_PERMISSION = BUSINESS_PERMISSION.register;

/** G13: the window accepts or returns a pre-registration once; a decided one stays as it is. */
export function decideRefusal(p: { status: string }): string | null {
  return p.status === 'submitted' ? null : '该预登记已处理';
}

/** G13: an accepted pre-registration is registered once (注册登记 prefilled from it); the owner is the citizen who filed it. */
export function registerRefusal(p: { status: string; lsh: string | null }, ownerIdNumber?: { registering: string; filed: string }): string | null {
  if (p.status === 'registered') return `该预登记已登记${p.lsh ? `（流水号 ${p.lsh}）` : ''}，不能重复登记`;
  if (p.status === 'submitted') return '请先受理该预登记，再办理注册登记';
  if (p.status !== 'accepted') return '已退回的预登记不能办理注册登记';
  if (ownerIdNumber && ownerIdNumber.registering !== ownerIdNumber.filed) return '所有人身份证号码与预登记不一致，不能按该预登记办理';
  return null;
}

export const preregistrationActions = (
  caller: { permissions: ReadonlySet<string> },
  p: { status: string; lsh: string | null },
): { decide: ActionDecision; register: ActionDecision } => ({
  decide: permitted(caller.permissions, [PREREGISTRATION_DECIDE_PERMISSION], () => decideRefusal(p)),
  register: permitted(caller.permissions, [PREREGISTRATION_REGISTER_PERMISSION], () => registerRefusal(p)),
});
