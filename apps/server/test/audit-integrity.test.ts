import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditChain, verifyAuditIntegrity } from '../src/platform/audit/audit-integrity.ts';
import { queryRows } from '../src/platform/db/client.ts';
import { createTestApp, loginReady, type Session, type TestContext } from './test-app.ts';

let ctx: TestContext;
let sys: Session;
let aud: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  sys = await loginReady(ctx, 'sysadmin');
  aud = await loginReady(ctx, 'auditadmin');
});
afterAll(() => ctx.close());

const db = () => ctx.database.db;
/** What an intruder with database access does: switch the guard off, change, switch it on. */
async function bypassGuard(statement: ReturnType<typeof sql>) {
  await db().execute(sql`alter table audit_log disable trigger audit_log_no_update`);
  try {
    await db().execute(statement);
  } finally {
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  }
}
const seal = async () => {
  while ((await sealAuditChain(db(), ctx.platform.keys)) > 0);
};

describe('audit integrity (C2)', () => {
  it('a log written by the application verifies clean', async () => {
    await ctx.app.inject({ method: 'POST', url: '/api/system/dict/types', headers: sys.headers, payload: { code: 'c2_test', name: '校验测试' } });
    await seal();
    const { checked, findings } = await verifyAuditIntegrity(db(), ctx.platform.keys);
    expect(checked).toBeGreaterThan(3);
    expect(findings).toEqual([]);
  });

  it('names a row changed in the database, a row inserted outside the application and a row deleted', async () => {
    const [target] = await queryRows<{ id: number }>(db(), sql`select id from audit_log where action = 'dict.type.create' limit 1`);
    const [victim] = await queryRows<{ id: number }>(db(), sql`select id from audit_log where action = 'auth.login' order by id limit 1`);
    await bypassGuard(sql`update audit_log set username = 'someone_else' where id = ${target!.id}`);
    await db().execute(sql`insert into audit_log (ip, action, result) values ('10.0.0.9', 'user.delete', 'success')`);
    await bypassGuard(sql`delete from audit_log where id = ${victim!.id}`);
    await seal();

    const { findings } = await verifyAuditIntegrity(db(), ctx.platform.keys);
    const kinds = (id: number) => findings.filter((f) => f.id === String(id)).map((f) => f.kind);
    expect(kinds(target!.id)).toContain('modified');
    expect(kinds(victim!.id)).toContain('deleted');
    const [forged] = await queryRows<{ id: number }>(db(), sql`select id from audit_log where ip = '10.0.0.9'`);
    expect(kinds(forged!.id)).toContain('modified');
    expect(findings.find((f) => f.id === String(target!.id))!.message).toMatch(/被修改/);
  });

  it('the audit admin reads the reports and starts a verification; the system admin cannot', async () => {
    const start = await ctx.app.inject({ method: 'POST', url: '/api/audit/integrity/verify', headers: aud.headers });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().queue).toBe('integrity-verify');
    await ctx.platform.jobs.drain();
    const reports = await ctx.app.inject({ method: 'GET', url: '/api/audit/integrity', headers: aud.headers });
    expect(reports.json()[0].findings.length).toBeGreaterThan(0);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/audit/integrity', headers: sys.headers })).statusCode).toBe(403);
  });
});

describe('access-control integrity (C2)', () => {
  it('records changed through the application verify clean', async () => {
    const grant = await ctx.app.inject({ method: 'GET', url: '/api/system/users?keyword=officer01', headers: sys.headers });
    const officer = grant.json().items[0];
    await ctx.app.inject({
      method: 'PUT',
      url: `/api/system/users/${officer.id}`,
      headers: sys.headers,
      payload: { displayName: '改名', policeNo: null, departmentId: officer.departmentId, expiresAt: null, status: 'active', version: officer.version },
    });
    const { findings } = await ctx.platform.integrity.verify(db());
    expect(findings).toEqual([]);
  });

  it('names a user, a grant, a role permission and a parameter changed in the database, and a deleted record', async () => {
    const [u] = await queryRows<{ id: number }>(db(), sql`select id from users where username = 'road01'`);
    const [officer] = await queryRows<{ id: number }>(db(), sql`select id from users where username = 'officer01'`);
    const [sysRole] = await queryRows<{ id: number }>(db(), sql`select id from roles where code = 'sysadmin'`);
    const [win] = await queryRows<{ id: number }>(db(), sql`select id from roles where code = 'window_officer'`);
    await db().execute(sql`update users set status = 'active', password_hash = 'x' where id = ${u!.id}`);
    await db().execute(sql`insert into role_permissions (role_id, permission) values (${sysRole!.id}, 'audit:log:list')`);
    await db().execute(sql`insert into user_roles (user_id, role_id) values (${officer!.id}, ${win!.id}) on conflict do nothing`);
    await db().execute(sql`delete from user_roles where user_id = ${officer!.id}`);
    await db().execute(sql`insert into system_parameters (key, value) values ('auth.lockout.maxFailures', '20') on conflict (key) do update set value = '20'`);
    const sec = await loginReady(ctx, 'secadmin');
    const set = await ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.lockMinutes', headers: sec.headers, payload: { value: 45 } });
    expect(set.statusCode, set.body).toBe(200);
    await db().execute(sql`delete from system_parameters where key = 'auth.lockout.lockMinutes'`);
    const [extra] = await queryRows<{ id: number }>(db(), sql`select id from roles where code = 'supervisor'`);
    await db().execute(sql`delete from record_macs where kind = 'role' and record_id = ${String(extra!.id)}`);

    const { findings } = await ctx.platform.integrity.verify(db());
    const found = (target: string, id: string | number) => findings.some((f) => f.target === target && f.id === String(id));
    expect(found('user', u!.id)).toBe(true);
    expect(found('user', officer!.id)).toBe(true); // its grants changed
    expect(found('role', sysRole!.id)).toBe(true);
    expect(found('param', 'auth.lockout.maxFailures')).toBe(true);
    expect(found('role', extra!.id)).toBe(true); // MAC removed: as if inserted outside the application
    expect(findings.find((f) => f.target === 'param' && f.id === 'auth.lockout.lockMinutes')?.kind).toBe('deleted');
    expect(findings.every((f) => f.message.length > 0)).toBe(true);
  });
});
