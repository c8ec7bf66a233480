import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { ParamsService } from '../params/params.service.ts';
import type { BlobParams } from './blobs.params.ts';
import { purgeUnfinishedUploads } from './resumable-uploads.ts';

export const uploadPurgeJob = defineJob('blob-upload-purge', z.strictObject({}));

/** Hourly: the parts of uploads abandoned for longer than `blobs.upload.unfinishedHours` are deleted. */
export function registerUploadPurge(jobs: JobQueue, params: ParamsService, p: BlobParams, dataDir: string): void {
  jobs.register(uploadPurgeJob, async () => {
    await purgeUnfinishedUploads(dataDir, await params.get(p.unfinishedUploadHours));
  });
  jobs.schedules.schedule('blob-upload-purge', '17 * * * *', uploadPurgeJob, {});
}
