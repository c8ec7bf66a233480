import type { z } from 'zod';
import type { Actor } from '../audit/audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import type { StoredJob } from './jobs.repository.ts';

/** A queue name with the schema of its payload, shared by the code that enqueues and the handler. */
export interface JobType<T> {
  queue: string;
  schema: z.ZodType<T>;
}

export interface EnqueueOptions {
  /** A second enqueue with the same key on the same queue returns the first job instead. */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What enqueues a job: the queue, as the scheduler and other producers see it. */
export interface JobEnqueuer {
  /** Inserts a job in the caller's transaction: it exists only if that transaction commits. */
  enqueue<T>(db: DbOrTx, type: JobType<T>, payload: T, opts?: EnqueueOptions): Promise<StoredJob>;
}

export function defineJob<T>(queue: string, schema: z.ZodType<T>): JobType<T> {
  return { queue, schema };
}

export interface JobContext {
  job: StoredJob;
  db: Db;
  /** Aborted when the handler's time limit passes, the process stops or the claim was taken back: stop between steps. */
  signal: AbortSignal;
  /** The job as the actor of audit records it writes. */
  actor: Actor;
  /** The workers' logger (silent until the queue is started). */
  log: JobLogger;
  /** Reports how far a long job is (shown on 任务队列) and renews its claim; call it between steps. */
  progress(done: number, total: number): Promise<void>;
  /**
   * Gives way to the console between steps of a long job: resolves once no request is being answered (after 2 s at
   * the latest), so that users are served before the next batch takes the event loop and the embedded database.
   */
  giveWay(): Promise<void>;
}

/**
 * Runs one job. Delivery is at least once (a crash after the work but before the state update runs it
 * again), so a handler must be idempotent. Error messages are stored and shown: no personal data in them.
 */
export type JobHandler<T> = (payload: T, ctx: JobContext) => Promise<void>;

export interface HandlerOptions {
  /** Jobs of this queue run at the same time in one process (default 1). */
  concurrency?: number;
  /**
   * Time limit of one attempt (default 5 min); then the signal aborts and the attempt counts as failed.
   * The worker's heartbeat keeps the claim for as long as the attempt runs.
   */
  timeoutMs?: number;
  /** Overrides the backoff parameters for this queue. */
  backoff?: { baseMs: number; capMs: number };
}
