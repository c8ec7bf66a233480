import type { BlobBackend } from './blob-backend.ts';
import type { BlobStoreConfig } from './blob-config.ts';
import { FsBackend } from './fs-backend.ts';
import { S3Backend } from './s3-backend.ts';

export function createBlobBackend(config: BlobStoreConfig): BlobBackend {
  return config.backend === 'fs' ? new FsBackend(config.dir) : new S3Backend(config.s3);
}
