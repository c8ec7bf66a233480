import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { JOB_STATE_LABELS, type JobListQuery, type JobStats } from '@shtp/core/platform';
import { type Actor, systemActor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { conflict, notFound } from '../http/errors.ts';
import { RequestActivity } from '../http/request-activity.ts';
import type { ParamsService } from '../params/params.service.ts';
import { backoffDelayMs, storedErrorMessage } from './job-failure.ts';
import { JobScheduler } from './job-schedules.ts';
import type { EnqueueOptions, HandlerOptions, JobEnqueuer, JobHandler, JobLogger, JobType } from './job-type.ts';
import { jobParams } from './jobs.params.ts';
import { jobsRepository as repo, type StoredJob } from './jobs.repository.ts';

interface Registration {
  type: JobType<unknown>;
  handler: JobHandler<unknown>;
  concurrency: number;
  timeoutMs: number;
  backoff: HandlerOptions['backoff'];
  running: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** Stale-job recovery and schedule ticks; cron has minute precision, so this is often enough. */
const MAINTENANCE_EVERY_MS = 10_000;
const STALE_ERROR = '执行中断（工作进程停止心跳，可能已退出），已回收';
/** Failures are kept in jobs.last_error; a logger is only needed once the workers run (start). */
const SILENT: JobLogger = { info() {}, warn() {}, error() {} };

/**
 * Durable jobs in the database (outbox): enqueue inside the business transaction, workers claim due jobs
 * with SKIP LOCKED, retry with exponential backoff, dead-letter after max attempts. Safe with any number
 * of processes on one PostgreSQL.
 */
export class JobQueue implements JobEnqueuer {
  readonly schedules: JobScheduler;
  /** The requests being answered; the app reports them, long jobs give way to them (JobContext.giveWay). */
  readonly requests = new RequestActivity();
  private readonly handlers = new Map<string, Registration>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Aborted by stop(): running handlers see their signal abort and stop between steps. */
  private shutdown = new AbortController();
  private readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private log = SILENT;
  private running = false;
  private loop: Promise<void> | null = null;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private lastMaintenance = 0;
  /** Claims of one process run one after another, so that free slots are counted right. */
  private claims: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly params: ParamsService,
    /** How often a running job's claim is renewed; default a quarter of the heartbeat timeout parameter. */
    private readonly heartbeatEveryMs?: number,
  ) {
    this.schedules = new JobScheduler(db, this);
  }

  /** Inserts a job in the caller's transaction: it exists only if that transaction commits. */
  async enqueue<T>(db: DbOrTx, type: JobType<T>, payload: T, opts: EnqueueOptions = {}): Promise<StoredJob> {
    const job = await repo.insert(db, {
      queue: type.queue,
      payload: type.schema.parse(payload),
      idempotencyKey: opts.idempotencyKey ?? null,
      runAt: opts.runAt,
      maxAttempts: opts.maxAttempts,
    });
    if (job) {
      // Before the caller commits the job may not be visible yet; the next poll then finds it.
      this.wake();
      return job;
    }
    const existing = opts.idempotencyKey ? await repo.byIdempotencyKey(db, type.queue, opts.idempotencyKey) : undefined;
    if (!existing) throw new Error(`job on ${type.queue} neither inserted nor found`);
    return existing;
  }

  register<T>(type: JobType<T>, handler: JobHandler<T>, opts: HandlerOptions = {}): void {
    if (this.handlers.has(type.queue)) throw new Error(`job queue ${type.queue} registered twice`);
    this.handlers.set(type.queue, {
      type: type as JobType<unknown>,
      handler: handler as JobHandler<unknown>,
      concurrency: opts.concurrency ?? 1,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      backoff: opts.backoff,
      running: 0,
    });
  }

  /** Starts the poll loop (workers, stale recovery, schedule ticks) in this process. */
  start(log: JobLogger = SILENT): void {
    if (this.running) return;
    this.log = log;
    this.running = true;
    this.loop = this.pollLoop();
  }

  /** Stops polling and waits for the running handlers (each ends at the latest at its time limit). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    this.shutdown.abort(new Error('服务停止，任务中断'));
    await this.loop;
    this.loop = null;
    await Promise.all(this.inFlight);
    this.shutdown = new AbortController();
  }

  /** Claims what is due for the free slots and waits for those jobs; returns how many ran. For tests and tools. */
  async runOnce(): Promise<number> {
    const started = await this.claimAndDispatch();
    await Promise.all(started);
    return started.length;
  }

  /** Runs until nothing is due; jobs that failed wait for their backoff, so this ends. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n > 0; n = await this.runOnce()) total += n;
    return total;
  }

  /** Running jobs whose claim was not renewed within the heartbeat timeout are taken back (their worker died). */
  async recoverStale(): Promise<number> {
    const seconds = await this.params.get(jobParams.heartbeatTimeoutSeconds);
    const count = await repo.recoverStale(this.db, seconds, STALE_ERROR);
    if (count > 0) this.log.warn({ count }, 'recovered stale running jobs');
    return count;
  }

  /** Manual retry of a failed, dead or cancelled job: pending now, one more attempt if they were used up. */
  async retry(id: number, actor: Actor): Promise<StoredJob> {
    const job = await this.db.transaction(async (tx) => {
      const row = await repo.retry(tx, id);
      if (!row) throw await this.refusal(tx, id, '只有失败、死信或已取消的任务可以重试');
      await audit(tx, actor, { action: 'job.retry', targetType: 'job', targetId: id, details: { queue: row.queue, attempts: row.attempts } });
      return row;
    });
    this.wake();
    return job;
  }

  async cancel(id: number, actor: Actor): Promise<StoredJob> {
    return this.db.transaction(async (tx) => {
      const row = await repo.cancel(tx, id);
      if (!row) throw await this.refusal(tx, id, '只有待执行或失败待重试的任务可以取消');
      await audit(tx, actor, { action: 'job.cancel', targetType: 'job', targetId: id, details: { queue: row.queue } });
      return row;
    });
  }

  /** One job as stored (a module answering its caller about a job it queued for them, e.g. 立即检查). */
  find(id: number): Promise<StoredJob | undefined> {
    return repo.byId(this.db, id);
  }

  list(query: JobListQuery): Promise<{ items: StoredJob[]; total: number }> {
    return repo.list(this.db, query);
  }

  stats(): Promise<JobStats> {
    return repo.stats(this.db);
  }

  private async refusal(db: DbOrTx, id: number, message: string) {
    const job = await repo.byId(db, id);
    if (!job) return notFound('任务');
    return conflict('JOB_STATE_CONFLICT', `任务当前状态为「${JOB_STATE_LABELS[job.state]}」，${message}`);
  }

  private async pollLoop(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let intervalMs = jobParams.pollIntervalSeconds.defaultValue * 1000;
      try {
        if (Date.now() - this.lastMaintenance >= MAINTENANCE_EVERY_MS) {
          this.lastMaintenance = Date.now();
          await this.recoverStale();
          await this.schedules.tick();
        }
        await this.claimAndDispatch();
        intervalMs = (await this.params.get(jobParams.pollIntervalSeconds)) * 1000;
      } catch (err) {
        this.log.error({ err }, 'job poll failed');
      }
      if (this.running) await this.sleep(intervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private claimAndDispatch(): Promise<Promise<void>[]> {
    const next = this.claims.then(async () => {
      const slots = [...this.handlers.values()]
        .filter((r) => r.running < r.concurrency)
        .map((r) => ({ queue: r.type.queue, limit: r.concurrency - r.running }));
      if (slots.length === 0) return [];
      const claimed = await repo.claim(this.db, this.workerId, slots);
      return claimed.map((job) => this.dispatch(job));
    });
    this.claims = next.catch(() => undefined);
    return next;
  }

  private dispatch(job: StoredJob): Promise<void> {
    const reg = this.handlers.get(job.queue);
    if (!reg) throw new Error(`claimed a job of unregistered queue ${job.queue}`);
    reg.running++;
    const run = this.execute(reg, job).finally(() => {
      reg.running--;
      this.inFlight.delete(run);
      this.wake();
    });
    this.inFlight.add(run);
    return run;
  }

  /** Never rejects: the outcome is written to the job row. */
  private async execute(reg: Registration, job: StoredJob): Promise<void> {
    try {
      const payload = reg.type.schema.parse(job.payload);
      const claim = await this.holdClaim(job);
      try {
        const stop = AbortSignal.any([this.shutdown.signal, claim.lost]);
        const progress = (done: number, total: number) => repo.progress(this.db, job.id, this.workerId, done, total).then(() => undefined);
        await withTimeout(reg.timeoutMs, stop, (signal) =>
          reg.handler(payload, { job, db: this.db, signal, actor: this.actorFor(job), log: this.log, progress, giveWay: () => this.requests.quiet(signal) }),
        );
      } finally {
        claim.release();
      }
      await repo.succeed(this.db, job.id, this.workerId);
    } catch (err) {
      const message = storedErrorMessage(err);
      try {
        const backoff = reg.backoff ?? {
          baseMs: (await this.params.get(jobParams.backoffBaseSeconds)) * 1000,
          capMs: (await this.params.get(jobParams.backoffCapMinutes)) * 60_000,
        };
        const state = await repo.fail(this.db, job.id, this.workerId, message, backoffDelayMs(job.attempts, backoff.baseMs, backoff.capMs));
        this.log.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, state, error: message }, 'job failed');
      } catch (writeErr) {
        // The row stays 'running' and comes back through stale recovery.
        this.log.error({ jobId: job.id, err: writeErr }, 'could not record job failure');
      }
    }
  }

  /**
   * Renews the claim while the handler runs, so that only the jobs of a dead worker are taken back, however long
   * a job runs. Should the claim be taken back anyway (the process stalled past the timeout), the handler is
   * aborted: another worker runs the job again.
   */
  private async holdClaim(job: StoredJob): Promise<{ lost: AbortSignal; release(): void }> {
    const lost = new AbortController();
    const everyMs = this.heartbeatEveryMs ?? ((await this.params.get(jobParams.heartbeatTimeoutSeconds)) * 1000) / 4;
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      repo
        .heartbeat(this.db, job.id, this.workerId)
        .then(
          (held) => {
            if (held) return;
            clearInterval(timer);
            lost.abort(new Error('任务已被回收（心跳超时），本次执行停止'));
          },
          (err: unknown) => this.log.warn({ jobId: job.id, err }, 'job heartbeat failed'),
        )
        .finally(() => {
          renewing = false;
        });
    }, everyMs);
    timer.unref();
    return { lost: lost.signal, release: () => clearInterval(timer) };
  }

  private actorFor(job: StoredJob): Actor {
    return systemActor(`job ${job.queue} on ${this.workerId}`, `job-${job.id}`);
  }
}

async function withTimeout(ms: number, shutdown: AbortSignal, run: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const onShutdown = () => controller.abort(shutdown.reason);
  shutdown.addEventListener('abort', onShutdown, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`执行超时（超过 ${Math.round(ms / 1000)} 秒）`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
    shutdown.removeEventListener('abort', onShutdown);
  }
}
