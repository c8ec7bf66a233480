import type { JobQueue } from '../jobs/job-queue.ts';
import { type BlobStore, blobEraseJob } from './blob-store.ts';

/** The erasure job: deletes each erased blob's object from the backend (`blobEraseJob`, enqueued by `BlobStore.erase`). */
export function registerBlobErase(jobs: JobQueue, blobs: BlobStore): void {
  jobs.register(blobEraseJob, async ({ digests }) => {
    for (const digest of digests) await blobs.deleteErasedObject(digest);
  });
}
