import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { sessions } from '../../platform/auth/auth.table.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

/** The users whose sessions a principal sees: its data scope over the sessions' users. */
const visibleTo = (principal: Principal) => scopeCondition(principal, { department: users.departmentId, owner: users.id });

/** All SQL of the online-users page. */
export const sessionsRepository = {
  /** Live sessions of the principal's data scope, most recently active first, with their users. */
  live(db: DbOrTx, principal: Principal, limit: number) {
    return db
      .select({ s: sessions, username: users.username, displayName: users.displayName, departmentName: departments.name })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(gt(sessions.expiresAt, sql`now()`), visibleTo(principal)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(limit);
  },

  /** The session's user, if the session exists and is in the principal's data scope. */
  async visible(db: DbOrTx, principal: Principal, id: string): Promise<{ userId: number; username: string } | undefined> {
    const [row] = await db
      .select({ userId: sessions.userId, username: users.username })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, id), visibleTo(principal)));
    return row;
  },
};
