import type { AuditEntry, Param } from '@shtp/core/platform';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { routeTable } from '../../src/platform/http/access.ts';
import { adminTestApp, loginFresh } from '../test-app.ts';

const t = adminTestApp();

const db = () => t.ctx.database.db;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const entries = async (query: string): Promise<AuditEntry[]> => {
  const res = await t.ctx.app.inject({ method: 'GET', url: `/api/audit/logs?${query}`, headers: t.aud.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

describe('AU-2: every audit record says who, when, from where, what, on what, with what result', () => {
  it('AU-2: a change records time, actor id, name, roles and department, client address and agent, event, object, result, request id and summary', async () => {
    const before = Date.now();
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/system/dict/types',
      headers: { ...t.sys.headers, 'user-agent': 'AU2-Browser/1.0' },
      remoteAddress: '10.20.30.40',
      payload: { code: 'au2_type', name: '审计字段' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await entries('action=dict.type.create&targetId=au2_type');
    const [actor] = await queryRows<{ id: number; department_id: number }>(db(), sql`select id, department_id from users where id = ${t.sys.id}`);
    const [row] = await queryRows<{ department_id: number }>(db(), sql`select department_id from audit_log where id = ${entry!.id}`);

    expect(Date.parse(entry!.ts)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(entry!.ts)).toBeLessThanOrEqual(Date.now());
    expect(entry).toMatchObject({
      userId: actor!.id,
      username: t.sys.username,
      ip: '10.20.30.40',
      userAgent: 'AU2-Browser/1.0',
      action: 'dict.type.create',
      targetType: 'dict',
      targetId: 'au2_type',
      result: 'success',
      errorCode: null,
      details: { name: '审计字段' },
    });
    expect(entry!.roles).toContain('sysadmin');
    expect(entry!.departmentName).toBeTruthy();
    expect(row!.department_id).toBe(actor!.department_id);
    expect(entry!.requestId).toMatch(UUID);
  });

  it('AU-2: a failure records its result, reason and error code, with the same who, when and from where', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'AU2-Client/2.0' },
      remoteAddress: '10.20.30.41',
      payload: { username: 'officer01', password: 'Wrong#Pass123' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_FAILED');
    const [entry] = await entries('action=auth.login&result=failure&username=officer01');
    expect(entry).toMatchObject({
      username: 'officer01',
      ip: '10.20.30.41',
      userAgent: 'AU2-Client/2.0',
      targetType: 'user',
      result: 'failure',
      reason: '密码错误',
      errorCode: 'AUTH_FAILED',
    });
    expect(entry!.userId).toBeGreaterThan(0);
    expect(entry!.targetId).toBe(String(entry!.userId));
    expect(entry!.requestId).toMatch(UUID);
  });
});

describe('AU-4: auditing cannot be switched off, and a failed audit write fails the operation', () => {
  it('AU-4: no route and no parameter turns auditing off; the only audit parameter is the retention, 180 days at least', async () => {
    const routes = routeTable(t.ctx.app).filter((r) => /audit|integrity/.test(r.url));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/audit/actions',
      'GET /api/audit/integrity',
      'GET /api/audit/logs',
      'GET /api/audit/logs/export',
      'POST /api/audit/integrity/verify',
    ]);
    expect(routeTable(t.ctx.app).filter((r) => r.url.includes('schedules') && r.method !== 'GET')).toEqual([]);

    const sec = await loginFresh(t.ctx, 'secadmin');
    const params: Param[] = (await t.ctx.app.inject({ method: 'GET', url: '/api/system/params', headers: sec.headers })).json();
    const audit = params.filter((p) => p.module === 'audit' || /audit|审计/i.test(`${p.key} ${p.label}`));
    expect(audit.map((p) => p.key)).toEqual(['audit.retentionDays']);
    expect(audit[0]!.constraints).toMatchObject({ min: 180 });
    expect(params.filter((p) => p.type === 'boolean' && /log|日志|记录/i.test(`${p.key} ${p.label}`))).toEqual([]);
    const off = await t.ctx.app.inject({ method: 'PUT', url: '/api/system/params/audit.retentionDays', headers: sec.headers, payload: { value: 0 } });
    expect(off.statusCode).toBe(400);
  });

  describe('with the audit store failing', () => {
    /** The audit insert of one action fails, as when the audit store is full or unreachable. */
    const failAuditOf = async (action: string) => {
      await db().execute(
        sql.raw(`create or replace function au4_fail() returns trigger language plpgsql as $$
                 begin if NEW.action = TG_ARGV[0] then raise exception 'audit store unavailable'; end if; return NEW; end $$`),
      );
      await db().execute(sql.raw(`create trigger au4_fail before insert on audit_log for each row execute function au4_fail('${action}')`));
    };
    const restore = () => db().execute(sql`drop trigger if exists au4_fail on audit_log`);
    afterAll(restore);

    it('AU-4: a change whose audit record cannot be written is not made', async () => {
      await failAuditOf('dict.type.create');
      const res = await t.ctx.app.inject({
        method: 'POST',
        url: '/api/system/dict/types',
        headers: t.sys.headers,
        payload: { code: 'au4_type', name: '审计失败' },
      });
      expect(res.statusCode).toBe(500);
      expect(await queryRows(db(), sql`select 1 from dict_types where code = 'au4_type'`)).toEqual([]);
      await restore();
      const retry = await t.ctx.app.inject({
        method: 'POST',
        url: '/api/system/dict/types',
        headers: t.sys.headers,
        payload: { code: 'au4_type', name: '审计失败' },
      });
      expect(retry.statusCode, retry.body).toBe(200);
      expect(await entries('action=dict.type.create&targetId=au4_type')).toHaveLength(1);
    });

    it('AU-4: a login whose audit record cannot be written opens no session; an export whose record cannot be written sends nothing', async () => {
      await failAuditOf('auth.login');
      const login = await t.ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: t.sys.username, password: t.sys.password } });
      expect(login.statusCode).toBe(500);
      expect(login.cookies.find((c) => c.name === 'sid')).toBeUndefined();
      await restore();

      await failAuditOf('audit.export');
      const exported = await t.ctx.app.inject({ method: 'GET', url: '/api/audit/logs/export', headers: t.aud.headers });
      expect(exported.statusCode).toBe(500);
      expect(exported.headers['content-type']).not.toContain('spreadsheetml');
      await restore();
    });
  });
});
