import { type ActionDecision, permitted } from '@shtp/core/platform';
import { EP } from './ebike.permissions.ts';

/** The route declares it; the record's `actions.decide` asks the same. */
export const PREREGISTRATION_DECIDE_PERMISSION = EP.register;

/** G13: the window accepts or returns a pre-registration once; a decided one stays as it is. */
export function decideRefusal(p: { status: string }): string | null {
  return p.status === 'submitted' ? null : '该预登记已处理';
}

export const preregistrationActions = (caller: { permissions: ReadonlySet<string> }, p: { status: string }): { decide: ActionDecision } => ({
  decide: permitted(caller.permissions, [PREREGISTRATION_DECIDE_PERMISSION], () => decideRefusal(p)),
});
