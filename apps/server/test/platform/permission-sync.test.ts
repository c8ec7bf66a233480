import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { syncBuiltInRoleGrants } from '../../src/platform/rbac/permission-sync.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

const grantsOf = async (role: string) =>
  (
    await queryRows<{ permission: string }>(
      ctx.platform.db,
      sql`select rp.permission from role_permissions rp join roles r on r.id = rp.role_id where r.code = ${role} order by 1`,
    )
  ).map((r) => r.permission);

describe('built-in roles receive permissions that are new to the catalogue', () => {
  it('a seeded database is already in sync: nothing to add', async () => {
    expect(await syncBuiltInRoleGrants(ctx.platform.db, ctx.platform.permissions, ctx.platform.integrity)).toBe(0);
  });

  it('grants a new permission to the role it is proposed for, once, keeps the role MACs valid, and never re-grants a removed one', async () => {
    const { permissions, db, integrity } = ctx.platform;
    permissions.register({ code: 'demo:new-feature', name: '新功能', type: 'action', children: [] });
    permissions.proposeForRole('window_officer', ['demo:new-feature']);
    expect(await syncBuiltInRoleGrants(db, permissions, integrity)).toBe(1);
    expect(await grantsOf('window_officer')).toContain('demo:new-feature');
    expect(await grantsOf('supervisor')).not.toContain('demo:new-feature');
    expect((await integrity.verify(db)).findings).toEqual([]);

    // An administrator takes it away again: a later start does not bring it back.
    await db.execute(sql`delete from role_permissions where permission = 'demo:new-feature'`);
    expect(await syncBuiltInRoleGrants(db, permissions, integrity)).toBe(0);
    expect(await grantsOf('window_officer')).not.toContain('demo:new-feature');
  });
});
