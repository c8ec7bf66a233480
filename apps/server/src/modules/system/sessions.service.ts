import type { Session } from '@shtp/core/system';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import type { AuthContext } from '../../platform/auth/auth.service.ts';
import type { Db } from '../../platform/db/client.ts';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { sessionsRepository as repo } from './sessions.repository.ts';
import { sessionsWorkbookStream } from './system-export.ts';

/** Online users (live sessions) of the caller's data scope, and forced logout. */
export class SessionsService {
  constructor(private readonly db: Db) {}

  async list(auth: AuthContext): Promise<Session[]> {
    const rows = await repo.live(this.db, auth.principal, 1000);
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

  /** 在线用户 of the data scope as Excel, audited. */
  async export(auth: AuthContext, actor: Actor) {
    await audit(this.db, actor, { action: 'auth.session.export', targetType: 'user' });
    return sessionsWorkbookStream(await this.list(auth));
  }

  async kick(auth: AuthContext, id: string, actor: Actor): Promise<void> {
    if (id === auth.session.id) throw badRequest('VALIDATION_FAILED', '不能强制下线当前会话，请使用“退出登录”');
    await this.db.transaction(async (tx) => {
      const target = await repo.visible(tx, auth.principal, id);
      if (!target) throw notFound('会话');
      await authRepository.deleteSession(tx, id);
      await audit(tx, actor, { action: 'auth.session.kick', targetType: 'user', targetId: target.userId, details: { username: target.username } });
    });
  }
}
