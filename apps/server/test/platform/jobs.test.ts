import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sm3Hex } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { archiveAuditLog, auditRetentionDays } from '../../src/platform/audit/audit-archive.job.ts';
import { accountDormancyJob } from '../../src/platform/auth/account-dormancy.job.ts';
import { sessionPurgeJob } from '../../src/platform/auth/session-purge.job.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { JobQueue } from '../../src/platform/jobs/job-queue.ts';
import { defineJob } from '../../src/platform/jobs/job-type.ts';
import { createTestApp, loginFresh, type Session, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let sys: TestUser;
let aud: Session;
beforeAll(async () => {
  ctx = await createTestApp();
  sys = await loginFresh(ctx, 'sysadmin');
  aud = await loginFresh(ctx, 'auditadmin');
});
afterAll(() => ctx.close());

const db = () => ctx.database.db;
const rows = <T>(query: Parameters<typeof queryRows>[1]) => queryRows<T>(db(), query);
const jobRow = async (id: number) =>
  (
    await rows<{ state: string; attempts: number; max_attempts: number; last_error: string | null; in_future: boolean; finished: boolean }>(
      sql`select state, attempts, max_attempts, last_error, run_at > now() as in_future, finished_at is not null as finished from jobs where id = ${id}`,
    )
  )[0]!;
const countJobs = async (queue: string) => (await rows<{ n: number }>(sql`select count(*)::int as n from jobs where queue = ${queue}`))[0]!.n;
/** A second "process": its own worker id and handlers, on the same database. */
const newQueue = () => new JobQueue(db(), ctx.platform.params);
const payload = z.strictObject({ n: z.number().int() });

describe('enqueue', () => {
  const type = defineJob('test-outbox', payload);

  it('writes in the caller’s transaction: a rollback leaves no job', async () => {
    const jobs = newQueue();
    await expect(
      db().transaction(async (tx) => {
        await jobs.enqueue(tx, type, { n: 1 });
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await countJobs('test-outbox')).toBe(0);
  });

  it('returns the existing job for a repeated idempotency key', async () => {
    const jobs = newQueue();
    const first = await jobs.enqueue(db(), type, { n: 1 }, { idempotencyKey: 'order-42' });
    const again = await jobs.enqueue(db(), type, { n: 2 }, { idempotencyKey: 'order-42' });
    expect(again.id).toBe(first.id);
    expect(again.payload).toEqual({ n: 1 });
    expect(await countJobs('test-outbox')).toBe(1);
  });

  it('refuses a payload its schema rejects', async () => {
    await expect(newQueue().enqueue(db(), type, { n: 'x' } as never)).rejects.toThrow();
  });
});

describe('workers', () => {
  it('runs a job once and marks it succeeded', async () => {
    const type = defineJob('test-success', payload);
    const jobs = newQueue();
    const seen: number[] = [];
    jobs.register(type, async ({ n }, { job }) => {
      seen.push(n);
      expect(job.attempts).toBe(1);
    });
    const job = await jobs.enqueue(db(), type, { n: 7 });
    expect(await jobs.drain()).toBe(1);
    expect(seen).toEqual([7]);
    expect(await jobRow(job.id)).toMatchObject({ state: 'succeeded', attempts: 1, last_error: null, finished: true });
  });

  it('backs off after a failure and dead-letters after the last attempt, keeping only a masked message', async () => {
    const type = defineJob('test-failure', payload);
    const jobs = newQueue();
    jobs.register(type, async () => {
      throw new Error('上游拒绝：联系电话 13812345678');
    });
    const job = await jobs.enqueue(db(), type, { n: 1 }, { maxAttempts: 2 });

    expect(await jobs.runOnce()).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({ state: 'failed', attempts: 1, last_error: '上游拒绝：联系电话 ***', in_future: true, finished: false });
    expect(await jobs.runOnce()).toBe(0); // not due before its backoff

    await db().execute(sql`update jobs set run_at = now() - interval '1 second' where id = ${job.id}`);
    expect(await jobs.runOnce()).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({ state: 'dead', attempts: 2, finished: true });
    await db().execute(sql`update jobs set run_at = now() - interval '1 second' where id = ${job.id}`);
    expect(await jobs.runOnce()).toBe(0); // dead jobs are never claimed
  });

  it('fails an attempt that exceeds its time limit', async () => {
    const type = defineJob('test-timeout', payload);
    const jobs = newQueue();
    let aborted = false;
    jobs.register(type, (_p, { signal }) => new Promise<void>(() => signal.addEventListener('abort', () => (aborted = true))), { timeoutMs: 50 });
    const job = await jobs.enqueue(db(), type, { n: 1 });
    await jobs.runOnce();
    expect(aborted).toBe(true);
    expect((await jobRow(job.id)).last_error).toMatch(/执行超时/);
  });

  it('never gives the same job to two claimers running at the same time', async () => {
    const type = defineJob('test-concurrent', payload);
    const seen: number[] = [];
    const [a, b] = [newQueue(), newQueue()];
    for (const jobs of [a, b]) {
      jobs.register(
        type,
        async (_p, { job }) => {
          seen.push(job.id);
          await new Promise((resolve) => setImmediate(resolve));
        },
        { concurrency: 4 },
      );
    }
    await db().transaction(async (tx) => {
      for (let n = 0; n < 40; n++) await a.enqueue(tx, type, { n });
    });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    expect(ranA + ranB).toBe(40);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
    expect(
      (await rows<{ n: number }>(sql`select count(*)::int as n from jobs where queue = 'test-concurrent' and state = 'succeeded' and attempts = 1`))[0]!.n,
    ).toBe(40);
  });

  it('takes back the jobs of a dead worker once its heartbeat is older than the heartbeat timeout (2 min)', async () => {
    const type = defineJob('test-stale', payload);
    const jobs = newQueue();
    const stale = await jobs.enqueue(db(), type, { n: 1 });
    const exhausted = await jobs.enqueue(db(), type, { n: 2 }, { maxAttempts: 1 });
    const alive = await jobs.enqueue(db(), type, { n: 3 });
    await db().execute(
      sql`update jobs set state = 'running', locked_by = 'crashed-host:1', locked_at = now() - interval '3 minutes', attempts = 1 where id in (${stale.id}, ${exhausted.id})`,
    );
    await db().execute(
      sql`update jobs set state = 'running', locked_by = 'busy-host:1', locked_at = now() - interval '30 seconds', attempts = 1 where id = ${alive.id}`,
    );

    expect(await jobs.recoverStale()).toBe(2);
    expect(await jobRow(stale.id)).toMatchObject({ state: 'failed', attempts: 1, in_future: false });
    expect((await jobRow(stale.id)).last_error).toMatch(/停止心跳.*已回收/);
    expect((await jobRow(exhausted.id)).state).toBe('dead');
    expect((await jobRow(alive.id)).state).toBe('running');

    const seen: number[] = [];
    jobs.register(type, async ({ n }) => void seen.push(n));
    await jobs.drain();
    expect(seen).toEqual([1]);
    expect(await jobRow(stale.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('a running worker takes back and reruns a dead worker’s job without waiting for any longer time limit', async () => {
    const type = defineJob('test-dead-worker', payload);
    const jobs = newQueue();
    const seen: number[] = [];
    jobs.register(type, async ({ n }) => void seen.push(n));
    const job = await jobs.enqueue(db(), type, { n: 5 });
    // Claimed by a worker that was killed 3 minutes ago, in the middle of the handler.
    await db().execute(
      sql`update jobs set state = 'running', locked_by = 'killed-host:9', locked_at = now() - interval '3 minutes', attempts = 1 where id = ${job.id}`,
    );
    jobs.start();
    try {
      await expect.poll(async () => (await jobRow(job.id)).state, { timeout: 120_000, interval: 200 }).toBe('succeeded');
    } finally {
      await jobs.stop();
    }
    expect(seen).toEqual([5]);
    expect((await jobRow(job.id)).attempts).toBe(2);
  });

  it('a long-running handler keeps its claim: its heartbeat renews it, so it is never taken back', async () => {
    const type = defineJob('test-long', payload);
    const jobs = new JobQueue(db(), ctx.platform.params, 50);
    let release = () => {};
    let aborted = false;
    jobs.register(type, (_p, { signal }) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<void>((resolve) => (release = resolve));
    });
    const job = await jobs.enqueue(db(), type, { n: 1 });
    const run = jobs.runOnce();
    await expect.poll(async () => (await jobRow(job.id)).state).toBe('running');
    const heartbeatAge = async () =>
      (await rows<{ age: number }>(sql`select extract(epoch from now() - locked_at)::float8 as age from jobs where id = ${job.id}`))[0]!.age;
    // As though an hour had passed: a claim without heartbeat would be taken back now.
    await db().execute(sql`update jobs set locked_at = now() - interval '1 hour' where id = ${job.id}`);
    await expect.poll(heartbeatAge, { timeout: 60_000 }).toBeLessThan(60);
    expect(await newQueue().recoverStale()).toBe(0);
    expect((await jobRow(job.id)).state).toBe('running');
    release();
    await run;
    expect(aborted).toBe(false);
    expect(await jobRow(job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
  });

  it('a handler reports its progress (done / total), which the job list shows while it runs and keeps after', async () => {
    const type = defineJob('test-progress', payload);
    const jobs = new JobQueue(db(), ctx.platform.params);
    let release = () => {};
    jobs.register(type, async (_p, { progress }) => {
      await progress(40, 100);
      await new Promise<void>((resolve) => (release = resolve));
      await progress(100, 100);
    });
    const job = await jobs.enqueue(db(), type, { n: 1 });
    const listed = async () => (await ctx.app.inject({ method: 'GET', url: '/api/jobs?queue=test-progress', headers: sys.headers })).json().items[0];
    expect((await listed()).progress).toBeNull();
    const run = jobs.runOnce();
    await expect.poll(async () => (await listed()).progress).toEqual({ done: 40, total: 100 });
    expect((await listed()).state).toBe('running');
    release();
    await run;
    expect(await listed()).toMatchObject({ id: job.id, state: 'succeeded', progress: { done: 100, total: 100 } });
  });

  it('a handler whose claim was taken back is aborted and does not overwrite the new owner’s row', async () => {
    const type = defineJob('test-claim-lost', payload);
    const jobs = new JobQueue(db(), ctx.platform.params, 50);
    jobs.register(type, (_p, { signal }) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
    const job = await jobs.enqueue(db(), type, { n: 1 });
    const run = jobs.runOnce();
    await expect.poll(async () => (await jobRow(job.id)).state).toBe('running');
    // This process stalled past the timeout and another worker took the job over.
    await db().execute(sql`update jobs set locked_by = 'other-host:2', locked_at = now() where id = ${job.id}`);
    await run; // ends because the heartbeat found the claim gone and aborted the handler
    const [row] = await rows<{ state: string; locked_by: string; last_error: string | null }>(
      sql`select state, locked_by, last_error from jobs where id = ${job.id}`,
    );
    expect(row).toEqual({ state: 'running', locked_by: 'other-host:2', last_error: null });
  });

  it('keeps the parameters of a failed query out of the stored error', async () => {
    const type = defineJob('test-query-error', payload);
    const jobs = newQueue();
    jobs.register(type, async (_p, { db: jobDb }) => {
      await jobDb.execute(sql`select ${'王小明 13812345678'}::int`);
    });
    const job = await jobs.enqueue(db(), type, { n: 1 });
    await jobs.runOnce();
    const { last_error } = await jobRow(job.id);
    expect(last_error).toMatch(/^Failed query: select \$1::int/);
    expect(last_error).not.toMatch(/王小明|1381234|params/);
  });

  it('stop() waits for the handler in flight', async () => {
    const type = defineJob('test-stop', payload);
    const jobs = newQueue();
    let finished = false;
    // The handler holds until the test lets it go, so the test never races a fixed handler duration.
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    jobs.register(type, async () => {
      started();
      await held;
      finished = true;
    });
    jobs.start();
    await jobs.enqueue(db(), type, { n: 1 }); // wakes the poll loop at once
    await running;
    const stopping = jobs.stop();
    // A stop() that did not wait would be done by now; releasing later only makes it slower, never a false failure.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await stopping;
    expect(finished).toBe(true);
    expect((await rows<{ state: string }>(sql`select state from jobs where queue = 'test-stop'`))[0]!.state).toBe('succeeded');
  });
});

describe('schedules', () => {
  it('enqueues one job per tick, however often and by however many processes it is ticked', async () => {
    const type = defineJob('test-cron', payload);
    const [a, b] = [newQueue(), newQueue()];
    for (const jobs of [a, b]) jobs.schedules.schedule('test-every-minute', '* * * * *', type, { n: 1 });
    await a.schedules.ensureDeclared();
    const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    await db().execute(sql`update job_schedules set next_run_at = ${tick.toISOString()} where name = 'test-every-minute'`);

    await Promise.all([a.schedules.tick(), b.schedules.tick()]);
    await a.schedules.tick();
    expect(await countJobs('test-cron')).toBe(1);
    // A process that read the row before the first one moved it on: the idempotency key stops it.
    const [after] = await rows<{ next_run_at: Date; last_run_at: Date }>(
      sql`select next_run_at, last_run_at from job_schedules where name = 'test-every-minute'`,
    );
    expect(new Date(after!.last_run_at).getTime()).toBe(tick.getTime());
    expect(new Date(after!.next_run_at).getTime()).toBeGreaterThan(Date.now());
    await db().execute(sql`update job_schedules set next_run_at = ${tick.toISOString()} where name = 'test-every-minute'`);
    await b.schedules.tick();
    expect(await countJobs('test-cron')).toBe(1);
    const [job] = await rows<{ idempotency_key: string }>(sql`select idempotency_key from jobs where queue = 'test-cron'`);
    expect(job!.idempotency_key).toBe(`test-every-minute:${tick.toISOString()}`);
  });

  it('rejects an invalid cron expression when declared', () => {
    expect(() => newQueue().schedules.schedule('bad', '61 * * * *', defineJob('test-bad', payload), { n: 1 })).toThrow();
  });
});

describe('session purge', () => {
  it('deletes sessions past their expiry or idle timeout, and only those', async () => {
    const [user] = await rows<{ id: number }>(sql`select id from users where username = 'officer01'`);
    const insert = (id: string, expires: string, lastSeen: string) =>
      db().execute(
        sql`insert into sessions (id, user_id, csrf_token, ip, expires_at, last_seen_at) values (${id}, ${user!.id}, 'x', '10.0.0.1', now() + ${expires}::interval, now() + ${lastSeen}::interval)`,
      );
    await insert('purge-expired', '-1 minute', '-2 minutes');
    await insert('purge-idle', '4 hours', '-2 hours');
    await insert('purge-active', '4 hours', '-1 minute');

    await ctx.platform.jobs.enqueue(db(), sessionPurgeJob, {});
    expect(await ctx.platform.jobs.drain()).toBe(1);
    const left = await rows<{ id: string }>(sql`select id from sessions where id like 'purge-%'`);
    expect(left.map((s) => s.id)).toEqual(['purge-active']);
    expect(await countJobs('session-purge')).toBe(1);
    expect((await rows<{ state: string }>(sql`select state from jobs where queue = 'session-purge'`))[0]!.state).toBe('succeeded');
  });
});

describe('account dormancy', () => {
  it('disables only accounts unused for longer than the parameter, ends their sessions and audits each', async () => {
    const set = (username: string, lastLogin: string | null, created: string) =>
      db().execute(
        sql`update users set last_login_at = now() + ${lastLogin}::interval, created_at = now() + ${created}::interval where username = ${username}`,
      );
    await set('supervisor01', '-91 days', '-200 days');
    await set('road01', null, '-95 days'); // never logged in: counts from creation
    await set('officer01', '-10 days', '-200 days');
    await ctx.platform.jobs.enqueue(db(), accountDormancyJob, {});
    await ctx.platform.jobs.drain();
    const status = await rows<{ username: string; status: string }>(
      sql`select username, status from users where username in ('supervisor01', 'road01', 'officer01') order by username`,
    );
    expect(status).toEqual([
      { username: 'officer01', status: 'active' },
      { username: 'road01', status: 'disabled' },
      { username: 'supervisor01', status: 'disabled' },
    ]);
    const audited = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'user.dormant.disable'`);
    expect(audited[0]!.n).toBe(2);
  });
});

describe('audit archive', () => {
  const actor = systemActor('test');
  const insertAudit = async (age: string) =>
    (
      await rows<{ id: number }>(
        sql`insert into audit_log (ts, ip, action, result) values (now() - ${age}::interval, '10.0.0.1', 'test.archive', 'success') returning id::int as id`,
      )
    )[0]!.id;
  const deleteAudit = (id: number) => db().execute(sql`delete from audit_log where id = ${id}`);
  /** The database's own message (the driver error wraps it as its cause). */
  const refusal = (query: Promise<unknown>) =>
    query.then(
      () => 'accepted',
      (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
    );
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-archive-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves only rows older than the retention period into checksummed files, batch by batch', async () => {
    const old = [await insertAudit('200 days'), await insertAudit('200 days'), await insertAudit('200 days')];
    const young = await insertAudit('170 days');
    old.push(await insertAudit('365 days'), await insertAudit('200 days'));

    expect(await archiveAuditLog(db(), { dir, keys: ctx.platform.keys, retentionDays: 180, actor, batchRows: 2 })).toBe(5);

    const left = await rows<{ id: number }>(sql`select id::int as id from audit_log where action = 'test.archive' order by id`);
    expect(left.map((r) => r.id)).toEqual([young]);
    const archives = await rows<{ from_id: number; to_id: number; row_count: number; file: string; sm3: string }>(
      sql`select from_id::int, to_id::int, row_count, file, sm3 from audit_archives order by id`,
    );
    // The batch that reaches the younger row ends before it, so no archive range covers a row that stays.
    expect(archives.map((a) => [a.from_id, a.to_id, a.row_count])).toEqual([
      [old[0], old[1], 2],
      [old[2], old[2], 1],
      [old[3], old[4], 2],
    ]);
    for (const a of archives) {
      const content = readFileSync(path.join(dir, a.file));
      expect(sm3Hex(content)).toBe(a.sm3);
      const archived = gunzipSync(content)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: number; action: string });
      expect(archived.map((r) => r.id)).toEqual(old.filter((id) => id >= a.from_id && id <= a.to_id));
    }
    const audits = await rows<{ count: number }>(sql`select (details->>'count')::int as count from audit_log where action = 'audit.archive' order by id`);
    expect(audits.map((a) => a.count)).toEqual([2, 1, 2]);
  });

  it('still cannot delete audit rows that are recent or not archived, nor change any', async () => {
    const unarchivedOld = await insertAudit('200 days');
    const recent = await insertAudit('1 day');
    const [young] = await rows<{ id: number }>(
      sql`select id::int as id from audit_log where action = 'test.archive' and ts > now() - interval '180 days' order by id limit 1`,
    );
    for (const id of [unarchivedOld, recent, young!.id]) await expect(refusal(deleteAudit(id))).resolves.toMatch(/DELETE of unarchived or recent row/);
    await expect(refusal(db().execute(sql`update audit_log set action = 'x' where id = ${recent}`))).resolves.toMatch(/UPDATE refused/);
  });

  it('refuses a retention period below the legal minimum of 180 days', async () => {
    expect(auditRetentionDays.schema.safeParse(90).success).toBe(false);
    const sec = await loginFresh(ctx, 'secadmin');
    const res = await ctx.app.inject({ method: 'PUT', url: '/api/system/params/audit.retentionDays', headers: sec.headers, payload: { value: 90 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/不能小于 180/);
  });
});

describe('routes', () => {
  const type = defineJob('test-routes', payload);
  let ids: { pending: number; succeeded: number; dead: number };
  beforeAll(async () => {
    const jobs = newQueue();
    const pending = await jobs.enqueue(db(), type, { n: 1 }, { runAt: new Date(Date.now() + 3600_000) });
    const succeeded = await jobs.enqueue(db(), type, { n: 2 });
    const dead = await jobs.enqueue(db(), type, { n: 3 });
    await db().execute(sql`update jobs set state = 'succeeded', attempts = 1, finished_at = now() where id = ${succeeded.id}`);
    await db().execute(sql`update jobs set state = 'dead', attempts = 8, last_error = '上游超时', finished_at = now() where id = ${dead.id}`);
    ids = { pending: pending.id, succeeded: succeeded.id, dead: dead.id };
  });
  const call = (s: Session, method: 'GET' | 'POST', url: string) => ctx.app.inject({ method, url, headers: s.headers });

  it('lists jobs a page at a time, filtered by state and queue', async () => {
    const res = await call(sys, 'GET', '/api/jobs?queue=test-routes&pageSize=2');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(res.json().items.map((j: { id: number }) => j.id)).toEqual([ids.dead, ids.succeeded]);
    const dead = (await call(sys, 'GET', '/api/jobs?queue=test-routes&state=dead')).json();
    expect(dead.items).toEqual([
      expect.objectContaining({ id: ids.dead, state: 'dead', attempts: 8, maxAttempts: 8, lastError: '上游超时', finishedAt: expect.any(String) }),
    ]);
    expect((await call(sys, 'GET', '/api/jobs?state=nonsense')).statusCode).toBe(400);
  });

  it('counts jobs by queue and state', async () => {
    const res = await call(sys, 'GET', '/api/jobs/stats');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([
        { queue: 'test-routes', state: 'pending', count: 1 },
        { queue: 'test-routes', state: 'succeeded', count: 1 },
        { queue: 'test-routes', state: 'dead', count: 1 },
      ]),
    );
  });

  it('lists the platform schedules', async () => {
    await ctx.platform.jobs.schedules.ensureDeclared();
    const res = await call(sys, 'GET', '/api/jobs/schedules');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'session-purge', cron: '*/10 * * * *', queue: 'session-purge', enabled: true, nextRunAt: expect.any(String) }),
        expect.objectContaining({ name: 'audit-archive', queue: 'audit-archive', lastRunAt: null }),
      ]),
    );
  });

  it('retries a dead job with one more attempt, audited', async () => {
    const res = await call(sys, 'POST', `/api/jobs/${ids.dead}/retry`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: ids.dead, state: 'pending', attempts: 8, maxAttempts: 9, finishedAt: null });
    const [entry] = await rows<{ username: string; target_id: string }>(sql`select username, target_id from audit_log where action = 'job.retry'`);
    expect(entry).toEqual({ username: sys.username, target_id: String(ids.dead) });
  });

  it('cancels a pending job, audited, and refuses cancelling a finished one with 409', async () => {
    const ok = await call(sys, 'POST', `/api/jobs/${ids.pending}/cancel`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('cancelled');
    expect(
      (await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'job.cancel' and target_id = ${String(ids.pending)}`))[0]!.n,
    ).toBe(1);

    const refused = await call(sys, 'POST', `/api/jobs/${ids.succeeded}/cancel`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'JOB_STATE_CONFLICT', message: expect.stringMatching(/已完成.*只有待执行或失败待重试的任务可以取消/) });
    expect((await call(sys, 'POST', `/api/jobs/${ids.succeeded}/retry`)).statusCode).toBe(409);
    expect((await call(sys, 'POST', '/api/jobs/999999/retry')).statusCode).toBe(404);
  });

  it('is closed to users without the job permissions', async () => {
    expect((await call(aud, 'GET', '/api/jobs')).statusCode).toBe(403);
    expect((await call(aud, 'GET', '/api/jobs/stats')).statusCode).toBe(403);
    expect((await call(aud, 'POST', `/api/jobs/${ids.dead}/cancel`)).statusCode).toBe(403);
  });
});
