import { checkPasswordPolicy } from '@shtp/core/platform';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captchaImage } from '../../src/platform/auth/login-captcha.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, login, loginFresh, type Session, type TestContext, type TestUser } from '../test-app.ts';

// The real svg-captcha draws every image; the spy lets the test read the text it was asked to draw.
const draw = vi.spyOn(captchaImage, 'render');
const drawnText = () => (draw.mock.calls.at(-1) ?? [''])[0];

let ctx: TestContext;
let sec: TestUser;
beforeAll(async () => {
  ctx = await createTestApp();
  sec = await loginFresh(ctx, 'secadmin');
});
afterAll(async () => {
  draw.mockRestore();
  await ctx.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(ctx.database.db, query);
const loginFrom = (remoteAddress: string, payload: Record<string, string>) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress });
const captchaFor = async (remoteAddress: string) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/captcha', remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  return { id: res.json().id as string, image: res.json().image as string, text: drawnText() };
};
const setParam = async (key: string, value: unknown, remoteAddress = '127.0.0.1') => {
  const res = await ctx.app.inject({ method: 'PUT', url: `/api/system/params/${key}`, headers: sec.headers, payload: { value }, remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
};
const password = (username: string) => ctx.accounts.find((a) => a.username === username)!.password;
const audits = (action: string, result = 'success') =>
  rows<{ reason: string | null; details: Record<string, unknown> | null; ip: string }>(
    sql`select reason, details, ip from audit_log where action = ${action} and result = ${result} order by id`,
  );

describe('IA-2 captcha after repeated failures from one source', () => {
  it('after 2 failures the source must solve a captcha; a missing or wrong answer counts against it; a right one logs in', async () => {
    const ip = '10.20.0.1';
    const first = await loginFrom(ip, { username: 'road01', password: 'Wrong#Pass123' });
    expect(first.json()).toEqual({ code: 'AUTH_FAILED', message: '用户名或密码错误', details: [] });
    const second = await loginFrom(ip, { username: 'road01', password: 'Wrong#Pass123' });
    expect(second.json().details).toEqual([{ field: 'captchaAnswer', message: '请输入验证码' }]);

    // Even the right password is not looked at without the captcha.
    const missing = await loginFrom(ip, { username: 'road01', password: password('road01') });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('CAPTCHA_REQUIRED');
    expect(missing.cookies.find((c) => c.name === 'sid')).toBeUndefined();

    const captcha = await captchaFor(ip);
    expect(captcha.image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(captcha.image.split(',')[1]!, 'base64').toString()).toMatch(/^<svg [^>]*width="120"/);
    expect(captcha.text).toMatch(/^[A-Z2-9]{4}$/);
    const wrong = await loginFrom(ip, { username: 'road01', password: password('road01'), captchaId: captcha.id, captchaAnswer: 'XXXX' });
    expect(wrong.json().code).toBe('CAPTCHA_INVALID');
    const failures = await rows<{ failures: number }>(sql`select failures from auth_lockouts where kind = 'ip' and subject = ${ip}`);
    expect(failures[0]!.failures).toBe(4);

    const fresh = await captchaFor(ip);
    const ok = await loginFrom(ip, { username: 'road01', password: password('road01'), captchaId: fresh.id, captchaAnswer: fresh.text.toLowerCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    // A successful login clears the source: the next one needs no captcha.
    expect((await loginFrom(ip, { username: 'road01', password: password('road01') })).statusCode).toBe(200);
    const reasons = (await audits('auth.login', 'failure')).filter((a) => a.ip === ip).map((a) => a.reason);
    expect(reasons).toEqual(['密码错误', '密码错误', '未输入验证码', '验证码错误']);
  });

  it('a captcha answers once, only for the source it was issued to, and only within its validity', async () => {
    const ip = '10.20.0.2';
    for (let i = 0; i < 2; i++) await loginFrom(ip, { username: 'nobody', password: 'Wrong#Pass123' });
    const elsewhere = await captchaFor('10.20.9.9');
    const foreign = await loginFrom(ip, { username: 'road01', password: password('road01'), captchaId: elsewhere.id, captchaAnswer: elsewhere.text });
    expect(foreign.json().code).toBe('CAPTCHA_INVALID');

    const captcha = await captchaFor(ip);
    // A wrong password with a right captcha uses the captcha up.
    const badPassword = await loginFrom(ip, { username: 'nobody', password: 'Wrong#Pass123', captchaId: captcha.id, captchaAnswer: captcha.text });
    expect(badPassword.json().code).toBe('AUTH_FAILED');
    const replay = await loginFrom(ip, { username: 'road01', password: password('road01'), captchaId: captcha.id, captchaAnswer: captcha.text });
    expect(replay.json().code).toBe('CAPTCHA_INVALID');

    const expired = await captchaFor('10.20.0.3');
    await ctx.database.db.execute(sql`update auth_captchas set expires_at = now() - interval '1 second'`);
    for (let i = 0; i < 2; i++) await loginFrom('10.20.0.3', { username: 'nobody', password: 'Wrong#Pass123' });
    const late = await loginFrom('10.20.0.3', { username: 'road01', password: password('road01'), captchaId: expired.id, captchaAnswer: expired.text });
    expect(late.json().code).toBe('CAPTCHA_INVALID');
  });

  it('the number of failures is a security parameter', async () => {
    await setParam('auth.captcha.afterFailures', 4);
    try {
      const ip = '10.20.0.4';
      for (let i = 0; i < 3; i++) expect((await loginFrom(ip, { username: 'ghost.c', password: 'Wrong#Pass123' })).json().details).toEqual([]);
      expect((await loginFrom(ip, { username: 'ghost.c', password: 'Wrong#Pass123' })).json().details).toHaveLength(1);
    } finally {
      await setParam('auth.captcha.afterFailures', 2);
    }
  });
});

describe('IA-2 sessions: idle timeout and concurrent sessions', () => {
  const shiftSessions = (username: string, seconds: number) =>
    ctx.database.db.execute(
      sql`update sessions set last_seen_at = last_seen_at - make_interval(secs => ${seconds}), created_at = created_at - make_interval(secs => ${seconds})
          where user_id = (select id from users where username = ${username})`,
    );

  it('with a 1-minute idle timeout, a user active every 40 s stays logged in; 61 s of silence ends the session', async () => {
    const s = await loginFresh(ctx, 'supervisor01');
    await setParam('auth.session.idleMinutes', 1);
    try {
      for (let i = 0; i < 4; i++) {
        await shiftSessions(s.username, 40);
        const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
        expect(res.statusCode, `request ${i + 1} after 40 s`).toBe(200);
      }
      await shiftSessions(s.username, 61);
      expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
    } finally {
      await setParam('auth.session.idleMinutes', 30);
    }
  });

  it('limits concurrent sessions per account (default 3): a new login ends the oldest, audited', async () => {
    const sessions: Session[] = [];
    for (let i = 0; i < 4; i++) {
      sessions.push(await login(ctx.app, 'auditadmin', password('auditadmin')));
      await shiftSessions('auditadmin', 1); // distinct creation times, oldest first
    }
    const status = async () =>
      Promise.all(sessions.map(async (s) => (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode));
    expect(await status()).toEqual([401, 200, 200, 200]);
    const evicted = await audits('auth.session.evict');
    expect(evicted).toHaveLength(1);
    expect(evicted[0]!.reason).toBe('同一账户并发会话超过 3 个，结束最早的会话');
    expect(evicted[0]!.details).toMatchObject({ sessionIp: '127.0.0.1' });

    await setParam('auth.session.maxPerUser', 1);
    try {
      sessions.push(await login(ctx.app, 'auditadmin', password('auditadmin')));
      expect(await status()).toEqual([401, 401, 401, 401, 200]);
      expect(await audits('auth.session.evict')).toHaveLength(4);
      const left = await rows<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = (select id from users where username = 'auditadmin')`);
      expect(left[0]!.n).toBe(1);
    } finally {
      await setParam('auth.session.maxPerUser', 3);
    }
  });
});

describe('IA-2 concurrent logins', () => {
  it('concurrent logins of one account never leave more sessions than the limit (PostgreSQL: serialised on the user row)', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => loginFrom('10.40.0.1', { username: 'road01', password: password('road01') })));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const left = await rows<{ n: number }>(sql`select count(*)::int as n from sessions where user_id = (select id from users where username = 'road01')`);
    expect(left[0]!.n).toBe(3);
  });
});

describe('IP-1 management terminals: an address allowlist for administrator sessions', () => {
  it('refuses an administrator’s requests and logins from outside the allowlist with 403, audited; business users are not affected', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    const call = (s: Session, url: string, remoteAddress: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers, remoteAddress });
    const bad = await ctx.app.inject({
      method: 'PUT',
      url: '/api/system/params/auth.admin.allowedCidrs',
      headers: sec.headers,
      payload: { value: ['10.1.0.0/33'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/须为 CIDR 地址段/);

    await setParam('auth.admin.allowedCidrs', ['10.1.0.0/16', 'fd00::/8']);
    try {
      const denied = await call(sec, '/api/system/params', '127.0.0.1');
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('IP_DENIED');
      const audited = await rows<{ reason: string; target_id: string; ip: string; username: string }>(
        sql`select reason, target_id, ip, username from audit_log where action = 'auth.denied' and reason = '管理终端地址不在白名单'`,
      );
      expect(audited).toEqual([{ reason: '管理终端地址不在白名单', target_id: 'GET /api/system/params', ip: '127.0.0.1', username: sec.username }]);
      expect((await call(sec, '/api/system/params', '10.1.2.3')).statusCode).toBe(200);
      expect((await call(sec, '/api/system/params', '::ffff:10.1.2.3')).statusCode).toBe(200);
      expect((await call(sec, '/api/system/params', 'fd00::17')).statusCode).toBe(200);
      expect((await call(sec, '/api/system/params', '10.2.0.1')).statusCode).toBe(403);
      // Business accounts are not management terminals.
      expect((await call(officer, '/api/auth/me', '127.0.0.1')).statusCode).toBe(200);
      // Logging in is refused from outside too.
      expect((await loginFrom('192.168.1.1', { username: 'auditadmin', password: password('auditadmin') })).json().code).toBe('IP_DENIED');
      expect((await loginFrom('10.1.7.7', { username: 'auditadmin', password: password('auditadmin') })).statusCode).toBe(200);
    } finally {
      await setParam('auth.admin.allowedCidrs', [], '10.1.0.1');
    }
    expect((await call(sec, '/api/system/params', '127.0.0.1')).statusCode).toBe(200);
  });
});

describe('AC-2 no default accounts or passwords', () => {
  it('seed-style credentials do not log in', async () => {
    const usernames = ['admin', 'root', 'sysadmin', 'secadmin', 'auditadmin', 'officer01', 'supervisor01', 'road01'];
    const common = (u: string) => [u, 'admin123', '123456', 'Admin@123', `${u}123`, 'password'];
    let n = 0;
    for (const username of usernames) {
      for (const guess of common(username)) {
        // From a fresh address each time, so that each guess is a real password check (no captcha, no address lock).
        const res = await loginFrom(`10.30.${Math.floor(n / 250)}.${(n % 250) + 1}`, { username, password: guess });
        n++;
        expect(res.statusCode, `${username}/${guess}`).not.toBe(200);
        expect(
          res.cookies.find((c) => c.name === 'sid'),
          `${username}/${guess}`,
        ).toBeUndefined();
      }
    }
  });

  it('the demo accounts get distinct random initial passwords that satisfy the administrators’ policy', async () => {
    const passwords = ctx.accounts.map((a) => a.password);
    expect(passwords.length).toBeGreaterThan(0);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords) expect(checkPasswordPolicy(p, '', { minLength: 12, minClasses: 3 })).toEqual([]);
  });
});

describe('IA-4 the SM2 second factor is required by default for the separated administrators in production', () => {
  it('production: sysadmin, secadmin and auditadmin wait for the SM2 factor after the password; business users do not', async () => {
    const prod = await createTestApp({ env: 'production' });
    try {
      for (const account of prod.accounts) {
        const s = await login(prod.app, account.username, account.password);
        const me = (await prod.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).json();
        const admin = ['sysadmin', 'secadmin', 'auditadmin'].includes(account.username);
        expect(me.pendingFactor, account.username).toBe(admin ? 'sm2' : null);
      }
    } finally {
      await prod.close();
    }
    // The demo and test default leaves the demo accounts usable without a UKey.
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: sec.headers });
    expect(me.json().pendingFactor).toBeNull();
  });
});
