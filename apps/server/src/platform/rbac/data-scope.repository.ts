import { type SQL, sql } from 'drizzle-orm';
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

/** What a principal's data scope filters on: its kind and the values the condition compares with. */
export function scopeOf(principal: Principal) {
  return {
    kind: broadestScope(principal.roles.map((r) => r.dataScope)),
    departmentId: principal.department.id,
    pathPrefix: `${principal.department.path}%`,
    userId: principal.user.id,
  };
}

/** The values of a scope condition: literals, or placeholders of a prepared statement. */
export interface ScopeValues {
  departmentId: unknown;
  pathPrefix: unknown;
  userId: unknown;
}

/** The condition of one scope kind over `cols` with the given values (undefined for 'all'). */
export function scopeSql(kind: ReturnType<typeof scopeOf>['kind'], cols: ScopedColumns, v: ScopeValues): SQL | undefined {
  switch (kind) {
    case 'all':
      return undefined;
    case 'dept_and_children':
      // `= any(array(…))`, not `in (…)`: the subtree's ids are read once (an InitPlan) and the row table is searched by
      // its department index; with `in`, PostgreSQL cannot tell how many departments the prefix matches and may scan
      // the whole table (EXPLAIN in docs/benchmarks/data-scope.md).
      return sql`${cols.department} = any(array(select ${departments.id} from ${departments} where ${departments.path} like ${v.pathPrefix}))`;
    case 'dept':
      return sql`${cols.department} = ${v.departmentId}`;
    case 'self':
      return cols.owner ? sql`${cols.owner} = ${v.userId}` : sql`${cols.department} = ${v.departmentId}`;
  }
}

/**
 * The SQL condition restricting rows to the principal's data scope (AC-5), or undefined for 'all'.
 * Every list, detail, export and write query of scoped data must include it.
 */
export function scopeCondition(principal: Principal, cols: ScopedColumns): SQL | undefined {
  const scope = scopeOf(principal);
  return scopeSql(scope.kind, cols, scope);
}
