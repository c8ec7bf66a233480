import type { JobSchedule } from '@shtp/core/platform';
import { Cron } from 'croner';
import type { Db } from '../db/client.ts';
import { jobSchedulesRepository as repo } from './job-schedules.repository.ts';
import type { JobEnqueuer, JobType } from './job-type.ts';

/** Cron expressions are read in the time of the people who set them. */
const TIMEZONE = 'Asia/Shanghai';

interface Declaration {
  name: string;
  cron: string;
  type: JobType<unknown>;
  payload: unknown;
}

const nextRun = (cron: string, after: Date) => new Cron(cron, { timezone: TIMEZONE }).nextRun(after);

/**
 * Cron schedules that enqueue jobs. Declared in code, stored in job_schedules so that every process
 * shares one next run time; each tick's job has the idempotency key `${name}:${tickISO}`, so processes
 * ticking at the same time enqueue it once.
 */
export class JobScheduler {
  private readonly declared = new Map<string, Declaration>();

  constructor(
    private readonly db: Db,
    private readonly jobs: JobEnqueuer,
  ) {}

  /** Declares a schedule (cron in Asia/Shanghai time); `ensureDeclared()` writes it to the database. */
  schedule<T>(name: string, cron: string, type: JobType<T>, payload: T): void {
    if (this.declared.has(name)) throw new Error(`job schedule ${name} declared twice`);
    nextRun(cron, new Date()); // an invalid expression fails at start, not at the first tick
    type.schema.parse(payload);
    this.declared.set(name, { name, cron, type: type as JobType<unknown>, payload });
  }

  async ensureDeclared(now = new Date()): Promise<void> {
    for (const d of this.declared.values()) {
      await repo.upsert(this.db, { name: d.name, cron: d.cron, queue: d.type.queue, payload: d.payload, nextRunAt: nextRun(d.cron, now) });
    }
  }

  /**
   * Enqueues one job for every due schedule and moves it to its next time after `now`: after downtime a
   * schedule runs once to catch up, not once per missed tick. Returns the number of schedules that were due.
   */
  async tick(now = new Date()): Promise<number> {
    const due = await repo.due(this.db, [...this.declared.keys()], now);
    for (const s of due) {
      const declaration = this.declared.get(s.name);
      const at = s.nextRunAt;
      if (!declaration || !at) continue;
      await this.db.transaction(async (tx) => {
        await this.jobs.enqueue(tx, declaration.type, s.payload, { idempotencyKey: `${s.name}:${at.toISOString()}` });
        await repo.advance(tx, s.name, at, nextRun(s.cron, now));
      });
    }
    return due.length;
  }

  async list(): Promise<JobSchedule[]> {
    const rows = await repo.all(this.db);
    return rows.map((s) => ({
      name: s.name,
      cron: s.cron,
      queue: s.queue,
      enabled: s.enabled,
      lastRunAt: s.lastRunAt?.toISOString() ?? null,
      nextRunAt: s.nextRunAt?.toISOString() ?? null,
    }));
  }
}
