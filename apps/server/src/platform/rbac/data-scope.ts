import { broadestScope, type Principal } from './rbac.repository.ts';

/** The rule of `scopeCondition` (data-scope.repository.ts) for one row already read: its department's path and, if it has one, its owner. */
export function rowInScope(principal: Principal, row: { departmentPath: string; ownerId?: number | null }): boolean {
  switch (broadestScope(principal.roles.map((r) => r.dataScope))) {
    case 'all':
      return true;
    case 'dept_and_children':
      return row.departmentPath.startsWith(principal.department.path);
    case 'dept':
      return row.departmentPath === principal.department.path;
    case 'self':
      return row.ownerId === undefined ? row.departmentPath === principal.department.path : row.ownerId === principal.user.id;
  }
}

/** Whether a department lies inside the principal's scope (as a place to put or find rows). */
export const departmentInScope = (principal: Principal, departmentPath: string) => rowInScope(principal, { departmentPath });
