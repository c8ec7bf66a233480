import { clearanceAdmits, SECURITY_LABELS, type SecurityLabel } from '@shtp/core/platform';

const LABELS = Object.keys(SECURITY_LABELS) as SecurityLabel[];

/**
 * Why someone of this clearance may not give a record the label `to` (AC-6; a 403, audited with this reason), or
 * null: never above one's own clearance — nobody labels a record out of their own reach.
 */
export function labelRefusal(clearance: string, to: SecurityLabel): string | null {
  return clearanceAdmits(clearance, to) ? null : `目标安全标记“${SECURITY_LABELS[to]}”高于设置人的安全标记`;
}

/** The labels someone of this clearance may give a record, lowest first. */
export const settableLabels = (clearance: string): SecurityLabel[] => LABELS.filter((label) => labelRefusal(clearance, label) === null);
