import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, loginFresh, type Session, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let sec: TestUser;
let sys: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  sec = await loginFresh(ctx, 'secadmin');
  sys = await loginFresh(ctx, 'sysadmin');
});
afterAll(() => ctx.close());

const call = (s: Session, method: 'GET' | 'POST', url: string) => ctx.app.inject({ method, url, headers: s.headers });

describe('key-management console API', () => {
  it('lists every purpose with versions and SM2 public keys, never key material', async () => {
    const res = await call(sec, 'GET', '/api/system/keys');
    expect(res.statusCode).toBe(200);
    const keys = res.json() as { purpose: string; algorithm: string; publicKey: string | null }[];
    expect(keys.map((k) => k.purpose).sort()).toEqual([
      'acl-mac',
      'audit-mac',
      'blob-enc',
      'ebike-request-digest',
      'exchange',
      'pii-enc',
      'pii-index',
      'record-sign',
      'request-digest',
      'service-sign',
      'transport',
    ]);
    for (const purpose of ['record-sign', 'exchange']) {
      const publicKey = ctx.platform.keys.current(purpose).publicKey;
      expect(publicKey).toMatch(/^[0-9a-f]{130}$/i);
      expect(keys.find((k) => k.purpose === purpose)?.publicKey).toBe(publicKey);
    }
    expect(keys.find((k) => k.purpose === 'pii-enc')?.publicKey).toBeNull();
    for (const purpose of ['pii-enc', 'record-sign', 'exchange']) expect(res.body).not.toContain(ctx.platform.keys.current(purpose).material.toString('hex'));
    expect(res.body).not.toContain('wrapped');
  });

  it('only the security administrator may list and rotate', async () => {
    expect((await call(sys, 'GET', '/api/system/keys')).statusCode).toBe(403);
    expect((await call(sys, 'POST', '/api/system/keys/pii-enc/rotate')).statusCode).toBe(403);
  });

  it('rotating pii-enc makes v2 active, enqueues the re-encryption job and is audited', async () => {
    const res = await call(sec, 'POST', '/api/system/keys/pii-enc/rotate');
    expect(res.statusCode, res.body).toBe(200);
    const { version, reencryptJobId } = res.json();
    expect(version).toBe(2);
    expect(ctx.platform.keys.current('pii-enc').version).toBe(2);
    const [job] = await queryRows<{ queue: string }>(ctx.database.db, sql`select queue from jobs where id = ${reencryptJobId}`);
    expect(job?.queue).toBe('pii-reencrypt');
    const [audited] = await queryRows<{ username: string }>(
      ctx.database.db,
      sql`select username from audit_log where action = 'key.rotate' and target_id = 'pii-enc'`,
    );
    expect(audited?.username).toBe(sec.username);
    const listed = (await call(sec, 'GET', '/api/system/keys')).json() as { purpose: string; version: number; status: string }[];
    expect(listed.filter((k) => k.purpose === 'pii-enc').map((k) => [k.version, k.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
  });

  it('other rotations enqueue nothing; non-rotatable and unknown purposes are refused', async () => {
    const sign = await call(sec, 'POST', '/api/system/keys/record-sign/rotate');
    expect(sign.json()).toMatchObject({ version: 2, reencryptJobId: null });
    const fixed = await call(sec, 'POST', '/api/system/keys/pii-index/rotate');
    expect(fixed.statusCode).toBe(409);
    expect(fixed.json().message).toContain('不可在线轮换');
    expect((await call(sec, 'POST', '/api/system/keys/nothing/rotate')).statusCode).toBe(404);
    expect((await call(sec, 'POST', '/api/system/keys/BAD!/rotate')).statusCode).toBe(400);
  });
});
