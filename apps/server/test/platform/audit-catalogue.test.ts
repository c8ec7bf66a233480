import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditActionGroup } from '@shtp/core/platform';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { audit } from '../../src/platform/audit/audit.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let aud: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  aud = await loginFresh(ctx, 'auditadmin');
});
afterAll(() => ctx.close());

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
/** Every action code the server writes, as spelled in its source: `action: '…'`, an ACTION constant, or a helper's first argument. */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  const patterns = [/action: '([a-z0-9.-]+)'/g, /const ACTION = '([a-z0-9.-]+)'/g, /(?:audited|imageAuditEvent|lookupEvent)\('([a-z0-9.-]+)'/g];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  return found;
}

async function catalogueOf(app: TestContext, session: Session): Promise<AuditActionGroup[]> {
  const res = await app.app.inject({ method: 'GET', url: '/api/audit/actions', headers: session.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the audit action catalogue', () => {
  it('names every action the server writes, grouped by module, platform and modules alike', async () => {
    const groups = await catalogueOf(ctx, aud);
    expect(groups.map((g) => g.module)).toEqual(expect.arrayContaining(['platform', 'ebike', 'recognition']));
    // A module mounted only in the internet zone (缴款) names its actions in that zone's catalogue.
    const internet = await createTestApp({ vars: { ZONE: 'internet' } });
    try {
      const internetGroups = await catalogueOf(internet, await loginFresh(internet, 'auditadmin'));
      expect(internetGroups.map((g) => g.module)).toEqual(expect.arrayContaining(['platform', 'exchange', 'payments']));
      expect(internetGroups.map((g) => g.module)).not.toContain('ebike');
      groups.push(...internetGroups);
    } finally {
      await internet.close();
    }
    const named = new Map(groups.flatMap((g) => Object.entries(g.actions)));
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((code) => !named.has(code))).toEqual([]);
    // Business actions the ledger writes as `ebike.<type>` and the view of personal data.
    expect(named.get('ebike.transfer')).toBe('转移登记');
    expect(named.get('ebike.pii-view')).toBe('查看车主完整信息');
    for (const label of named.values()) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is read only by whoever reads the audit log', async () => {
    const sys = await loginFresh(ctx, 'sysadmin');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/audit/actions', headers: sys.headers })).statusCode).toBe(403);
  });

  it('names the actions in the Excel export', async () => {
    await audit(ctx.database.db, systemActor('test'), { action: 'ebike.pii-view', targetType: 'nm_vehicle', targetId: 424242 });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/audit/logs/export?targetId=424242', headers: aud.headers });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).indexOf('操作');
    expect(sheet.getRow(2).getCell(header).value).toBe('查看车主完整信息');
  });
});
