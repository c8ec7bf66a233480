import type { Department } from '@shtp/core/system';
import { asc, count, eq, like, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

export type DepartmentRow = typeof departments.$inferSelect;

export const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id,
  parentId: r.parentId,
  code: r.code,
  name: r.name,
  level: r.level as Department['level'],
  sort: r.sort,
  enabled: r.enabled,
});

export const departmentsRepository = {
  /** The departments the principal may see, ordered for tree building (by path depth, then sort). */
  async list(db: DbOrTx, principal: Principal): Promise<DepartmentRow[]> {
    return db
      .select()
      .from(departments)
      .where(scopeCondition(principal, { department: departments.id }))
      .orderBy(asc(sql`length(${departments.path})`), asc(departments.sort), asc(departments.id));
  },

  async byId(db: DbOrTx, id: number): Promise<DepartmentRow | undefined> {
    return (await db.select().from(departments).where(eq(departments.id, id)))[0];
  },

  async byCode(db: DbOrTx, code: string): Promise<DepartmentRow | undefined> {
    return (await db.select().from(departments).where(eq(departments.code, code)))[0];
  },

  async insert(db: DbOrTx, values: Omit<typeof departments.$inferInsert, 'path'>, parentPath: string): Promise<DepartmentRow> {
    const [row] = await db
      .insert(departments)
      .values({ ...values, path: '/' })
      .returning();
    const [withPath] = await db
      .update(departments)
      .set({ path: `${parentPath}${row!.id}/` })
      .where(eq(departments.id, row!.id))
      .returning();
    return withPath!;
  },

  async update(db: DbOrTx, id: number, values: Partial<typeof departments.$inferInsert>): Promise<DepartmentRow> {
    const [row] = await db
      .update(departments)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(departments.id, id))
      .returning();
    return row!;
  },

  /** Rewrites the paths of a moved subtree in one statement. */
  async movePaths(db: DbOrTx, oldPrefix: string, newPrefix: string): Promise<void> {
    await db
      .update(departments)
      .set({ path: sql`${newPrefix} || substr(${departments.path}, ${oldPrefix.length + 1})` })
      .where(like(departments.path, `${oldPrefix}%`));
  },

  async childCount(db: DbOrTx, id: number): Promise<number> {
    return Number((await db.select({ n: count() }).from(departments).where(eq(departments.parentId, id)))[0]?.n ?? 0);
  },

  /** Users referencing the department, deleted ones included (their history keeps the reference). */
  async userCount(db: DbOrTx, id: number): Promise<number> {
    return Number((await db.select({ n: count() }).from(users).where(eq(users.departmentId, id)))[0]?.n ?? 0);
  },

  async delete(db: DbOrTx, id: number): Promise<void> {
    await db.delete(departments).where(eq(departments.id, id));
  },
};
