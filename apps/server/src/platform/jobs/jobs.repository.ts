import type { JobListQuery, JobState, JobStats } from '@shtp/core/platform';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobs } from './jobs.table.ts';

export type StoredJob = typeof jobs.$inferSelect;
export type NewJob = Pick<typeof jobs.$inferInsert, 'queue' | 'payload' | 'idempotencyKey' | 'runAt' | 'maxAttempts'>;

const exhausted = sql`${jobs.attempts} >= ${jobs.maxAttempts}`;

export const jobsRepository = {
  /** Undefined when a job with the same (queue, idempotency key) exists already. */
  async insert(db: DbOrTx, job: NewJob): Promise<StoredJob | undefined> {
    const rows = await db
      .insert(jobs)
      .values(job)
      .onConflictDoNothing({ target: [jobs.queue, jobs.idempotencyKey] })
      .returning();
    return rows[0];
  },
  async byIdempotencyKey(db: DbOrTx, queue: string, key: string): Promise<StoredJob | undefined> {
    const rows = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, queue), eq(jobs.idempotencyKey, key)));
    return rows[0];
  },
  async byId(db: DbOrTx, id: number): Promise<StoredJob | undefined> {
    const rows = await db.select().from(jobs).where(eq(jobs.id, id));
    return rows[0];
  },

  /**
   * Claims due jobs for `workerId`: up to `limit` per queue, oldest first. SKIP LOCKED lets any number of
   * processes claim at the same time without ever taking the same row.
   */
  claim(db: DbOrTx, workerId: string, slots: { queue: string; limit: number }[]): Promise<StoredJob[]> {
    const queues = sql.join(
      slots.map((s) => sql`${s.queue}`),
      sql`, `,
    );
    const limits = sql.join(
      slots.map((s) => sql`${s.limit}`),
      sql`, `,
    );
    return db
      .update(jobs)
      .set({ state: 'running', lockedBy: workerId, lockedAt: sql`now()`, attempts: sql`${jobs.attempts} + 1`, updatedAt: sql`now()` })
      .where(
        sql`${jobs.id} in (
          select due.id from unnest(array[${queues}]::text[], array[${limits}]::int[]) as q(name, n)
          cross join lateral (
            select d.id from jobs d
            where d.queue = q.name and d.state in ('pending', 'failed') and d.run_at <= now()
            order by d.run_at limit q.n
            for update skip locked
          ) due
        )`,
      )
      .returning();
  },

  /** Renews this worker's claim (heartbeat); false when the job is no longer its own (taken back meanwhile). */
  async heartbeat(db: DbOrTx, id: number, workerId: string): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ lockedAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return rows.length > 0;
  },

  /** Records a running job's progress and renews its claim; false when the job is no longer this worker's. */
  async progress(db: DbOrTx, id: number, workerId: string, done: number, total: number): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ progressDone: done, progressTotal: total, lockedAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return rows.length > 0;
  },

  /** False when the job is no longer this worker's (recovered as stale meanwhile). */
  async succeed(db: DbOrTx, id: number, workerId: string): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ state: 'succeeded', finishedAt: sql`now()`, lastError: null, lockedBy: null, lockedAt: null, updatedAt: sql`now()` })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ id: jobs.id });
    return rows.length > 0;
  },

  /** 'failed' to run again after `delayMs`, or 'dead' once the attempts are used up. */
  async fail(db: DbOrTx, id: number, workerId: string, error: string, delayMs: number): Promise<JobState | undefined> {
    const rows = await db
      .update(jobs)
      .set({
        state: sql<JobState>`case when ${exhausted} then 'dead' else 'failed' end`,
        lastError: error,
        runAt: sql`case when ${exhausted} then ${jobs.runAt} else now() + make_interval(secs => ${delayMs / 1000}) end`,
        finishedAt: sql`case when ${exhausted} then now() end`,
        lockedBy: null,
        lockedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
      .returning({ state: jobs.state });
    return rows[0]?.state;
  },

  /** Running jobs whose worker stopped its heartbeat (crash, kill) go back to be retried, or dead when used up. */
  async recoverStale(db: DbOrTx, heartbeatTimeoutSeconds: number, error: string): Promise<number> {
    const rows = await db
      .update(jobs)
      .set({
        state: sql`case when ${exhausted} then 'dead' else 'failed' end`,
        lastError: error,
        runAt: sql`now()`,
        finishedAt: sql`case when ${exhausted} then now() end`,
        lockedBy: null,
        lockedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(jobs.state, 'running'), sql`${jobs.lockedAt} < now() - make_interval(secs => ${heartbeatTimeoutSeconds})`))
      .returning({ id: jobs.id });
    return rows.length;
  },

  /** Back to pending now; one more attempt is allowed when the attempts were used up. */
  async retry(db: DbOrTx, id: number): Promise<StoredJob | undefined> {
    const rows = await db
      .update(jobs)
      .set({
        state: 'pending',
        runAt: sql`now()`,
        maxAttempts: sql`greatest(${jobs.maxAttempts}, ${jobs.attempts} + 1)`,
        finishedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(jobs.id, id), sql`${jobs.state} in ('failed', 'dead', 'cancelled')`))
      .returning();
    return rows[0];
  },
  async cancel(db: DbOrTx, id: number): Promise<StoredJob | undefined> {
    const rows = await db
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(jobs.id, id), sql`${jobs.state} in ('pending', 'failed')`))
      .returning();
    return rows[0];
  },

  async list(db: DbOrTx, q: JobListQuery): Promise<{ items: StoredJob[]; total: number }> {
    const filters: SQL[] = [];
    if (q.state) filters.push(eq(jobs.state, q.state));
    if (q.queue) filters.push(eq(jobs.queue, q.queue));
    const where = and(...filters);
    const items = await db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(jobs).where(where);
    return { items, total: total?.n ?? 0 };
  },
  stats(db: DbOrTx): Promise<JobStats> {
    return db.select({ queue: jobs.queue, state: jobs.state, count: count() }).from(jobs).groupBy(jobs.queue, jobs.state).orderBy(jobs.queue, jobs.state);
  },
};
