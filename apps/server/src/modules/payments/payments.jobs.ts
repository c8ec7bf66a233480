import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** G9: fetch the SMS gateway's delivery reports of 缴款 notices, and send those waiting after a retryable failure. */
export const noticePollJob = defineJob('payments.notice-poll', z.strictObject({}));
