import { clearanceAdmits, labelsAdmittedBy } from '@shtp/core/platform';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../rbac/rbac.repository.ts';

/**
 * Security labels on the server (AC-6, docs/adr/0015-security-labels.md): a labelled object is within reach of a
 * principal only if the user's clearance admits its label. Checked in addition to permissions and data scope, by
 * every list, detail, clear view and write of labelled data — the same rule as SQL and for a row already read.
 */
export const clearanceOf = (principal: Principal): string => principal.user.clearance;

/** Whether the principal's clearance admits an object of this label. */
export const labelAdmitted = (principal: Principal, label: string): boolean => clearanceAdmits(clearanceOf(principal), label);

/** The SQL condition restricting a labelled table to what the principal's clearance admits. */
export function labelCondition(principal: Principal, column: AnyPgColumn): SQL {
  const admitted = labelsAdmittedBy(clearanceOf(principal));
  return admitted.length ? inArray(column, admitted) : sql`false`;
}
