import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobSchedules } from './jobs.table.ts';

export type StoredSchedule = typeof jobSchedules.$inferSelect;

export const jobSchedulesRepository = {
  /** Code owns cron, queue and payload; the next run is kept unless the cron changed. */
  async upsert(db: DbOrTx, s: { name: string; cron: string; queue: string; payload: unknown; nextRunAt: Date | null }): Promise<void> {
    await db
      .insert(jobSchedules)
      .values(s)
      .onConflictDoUpdate({
        target: jobSchedules.name,
        set: {
          cron: s.cron,
          queue: s.queue,
          payload: s.payload,
          nextRunAt: sql`case when ${jobSchedules.cron} = excluded.cron and ${jobSchedules.nextRunAt} is not null then ${jobSchedules.nextRunAt} else excluded.next_run_at end`,
        },
      });
  },
  due(db: DbOrTx, names: string[], now: Date): Promise<StoredSchedule[]> {
    if (names.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(jobSchedules)
      .where(and(inArray(jobSchedules.name, names), eq(jobSchedules.enabled, true), lte(jobSchedules.nextRunAt, now)));
  },
  /** Moves a schedule past the tick `at`; a no-op when another process has already done so. */
  async advance(db: DbOrTx, name: string, at: Date, next: Date | null): Promise<void> {
    await db
      .update(jobSchedules)
      .set({ lastRunAt: at, nextRunAt: next })
      .where(and(eq(jobSchedules.name, name), eq(jobSchedules.nextRunAt, at)));
  },
  all(db: DbOrTx): Promise<StoredSchedule[]> {
    return db.select().from(jobSchedules).orderBy(asc(jobSchedules.name));
  },
};
