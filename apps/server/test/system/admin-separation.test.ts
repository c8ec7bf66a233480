import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDormancyJob } from '../../src/platform/auth/account-dormancy.job.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, login, NEW_PASSWORD, type Session, type TestContext } from '../test-app.ts';

/**
 * SECURITY.md AC-4, issue 11 defect 2: 三员分立 holds through account management, against the administrators themselves.
 * The subject here is the built-in administrator accounts as the only holders of their roles (the last-holder rules),
 * so unlike other files this one acts as the demo accounts (not fresh users): each completes its first login below.
 */
let ctx: TestContext;
let sys: Session;
let sec: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  const initial = (username: string) => ctx.accounts.find((a) => a.username === username)!.password;
  sys = await firstLogin('sysadmin', initial('sysadmin'));
  sec = await firstLogin('secadmin', initial('secadmin'));
  await firstLogin('auditadmin', initial('auditadmin'));
});
afterAll(() => ctx.close());

const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(ctx.database.db, query);
const userId = async (username: string) => (await rows<{ id: number }>(sql`select id from users where username = ${username}`))[0]!.id;
const roleId = async (code: string) => (await rows<{ id: number }>(sql`select id from roles where code = ${code}`))[0]!.id;
const hq = async () => (await rows<{ id: number }>(sql`select id from departments where parent_id is null`))[0]!.id;
const failures = async (action: string, targetId: number) =>
  (
    await rows<{ n: number; reasons: string[] | null }>(
      sql`select count(*)::int as n, array_agg(reason) as reasons from audit_log where action = ${action} and result = 'failure' and target_id = ${String(targetId)}`,
    )
  )[0]!;
/** A listed user's refused actions and why (the list carries a decision per action). */
const refused = (item: { actions: Record<string, { allowed: boolean; reason?: string }> }) =>
  Object.fromEntries(Object.entries(item.actions).flatMap(([action, d]) => (d.allowed ? [] : [[action, d.reason]])));
const passwordHash = async (id: number) => (await rows<{ h: string }>(sql`select password_hash as h from users where id = ${id}`))[0]!.h;

async function editBody(id: number, change: Record<string, unknown>) {
  const u = (
    await rows<{ display_name: string; department_id: number; version: number }>(sql`select display_name, department_id, version from users where id = ${id}`)
  )[0]!;
  return { displayName: u.display_name, policeNo: null, departmentId: u.department_id, expiresAt: null, status: 'active', version: u.version, ...change };
}

/** A new account with these roles (created by the system admin, granted by the security admin), ready to use. */
async function account(username: string, roleCodes: string[]): Promise<{ id: number; session: Session }> {
  const created = await call(sys, 'POST', '/api/system/users', { username, displayName: username, departmentId: await hq() });
  expect(created.statusCode, created.body).toBe(200);
  const { user, initialPassword } = created.json();
  const granted = await call(sec, 'PUT', `/api/system/users/${user.id}/roles`, { roleIds: await Promise.all(roleCodes.map(roleId)) });
  expect(granted.statusCode, granted.body).toBe(200);
  return { id: user.id, session: await firstLogin(username, initialPassword) };
}

