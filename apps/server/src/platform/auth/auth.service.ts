import { randomBytes } from 'node:crypto';
import { checkPasswordPolicy, type Me, type PasswordChangeReason } from '@shtp/core/platform';
import { sm3Hex } from '@shtp/gm';
import { type Actor, audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import type { DatabaseNotifications } from '../db/notifications.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { RecordIntegrity } from '../integrity/record-integrity.ts';
import type { ParamsService } from '../params/params.service.ts';
import { type Principal, rbacRepository } from '../rbac/rbac.repository.ts';
import { addressAllowed } from './address-allowlist.ts';
import type { AuthParams } from './auth.params.ts';
import { authRepository, type SessionRow } from './auth.repository.ts';
import { loginCaptcha } from './login-captcha.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { SecondFactorRegistry } from './second-factor.ts';
import { SessionCache } from './session-cache.ts';

/** A request's authenticated state, resolved from the session cookie. */
export interface AuthContext {
  session: SessionRow;
  principal: Principal;
  passwordChangeReason: PasswordChangeReason | null;
  /** True while the session may only change its password or present its second factor. */
  restricted: boolean;
}

/** Verifying against this keeps the timing of an unknown username the same as a wrong password. */
const DUMMY_HASH = `pbkdf2-sm3$120000$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

export const sessionIdOf = (token: string) => sm3Hex(token);

/** How many users' principals a server keeps (see `principal`); the oldest is dropped first. */
const PRINCIPAL_CACHE_SIZE = 5_000;

export class AuthService {
  /** Principals by user, with the access-control version they were read at. */
  private readonly principals = new Map<number, { version: number; principal: Principal }>();
  /** Validated sessions, dropped by the database's notifications (ADR 0016). */
  readonly sessions = new SessionCache();
  private unsubscribe: Promise<() => Promise<void>> | null = null;

  constructor(
    private readonly db: Db,
    private readonly params: ParamsService,
    private readonly p: AuthParams,
    private readonly factors: SecondFactorRegistry,
    private readonly integrity: RecordIntegrity,
    private readonly notifications: DatabaseNotifications,
  ) {}

  /** Starts hearing the database's session notifications; until then (and after `stop`) every request reads its session. */
  start(): Promise<unknown> {
    this.unsubscribe ??= this.notifications.subscribe(this.sessions);
    return this.unsubscribe;
  }

  async stop(): Promise<void> {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    if (unsubscribe) await (await unsubscribe)();
    this.sessions.listening(false);
  }

  /**
   * Verifies a password login; returns the session token and the context, or throws a Chinese AppError. After
   * `auth.captcha.afterFailures` failures from the source address, a captcha must come first (IA-2).
   */
  async login(username: string, password: string, actor: Actor, captcha: { id?: string; answer?: string } = {}): Promise<{ token: string; auth: AuthContext }> {
    const [maxFailures, ipMaxFailures, windowMinutes, lockMinutes, captchaAfter] = await Promise.all([
      this.params.get(this.p.maxFailures),
      this.params.get(this.p.ipMaxFailures),
      this.params.get(this.p.failureWindowMinutes),
      this.params.get(this.p.lockMinutes),
      this.params.get(this.p.captchaAfterFailures),
    ]);
    const subject = username.toLowerCase();
    const fail = async (reason: string, error: AppError, userId?: number) => {
      await audit(
        this.db,
        { ...actor, userId: userId ?? null, username },
        { action: 'auth.login', result: 'failure', reason, errorCode: error.code, targetType: 'user', targetId: userId },
      );
      return error;
    };

    /** This failure paused the source address: audited once as the lockout, answered as the address's (not the account's). */
    const addressPaused = async (ip: { failures: number; lockedUntil: Date | null }, reason: string, userId?: number) => {
      const lockedUntil = ip.lockedUntil as Date;
      await audit(
        this.db,
        { ...actor, userId: userId ?? null, username },
        {
          action: 'auth.address-lockout',
          targetType: 'address',
          targetId: actor.ip,
          reason: `该地址连续 ${ip.failures} 次登录失败`,
          details: { lockedUntil: lockedUntil.toISOString() },
        },
      );
      return fail(reason, addressLockedError(actor.ip, lockedUntil), userId);
    };

    const ipLock = await authRepository.lockout(this.db, 'ip', actor.ip);
    if (ipLock?.lockedUntil && ipLock.lockedUntil > new Date()) throw await fail('来源地址已暂停登录', addressLockedError(actor.ip, ipLock.lockedUntil));
    // Before anything about the account is looked at: a source that keeps failing must solve a captcha first.
    // A missing or wrong answer counts against the source address (not the account, whose password was not tried).
    if ((await authRepository.recentSourceFailures(this.db, actor.ip, windowMinutes)) >= captchaAfter) {
      const solved = captcha.id && captcha.answer ? await loginCaptcha.consume(this.db, actor.ip, captcha.id, captcha.answer) : null;
      if (!solved) {
        const ip = await authRepository.recordFailure(this.db, 'ip', actor.ip, ipMaxFailures, windowMinutes, lockMinutes);
        if (ip.lockedUntil && ip.lockedUntil > new Date()) throw await addressPaused(ip, '验证码未通过，来源地址被暂停登录');
        throw await fail(
          solved === null ? '未输入验证码' : '验证码错误',
          solved === null
            ? new AppError(401, 'CAPTCHA_REQUIRED', '请输入验证码', [CAPTCHA_DETAIL])
            : new AppError(401, 'CAPTCHA_INVALID', '验证码错误或已失效，请重新输入', [{ field: 'captchaAnswer', message: '验证码错误或已失效' }]),
        );
      }
    }

    const userLock = await authRepository.activeUserLock(this.db, subject);
    if (userLock) throw await fail('账户已锁定', lockedError(userLock));

    const user = await rbacRepository.userByUsername(this.db, username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      const [u, ip] = await Promise.all([
        authRepository.recordFailure(this.db, 'user', subject, maxFailures, windowMinutes, lockMinutes),
        authRepository.recordFailure(this.db, 'ip', actor.ip, ipMaxFailures, windowMinutes, lockMinutes),
      ]);
      if (u.lockedUntil && u.lockedUntil > new Date()) {
        await audit(
          this.db,
          { ...actor, userId: user?.id ?? null, username },
          {
            action: 'auth.lockout',
            targetType: 'user',
            targetId: user?.id,
            reason: `连续 ${u.failures} 次登录失败`,
            details: { lockedUntil: u.lockedUntil.toISOString() },
          },
        );
        throw await fail('密码错误，账户被锁定', lockedError(u.lockedUntil), user?.id);
      }
      if (ip.lockedUntil && ip.lockedUntil > new Date()) {
        await audit(
          this.db,
          { ...actor, userId: user?.id ?? null, username },
          {
            action: 'auth.address-lockout',
            targetType: 'address',
            targetId: actor.ip,
            reason: `该地址连续 ${ip.failures} 次登录失败`,
            details: { lockedUntil: ip.lockedUntil.toISOString() },
          },
        );
        throw await fail('密码错误，来源地址被暂停登录', addressLockedError(actor.ip, ip.lockedUntil), user?.id);
      }
      // The answer says when the next attempt needs a captcha, so that the login page shows one.
      const details = ip.failures >= captchaAfter ? [CAPTCHA_DETAIL] : [];
      throw await fail(user ? '密码错误' : '用户不存在', new AppError(401, 'AUTH_FAILED', '用户名或密码错误', details), user?.id);
    }
    if (user.status !== 'active') throw await fail('账户已停用', new AppError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系系统管理员'), user.id);
    if (user.expiresAt && user.expiresAt < new Date())
      throw await fail('账户已过期', new AppError(403, 'ACCOUNT_EXPIRED', '账户已过有效期，请联系系统管理员'), user.id);

    const principal = await rbacRepository.principal(this.db, user.id);
    if (!principal) throw new AppError(401, 'AUTH_FAILED', '用户名或密码错误');
    if (principal.roles.some((r) => r.adminKind) && !addressAllowed(await this.params.get(this.p.adminCidrs), actor.ip)) {
      throw await fail('管理终端地址不在白名单', new AppError(403, 'IP_DENIED', '管理员账户不能从当前地址登录'), user.id);
    }

    const token = randomBytes(32).toString('base64url');
    const factor = await this.factors.requiredFor(principal);
    const [absoluteHours, maxSessions] = await Promise.all([this.params.get(this.p.absoluteHours), this.params.get(this.p.maxSessionsPerUser)]);
    const session = await this.db.transaction(async (tx) => {
      await authRepository.clearLockout(tx, 'user', subject);
      await authRepository.clearLockout(tx, 'ip', actor.ip);
      // First, as it locks the user's row: concurrent logins of one account then count each other's sessions.
      await authRepository.recordLogin(tx, user.id, actor.ip);
      const row = {
        id: sessionIdOf(token),
        userId: user.id,
        csrfToken: randomBytes(24).toString('base64url'),
        ip: actor.ip,
        userAgent: (actor.userAgent ?? '').slice(0, 300),
        pendingFactor: factor?.kind ?? null,
        factorChallenge: null,
        createdAt: new Date(),
        lastSeenAt: new Date(),
        expiresAt: new Date(Date.now() + absoluteHours * 3600_000),
      };
      await authRepository.createSession(tx, row);
      await audit(tx, actorOfPrincipal(principal, actor), {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        details: factor ? { pendingFactor: factor.kind } : undefined,
      });
      // 等保三级: concurrent sessions of one account are limited; the oldest beyond the limit end, each audited.
      for (const ended of await authRepository.endOldestSessions(tx, user.id, maxSessions)) {
        await audit(tx, actorOfPrincipal(principal, actor), {
          action: 'auth.session.evict',
          targetType: 'user',
          targetId: user.id,
          reason: `同一账户并发会话超过 ${maxSessions} 个，结束最早的会话`,
          details: { sessionCreatedAt: ended.createdAt.toISOString(), sessionIp: ended.ip },
        });
      }
      return row;
    });
    return { token, auth: await this.contextOf(session, principal) };
  }

  /**
   * Resolves a session token; undefined when unknown, expired or idle too long (the row is then removed). A session
   * this instance validated less than `auth.sessionCache.maxAgeMs` ago, and about which no notification came since,
   * is taken from the cache; any refusal is decided on a fresh read.
   */
  async resolve(token: string): Promise<AuthContext | undefined> {
    const id = sessionIdOf(token);
    const idleMinutes = await this.params.get(this.p.idleMinutes);
    const maxAgeMs = await this.params.get(this.p.sessionCacheMaxAgeMs);
    const now = Date.now();
    const cached = this.sessions.get(id, now, maxAgeMs);
    if (cached && isLive(cached.session, now, idleMinutes)) {
      const principal = await this.principal(cached.session.userId, cached.rbacVersion);
      if (principal?.user.status === 'active') {
        await this.touchIfDue(cached.session, now, idleMinutes);
        return this.contextOf(cached.session, principal);
      }
    }
    const mark = this.sessions.mark();
    const found = await authRepository.sessionWithRbacVersion(this.db, id);
    if (!found) return undefined;
    const { session, rbacVersion } = found;
    if (!isLive(session, now, idleMinutes)) {
      this.sessions.drop(id);
      await authRepository.deleteSession(this.db, session.id);
      return undefined;
    }
    const principal = await this.principal(session.userId, rbacVersion);
    if (principal?.user.status !== 'active') {
      this.sessions.drop(id);
      await authRepository.deleteSession(this.db, session.id);
      return undefined;
    }
    this.sessions.keep(id, { session, rbacVersion, readAt: now }, mark, maxAgeMs);
    await this.touchIfDue(session, now, idleMinutes);
    return this.contextOf(session, principal);
  }

  /**
   * Not a write per request: touch once a tenth of the idle timeout has passed (at most a minute), so that a user
   * active at least every nine tenths of the timeout is never logged out (a 1-minute timeout touches every 6 s). The
   * session object is the cached one: its last-seen time moves on here first, so concurrent requests touch once, and
   * the idle timeout of a cached session is judged from it.
   */
  private async touchIfDue(session: SessionRow, now: number, idleMinutes: number): Promise<void> {
    if (now - session.lastSeenAt.getTime() <= Math.min(60_000, (idleMinutes * 60_000) / 10)) return;
    session.lastSeenAt = new Date(now);
    await authRepository.touchSession(this.db, session.id);
  }

  async logout(auth: AuthContext, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await authRepository.deleteSession(tx, auth.session.id);
      await audit(tx, actor, { action: 'auth.logout', targetType: 'user', targetId: auth.principal.user.id });
    });
  }

  async changePassword(auth: AuthContext, oldPassword: string, newPassword: string, actor: Actor): Promise<AuthContext> {
    const user = auth.principal.user;
    if (!(await verifyPassword(oldPassword, user.passwordHash))) {
      await audit(this.db, actor, { action: 'auth.password.change', result: 'failure', reason: '原密码错误', targetType: 'user', targetId: user.id });
      throw badRequest('VALIDATION_FAILED', '原密码错误', [{ field: 'oldPassword', message: '原密码错误' }]);
    }
    await this.assertAcceptable(user, newPassword, auth.principal);
    const hash = await hashPassword(newPassword, await this.params.get(this.p.iterations));
    await this.db.transaction(async (tx) => {
      await authRepository.setPassword(tx, user.id, hash, null);
      await this.integrity.refresh(tx, 'user', [user.id]);
      await authRepository.deleteUserSessions(tx, user.id, auth.session.id); // other sessions must log in again
      await audit(tx, actor, { action: 'auth.password.change', targetType: 'user', targetId: user.id });
    });
    const refreshed = await rbacRepository.principal(this.db, user.id);
    return this.contextOf(auth.session, refreshed ?? auth.principal);
  }

  /** Policy, and no reuse of the last N passwords (the current one included). */
  async assertAcceptable(user: { id: number; username: string; passwordHash: string }, password: string, principal?: Principal): Promise<void> {
    const { username } = user;
    const [minLength, minClasses, history] = await Promise.all([
      this.params.get(this.p.minLength),
      this.params.get(this.p.minClasses),
      this.params.get(this.p.history),
    ]);
    // Administrators get a longer minimum (SECURITY.md IA-1: admins ≥ 12).
    const isAdmin = principal?.roles.some((r) => r.adminKind) ?? false;
    const problems = checkPasswordPolicy(password, username, { minLength: isAdmin ? Math.max(minLength, 12) : minLength, minClasses });
    if (problems.length === 0) {
      const recent = await authRepository.recentPasswordHashes(this.db, user.id, history);
      for (const h of new Set([user.passwordHash, ...recent])) {
        if (await verifyPassword(password, h)) {
          problems.push(`新密码不能与最近 ${history} 次使用过的密码相同`);
          break;
        }
      }
    }
    if (problems.length > 0) {
      throw badRequest(
        'PASSWORD_POLICY',
        problems.join('；'),
        problems.map((message) => ({ field: 'newPassword', message })),
      );
    }
  }

  async verifyFactor(auth: AuthContext, response: unknown, actor: Actor): Promise<AuthContext> {
    const factor = auth.session.pendingFactor ? this.factors.get(auth.session.pendingFactor) : undefined;
    if (!factor) throw badRequest('NO_PENDING_FACTOR', '当前会话无需第二因素认证');
    const ok = await factor.verify(auth.principal, auth.session.id, response);
    await audit(this.db, actor, {
      action: 'auth.factor',
      result: ok ? 'success' : 'failure',
      reason: factor.kind,
      targetType: 'user',
      targetId: auth.principal.user.id,
    });
    if (!ok) throw new AppError(401, 'FACTOR_FAILED', '第二因素认证失败');
    await authRepository.setPendingFactor(this.db, auth.session.id, null);
    return this.contextOf({ ...auth.session, pendingFactor: null }, auth.principal);
  }

  factorChallenge(auth: AuthContext): Promise<Record<string, unknown>> {
    const factor = auth.session.pendingFactor ? this.factors.get(auth.session.pendingFactor) : undefined;
    if (!factor) throw badRequest('NO_PENDING_FACTOR', '当前会话无需第二因素认证');
    return factor.challenge(auth.principal, auth.session.id);
  }

  /**
   * The user, department, roles and permissions behind a session. Read once per access-control version: every
   * change to users, departments, roles or grants raises the version in its transaction (migration 0012), so a
   * cached principal is never older than the committed data, on any instance. Saves three queries per request (ADR 0013).
   */
  private async principal(userId: number, version: number): Promise<Principal | undefined> {
    const cached = this.principals.get(userId);
    if (cached?.version === version) return cached.principal;
    const principal = await rbacRepository.principal(this.db, userId);
    this.principals.delete(userId);
    if (principal) {
      if (this.principals.size >= PRINCIPAL_CACHE_SIZE) this.principals.delete(this.principals.keys().next().value!);
      this.principals.set(userId, { version, principal });
    }
    return principal;
  }

  private async contextOf(session: SessionRow, principal: Principal): Promise<AuthContext> {
    const user = principal.user;
    let reason = (user.passwordChangeReason as PasswordChangeReason | null) ?? null;
    if (!reason) {
      const maxAgeDays = await this.params.get(this.p.maxAgeDays);
      const changed = user.passwordChangedAt ?? user.createdAt;
      if (changed.getTime() + maxAgeDays * 86_400_000 < Date.now()) reason = 'expired';
    }
    return { session, principal, passwordChangeReason: reason, restricted: reason !== null || session.pendingFactor !== null };
  }

  async presentMe(auth: AuthContext): Promise<Me> {
    const { principal, session } = auth;
    const maxAgeDays = await this.params.get(this.p.maxAgeDays);
    const changed = principal.user.passwordChangedAt ?? principal.user.createdAt;
    return {
      id: principal.user.id,
      username: principal.user.username,
      displayName: principal.user.displayName,
      department: { id: principal.department.id, name: principal.department.name },
      roles: principal.roles.map((r) => ({ code: r.code, name: r.name })),
      // A restricted session shows no permissions: the console then offers nothing but the password change.
      permissions: auth.restricted ? [] : [...principal.permissions].sort(),
      passwordChangeReason: auth.passwordChangeReason,
      pendingFactor: session.pendingFactor,
      csrfToken: session.csrfToken,
      passwordExpiresAt: new Date(changed.getTime() + maxAgeDays * 86_400_000).toISOString(),
    };
  }
}

/** Neither past its absolute lifetime nor idle for longer than the timeout. */
function isLive(session: SessionRow, now: number, idleMinutes: number): boolean {
  return session.expiresAt.getTime() >= now && session.lastSeenAt.getTime() >= now - idleMinutes * 60_000;
}

/** Tells the login page that the next attempt needs a captcha (`POST /api/auth/captcha`). */
const CAPTCHA_DETAIL = { field: 'captchaAnswer', message: '请输入验证码' };

function fmt(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** The address, not the account, is paused: the login page must say so (others behind the same address are affected). */
function addressLockedError(address: string, until: Date): AppError {
  return new AppError(
    429,
    'IP_LOCKED',
    `当前网络地址（${address}）登录失败次数过多，已暂停该地址的登录至 ${fmt(until)}。这不是账户被锁定：同一地址的其他终端也暂时无法登录，可请安全管理员提前解除`,
    [{ field: 'lockedUntil', message: until.toISOString() }],
  );
}

function lockedError(until: Date): AppError {
  return new AppError(423, 'ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定至 ${fmt(until)}，可联系安全管理员解锁`, [
    { field: 'lockedUntil', message: until.toISOString() },
  ]);
}

/** The actor of a logged-in principal, for the audit record. */
export function actorOfPrincipal(principal: Principal, base: Actor): Actor {
  return {
    ...base,
    userId: principal.user.id,
    username: principal.user.username,
    departmentId: principal.department.id,
    departmentName: principal.department.name,
    roles: principal.roles.map((r) => r.code).join(','),
  };
}
