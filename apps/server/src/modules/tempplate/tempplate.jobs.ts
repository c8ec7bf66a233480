import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** The temporary-plate module's job descriptors (a leaf: the module's start, schedules and handlers import it). */

/** The nightly re-evaluation of the rules that need history, over the last `days` days. */
export const reevaluateJob = defineJob('tempplate.reevaluate', z.strictObject({ days: z.number().int().min(1).max(400) }));

/** Development: takes the simulated 车驾管 year page by page through the intake (each page enqueues the next). */
export const demoIntakeJob = defineJob('tempplate.demo-intake', z.strictObject({ cursor: z.string().nullable() }));

/** Hourly: marks the open work orders past their deadline as reminded (T22–T24). */
export const remindOverdueJob = defineJob('tempplate.remind-overdue', z.strictObject({}));

/**
 * Once per database: fills `origin_no` (X6) of the businesses received before it was stored, from their encrypted
 * invoice data, in pages by id after the watermark `afterId`; each run enqueues the next from where it stopped.
 */
export const backfillOriginJob = defineJob('tempplate.backfill-origin', z.strictObject({ afterId: z.number().int().min(0) }));
