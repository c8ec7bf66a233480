import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { departments, roles, userRoles, users } from '../../platform/rbac/rbac.table.ts';
import { recognisedStaff } from './recognised-staff.table.ts';

/** A police-zone account as the exchange's `police-users` source reads it (never the password hash). */
export interface StaffChange {
  id: number;
  username: string;
  displayName: string;
  /** Active, not deleted and not expired. */
  enabled: boolean;
  departmentCode: string;
  roleCodes: string[];
  /** The change time in microseconds (the exchange's version). */
  version: number;
  /** PostgreSQL text of `updated_at` (microseconds kept), for the watermark. */
  changedAt: string;
}

export const staffRecognitionRepository = {
  /** Police zone: accounts changed after a watermark, oldest first, only changes older than `before`. */
  async changedAfter(db: DbOrTx, after: { at: string; id: number } | null, before: Date, limit: number): Promise<StaffChange[]> {
    const since = after ? sql`(${users.updatedAt}, ${users.id}) > (${after.at}::timestamptz, ${after.id})` : sql`true`;
    return db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        enabled: sql<boolean>`${users.status} = 'active' and ${users.deletedAt} is null and (${users.expiresAt} is null or ${users.expiresAt} > now())`,
        departmentCode: departments.code,
        roleCodes: sql<
          string[]
        >`coalesce((select array_agg(${roles.code} order by ${roles.code}) from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId} where ${userRoles.userId} = ${users.id}), '{}')`,
        // Microseconds of the change time: a role change (no version bump) still crosses as a newer version.
        version: sql<number>`(extract(epoch from ${users.updatedAt}) * 1000000)::bigint`.mapWith(Number),
        changedAt: sql<string>`${users.updatedAt}::text`,
      })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(since, sql`${users.updatedAt} < ${before.toISOString()}::timestamptz`))
      .orderBy(asc(users.updatedAt), asc(users.id))
      .limit(limit);
  },

  /** A change time of now, nothing else (the record crosses again; the access-control version is not the point). */
  async touch(tx: Tx, userId: number): Promise<void> {
    await tx.update(users).set({ updatedAt: sql`now()` }).where(eq(users.id, userId));
  },

  async localUser(tx: Tx, policeKey: string): Promise<{ userId: number; initialPasswordIssuedAt: Date | null } | undefined> {
    const [row] = await tx
      .select({ userId: recognisedStaff.userId, initialPasswordIssuedAt: recognisedStaff.initialPasswordIssuedAt })
      .from(recognisedStaff)
      .where(eq(recognisedStaff.policeKey, policeKey));
    return row;
  },

  async initialPasswordApplied(tx: Tx, policeKey: string, issuedAt: Date): Promise<void> {
    await tx.update(recognisedStaff).set({ initialPasswordIssuedAt: issuedAt, updatedAt: sql`now()` }).where(eq(recognisedStaff.policeKey, policeKey));
  },

  async link(tx: Tx, policeKey: string, userId: number): Promise<void> {
    await tx.insert(recognisedStaff).values({ policeKey, userId });
  },

  async usernameFree(tx: Tx, username: string): Promise<boolean> {
    const rows = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
    return rows.length === 0;
  },

  /** The department of a code, else the root of the organisation. */
  async departmentFor(tx: Tx, code: string): Promise<number> {
    const [byCode] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
    if (byCode) return byCode.id;
    const [root] = await tx.select({ id: departments.id }).from(departments).where(isNull(departments.parentId)).orderBy(asc(departments.id)).limit(1);
    if (!root) throw new Error('no department');
    return root.id;
  },

  /** Built-in business roles of this zone by code (a code unknown here, and the 三员 administrator roles, are ignored). */
  async roleIds(tx: Tx, codes: readonly string[]): Promise<number[]> {
    if (codes.length === 0) return [];
    const rows = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(inArray(roles.code, [...codes]), eq(roles.builtIn, true), isNull(roles.adminKind)));
    return rows.map((r) => r.id);
  },

  async insertUser(tx: Tx, values: typeof users.$inferInsert): Promise<number> {
    const [row] = await tx.insert(users).values(values).returning({ id: users.id });
    return row!.id;
  },

  async updateUser(tx: Tx, id: number, values: Partial<typeof users.$inferInsert>): Promise<void> {
    await tx
      .update(users)
      .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(eq(users.id, id));
  },

  async setRoles(tx: Tx, id: number, roleIds: readonly number[]): Promise<void> {
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    if (roleIds.length) await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
  },
};
