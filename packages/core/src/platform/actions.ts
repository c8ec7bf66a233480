import { z } from 'zod';

/**
 * A record's allowed actions (docs/adr/0014-module-contract.md): the server's policies decide, for the calling user,
 * whether each action on the record would be accepted and, if not, why; the record carries these decisions and the
 * console shows its buttons from them instead of repeating the server's rules.
 */
export const ActionDecisionSchema = z.object({ allowed: z.boolean(), reason: z.string().optional() });
export type ActionDecision = z.infer<typeof ActionDecisionSchema>;

/** The schema of a record's `actions`: one decision per action. */
export const actionsSchema = <A extends string>(actions: readonly A[]) =>
  z.object(Object.fromEntries(actions.map((a) => [a, ActionDecisionSchema])) as Record<A, typeof ActionDecisionSchema>);

/** The message of an action refused for a missing permission (as the route guard words its 403). */
export const NO_PERMISSION = '没有执行此操作的权限';

/** A policy's refusal (null: allowed) as a decision. */
export const decision = (refusal: string | null): ActionDecision => (refusal === null ? { allowed: true } : { allowed: false, reason: refusal });

/**
 * The decision on an action that needs one of `anyOf` (the permission its route declares) and then passes the
 * policy's rule; the rule is not asked without the permission.
 */
export const permitted = (permissions: ReadonlySet<string>, anyOf: readonly string[], rule: () => string | null): ActionDecision =>
  decision(anyOf.some((p) => permissions.has(p)) ? rule() : NO_PERMISSION);
