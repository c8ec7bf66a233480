import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import { purgeExpiredNonces } from './replay-cache.repository.ts';

export const noncePurgeJob = defineJob('envelope-nonce-purge', z.strictObject({}));

/** Keeps the replay cache small: nonces past their retention are refused as expired by the freshness check anyway. */
export function registerNoncePurge(jobs: JobQueue): void {
  jobs.register(noncePurgeJob, async (_payload, { db }) => {
    await purgeExpiredNonces(db);
  });
  jobs.schedules.schedule('envelope-nonce-purge', '*/15 * * * *', noncePurgeJob, {});
}
