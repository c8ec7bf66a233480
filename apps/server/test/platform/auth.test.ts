import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authRepository } from '../../src/platform/auth/auth.repository.ts';
import { sessionIdOf } from '../../src/platform/auth/auth.service.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { routeTable } from '../../src/platform/http/access.ts';
import { createTestApp, fieldsOf, login, loginFresh, NEW_PASSWORD, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const auditCount = async (action: string, result = 'success') =>
  (await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from audit_log where action = ${action} and result = ${result}`))[0]!.n;

describe('login', () => {
  it('refuses a wrong password with one message that does not reveal whether the user exists', async () => {
    // From their own address: two failures make the next login from that source need a captcha.
    const remoteAddress = '10.7.0.1';
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer01', password: 'Wrong#Pass123' },
      remoteAddress,
    });
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Wrong#Pass123' }, remoteAddress });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: 'AUTH_FAILED', message: '用户名或密码错误', details: [] });
    expect(unknown.json().message).toBe(wrong.json().message);
    expect(await auditCount('auth.login', 'failure')).toBeGreaterThanOrEqual(2);
  });

  it('rejects unknown fields and missing ones with Chinese messages per field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(body)).toEqual(expect.arrayContaining(['username', 'password']));
    expect(JSON.stringify(body.details)).toMatch(/必须填写/);
  });

  it('forces a first-login password change: the session can do nothing else until then', async () => {
    const account = ctx.accounts.find((a) => a.username === 'secadmin')!;
    const s = await login(ctx.app, 'secadmin', account.password);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
    expect(me.json().passwordChangeReason).toBe('first_login');
    expect(me.json().permissions).toEqual([]);
    const params = await ctx.app.inject({ method: 'GET', url: '/api/system/params', headers: s.headers });
    expect(params.statusCode).toBe(403);
    expect(params.json().code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: s.headers,
      payload: { oldPassword: account.password, newPassword: 'Admin@123' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('PASSWORD_POLICY');
    const same = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: s.headers,
      payload: { oldPassword: account.password, newPassword: account.password },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toMatch(/最近 5 次/);

    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: s.headers,
      payload: { oldPassword: account.password, newPassword: NEW_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().passwordChangeReason).toBeNull();
    expect(ok.json().permissions).toContain('system:role:list');
    const after = await ctx.app.inject({ method: 'GET', url: '/api/system/params', headers: s.headers });
    expect(after.statusCode).toBe(200);
  });

  it('requires the CSRF header on state-changing requests', async () => {
    const s = await loginFresh(ctx, 'road01');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.headers.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('logout revokes the server-side session: the replayed cookie gets 401', async () => {
    const account = ctx.accounts.find((a) => a.username === 'road01')!;
    const s = await login(ctx.app, 'road01', account.password);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(204);
    const replay = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('UNAUTHENTICATED');
  });

  it('locks the account after 5 failures, even against the right password, and audits the lock', async () => {
    const account = ctx.accounts.find((a) => a.username === 'supervisor01')!;
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'supervisor01', password: `Nope#${i}abcdef` },
        remoteAddress: `10.9.0.${i + 1}`,
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const right = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'supervisor01', password: account.password },
      remoteAddress: '10.9.0.9',
    });
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(right.json().message).toMatch(/锁定至/);
    expect(await auditCount('auth.lockout')).toBe(1);
  });

  it('pauses a source address only after its own, higher threshold, says so, and the security admin lifts it', async () => {
    const ip = '10.8.0.1';
    const sec = await loginFresh(ctx, 'secadmin');
    const sys = await loginFresh(ctx, 'sysadmin');
    // A police station's terminals share one address: its threshold is its own parameter, far above an account's 5.
    expect(ctx.platform.authParams.ipMaxFailures.defaultValue).toBe(50);
    expect(ctx.platform.authParams.maxFailures.defaultValue).toBe(5);
    // Below the login rate limit (30 a minute per address) for the test: 12.
    const set = await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.ipMaxFailures', headers: sec.headers, payload: { value: 12 } });
    expect(set.statusCode, set.body).toBe(200);
    const attempt = (username: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Nope#123abc' }, remoteAddress: ip });
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push((await attempt(`a${i}`)).json().code);
    expect(codes.slice(0, 11).every((c) => c !== 'IP_LOCKED')).toBe(true);
    expect(codes[11]).toBe('IP_LOCKED');
    expect(await auditCount('auth.address-lockout')).toBe(1);
    const res = await attempt('officer01');
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('IP_LOCKED');
    expect(res.json().message).toMatch(/当前网络地址（10\.8\.0\.1）.*这不是账户被锁定/);

    expect((await ctx.app.inject({ method: 'GET', url: '/api/security/address-locks', headers: sys.headers })).statusCode).toBe(403);
    const locks = (await ctx.app.inject({ method: 'GET', url: '/api/security/address-locks', headers: sec.headers })).json();
    expect(locks).toEqual([{ ip, failures: 12, windowStart: expect.any(String), lockedUntil: expect.any(String) }]);
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/security/address-locks/not-an-ip/unlock', headers: sec.headers });
    expect(bad.statusCode).toBe(400);
    const lift = await ctx.app.inject({ method: 'POST', url: `/api/security/address-locks/${ip}/unlock`, headers: sec.headers });
    expect(lift.statusCode, lift.body).toBe(204);
    expect(await auditCount('auth.address-unlock')).toBe(1);
    expect((await ctx.app.inject({ method: 'POST', url: `/api/security/address-locks/${ip}/unlock`, headers: sec.headers })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/security/address-locks', headers: sec.headers })).json()).toEqual([]);
    // Lifted: the address may try again (a wrong password is an ordinary failure again).
    expect((await attempt('a0')).json().code).not.toBe('IP_LOCKED');
    await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.ipMaxFailures', headers: sec.headers, payload: { value: 50 } });
  });
});

describe('the previous login (等保: shown after signing in)', () => {
  it('is the login before this one, with its address and the failed attempts since', async () => {
    const user = await loginFresh(ctx);
    const first = await ctx.app.inject({ method: 'GET', url: '/api/auth/previous-login', headers: user.headers });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toBeNull(); // the first login of a new account
    const wrong = { username: user.username, password: 'Wrong#Pass123' };
    await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: wrong, remoteAddress: '10.6.0.2' });
    const again = await login(ctx.app, user.username, user.password);
    const previous = (await ctx.app.inject({ method: 'GET', url: '/api/auth/previous-login', headers: again.headers })).json();
    expect(previous).toEqual({ at: expect.any(String), ip: '127.0.0.1', failuresSince: 1 });
  });
});

