import type { DataScope } from '@shtp/core/platform';
import type { Role } from '@shtp/core/system';
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { rolePermissions, roles, userRoles, users } from '../../platform/rbac/rbac.table.ts';

export type RoleRow = typeof roles.$inferSelect;

/** Roles with their permissions and the number of (non-deleted) users holding them: three small queries merged. */
async function select(db: DbOrTx, id?: number): Promise<Role[]> {
  const rows = await db
    .select()
    .from(roles)
    .where(id === undefined ? undefined : eq(roles.id, id))
    .orderBy(asc(roles.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [grants, holders] = await Promise.all([
    db.select().from(rolePermissions).where(inArray(rolePermissions.roleId, ids)).orderBy(asc(rolePermissions.permission)),
    db
      .select({ roleId: userRoles.roleId, n: count() })
      .from(userRoles)
      .innerJoin(users, and(eq(users.id, userRoles.userId), isNull(users.deletedAt)))
      .where(inArray(userRoles.roleId, ids))
      .groupBy(userRoles.roleId),
  ]);
  return rows.map((role) => ({
    id: role.id,
    code: role.code,
    name: role.name,
    description: role.description,
    dataScope: role.dataScope as DataScope,
    adminKind: role.adminKind as Role['adminKind'],
    builtIn: role.builtIn,
    permissions: grants.filter((g) => g.roleId === role.id).map((g) => g.permission),
    userCount: Number(holders.find((h) => h.roleId === role.id)?.n ?? 0),
  }));
}

export const rolesRepository = {
  list: (db: DbOrTx) => select(db),
  async byId(db: DbOrTx, id: number): Promise<Role | undefined> {
    return (await select(db, id))[0];
  },
  async byCode(db: DbOrTx, code: string): Promise<RoleRow | undefined> {
    return (await db.select().from(roles).where(eq(roles.code, code)))[0];
  },
  async byIds(db: DbOrTx, ids: number[]): Promise<RoleRow[]> {
    return ids.length ? db.select().from(roles).where(inArray(roles.id, ids)) : [];
  },
  async insert(db: DbOrTx, values: typeof roles.$inferInsert): Promise<number> {
    const [row] = await db.insert(roles).values(values).returning({ id: roles.id });
    return row!.id;
  },
  async update(db: DbOrTx, id: number, values: Partial<typeof roles.$inferInsert>): Promise<void> {
    await db
      .update(roles)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(roles.id, id));
  },
  async setPermissions(db: DbOrTx, id: number, permissions: string[]): Promise<void> {
    await db.delete(rolePermissions).where(eq(rolePermissions.roleId, id));
    if (permissions.length) await db.insert(rolePermissions).values(permissions.map((permission) => ({ roleId: id, permission })));
  },
  /** Any user, deleted or not, still holding the role. */
  async holders(db: DbOrTx, id: number): Promise<number> {
    const rows = await db.select({ n: sql<number>`count(*)::int` }).from(userRoles).where(eq(userRoles.roleId, id));
    return Number(rows[0]?.n ?? 0);
  },
  async delete(db: DbOrTx, id: number): Promise<void> {
    await db.delete(roles).where(and(eq(roles.id, id), eq(roles.builtIn, false)));
  },
  /** Users holding this role and also another role of an administrator kind other than `kind`. */
  async holdersWithOtherAdminKind(db: DbOrTx, id: number, kind: string | null): Promise<number> {
    const rows = await db
      .select({ n: sql<number>`count(distinct ${userRoles.userId})::int` })
      .from(userRoles)
      .innerJoin(users, and(eq(users.id, userRoles.userId), isNull(users.deletedAt)))
      .where(
        and(
          sql`${userRoles.userId} in (select user_id from user_roles where role_id = ${id})`,
          sql`${userRoles.roleId} <> ${id}`,
          kind === null
            ? sql`${userRoles.roleId} in (select id from roles where admin_kind is not null)`
            : sql`${userRoles.roleId} in (select id from roles where admin_kind is distinct from ${kind})`,
        ),
      );
    return Number(rows[0]?.n ?? 0);
  },
};
