import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/**
 * The e-bike module's job descriptors: a leaf file, so that whoever enqueues (the ledger, the upload monitor, the
 * module's start) and whoever handles (upload/upload.job.ts, demo/demo-population.ts) need not import each other.
 */

/** One 六合一 upload per business (outbox); enqueued in the business's own transaction. */
export const ebikeUploadJob = defineJob('ebike.upload', z.strictObject({ businessId: z.number().int().positive() }));

/** The synthetic demo population of a new non-production database. */
export const demoPopulationJob = defineJob('ebike.demo-population', z.strictObject({ total: z.number().int().min(0), seed: z.number().int() }));

/** The daily reconciliation with 六合一 of one day (YYYY-MM-DD, China time; default: yesterday). */
export const ebikeReconcileJob = defineJob(
  'ebike.reconcile',
  z.strictObject({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
);

/** Recomputes every vehicle from its signed ledger and reports differences; `rebuild` also restores the projection. */
export const projectionCheckJob = defineJob('ebike.projection-check', z.strictObject({ rebuild: z.boolean().default(false) }));
