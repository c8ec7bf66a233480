import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../db/client.ts';
import { departments, rolePermissions, roles, userRoles, users } from '../rbac/rbac.table.ts';

/** All SQL of the demo seed: an organisation, built-in roles and their accounts, written into an empty database. */
export const demoSeedRepository = {
  async userCount(db: DbOrTx): Promise<number> {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users`);
    return row?.n ?? 0;
  },

  /** Inserts a department under `parent` and sets its path, which needs its id. */
  async insertDepartment(tx: Tx, parent: { id: number; path: string } | null, d: { code: string; name: string; level: string; sort: number }) {
    const [row] = await tx
      .insert(departments)
      .values({ ...d, parentId: parent?.id ?? null, path: '/' })
      .returning({ id: departments.id });
    const p = `${parent?.path ?? '/'}${row!.id}/`;
    await tx.update(departments).set({ path: p }).where(sql`${departments.id} = ${row!.id}`);
    return { id: row!.id, path: p };
  },

  /** Inserts a role with its permissions; returns its id. */
  async insertRole(tx: Tx, role: typeof roles.$inferInsert, permissions: string[]): Promise<number> {
    const [row] = await tx.insert(roles).values(role).returning({ id: roles.id });
    if (permissions.length) await tx.insert(rolePermissions).values(permissions.map((permission) => ({ roleId: row!.id, permission })));
    return row!.id;
  },

  /** Inserts an account holding one role. */
  async insertUser(tx: Tx, user: typeof users.$inferInsert, roleId: number): Promise<void> {
    const [row] = await tx.insert(users).values(user).returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: row!.id, roleId });
  },
};
