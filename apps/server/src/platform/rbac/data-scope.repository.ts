import { eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { broadestScope, type Principal } from './rbac.repository.ts';
import { departments } from './rbac.table.ts';

/** The columns of a table that data scope filters on. */
export interface ScopedColumns {
  /** The department that owns the row. */
  department: AnyPgColumn;
  /** The user who owns the row, for the 'self' scope; without it, 'self' is limited to the own department. */
  owner?: AnyPgColumn;
}

/**
 * The SQL condition restricting rows to the principal's data scope (AC-5), or undefined for 'all'.
 * Every list, detail, export and write query of scoped data must include it.
 */
export function scopeCondition(principal: Principal, cols: ScopedColumns): SQL | undefined {
  switch (broadestScope(principal.roles.map((r) => r.dataScope))) {
    case 'all':
      return undefined;
    case 'dept_and_children':
      return sql`${cols.department} in (select ${departments.id} from ${departments} where ${departments.path} like ${`${principal.department.path}%`})`;
    case 'dept':
      return eq(cols.department, principal.department.id);
    case 'self':
      return cols.owner ? eq(cols.owner, principal.user.id) : eq(cols.department, principal.department.id);
  }
}
