import type { Session } from '@shtp/core/system';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { AuthContext } from '../../platform/auth/auth.service.ts';
import { sessions } from '../../platform/auth/auth.table.ts';
import type { Db } from '../../platform/db/client.ts';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.ts';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

/** Online users (live sessions) of the caller's data scope, and forced logout. */
export class SessionsService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext): Promise<Session[]> {
    const rows = await this.db
      .select({ s: sessions, username: users.username, displayName: users.displayName, departmentName: departments.name })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(gt(sessions.expiresAt, sql`now()`), scopeCondition(auth.principal, { department: users.departmentId, owner: users.id })))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(1000);
    return rows.map(({ s, ...u }) => ({
      id: s.id,
      userId: s.userId,
      username: u.username,
      displayName: u.displayName,
      departmentName: u.departmentName,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      current: s.id === auth.session.id,
    }));
  }

  async kick(auth: AuthContext, id: string, actor: Actor): Promise<void> {
    if (id === auth.session.id) throw badRequest('VALIDATION_FAILED', '不能强制下线当前会话，请使用“退出登录”');
    await this.db.transaction(async (tx) => {
      const visible = await tx
        .select({ userId: sessions.userId, username: users.username })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), scopeCondition(auth.principal, { department: users.departmentId, owner: users.id })));
      const target = visible[0];
      if (!target) throw notFound('会话');
      await tx.delete(sessions).where(eq(sessions.id, id));
      await audit(tx, actor, { action: 'auth.session.kick', targetType: 'user', targetId: target.userId, details: { username: target.username } });
    });
  }
}
