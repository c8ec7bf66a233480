import type { DataScope } from '@shtp/core/platform';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, rolePermissions, roles, userRoles, users } from './rbac.table.ts';

export type UserRow = typeof users.$inferSelect;

export interface Principal {
  user: UserRow;
  department: { id: number; name: string; path: string };
  roles: { id: number; code: string; name: string; dataScope: DataScope; adminKind: string | null }[];
  permissions: Set<string>;
}

const SCOPE_BREADTH: Record<DataScope, number> = { all: 3, dept_and_children: 2, dept: 1, self: 0 };

/** The broadest data scope of a set of roles (a user sees the union of what their roles allow). */
export function broadestScope(roleScopes: DataScope[]): DataScope {
  return roleScopes.reduce<DataScope>((best, s) => (SCOPE_BREADTH[s] > SCOPE_BREADTH[best] ? s : best), 'self');
}

export const rbacRepository = {
  async userByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
    const rows = await db
      .select()
      .from(users)
      .where(and(sql`lower(${users.username}) = lower(${username})`, isNull(users.deletedAt)));
    return rows[0];
  },

  /** The user with department, roles and the union of their permissions; undefined if deleted. */
  async principal(db: DbOrTx, userId: number): Promise<Principal | undefined> {
    const rows = await db
      .select({ user: users, department: { id: departments.id, name: departments.name, path: departments.path } })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(eq(users.id, userId), isNull(users.deletedAt)));
    const row = rows[0];
    if (!row) return undefined;
    const roleRows = await db
      .select({ id: roles.id, code: roles.code, name: roles.name, dataScope: roles.dataScope, adminKind: roles.adminKind })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, userId))
      .orderBy(roles.id);
    const perms =
      roleRows.length === 0
        ? []
        : await db
            .selectDistinct({ permission: rolePermissions.permission })
            .from(rolePermissions)
            .where(
              inArray(
                rolePermissions.roleId,
                roleRows.map((r) => r.id),
              ),
            );
    return {
      user: row.user,
      department: row.department,
      roles: roleRows.map((r) => ({ ...r, dataScope: r.dataScope as DataScope })),
      permissions: new Set(perms.map((p) => p.permission)),
    };
  },

  async departmentPath(db: DbOrTx, id: number): Promise<string | undefined> {
    const [row] = await db.select({ path: departments.path }).from(departments).where(eq(departments.id, id));
    return row?.path;
  },
};
