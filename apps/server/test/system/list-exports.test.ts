import { sm2GenerateKeyPair } from '@shtp/gm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/** Excel exports of 用户管理, 部门管理, 角色管理, 在线用户, 终端管理 and 号牌管理 (issue #20): streamed, filtered like the list, in scope, audited. */

let ctx: TestContext;
let sys: Session;
let aud: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  sys = await loginFresh(ctx, 'sysadmin');
  aud = await loginFresh(ctx, 'auditadmin');
});
afterAll(() => ctx.close());

const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers });

/** The sheet's rows as header → value records. */
async function sheetRows(payload: Buffer): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? ''])));
  });
  return rows;
}

async function exported(s: Session, url: string) {
  const res = await get(s, url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[\w-]+-\d{14}\.xlsx"; filename\*=UTF-8''/);
  return sheetRows(res.rawPayload);
}

const auditCount = async (action: string) => (await get(aud, `/api/audit/logs?action=${action}`)).json().total as number;

describe('list exports', () => {
  it('exports the users of the list filter with Chinese headers and names, and audits the export', async () => {
    const rows = await exported(sys, '/api/system/users/export?keyword=admin');
    const listed = (await get(sys, '/api/system/users?keyword=admin&pageSize=100')).json().items as { username: string }[];
    expect(rows.map((r) => r.用户名)).toEqual(listed.map((u) => u.username)); // the same filter, newest first
    expect(rows.map((r) => r.用户名)).toEqual(expect.arrayContaining(['auditadmin', 'secadmin', 'sysadmin']));
    expect(rows.every((r) => String(r.用户名).includes('admin'))).toBe(true);
    const sysadmin = rows.find((r) => r.用户名 === 'sysadmin')!;
    expect(sysadmin).toMatchObject({ 姓名: '系统管理员', 状态: '启用' });
    expect(String(sysadmin.角色)).toMatch(/[\u4e00-\u9fff]/);
    expect(String(sysadmin.创建时间)).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
    expect(await auditCount('user.export')).toBe(1);

    const bad = await get(sys, '/api/system/users/export?status=gone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'querystring.status', message: '状态无效' });
  });

  it('exports the departments in tree order, each with its parent, and audits the export', async () => {
    const listed = (await get(sys, '/api/system/departments')).json() as { id: number; name: string }[];
    const rows = await exported(sys, '/api/system/departments/export');
    expect(rows).toHaveLength(listed.length);
    expect(rows[0]).toMatchObject({ 层级: '总队', 上级部门: '', 状态: '启用' });
    const seen = new Set<unknown>();
    for (const r of rows) {
      if (r.上级部门 !== '') expect(seen.has(r.上级部门), `${r.部门名称} 在其上级之前`).toBe(true);
      seen.add(r.部门名称);
    }
    expect(await auditCount('dept.export')).toBe(1);
  });

  it('exports the roles with their data scope in Chinese, and audits the export', async () => {
    const sec = await loginFresh(ctx, 'secadmin');
    const listed = (await get(sec, '/api/system/roles')).json() as { code: string; userCount: number }[];
    const rows = await exported(sec, '/api/system/roles/export');
    expect(rows.map((r) => r.角色代码)).toEqual(listed.map((r) => r.code));
    const officer = rows.find((r) => r.角色代码 === 'window_officer')!;
    expect(officer).toMatchObject({ 内置: '是', 用户数: listed.find((r) => r.code === 'window_officer')!.userCount });
    expect(String(officer.数据范围)).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(await auditCount('role.export')).toBe(1);
    expect((await get(aud, '/api/system/roles/export')).statusCode).toBe(403);
  });

  it('exports the online sessions of the data scope (the exporter’s own among them), and audits the export', async () => {
    const sec = await loginFresh(ctx, 'secadmin');
    const listed = (await get(sec, '/api/system/sessions')).json() as { username: string }[];
    const rows = await exported(sec, '/api/system/sessions/export');
    expect(rows.map((r) => r.用户名)).toEqual(listed.map((s) => s.username));
    expect(rows.map((r) => r.用户名)).toContain((await get(sec, '/api/auth/me')).json().username);
    expect(String(rows[0]!.登录时间)).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
    expect(await auditCount('auth.session.export')).toBe(1);
    expect((await get(aud, '/api/system/sessions/export')).statusCode).toBe(403);
  });

  it('exports the devices of the list filter with their type and key fingerprint (never the key), and audits the export', async () => {
    const sec = await loginFresh(ctx, 'secadmin');
    const departmentId = (await get(sec, '/api/auth/me')).json().department.id;
    const publicKey = sm2GenerateKeyPair().publicKey;
    for (const code of ['EXP-PDA-01', 'EXP-PDA-02']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/security/devices',
        headers: sec.headers,
        payload: {
          code,
          name: '导出测试终端',
          departmentId,
          publicKey: code.endsWith('1') ? publicKey : sm2GenerateKeyPair().publicKey,
          capabilities: ['pda', 'breathalyser'],
        },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const rows = await exported(sec, '/api/security/devices/export?keyword=EXP-PDA');
    expect(rows.map((r) => r.终端编号)).toEqual(['EXP-PDA-02', 'EXP-PDA-01']);
    expect(rows[1]).toMatchObject({ 终端类型: '执法终端、酒精测试仪', 状态: '启用', 公钥指纹: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(JSON.stringify(rows)).not.toContain(publicKey.slice(2, 40));
    expect(await auditCount('device.export')).toBe(1);
    expect((await get(sys, '/api/security/devices/export')).statusCode).toBe(403);
  });

  it('exports the plate pool number by number for whoever sees 号牌管理, and only for them', async () => {
    const supervisor = await loginFresh(ctx, 'supervisor01');
    const departmentId = (await get(supervisor, '/api/auth/me')).json().department.id;
    const batch = await ctx.app.inject({
      method: 'POST',
      url: '/api/ebike/plates/batches',
      headers: supervisor.headers,
      payload: { plateKind: 'K', departmentId, prefix: '沪A', from: 1, count: 30 },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const rows = await exported(supervisor, '/api/ebike/plates/export');
    const ours = rows.filter((r) => String(r.号牌号码).startsWith('沪A'));
    expect(ours).toHaveLength(30);
    expect(ours[0]).toMatchObject({ 号牌种类: '专用号牌（快递外卖）', 状态: '空闲', 冷却至: '' });
    expect(rows.map((r) => String(r.号牌号码))).toEqual(rows.map((r) => String(r.号牌号码)).sort());
    expect(await auditCount('ebike.plate.export')).toBe(1);
    expect((await get(aud, '/api/ebike/plates/export')).statusCode).toBe(403);
  });
});
