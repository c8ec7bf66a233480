import { clearanceAdmits } from '@shtp/core/platform';
import type { Principal } from '../rbac/rbac.repository.ts';

/**
 * Security labels on the server (AC-6, docs/adr/0015-security-labels.md): a labelled object is within reach of a
 * principal only if the user's clearance admits its label. Checked in addition to permissions and data scope, by
 * every list, detail, clear view and write of labelled data — for a row already read here, as SQL in
 * security-labels.repository.ts.
 */
export const clearanceOf = (principal: Principal): string => principal.user.clearance;

/** Whether the principal's clearance admits an object of this label. */
export const labelAdmitted = (principal: Principal, label: string): boolean => clearanceAdmits(clearanceOf(principal), label);
