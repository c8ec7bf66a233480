import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** G9: fetch the SMS gateway's delivery reports of 缴款 notices, and send those waiting after a retryable failure. */
export const noticePollJob = defineJob('payments.notice-poll', z.strictObject({}));

/** G10: the daily reconciliation against the e-CNY channel's statement; `day` (YYYY-MM-DD, Shanghai) defaults to yesterday. */
export const reconcileJob = defineJob(
  'payments.reconcile',
  z.strictObject({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
);
