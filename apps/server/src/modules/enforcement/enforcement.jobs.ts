import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** P3/P6 按标准上传 of one record; enqueued in the transaction that writes it (a breath test, a blood sample's result). */
export const standardUploadJob = defineJob('enforcement.standard-upload', z.strictObject({ recordType: z.enum(['breath', 'blood']), recordId: z.uuid() }));