describe('access control', () => {
  it('every non-public API route rejects an anonymous caller', async () => {
    const routes = collectRoutes(ctx);
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await ctx.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, '1') });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every permission-guarded route rejects a caller without the permission, and audits the denial', async () => {
    // A user without any role: the demo's business roles now hold module permissions.
    const s = await loginFresh(ctx);
    const before = await auditCount('auth.denied', 'failure');
    const guarded = collectRoutes(ctx).filter((x) => typeof x.access === 'object');
    expect(guarded.length).toBeGreaterThan(0);
    for (const r of guarded) {
      const res = await ctx.app.inject({
        method: r.method as 'GET',
        url: r.url.replace(/:(\w+)/g, '1'),
        headers: s.headers,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
    expect(await auditCount('auth.denied', 'failure')).toBe(before + guarded.length);
  });

  it('security parameters can be changed only by the security admin, with validation', async () => {
    const sys = await loginFresh(ctx, 'sysadmin');
    const denied = await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.maxFailures', headers: sys.headers, payload: { value: 6 } });
    expect(denied.statusCode).toBe(403);
    const sec = await loginFresh(ctx, 'secadmin');
    const updates = await auditCount('param.update');
    const bad = await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.maxFailures', headers: sec.headers, payload: { value: 99 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].message).toMatch(/不能大于 20/);
    const ok = await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.maxFailures', headers: sec.headers, payload: { value: 6 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().value).toBe(6);
    expect(await auditCount('param.update')).toBe(updates + 1);
  });
});

function collectRoutes(c: TestContext) {
  return routeTable(c.app);
}

