import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** Thumbnail and display rendition of one page, made off the request path. */
export const renditionJob = defineJob('archive-rendition', z.strictObject({ pageId: z.number().int().positive() }));

/** A6: the day's digest of incomplete archives per department (scheduled every morning). */
export const warningDigestJob = defineJob('archive-warning-digest', z.strictObject({}));

/** A6: the ledger's businesses past the warning delay whose archive was never opened (scheduled every hour). */
export const unopenedScanJob = defineJob('archive-unopened-scan', z.strictObject({}));

/** Development only: complete archives for the demo ledger's paper-era registrations (to be shown on 到期处置). */
export const demoExpiredJob = defineJob('archive-demo-expired', z.strictObject({}));
