import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { passwordHistory, rbacVersion, users } from '../rbac/rbac.table.ts';
import { authLockouts, sessions, userSm2Keys } from './auth.table.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type LockoutKind = 'user' | 'ip';

/**
 * The query every request runs, prepared: the session check then costs no query building and no parse/plan on the
 * server (N1).
 */
const sessionQueryOf = preparedPerDatabase((db) =>
  db
    .select({ session: sessions, rbacVersion: sql<string>`(select ${rbacVersion.version} from ${rbacVersion})` })
    .from(sessions)
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('auth_session_with_rbac_version'),
);

export const authRepository = {
  async createSession(db: DbOrTx, s: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(s);
  },
  /** A session with the committed version of the access-control data, in one round trip. */
  async sessionWithRbacVersion(db: Db, id: string): Promise<{ session: SessionRow; rbacVersion: number } | undefined> {
    const rows = await sessionQueryOf(db).execute({ id });
    const row = rows[0];
    return row && { session: row.session, rbacVersion: Number(row.rbacVersion) };
  },
  async touchSession(db: DbOrTx, id: string): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  },
  async setPendingFactor(db: DbOrTx, id: string, factor: string | null): Promise<void> {
    await db.update(sessions).set({ pendingFactor: factor }).where(eq(sessions.id, id));
  },
  async setFactorChallenge(db: DbOrTx, id: string, challenge: string | null): Promise<void> {
    await db.update(sessions).set({ factorChallenge: challenge }).where(eq(sessions.id, id));
  },
  async factorChallenge(db: DbOrTx, id: string): Promise<string | null> {
    const [session] = await db.select({ challenge: sessions.factorChallenge }).from(sessions).where(eq(sessions.id, id));
    return session?.challenge ?? null;
  },
  async deleteSession(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
    const rows = await db.delete(sessions).where(eq(sessions.id, id)).returning();
    return rows[0];
  },
  /** Ends the user's sessions beyond the newest `keep`; returns the ended ones. */
  async endOldestSessions(db: DbOrTx, userId: number, keep: number): Promise<SessionRow[]> {
    return db
      .delete(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          sql`${sessions.id} not in (select ${sessions.id} from ${sessions} where ${sessions.userId} = ${userId} order by ${sessions.createdAt} desc, ${sessions.id} limit ${keep})`,
        ),
      )
      .returning();
  },
  async deleteUserSessions(db: DbOrTx, userId: number, exceptId?: string): Promise<void> {
    await db.delete(sessions).where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
  },
  /** Removes sessions past their absolute expiry or idle for longer than `idleMinutes` (RI-1). */
  async purgeSessions(db: DbOrTx, idleMinutes: number): Promise<number> {
    const rows = await db
      .delete(sessions)
      .where(sql`${sessions.expiresAt} < now() or ${sessions.lastSeenAt} < now() - make_interval(mins => ${idleMinutes})`)
      .returning({ id: sessions.id });
    return rows.length;
  },

  async lockout(db: DbOrTx, kind: LockoutKind, subject: string) {
    const rows = await db
      .select()
      .from(authLockouts)
      .where(and(eq(authLockouts.kind, kind), eq(authLockouts.subject, subject)));
    return rows[0];
  },
  /**
   * Counts one failure inside the window (a stale window restarts at 1) and locks the subject when the
   * count reaches `max`. One statement, so concurrent failures are all counted. Returns the new state.
   */
  async recordFailure(db: DbOrTx, kind: LockoutKind, subject: string, max: number, windowMinutes: number, lockMinutes: number) {
    const rows = await db
      .insert(authLockouts)
      .values({ kind, subject, failures: 1, lockedUntil: max <= 1 ? sql`now() + make_interval(mins => ${lockMinutes})` : null })
      .onConflictDoUpdate({
        target: [authLockouts.kind, authLockouts.subject],
        set: {
          failures: sql`case when ${authLockouts.windowStart} < now() - make_interval(mins => ${windowMinutes}) or ${authLockouts.lockedUntil} < now() then 1 else ${authLockouts.failures} + 1 end`,
          windowStart: sql`case when ${authLockouts.windowStart} < now() - make_interval(mins => ${windowMinutes}) or ${authLockouts.lockedUntil} < now() then now() else ${authLockouts.windowStart} end`,
          lockedUntil: sql`case when (case when ${authLockouts.windowStart} < now() - make_interval(mins => ${windowMinutes}) or ${authLockouts.lockedUntil} < now() then 1 else ${authLockouts.failures} + 1 end) >= ${max} then now() + make_interval(mins => ${lockMinutes}) else ${authLockouts.lockedUntil} end`,
        },
      })
      .returning();
    return rows[0]!;
  },
  async clearLockout(db: DbOrTx, kind: LockoutKind, subject: string): Promise<void> {
    await db.delete(authLockouts).where(and(eq(authLockouts.kind, kind), eq(authLockouts.subject, subject)));
  },
  /** Source addresses whose login is paused now, the latest first (a screenful: an attack has few sources). */
  async activeAddressLocks(db: DbOrTx, limit = 200): Promise<{ address: string; failures: number; windowStart: Date; lockedUntil: Date }[]> {
    const rows = await db
      .select({ address: authLockouts.subject, failures: authLockouts.failures, windowStart: authLockouts.windowStart, lockedUntil: authLockouts.lockedUntil })
      .from(authLockouts)
      .where(and(eq(authLockouts.kind, 'ip'), gt(authLockouts.lockedUntil, sql`now()`)))
      .orderBy(desc(authLockouts.lockedUntil))
      .limit(limit);
    return rows.map((r) => ({ ...r, lockedUntil: r.lockedUntil as Date }));
  },

  /** Lifts the pause of one source address; false when it was not paused. */
  async liftAddressLock(db: DbOrTx, address: string): Promise<boolean> {
    const rows = await db
      .delete(authLockouts)
      .where(and(eq(authLockouts.kind, 'ip'), eq(authLockouts.subject, address), gt(authLockouts.lockedUntil, sql`now()`)))
      .returning({ address: authLockouts.subject });
    return rows.length > 0;
  },

  /** Failures of this source address inside the lockout window, as the lockout counts them. */
  async recentSourceFailures(db: DbOrTx, source: string, windowMinutes: number): Promise<number> {
    const rows = await db
      .select({ failures: authLockouts.failures })
      .from(authLockouts)
      .where(
        and(
          eq(authLockouts.kind, 'ip'),
          eq(authLockouts.subject, source),
          sql`${authLockouts.windowStart} >= now() - make_interval(mins => ${windowMinutes})`,
          sql`(${authLockouts.lockedUntil} is null or ${authLockouts.lockedUntil} > now())`,
        ),
      );
    return rows[0]?.failures ?? 0;
  },
  async activeUserLock(db: DbOrTx, username: string): Promise<Date | null> {
    const rows = await db
      .select({ until: authLockouts.lockedUntil })
      .from(authLockouts)
      .where(and(eq(authLockouts.kind, 'user'), eq(authLockouts.subject, username.toLowerCase()), gt(authLockouts.lockedUntil, sql`now()`)));
    return rows[0]?.until ?? null;
  },

  async recentPasswordHashes(db: DbOrTx, userId: number, count: number): Promise<string[]> {
    const rows = await db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, userId))
      .orderBy(sql`${passwordHistory.createdAt} desc, ${passwordHistory.id} desc`)
      .limit(count);
    return rows.map((r) => r.hash);
  },
  /** Sets a new password, records it in the history, and clears the forced-change flag. */
  async setPassword(db: DbOrTx, userId: number, hash: string, changeReason: string | null): Promise<void> {
    await db
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: sql`now()`, passwordChangeReason: changeReason, updatedAt: sql`now()`, version: sql`${users.version} + 1` })
      .where(eq(users.id, userId));
    await db.insert(passwordHistory).values({ userId, passwordHash: hash });
  },
  async recordPasswordHistory(db: DbOrTx, userId: number, hash: string): Promise<void> {
    await db.insert(passwordHistory).values({ userId, passwordHash: hash });
  },
  async recordLogin(db: DbOrTx, userId: number, ip: string): Promise<void> {
    await db.update(users).set({ lastLoginAt: sql`now()`, lastLoginIp: ip }).where(eq(users.id, userId));
  },

  async sm2PublicKey(db: DbOrTx, userId: number): Promise<string | null> {
    const [row] = await db.select({ publicKey: userSm2Keys.publicKey }).from(userSm2Keys).where(eq(userSm2Keys.userId, userId));
    return row?.publicKey ?? null;
  },
  async setSm2PublicKey(db: DbOrTx, userId: number, publicKey: string, registeredBy: number): Promise<void> {
    await db
      .insert(userSm2Keys)
      .values({ userId, publicKey, registeredBy })
      .onConflictDoUpdate({ target: userSm2Keys.userId, set: { publicKey, registeredAt: new Date(), registeredBy } });
  },

  /**
   * Disables the accounts not logged in (or, never logged in, created) for `days`, except a holder of a built-in
   * administrator role whom no other, non-dormant holder of that role replaces. Returns the disabled accounts.
   */
  async disableDormantUsers(db: DbOrTx, days: number): Promise<{ id: number; username: string }[]> {
    return db
      .update(users)
      .set({ status: 'disabled', version: sql`${users.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(
          eq(users.status, 'active'),
          isNull(users.deletedAt),
          lt(sql`coalesce(${users.lastLoginAt}, ${users.createdAt})`, sql`now() - make_interval(days => ${days})`),
          sql`not exists (
            select 1 from user_roles ur join roles r on r.id = ur.role_id
            where ur.user_id = ${users.id} and r.built_in and r.admin_kind is not null and not exists (
              select 1 from user_roles ur2 join users u2 on u2.id = ur2.user_id
              where ur2.role_id = r.id and u2.id <> ${users.id} and u2.status = 'active' and u2.deleted_at is null
                and (u2.expires_at is null or u2.expires_at > now())
                and coalesce(u2.last_login_at, u2.created_at) >= now() - make_interval(days => ${days})))`,
        ),
      )
      .returning({ id: users.id, username: users.username });
  },
};
