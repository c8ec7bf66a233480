import type { DataScope } from '@shtp/core/platform';
import { broadestScope, type Principal } from './rbac.repository.ts';

/** The rule of `scopeCondition` (data-scope.repository.ts) for one row already read: its department's path and, if it has one, its owner. */
export function rowInScope(principal: Principal, row: { departmentPath: string; ownerId?: number | null }): boolean {
  const scope = broadestScope(principal.roles.map((r) => r.dataScope));
  if (scope === 'self' && row.ownerId !== undefined) return row.ownerId === principal.user.id;
  return pathInScope(scope, principal.department.path, row.departmentPath);
}

/** The same rule by department alone: whether a row of the department at `rowPath` is within `scope` of a user of `ownPath` ('self' without an owner: the own department). */
export function pathInScope(scope: DataScope, ownPath: string, rowPath: string): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'dept_and_children':
      return rowPath.startsWith(ownPath);
    case 'dept':
    case 'self':
      return rowPath === ownPath;
  }
}

/** Whether a department lies inside the principal's scope (as a place to put or find rows). */
export const departmentInScope = (principal: Principal, departmentPath: string) => rowInScope(principal, { departmentPath });