describe('cached principals', () => {
  it('a grant removed in the database, by any writer, applies to the very next request', async () => {
    const s = await loginFresh(ctx, 'auditadmin');
    const read = () => ctx.app.inject({ method: 'GET', url: '/api/audit/logs', headers: s.headers });
    const version = async () => (await queryRows<{ v: string }>(ctx.database.db, sql`select version::text as v from rbac_version`))[0]!.v;
    expect((await read()).statusCode).toBe(200); // the principal is cached now
    expect((await read()).statusCode).toBe(200);
    const before = await version();

    // As another instance or a DBA would: straight to the table, not through this server's services.
    const revoke = sql`from role_permissions where permission = 'audit:log:list' and role_id = (select id from roles where code = 'auditadmin')`;
    const [grant] = await queryRows<{ role_id: number; permission: string }>(ctx.database.db, sql`select role_id, permission ${revoke}`);
    expect(grant).toBeDefined();
    await ctx.database.db.execute(sql`delete ${revoke}`);
    expect(await version()).not.toBe(before);
    expect((await read()).statusCode).toBe(403);

    await ctx.database.db.execute(sql`insert into role_permissions (role_id, permission) values (${grant!.role_id}, ${grant!.permission})`);
    expect((await read()).statusCode).toBe(200);
  });

  it('a login leaves the access-control version alone; a change of department, status, password or roles raises it', async () => {
    const version = async () => (await queryRows<{ v: string }>(ctx.database.db, sql`select version::text as v from rbac_version`))[0]!.v;
    const user = await loginFresh(ctx, { permissions: ['audit:log:list'] });
    const other = await loginFresh(ctx, { department: '310115000000' });
    let before = await version();
    await login(ctx.app, user.username, user.password); // records its time and address on the user's row
    await ctx.database.db.execute(sql`update users set last_login_at = now(), last_login_ip = '10.0.0.8' where id in (${user.id}, ${other.id})`);
    expect(await version()).toBe(before);
    const [row] = await queryRows<{ at: Date | null }>(ctx.database.db, sql`select last_login_at as at from users where id = ${user.id}`);
    expect(row!.at).not.toBeNull();

    const raises = async (what: string, change: ReturnType<typeof sql>) => {
      await ctx.database.db.execute(change);
      const after = await version();
      expect(after, what).not.toBe(before);
      before = after;
    };
    await raises('department', sql`update users set department_id = (select department_id from users where id = ${other.id}) where id = ${user.id}`);
    await raises('disabled with a login time', sql`update users set last_login_at = now(), status = 'disabled' where id = ${user.id}`);
    await raises('enabled', sql`update users set status = 'active' where id = ${user.id}`);
    await raises('password change reason', sql`update users set password_change_reason = 'reset' where id = ${user.id}`);
    await raises('roles', sql`delete from user_roles where user_id = ${user.id}`);
  });
});

