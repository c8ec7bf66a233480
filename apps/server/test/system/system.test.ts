import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, fieldsOf, login, loginFresh, NEW_PASSWORD, type Session, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let sys: TestUser;
let sec: TestUser;
let aud: TestUser;
beforeAll(async () => {
  ctx = await createTestApp();
  sys = await loginFresh(ctx, 'sysadmin');
  sec = await loginFresh(ctx, 'secadmin');
  aud = await loginFresh(ctx, 'auditadmin');
});
afterAll(() => ctx.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: s?.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const count = async (table: string, where = sql`true`) =>
  (await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`))[0]!.n;
const deptByCode = async (code: string) => (await call(sys, 'GET', '/api/system/departments')).json().find((d: { code: string }) => d.code === code);
const roleId = async (code: string) => (await call(sec, 'GET', '/api/system/roles')).json().find((r: { code: string }) => r.code === code).id as number;

async function createUser(username: string, departmentId: number) {
  const res = await call(sys, 'POST', '/api/system/users', { username, displayName: '测试用户', departmentId });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { user: { id: number; version: number }; initialPassword: string };
}

describe('departments', () => {
  it('lists the seeded tree: 总队, 16 district 支队 and the special 支队 with their 大队', async () => {
    const depts = (await call(sys, 'GET', '/api/system/departments')).json() as { level: string; parentId: number | null }[];
    expect(depts.filter((d) => d.level === '总队')).toHaveLength(1);
    expect(depts.filter((d) => d.level === '支队').length).toBeGreaterThanOrEqual(17);
    expect(depts.filter((d) => d.level === '大队').length).toBeGreaterThanOrEqual(16 * 2);
    expect(depts[0]!.parentId).toBeNull(); // parents come before children
  });

  it('creates a 大队 under a 支队, refuses a wrong level, a duplicate code and deleting a non-empty department', async () => {
    const detachment = await deptByCode('310101000000');
    const body = { parentId: detachment.id, code: '310101990000', name: '测试大队', level: '大队', sort: 9 };
    const wrongLevel = await call(sys, 'POST', '/api/system/departments', { ...body, level: '中队' });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().details).toEqual([{ field: 'level', message: '支队的下级部门层级应为大队' }]);

    const created = await call(sys, 'POST', '/api/system/departments', body);
    expect(created.statusCode, created.body).toBe(200);
    const dup = await call(sys, 'POST', '/api/system/departments', { ...body, name: '另一个' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0].field).toBe('code');

    const squad = await call(sys, 'POST', '/api/system/departments', { parentId: created.json().id, code: '310101990100', name: '测试中队', level: '中队' });
    expect(squad.statusCode).toBe(200);
    const notEmpty = await call(sys, 'DELETE', `/api/system/departments/${created.json().id}`);
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().code).toBe('DEPT_NOT_EMPTY');

    const underItself = await call(sys, 'PUT', `/api/system/departments/${created.json().id}`, { ...body, parentId: squad.json().id });
    expect(underItself.statusCode).toBe(400);
    expect(await call(sys, 'DELETE', `/api/system/departments/${squad.json().id}`)).toMatchObject({ statusCode: 204 });
  });

  it('moving a department rewrites the paths of its subtree', async () => {
    const a = await deptByCode('310104000000');
    const b = await deptByCode('310105000000');
    const brigade = (await call(sys, 'POST', '/api/system/departments', { parentId: a.id, code: '310104880000', name: '搬迁大队', level: '大队' })).json();
    const squad = (await call(sys, 'POST', '/api/system/departments', { parentId: brigade.id, code: '310104880100', name: '搬迁中队', level: '中队' })).json();
    const moved = await call(sys, 'PUT', `/api/system/departments/${brigade.id}`, { parentId: b.id, code: '310104880000', name: '搬迁大队', level: '大队' });
    expect(moved.statusCode, moved.body).toBe(200);
    const [row] = await queryRows<{ path: string }>(ctx.database.db, sql`select path from departments where id = ${squad.id}`);
    expect(row!.path).toBe(`/${(await deptByCode('310000000000')).id}/${b.id}/${brigade.id}/${squad.id}/`);
  });
});

describe('users', () => {
  it('creates a user with a one-time password that must be changed at first login', async () => {
    const dept = await deptByCode('310101000000');
    const { user, initialPassword } = await createUser('zhang.san', dept.id);
    expect(initialPassword).toMatch(/^.{14}$/);
    const s = await login(ctx.app, 'zhang.san', initialPassword);
    expect((await call(s, 'GET', '/api/auth/me')).json().passwordChangeReason).toBe('first_login');
    const dup = await call(sys, 'POST', '/api/system/users', { username: 'Zhang.San', displayName: '重复', departmentId: dept.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0].field).toBe('username');
    expect(user.id).toBeGreaterThan(0);
  });

  it('rejects bad input per field in Chinese and writes nothing', async () => {
    const before = await count('users');
    const res = await call(sys, 'POST', '/api/system/users', { username: '1x', displayName: '', departmentId: 0, policeNo: '12', extra: true });
    expect(res.statusCode).toBe(400);
    const fields = fieldsOf(res.json());
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'departmentId', 'policeNo']));
    expect(JSON.stringify(res.json())).toMatch(/用户名须以字母开头/);
    expect(await count('users')).toBe(before);
  });

  it('refuses a stale update (optimistic locking) and disabling ends the user’s sessions', async () => {
    const dept = await deptByCode('310101000000');
    const { user, initialPassword } = await createUser('li.si', dept.id);
    const s = await login(ctx.app, 'li.si', initialPassword);
    const body = { displayName: '李四', policeNo: '012345', departmentId: dept.id, expiresAt: null, status: 'disabled', version: user.version };
    const ok = await call(sys, 'PUT', `/api/system/users/${user.id}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: '李四', status: 'disabled', version: user.version + 1 });
    const stale = await call(sys, 'PUT', `/api/system/users/${user.id}`, { ...body, displayName: '王五' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('deletes softly: the user disappears, cannot log in, and the name is not reused', async () => {
    const dept = await deptByCode('310101000000');
    const { user, initialPassword } = await createUser('gone.user', dept.id);
    expect((await call(sys, 'DELETE', `/api/system/users/${user.id}`)).statusCode).toBe(204);
    const list = await call(sys, 'GET', '/api/system/users?keyword=gone.user');
    expect(list.json().total).toBe(0);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gone.user', password: initialPassword } });
    expect(res.statusCode).toBe(401);
    expect((await call(sys, 'POST', '/api/system/users', { username: 'gone.user', displayName: '再来', departmentId: dept.id })).statusCode).toBe(409);
  });

  it('pages on the server and filters by department subtree and keyword', async () => {
    const page = await call(sys, 'GET', '/api/system/users?page=1&pageSize=2');
    expect(page.json().items).toHaveLength(2);
    expect(page.json().total).toBeGreaterThan(2);
    const dept = await deptByCode('310101000000');
    const sub = (await call(sys, 'GET', `/api/system/users?departmentId=${dept.id}&pageSize=200`)).json();
    expect(sub.items.length).toBeGreaterThan(0);
    expect(sub.items.every((u: { username: string }) => u.username !== sys.username)).toBe(true);
    const bad = await call(sys, 'GET', '/api/system/users?pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].message).toBe('每页最多 200 条');
  });

  it('resets a password: old sessions end and the next login must change it', async () => {
    const dept = await deptByCode('310101000000');
    const { user, initialPassword } = await createUser('reset.me', dept.id);
    const s = await login(ctx.app, 'reset.me', initialPassword);
    const reset = await call(sys, 'POST', `/api/system/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await call(s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const s2 = await login(ctx.app, 'reset.me', reset.json().initialPassword);
    expect((await call(s2, 'GET', '/api/auth/me')).json().passwordChangeReason).toBe('reset');
  });

  it('the security admin unlocks a locked account', async () => {
    const dept = await deptByCode('310101000000');
    const { user, initialPassword } = await createUser('locked.user', dept.id);
    for (let i = 0; i < 5; i++)
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'locked.user', password: 'Wrong#Pass1' },
        remoteAddress: `10.9.0.${i}`,
      });
    const locked = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'locked.user', password: initialPassword },
      remoteAddress: '10.9.1.1',
    });
    expect(locked.statusCode).toBe(423);
    const listed = (await call(sec, 'GET', '/api/system/users?keyword=locked.user')).json().items[0];
    expect(listed.lockedUntil).not.toBeNull();
    expect((await call(sys, 'POST', `/api/system/users/${user.id}/unlock`)).statusCode).toBe(403); // not the system admin's power
    const unlocked = await call(sec, 'POST', `/api/system/users/${user.id}/unlock`);
    expect(unlocked.json().lockedUntil).toBeNull();
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'locked.user', password: initialPassword },
      remoteAddress: '10.9.1.2',
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('三员分立 and roles', () => {
  it('no account holds two administrator roles, nor an administrator role with a business role', async () => {
    const dept = await deptByCode('310000000000');
    const { user } = await createUser('admin.candidate', dept.id);
    const holders = async () => (await call(sec, 'GET', '/api/system/roles')).json() as { code: string; userCount: number }[];
    const before = await holders();
    const two = await call(sec, 'PUT', `/api/system/users/${user.id}/roles`, { roleIds: [await roleId('sysadmin'), await roleId('auditadmin')] });
    expect(two.statusCode).toBe(409);
    expect(two.json().code).toBe('ADMIN_ROLE_CONFLICT');
    const mixed = await call(sec, 'PUT', `/api/system/users/${user.id}/roles`, { roleIds: [await roleId('secadmin'), await roleId('window_officer')] });
    expect(mixed.statusCode).toBe(409);
    const one = await call(sec, 'PUT', `/api/system/users/${user.id}/roles`, { roleIds: [await roleId('auditadmin')] });
    expect(one.statusCode).toBe(200);
    expect(one.json().roles.map((r: { code: string }) => r.code)).toEqual(['auditadmin']);
    const after = await holders();
    const count = (roles: typeof after, code: string) => roles.find((r) => r.code === code)!.userCount;
    expect(count(after, 'auditadmin')).toBe(count(before, 'auditadmin') + 1);
    expect(count(after, 'secadmin')).toBe(count(before, 'secadmin'));
    expect((await call(sys, 'PUT', `/api/system/users/${user.id}/roles`, { roleIds: [] })).statusCode).toBe(403); // sysadmin cannot grant
  });

  it('the database itself refuses a second administrator role (trigger), whatever the code does', async () => {
    const [u] = await queryRows<{ id: number }>(ctx.database.db, sql`select id from users where username = 'sysadmin'`);
    await expect(ctx.database.db.execute(sql`insert into user_roles (user_id, role_id) values (${u!.id}, ${await roleId('auditadmin')})`)).rejects.toThrow();
    await expect(
      ctx.database.db.execute(sql`insert into user_roles (user_id, role_id) values (${u!.id}, ${await roleId('window_officer')})`),
    ).rejects.toThrow();
  });

  it('a custom role may not mix administrator kinds, nor hold unknown permissions; built-in admin roles are fixed', async () => {
    const base = { code: 'mixed_admin', name: '混合管理员', description: '', dataScope: 'all' };
    const mixed = await call(sec, 'POST', '/api/system/roles', { ...base, permissions: ['system:user:create', 'audit:log:list'] });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().code).toBe('ROLE_MIXES_ADMIN');
    const unknown = await call(sec, 'POST', '/api/system/roles', { ...base, permissions: ['system:nuke'] });
    expect(unknown.statusCode).toBe(400);
    const sysRole = await roleId('sysadmin');
    const fixed = await call(sec, 'PUT', `/api/system/roles/${sysRole}`, { ...base, code: 'sysadmin', permissions: ['audit:log:list'] });
    expect(fixed.statusCode).toBe(409);
    expect((await call(sec, 'DELETE', `/api/system/roles/${sysRole}`)).statusCode).toBe(409);
  });

  it('a district user administrator (scope: own department and below) sees and manages only its 支队', async () => {
    const role = await call(sec, 'POST', '/api/system/roles', {
      code: 'district_useradmin',
      name: '支队用户管理员',
      description: '',
      dataScope: 'dept_and_children',
      permissions: ['system', 'system:user', 'system:user:list', 'system:user:create', 'system:user:update', 'system:dept', 'system:dept:list'],
    });
    expect(role.statusCode, role.body).toBe(200);
    expect(role.json().adminKind).toBe('system');
    const home = await deptByCode('310106000000');
    const other = await deptByCode('310107000000');
    const { user, initialPassword } = await createUser('district.admin', home.id);
    expect((await call(sec, 'PUT', `/api/system/users/${user.id}/roles`, { roleIds: [role.json().id] })).statusCode).toBe(200);
    const inside = await createUser('inside.user', home.id);
    const outside = await createUser('outside.user', other.id);

    const s = await login(ctx.app, 'district.admin', initialPassword);
    await call(s, 'POST', '/api/auth/password', { oldPassword: initialPassword, newPassword: NEW_PASSWORD });
    const list = (await call(s, 'GET', '/api/system/users?pageSize=200')).json();
    const names = list.items.map((u: { username: string }) => u.username);
    expect(names).toContain('inside.user');
    expect(names).not.toContain('outside.user');
    expect(names).not.toContain('sysadmin');
    const depts = (await call(s, 'GET', '/api/system/departments')).json() as { id: number }[];
    expect(depts.map((d) => d.id)).toContain(home.id);
    expect(depts.map((d) => d.id)).not.toContain(other.id);

    const body = { displayName: '改名', policeNo: null, departmentId: other.id, expiresAt: null, status: 'active', version: outside.user.version };
    expect((await call(s, 'PUT', `/api/system/users/${outside.user.id}`, body)).statusCode).toBe(404); // IDOR: out of scope reads as not found
    const move = await call(s, 'PUT', `/api/system/users/${inside.user.id}`, { ...body, version: inside.user.version });
    expect(move.statusCode).toBe(400);
    expect(move.json().details[0].field).toBe('departmentId');
    const create = await call(s, 'POST', '/api/system/users', { username: 'smuggled', displayName: '越权', departmentId: other.id });
    expect(create.statusCode).toBe(400);
  });
});

describe('dictionaries', () => {
  it('creates a dictionary and items; options show only enabled items and refresh on change', async () => {
    expect((await call(sys, 'POST', '/api/system/dict/types', { code: 'plate_color', name: '号牌颜色' })).statusCode).toBe(200);
    const blue = (await call(sys, 'POST', '/api/system/dict/types/plate_color/items', { value: '2', label: '蓝', sort: 1 })).json();
    await call(sys, 'POST', '/api/system/dict/types/plate_color/items', { value: '1', label: '黄', sort: 2 });
    const officer = await loginFresh(ctx, 'officer01');
    expect((await call(officer, 'GET', '/api/dict/plate_color')).json()).toEqual([
      { value: '2', label: '蓝' },
      { value: '1', label: '黄' },
    ]);
    expect((await call(sys, 'PUT', `/api/system/dict/items/${blue.id}`, { value: '2', label: '蓝', sort: 1, enabled: false })).statusCode).toBe(200);
    expect((await call(officer, 'GET', '/api/dict/plate_color')).json()).toEqual([{ value: '1', label: '黄' }]);
    const dup = await call(sys, 'POST', '/api/system/dict/types/plate_color/items', { value: '1', label: '重复' });
    expect(dup.statusCode).toBe(409);
    expect((await call(officer, 'GET', '/api/dict/gender')).json()).toHaveLength(4); // declared by the platform
    expect((await call(officer, 'GET', '/api/dict/no_such')).statusCode).toBe(404);
  });
});

describe('sessions', () => {
  it('the security admin sees online sessions and forces one out', async () => {
    const victim = await login(ctx.app, sys.username, sys.password);
    const sessions = (await call(sec, 'GET', '/api/system/sessions')).json() as { id: string; username: string; current: boolean }[];
    expect(sessions.some((x) => x.current)).toBe(true);
    const target = sessions.filter((x) => x.username === sys.username);
    expect(target.length).toBeGreaterThan(0);
    for (const t of target) expect((await call(sec, 'DELETE', `/api/system/sessions/${t.id}`)).statusCode).toBe(204);
    expect((await call(victim, 'GET', '/api/auth/me')).statusCode).toBe(401);
    sys = { ...sys, ...(await login(ctx.app, sys.username, sys.password)) };
  });
});

describe('audit log', () => {
  it('the auditor sees every administrative action; the system admin cannot read the log', async () => {
    expect((await call(sys, 'GET', '/api/audit/logs')).statusCode).toBe(403);
    const res = await call(aud, 'GET', '/api/audit/logs?pageSize=200');
    expect(res.statusCode).toBe(200);
    const actions = new Set(res.json().items.map((e: { action: string }) => e.action));
    for (const a of [
      'auth.login',
      'dept.create',
      'dept.update',
      'user.create',
      'user.update',
      'user.delete',
      'user.roles',
      'user.unlock',
      'role.create',
      'dict.item.update',
      'auth.session.kick',
    ]) {
      expect(actions, a).toContain(a);
    }
    const filtered = (await call(aud, 'GET', `/api/audit/logs?action=user.create&username=${sys.username}`)).json();
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.items.every((e: { action: string; username: string }) => e.action === 'user.create' && e.username === sys.username)).toBe(true);
    expect((await call(aud, 'POST', '/api/system/departments', { parentId: 1, code: '310199000000', name: '审计员建的', level: '支队' })).statusCode).toBe(403);
  });

  it('exports the filtered log as a streamed Excel file, and the export is itself audited', async () => {
    const res = await call(aud, 'GET', '/api/audit/logs/export?action=user.create');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(6).value).toBe('操作');
    const expected = (await call(aud, 'GET', '/api/audit/logs?action=user.create')).json().total;
    expect(sheet.actualRowCount - 1).toBe(expected);
    expect(sheet.getRow(2).getCell(6).value).toBe('新增用户');
    expect((await call(aud, 'GET', '/api/audit/logs?action=audit.export')).json().total).toBe(1);
  });

  it('is append-only: the database refuses UPDATE and DELETE of audit rows', async () => {
    await expect(ctx.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(ctx.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(ctx.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });
});
