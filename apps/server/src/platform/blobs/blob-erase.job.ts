import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { BlobStore } from './blob-store.ts';

/** Deletes the objects of blobs erased in a business transaction (`BlobStore.erase`), after it committed. */
export const blobEraseJob = defineJob('blob-erase', z.strictObject({ digests: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1) }));

export function registerBlobErase(jobs: JobQueue, blobs: BlobStore): void {
  jobs.register(blobEraseJob, async ({ digests }) => {
    for (const digest of digests) await blobs.deleteErasedObject(digest);
  });
}
