import { EBIKE_P, PII_VIEW_PURPOSES, type PiiViewPurpose } from '@shtp/core/ebike';

/** How a clear view shows the owner's ID number: birth date hidden (first 6 and last 4), or whole. */
export type ClearView = 'privileged' | 'whole';

/** The decision on a clear-view request; a refusal names the permission it lacks, if that is why. */
export type ClearViewDecision = { allowed: true; view: ClearView } | { allowed: false; reason: string; missingPermission?: string };

const PURPOSES = Object.keys(PII_VIEW_PURPOSES) as PiiViewPurpose[];

/**
 * How a holder of `ebike:pii-view` (the route's permission) sees an owner in clear (SECURITY.md §2, PI-2): for a
 * stated purpose, with the birth date hidden. The whole ID number needs a purpose that justifies it (核对当事人身份,
 * 案件办理) and `ebike:pii-view:full-id`, which no built-in role holds (ADR 0015).
 */
export function clearViewDecision(permissions: ReadonlySet<string>, request: { purpose: PiiViewPurpose; fullIdNumber: boolean }): ClearViewDecision {
  if (!request.fullIdNumber) return { allowed: true, view: 'privileged' };
  if (!PII_VIEW_PURPOSES[request.purpose].fullId) {
    return { allowed: false, reason: `查看事由“${PII_VIEW_PURPOSES[request.purpose].label}”不能查看完整身份证明号码` };
  }
  if (!permissions.has(EBIKE_P.piiViewFullId)) {
    return { allowed: false, reason: '没有查看完整身份证明号码的权限', missingPermission: EBIKE_P.piiViewFullId };
  }
  return { allowed: true, view: 'whole' };
}

/** The purposes for which a holder of `ebike:pii-view` with these permissions would be shown the whole ID number. */
export const fullIdPurposes = (permissions: ReadonlySet<string>): PiiViewPurpose[] =>
  PURPOSES.filter((purpose) => clearViewDecision(permissions, { purpose, fullIdNumber: true }).allowed);