/** Logs in with an initial password and changes it to NEW_PASSWORD, as a user's first login must. */
async function firstLogin(username: string, initialPassword: string): Promise<Session> {
  const s = await login(ctx.app, username, initialPassword);
  expect((await call(s, 'POST', '/api/auth/password', { oldPassword: initialPassword, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
  return s;
}

describe('三员分立 through account management (AC-4)', () => {
  it('the system admin can neither reset, edit, disable nor delete the security or audit admin; each refusal is audited', async () => {
    for (const username of ['secadmin', 'auditadmin']) {
      const id = await userId(username);
      const hashBefore = await passwordHash(id);
      const before = await failures('user.password.reset', id);
      const reset = await call(sys, 'POST', `/api/system/users/${id}/reset-password`);
      expect(reset.statusCode).toBe(403);
      expect(reset.json().code).toBe('ADMIN_SEPARATION');
      expect(reset.json().message).toMatch(/密码只能由安全管理员重置/);
      expect(reset.json()).not.toHaveProperty('initialPassword');
      expect(await passwordHash(id)).toBe(hashBefore);
      const after = await failures('user.password.reset', id);
      expect(after.n).toBe(before.n + 1);

      const edit = await call(sys, 'PUT', `/api/system/users/${id}`, await editBody(id, { displayName: '冒名' }));
      expect(edit.statusCode).toBe(403);
      expect(edit.json().message).toMatch(/^三员分立：不能操作(安全|审计)管理员账户$/);
      const disable = await call(sys, 'PUT', `/api/system/users/${id}`, await editBody(id, { status: 'disabled' }));
      expect(disable.statusCode).toBe(403);
      const expire = await call(sys, 'PUT', `/api/system/users/${id}`, await editBody(id, { expiresAt: '2020-01-01' }));
      expect(expire.statusCode).toBe(403);
      expect((await call(sys, 'DELETE', `/api/system/users/${id}`)).statusCode).toBe(403);
      const state = (
        await rows<{ status: string; deleted: boolean; name: string }>(
          sql`select status, deleted_at is not null as deleted, display_name as name from users where id = ${id}`,
        )
      )[0]!;
      expect(state).toEqual({ status: 'active', deleted: false, name: username === 'secadmin' ? '安全管理员' : '审计管理员' });
      expect((await failures('user.update', id)).n).toBe(3);
      expect((await failures('user.delete', id)).n).toBe(1);
    }
    // The account still logs in with its own password.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditadmin', password: NEW_PASSWORD } })).statusCode).toBe(
      200,
    );
  });

  it('the user list tells the console which actions would be refused, and why', async () => {
    const list = (await call(sys, 'GET', '/api/system/users?pageSize=200')).json();
    const refusals = (username: string) => refused(list.items.find((u: { username: string }) => u.username === username));
    expect(refusals('secadmin')).toEqual({
      update: '三员分立：不能操作安全管理员账户',
      disable: '三员分立：不能操作安全管理员账户',
      delete: '三员分立：不能操作安全管理员账户',
      resetPassword: '三员分立：安全管理员的密码只能由安全管理员重置',
      setRoles: '没有执行此操作的权限', // the route's permission is decided first: roles are the security admin's
    });
    expect(refusals('auditadmin').resetPassword).toBe('三员分立：审计管理员的密码只能由安全管理员重置');
    expect(refusals('officer01')).toEqual({ setRoles: '没有执行此操作的权限' });
    expect(refusals('sysadmin').resetPassword).toMatch(/不能重置自己的密码/);
    expect(list.items.find((u: { username: string }) => u.username === 'secadmin').adminKind).toBe('security');
    const asSec = refused((await call(sec, 'GET', '/api/system/users?keyword=officer01')).json().items[0]);
    // Business accounts are the system admin's to edit and reset; the security admin grants their roles.
    expect(Object.keys(asSec).sort()).toEqual(['delete', 'disable', 'resetPassword', 'update']);
    expect(asSec.resetPassword).toBe('没有重置该用户密码的权限');
  });

  it('only the security admin resets a separated administrator’s password: audited, old sessions end, a change is forced', async () => {
    const two = await account('sys.two', ['sysadmin']);
    // Another system admin cannot either (三员分立 resets go through the security admin).
    expect((await call(sys, 'POST', `/api/system/users/${two.id}/reset-password`)).json().code).toBe('ADMIN_SEPARATION');
    const reset = await call(sec, 'POST', `/api/system/users/${two.id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await call(two.session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const next = await login(ctx.app, 'sys.two', reset.json().initialPassword);
    const me = (await call(next, 'GET', '/api/auth/me')).json();
    expect(me.passwordChangeReason).toBe('reset');
    expect(me.permissions).toEqual([]);
    const audited = await rows<{ username: string; details: { adminKind?: string } }>(
      sql`select username, details from audit_log where action = 'user.password.reset' and result = 'success' and target_id = ${String(two.id)}`,
    );
    expect(audited).toEqual([{ username: 'secadmin', details: { username: 'sys.two', adminKind: 'system' } }]);

    // Not business accounts (the system admin's), and not one's own.
    const officer = await call(sec, 'POST', `/api/system/users/${await userId('officer01')}/reset-password`);
    expect(officer.statusCode).toBe(403);
    const own = await call(sec, 'POST', `/api/system/users/${await userId('secadmin')}/reset-password`);
    expect(own.statusCode).toBe(400);
    expect(own.json().code).toBe('OWN_ACCOUNT');
  });

  it('the security admin cannot change the roles of a system or audit admin account', async () => {
    for (const username of ['sysadmin', 'auditadmin']) {
      const id = await userId(username);
      const res = await call(sec, 'PUT', `/api/system/users/${id}/roles`, { roleIds: [] });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ADMIN_SEPARATION');
      expect((await failures('user.roles', id)).n).toBe(1);
    }
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from user_roles where user_id = ${await userId('sysadmin')}`))[0]!.n).toBe(1);
  });

  it('keeps the last enabled holder of each built-in admin role: no disabling, deleting or taking the role away', async () => {
    // An all-scope user administrator (a custom role of the system kind) may manage system-kind accounts...
    const role = await call(sec, 'POST', '/api/system/roles', {
      code: 'all_useradmin',
      name: '全局用户管理员',
      description: '',
      dataScope: 'all',
      permissions: ['system', 'system:user', 'system:user:list', 'system:user:update', 'system:user:delete'],
    });
    expect(role.statusCode, role.body).toBe(200);
    const ua = await account('ua.one', ['all_useradmin']);
    const sysId = await userId('sysadmin');
    const twoId = await userId('sys.two');
    expect((await call(ua.session, 'PUT', `/api/system/users/${twoId}`, await editBody(twoId, { status: 'disabled' }))).statusCode).toBe(200);
    // ...but not retire the last enabled 系统管理员.
    const disable = await call(ua.session, 'PUT', `/api/system/users/${sysId}`, await editBody(sysId, { status: 'disabled' }));
    expect(disable.statusCode).toBe(409);
    expect(disable.json()).toMatchObject({ code: 'LAST_ADMIN', message: '三员分立：须至少保留一个启用的系统管理员账户' });
    expect((await call(ua.session, 'PUT', `/api/system/users/${sysId}`, await editBody(sysId, { expiresAt: '2020-01-01' }))).statusCode).toBe(409);
    expect((await call(ua.session, 'DELETE', `/api/system/users/${sysId}`)).statusCode).toBe(409);
    expect((await call(ua.session, 'PUT', `/api/system/users/${sysId}`, await editBody(sysId, { displayName: '系统管理员（总队）' }))).statusCode).toBe(200);
    const listed = (await call(ua.session, 'GET', '/api/system/users?keyword=sysadmin')).json().items[0];
    expect(refused(listed)).toEqual({
      delete: '三员分立：须至少保留一个启用的系统管理员账户',
      disable: '三员分立：须至少保留一个启用的系统管理员账户',
      resetPassword: '没有执行此操作的权限',
      setRoles: '没有执行此操作的权限',
    });

    // The same for the security admin's role: a custom security-kind granter cannot take it from the last holder.
    expect(
      (
        await call(sec, 'POST', '/api/system/roles', {
          code: 'granter',
          name: '授权员',
          description: '',
          dataScope: 'all',
          permissions: ['system', 'system:user', 'system:user:list', 'system:user:grant'],
        })
      ).statusCode,
    ).toBe(200);
    const granter = await account('granter.one', ['granter']);
    const secId = await userId('secadmin');
    const take = await call(granter.session, 'PUT', `/api/system/users/${secId}/roles`, { roleIds: [] });
    expect(take.statusCode).toBe(409);
    expect(take.json().message).toBe('三员分立：须至少保留一个启用的安全管理员账户');
    const keep = await call(granter.session, 'PUT', `/api/system/users/${secId}/roles`, { roleIds: [await roleId('secadmin')] });
    expect(keep.statusCode, keep.body).toBe(200);
  });

  it('the dormancy job leaves the last enabled holder of each built-in admin role enabled', async () => {
    await ctx.database.db.execute(sql`update users set last_login_at = now() - interval '400 days', created_at = now() - interval '400 days'`);
    await ctx.platform.jobs.enqueue(ctx.database.db, accountDormancyJob, {});
    await ctx.platform.jobs.drain();
    const status = await rows<{ username: string; status: string }>(
      sql`select username, status from users where username in ('sysadmin', 'secadmin', 'auditadmin', 'officer01', 'ua.one') order by username`,
    );
    expect(status).toEqual([
      { username: 'auditadmin', status: 'active' },
      { username: 'officer01', status: 'disabled' },
      { username: 'secadmin', status: 'active' },
      { username: 'sysadmin', status: 'active' },
      { username: 'ua.one', status: 'disabled' },
    ]);
  });

  it('two concurrent disables of the last two enabled 系统管理员: exactly one succeeds (PostgreSQL: under the role lock)', async () => {
    const ua = await account('ua.two', ['all_useradmin']);
    const sysId = await userId('sysadmin');
    const twoId = await userId('sys.two');
    expect((await call(ua.session, 'PUT', `/api/system/users/${twoId}`, await editBody(twoId, { status: 'active' }))).statusCode).toBe(200);
    const [a, b] = await Promise.all([
      editBody(sysId, { status: 'disabled' }).then((body) => call(ua.session, 'PUT', `/api/system/users/${sysId}`, body)),
      editBody(twoId, { status: 'disabled' }).then((body) => call(ua.session, 'PUT', `/api/system/users/${twoId}`, body)),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const enabled = await rows<{ n: number }>(
      sql`select count(*)::int as n from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
          where r.code = 'sysadmin' and u.status = 'active' and u.deleted_at is null`,
    );
    expect(enabled[0]!.n).toBe(1);
  });
});