describe('the session cache (ADR 0016)', () => {
  /** The cache's key for a test session: the SM3 digest of its cookie's token. */
  const idOf = (s: Session) => sessionIdOf(s.headers.cookie.slice('sid='.length));
  const me = (s: Session) => ctx.app.inject({ url: '/api/auth/me', headers: s.headers });
  const cache = () => ctx.platform.auth.sessions;

  it('answers a validated session without a query, and every revocation applies to the very next request', async () => {
    const sec = await loginFresh(ctx, 'secadmin');
    const sys = await loginFresh(ctx, 'sysadmin');
    // The maximum age far above the test's duration: whatever is refused below is refused by a notification.
    const raised = await ctx.app.inject({
      method: 'PUT',
      url: '/api/system/params/auth.sessionCache.maxAgeMs',
      headers: sec.headers,
      payload: { value: 60_000 },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(cache().isListening).toBe(true);

    /** A fresh officer whose session this instance has validated and cached. */
    const cachedOfficer = async () => {
      const officer = await loginFresh(ctx, 'officer01');
      expect((await me(officer)).statusCode).toBe(200);
      expect(cache().has(idOf(officer))).toBe(true);
      return officer;
    };
    const refused = async (officer: Session) => {
      expect(cache().has(idOf(officer))).toBe(false);
      expect((await me(officer)).statusCode).toBe(401);
    };

    const cached = await cachedOfficer();
    const read = vi.spyOn(authRepository, 'sessionWithRbacVersion');
    try {
      expect((await me(cached)).statusCode).toBe(200);
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }

    // 在线用户: forced out.
    const kicked = await cachedOfficer();
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/system/sessions/${idOf(kicked)}`, headers: sec.headers })).statusCode).toBe(204);
    await refused(kicked);

    // Password reset by the administrator.
    const reset = await cachedOfficer();
    expect((await ctx.app.inject({ method: 'POST', url: `/api/system/users/${reset.id}/reset-password`, headers: sys.headers })).statusCode).toBe(200);
    await refused(reset);

    // Account disabled.
    const disabled = await cachedOfficer();
    const [user] = (await ctx.app.inject({ url: `/api/system/users?keyword=${disabled.username}`, headers: sys.headers })).json().items;
    const body = {
      displayName: user.displayName,
      policeNo: user.policeNo,
      departmentId: user.departmentId,
      expiresAt: null,
      status: 'disabled',
      version: user.version,
    };
    const put = await ctx.app.inject({ method: 'PUT', url: `/api/system/users/${disabled.id}`, headers: sys.headers, payload: body });
    expect(put.statusCode, put.body).toBe(200);
    await refused(disabled);

    // Roles taken away: the session lives on, with the principal of the new grants.
    const demoted = await cachedOfficer();
    expect((await me(demoted)).json().permissions.length).toBeGreaterThan(0);
    const roles = await ctx.app.inject({ method: 'PUT', url: `/api/system/users/${demoted.id}/roles`, headers: sec.headers, payload: { roleIds: [] } });
    expect(roles.statusCode, roles.body).toBe(200);
    expect(cache().size).toBe(0); // access control changed: every entry dropped
    expect((await me(demoted)).json().permissions).toEqual([]);

    // Logout.
    const out = await cachedOfficer();
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: out.headers })).statusCode).toBeLessThan(300);
    await refused(out);

    await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.sessionCache.maxAgeMs', headers: sec.headers, payload: { value: 5_000 } });
  });

  it('keeps the idle timeout: touches at most once per tenth of it, and judges idleness from the cached last activity', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    expect((await me(officer)).statusCode).toBe(200);
    expect(cache().has(idOf(officer))).toBe(true);
    const touch = vi.spyOn(authRepository, 'touchSession');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      // Default idle timeout 30 min: a touch once the last activity is over a minute old, then none for a minute.
      vi.setSystemTime(Date.now() + 61_000);
      expect((await me(officer)).statusCode).toBe(200);
      expect((await me(officer)).statusCode).toBe(200);
      expect(touch).toHaveBeenCalledTimes(1);
      expect(cache().has(idOf(officer))).toBe(true);
      // 30 minutes after that touch: idle by the cached activity, so read again — and idle in the database too.
      vi.setSystemTime(Date.now() + 31 * 60_000);
      expect((await me(officer)).statusCode).toBe(401);
      expect(cache().has(idOf(officer))).toBe(false);
    } finally {
      vi.useRealTimers();
      touch.mockRestore();
    }
  });

  it('while the notifications are not heard, every request reads its session; a dropped listener reconnects', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    expect((await me(officer)).statusCode).toBe(200);
    expect(cache().has(idOf(officer))).toBe(true);
    const hub = ctx.database.notifications;
    const read = vi.spyOn(authRepository, 'sessionWithRbacVersion');
    try {
      hub.setListening(false);
      expect(cache().size).toBe(0);
      for (let i = 0; i < 2; i++) expect((await me(officer)).statusCode).toBe(200);
      expect(read).toHaveBeenCalledTimes(2);
      expect(cache().has(idOf(officer))).toBe(false);
      hub.setListening(true);
    } finally {
      read.mockRestore();
    }
    expect((await me(officer)).statusCode).toBe(200);
    expect(cache().has(idOf(officer))).toBe(true);
    if (ctx.database.kind === 'pglite') return; // one backend in this process: no connection to lose

    // The real thing on PostgreSQL: the listening backend is terminated; the cache is flushed, then used again.
    const states: boolean[] = [];
    const unsubscribe = await hub.subscribe({ notification: () => {}, listening: (on) => states.push(on) });
    try {
      const [ended] = await queryRows<{ n: number }>(
        ctx.database.db,
        sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'shtp-listen' and datname = current_database()`,
      );
      expect(ended!.n).toBe(1);
      await expect.poll(() => states, { timeout: 10_000 }).toEqual([true, false, true]);
      expect(cache().has(idOf(officer))).toBe(false);
      expect((await me(officer)).statusCode).toBe(200);
      expect(cache().has(idOf(officer))).toBe(true);
    } finally {
      await unsubscribe();
    }
  });
});
