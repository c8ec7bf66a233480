import { type ActionDecision, P, permitted } from '@shtp/core/platform';
import { USER_ACTIONS, type UserAction } from '@shtp/core/system';
import { adminSeparationRefusal, type SeparationFacts } from './admin-separation.policy.ts';

/** The permissions (any of) each action on an account needs: its route declares them, the account's actions check them. */
export const USER_ACTION_PERMISSIONS: Record<UserAction, readonly string[]> = {
  update: [P.userUpdate],
  disable: [P.userUpdate],
  delete: [P.userDelete],
  // Business accounts: system:user:reset-password; separated administrators: the security admin's own permission.
  resetPassword: [P.userResetPassword, P.userResetAdminPassword],
  setRoles: [P.userGrant],
};

/** What the caller may do to a listed account: the route's permission, then 三员分立 (admin-separation.policy.ts). */
export function userActions(facts: SeparationFacts): Record<UserAction, ActionDecision> {
  const decide = (action: UserAction) =>
    permitted(facts.actor.permissions, USER_ACTION_PERMISSIONS[action], () => adminSeparationRefusal(action, facts)?.message ?? null);
  return Object.fromEntries(USER_ACTIONS.map((action) => [action, decide(action)])) as Record<UserAction, ActionDecision>;
}
