import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sessionIdOf } from '../../src/platform/auth/auth.service.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import { defineJob } from '../../src/platform/jobs/job-type.ts';
import { createTestApp, loginFresh, openTestDatabase, type TestContext } from '../test-app.ts';

/**
 * N1 scale-out: two stateless instances on one database, as behind a load balancer. On PostgreSQL (TEST_DATABASE_URL)
 * each instance has its own connection pool; PGlite cannot be opened twice, so there the two share its handle but
 * nothing else (caches, keystores, job workers, HTTP servers are each their own). The second instance also has a
 * "replica" for statistics (DATABASE_REPLICA_URL) pointing at the same database, as the setting is tested.
 */
let first: TestContext;
let second: TestContext;
let databases: Database[];
beforeAll(async () => {
  const shared = await openTestDatabase();
  const other = shared.url ? await openDatabase({ url: shared.url, replicaUrl: shared.url, poolSize: 5 }) : shared;
  databases = other === shared ? [shared] : [other, shared];
  // Same master key: the instances unwrap the same data keys.
  const vars = { MASTER_KEY: randomBytes(16).toString('hex') };
  first = await createTestApp({ database: shared, vars });
  second = await createTestApp({ database: other, vars });
});
afterAll(async () => {
  await second?.app.close();
  await first?.app.close();
  for (const d of databases ?? []) await d.close();
});

/**
 * Waits until `to` has heard every notification committed by `from` so far (they arrive in commit order): a marker
 * sent after them. Without it a test would race the other instance's listener, as a real client may (ADR 0016).
 */
async function heardBy(to: TestContext, from: TestContext): Promise<void> {
  const marker = `sync:${randomBytes(6).toString('hex')}`;
  const heard = to.platform.auth.sessions.heard((p) => p === marker);
  await from.database.db.execute(sql`select pg_notify('shtp_session', ${marker})`);
  await heard;
}

describe('two instances on one database (N1 scale-out)', () => {
  it('a session opened on one instance works on the other, and a logout on the other ends it on both', async () => {
    const officer = await loginFresh(first, 'officer01');
    const id = sessionIdOf(officer.headers.cookie.slice('sid='.length));
    await heardBy(second, first); // the login changed the access-control version (ADR 0013): every cache was emptied
    const me = await second.app.inject({ url: '/api/auth/me', headers: officer.headers });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().username).toBe(officer.username);
    // Validated on the first instance too: both hold it in their session caches now.
    expect((await first.app.inject({ url: '/api/auth/me', headers: officer.headers })).statusCode).toBe(200);
    expect([first.platform.auth.sessions.has(id), second.platform.auth.sessions.has(id)]).toEqual([true, true]);

    // A CSRF-checked write on the second instance with the first one's session; the first hears of it by notification.
    const heard = first.platform.auth.sessions.dropped(id);
    const out = await second.app.inject({ method: 'POST', url: '/api/auth/logout', headers: officer.headers });
    expect(out.statusCode, out.body).toBeLessThan(300);
    await heard;
    expect((await first.app.inject({ url: '/api/auth/me', headers: officer.headers })).statusCode).toBe(401);
  });

  it('a session forced out (在线用户) on one instance is refused by the other as soon as its notification arrives', async () => {
    const [officer, sec] = [await loginFresh(first, 'officer01'), await loginFresh(first, 'secadmin')];
    const id = sessionIdOf(officer.headers.cookie.slice('sid='.length));
    await heardBy(second, first);
    expect((await second.app.inject({ url: '/api/auth/me', headers: officer.headers })).statusCode).toBe(200);
    const cache = second.platform.auth.sessions;
    expect(cache.isListening).toBe(true);
    expect(cache.has(id)).toBe(true);

    const heard = cache.dropped(id);
    const kick = await first.app.inject({ method: 'DELETE', url: `/api/system/sessions/${id}`, headers: sec.headers });
    expect(kick.statusCode, kick.body).toBe(204);
    await heard; // well within the cache's maximum age (5 s): not an expiry
    expect(cache.has(id)).toBe(false);
    expect((await second.app.inject({ url: '/api/auth/me', headers: officer.headers })).statusCode).toBe(401);
  });

  it('runs jobs on both instances, each job exactly once', async () => {
    const type = defineJob('test-scale-out', z.strictObject({ n: z.number().int() }));
    const runs: { n: number; instance: string }[] = [];
    const started = new Set<string>();
    const handler =
      (instance: string) =>
      async ({ n }: { n: number }) => {
        runs.push({ n, instance });
        started.add(instance);
        // Hold the first jobs until the other instance has taken one too, so both provably work the same queue.
        for (const until = Date.now() + 20_000; started.size < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
      };
    first.platform.jobs.register(type, handler('first'));
    second.platform.jobs.register(type, handler('second'));
    for (let n = 0; n < 24; n++) await first.platform.jobs.enqueue(first.database.db, type, { n });

    await Promise.all([first.platform.jobs.drain(), second.platform.jobs.drain()]);

    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, n) => n));
    expect(new Set(runs.map((r) => r.instance))).toEqual(new Set(['first', 'second']));
    const [done] = await queryRows<{ n: number }>(
      first.database.db,
      sql`select count(*)::int as n from jobs where queue = 'test-scale-out' and state = 'succeeded'`,
    );
    expect(done!.n).toBe(24);
  });

  it('reads statistics through the replica setting: read-only sessions of their own; without one, the primary', async () => {
    const supervisor = await loginFresh(second, 'supervisor01');
    const stats = await second.app.inject({ url: '/api/tempplate/stats/intake?from=2025-07-01&to=2025-08-31', headers: supervisor.headers });
    expect(stats.statusCode, stats.body).toBe(200);
    const { reports, db } = second.platform;
    const env = { NODE_ENV: 'test', MASTER_KEY: '0'.repeat(32), DATABASE_REPLICA_URL: 'postgres://reader@replica/shtp' } as NodeJS.ProcessEnv;
    expect(() => loadConfig(env)).toThrow(/DATABASE_REPLICA_URL: 须与 DATABASE_URL 同时设置/);
    expect(loadConfig({ ...env, DATABASE_URL: 'postgres://app@primary/shtp' }).replicaUrl).toBe('postgres://reader@replica/shtp');
    if (second.database.kind === 'pglite') {
      // The embedded database has no replica (the configuration refuses one): reports read the same handle.
      expect(reports).toBe(db);
      return;
    }
    expect(reports).not.toBe(db);
    // The statistic's query ran on a connection of the replica pool (pg_stat_activity keeps each backend's last query).
    const last = await queryRows<{ query: string }>(db, sql`select query from pg_stat_activity where application_name = 'shtp-reports'`);
    expect(last.some((r) => r.query.includes('tempplate_department_days'))).toBe(true);
    const [session] = await queryRows<{ readOnly: string }>(reports, sql`select current_setting('transaction_read_only') as "readOnly"`);
    expect(session!.readOnly).toBe('on');
    // 25006 read_only_sql_transaction: what a hot standby answers too.
    await expect(reports.execute(sql`create table replica_write_probe (n int)`)).rejects.toMatchObject({ cause: { code: '25006' } });
  });
});
