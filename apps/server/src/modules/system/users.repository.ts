import type { AdminKind } from '@shtp/core/platform';
import type { User, UserListQuery } from '@shtp/core/system';
import { and, desc, eq, ilike, isNotNull, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { authLockouts } from '../../platform/auth/auth.table.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments, roles, userRoles, users } from '../../platform/rbac/rbac.table.ts';

export type UserRow = typeof users.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The user columns of the API (never the password hash), with department name, roles and lock state. */
const columns = {
  user: users,
  departmentName: departments.name,
  departmentPath: departments.path,
  roles: sql<unknown>`coalesce((
    select json_agg(json_build_object('id', ${roles.id}, 'code', ${roles.code}, 'name', ${roles.name}, 'adminKind', ${roles.adminKind}, 'builtIn', ${roles.builtIn}) order by ${roles.id})
    from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId} where ${userRoles.userId} = ${users.id}), '[]'::json)`,
  lockedUntil: sql<Date | string | null>`(select ${authLockouts.lockedUntil} from ${authLockouts}
    where ${authLockouts.kind} = 'user' and ${authLockouts.subject} = lower(${users.username}) and ${authLockouts.lockedUntil} > now())`,
};

export type Selected = { user: UserRow; departmentName: string; departmentPath: string; roles: unknown; lockedUntil: Date | string | null };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type UserRoleRow = User['roles'][number] & { adminKind: AdminKind | null; builtIn: boolean };

/** The account's roles with their administrator kind and whether built in (三员分立 decisions). */
export function rolesOf(r: Selected): UserRoleRow[] {
  return (typeof r.roles === 'string' ? JSON.parse(r.roles) : r.roles) as UserRoleRow[];
}

export function toUser(r: Selected): User {
  const u = r.user;
  const roleRows = rolesOf(r);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    policeNo: u.policeNo,
    departmentId: u.departmentId,
    departmentName: r.departmentName,
    roles: roleRows.map(({ id, code, name }) => ({ id, code, name })),
    adminKind: roleRows.find((role) => role.adminKind)?.adminKind ?? null,
    status: u.status as User['status'],
    clearance: u.clearance,
    lockedUntil: iso(r.lockedUntil),
    lastLoginAt: iso(u.lastLoginAt),
    expiresAt: iso(u.expiresAt),
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}

/** The list's filters, without its paging (the export's). */
export type UserListFilter = Omit<UserListQuery, 'page' | 'pageSize'>;

/** The list's filters within the principal's data scope; `departmentId` filters to that department's subtree. */
function listCondition(principal: Principal, q: UserListFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [isNull(users.deletedAt), scopeCondition(principal, { department: users.departmentId, owner: users.id })];
  if (q.keyword) {
    const k = `%${escapeLike(q.keyword)}%`;
    where.push(or(ilike(users.username, k), ilike(users.displayName, k), like(users.policeNo, k)));
  }
  if (q.departmentId) where.push(sql`${departments.path} like (select path from departments where id = ${q.departmentId}) || '%'`);
  if (q.status) where.push(eq(users.status, q.status));
  return and(...where);
}

export const usersRepository = {
  /** One page of the users in the principal's data scope; `departmentId` filters to that department's subtree. */
  async list(db: DbOrTx, principal: Principal, q: UserListQuery): Promise<{ items: (Selected & { api: User })[]; total: number }> {
    const condition = listCondition(principal, q);
    const [rows, totals] = await Promise.all([
      db
        .select(columns)
        .from(users)
        .innerJoin(departments, eq(departments.id, users.departmentId))
        .where(condition)
        .orderBy(desc(users.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: sql<number>`count(*)::int` }).from(users).innerJoin(departments, eq(departments.id, users.departmentId)).where(condition),
    ]);
    return { items: rows.map((row) => ({ ...row, api: toUser(row) })), total: Number(totals[0]?.n ?? 0) };
  },

  /** The same list for an export, newest first in keyset batches (id < last id): never the whole table at once. */
  async *stream(db: DbOrTx, principal: Principal, q: UserListFilter, batchSize = 500): AsyncGenerator<User> {
    let before: number | undefined;
    for (;;) {
      const rows = await db
        .select(columns)
        .from(users)
        .innerJoin(departments, eq(departments.id, users.departmentId))
        .where(and(listCondition(principal, q), before === undefined ? undefined : lt(users.id, before)))
        .orderBy(desc(users.id))
        .limit(batchSize);
      for (const row of rows) yield toUser(row);
      if (rows.length < batchSize) return;
      before = rows.at(-1)!.user.id;
    }
  },

  /** A non-deleted user with the path of their department (for the scope check). */
  async byId(db: DbOrTx, id: number): Promise<(Selected & { api: User }) | undefined> {
    const rows = await db
      .select(columns)
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(eq(users.id, id), isNull(users.deletedAt)));
    const row = rows[0];
    return row && { ...row, api: toUser(row) };
  },

  async usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
    const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
    return rows.length > 0;
  },

  async insert(db: DbOrTx, values: typeof users.$inferInsert): Promise<number> {
    const [row] = await db.insert(users).values(values).returning({ id: users.id });
    return row!.id;
  },

  /** Optimistic locking: updates only if the version matches; returns false otherwise. */
  async update(db: DbOrTx, id: number, version: number, values: Partial<typeof users.$inferInsert>): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(users.id, id), eq(users.version, version), isNull(users.deletedAt)))
      .returning({ id: users.id });
    return rows.length === 1;
  },

  /**
   * Enabled accounts (active, not deleted, not expired) per built-in administrator role. With `lockRoleId`, first
   * locks that role's row, so that concurrent changes which could each remove a holder run one after the other and
   * each counts what the other committed (the count is a later statement: a fresh snapshot under read committed).
   */
  async enabledAdminRoleHolders(db: DbOrTx, lockRoleId?: number): Promise<Map<number, number>> {
    if (lockRoleId !== undefined) await db.execute(sql`select ${roles.id} from ${roles} where ${roles.id} = ${lockRoleId} for no key update`);
    const rows = await db
      .select({ roleId: roles.id, n: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(
        and(
          eq(roles.builtIn, true),
          isNotNull(roles.adminKind),
          isNull(users.deletedAt),
          eq(users.status, 'active'),
          sql`(${users.expiresAt} is null or ${users.expiresAt} > now())`,
        ),
      )
      .groupBy(roles.id);
    return new Map(rows.map((r) => [r.roleId, Number(r.n)]));
  },

  async setRoles(db: DbOrTx, id: number, roleIds: number[]): Promise<void> {
    // A change of roles is a change of the account for incremental readers (the exchange's `police-users` source).
    await db.update(users).set({ updatedAt: sql`now()` }).where(eq(users.id, id));
    await db.delete(userRoles).where(eq(userRoles.userId, id));
    if (roleIds.length) await db.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
  },
};
