import { labelsAdmittedBy } from '@shtp/core/platform';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../rbac/rbac.repository.ts';
import { clearanceOf } from './security-labels.ts';

/** The SQL condition restricting a labelled table to what the principal's clearance admits. */
export function labelCondition(principal: Principal, column: AnyPgColumn): SQL {
  const admitted = labelsAdmittedBy(clearanceOf(principal));
  return admitted.length ? inArray(column, admitted) : sql`false`;
}
