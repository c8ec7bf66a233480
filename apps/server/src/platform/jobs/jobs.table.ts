import type { JobState } from '@shtp/core/platform';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Durable job queue (outbox): rows are inserted in the caller's transaction and claimed with SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text().notNull(),
    payload: jsonb().notNull(),
    state: text().$type<JobState>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    /** When the worker took the claim or last renewed it (heartbeat); an old one means the worker is gone. */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Progress a long job reports while it runs (done of total items); null for a job that does not report. */
    progressDone: integer('progress_done'),
    progressTotal: integer('progress_total'),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_idempotency_uq').on(t.queue, t.idempotencyKey),
    index('jobs_due_idx').on(t.runAt).where(sql`${t.state} in ('pending', 'failed')`),
    index('jobs_state_idx').on(t.state, t.queue),
  ],
);

export const jobSchedules = pgTable('job_schedules', {
  name: text().primaryKey(),
  cron: text().notNull(),
  queue: text().notNull(),
  payload: jsonb().notNull().default({}),
  enabled: boolean().notNull().default(true),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
});
