import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { passwordHistory, rbacVersion, users } from '../rbac/rbac.table.ts';
import { authLockouts, sessions } from './auth.table.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type LockoutKind = 'user' | 'ip';

export const authRepository = {
  async createSession(db: DbOrTx, s: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(s);
  },
  /** A session with the committed version of the access-control data, in one round trip. */
  async sessionWithRbacVersion(db: DbOrTx, id: string): Promise<{ session: SessionRow; rbacVersion: number } | undefined> {
    const rows = await db
      .select({ session: sessions, rbacVersion: sql<string>`(select ${rbacVersion.version} from ${rbacVersion})` })
      .from(sessions)
      .where(eq(sessions.id, id));
    const row = rows[0];
    return row && { session: row.session, rbacVersion: Number(row.rbacVersion) };
  },
  async touchSession(db: DbOrTx, id: string): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  },
  async setPendingFactor(db: DbOrTx, id: string, factor: string | null): Promise<void> {
    await db.update(sessions).set({ pendingFactor: factor }).where(eq(sessions.id, id));
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
};
