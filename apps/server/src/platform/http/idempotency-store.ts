import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { EncryptedColumn } from '../keys/reencrypt.job.ts';
import { defineParam } from '../params/param-definition.ts';
import type { ParamsService } from '../params/params.service.ts';
import { idempotencyRepository } from './idempotency.repository.ts';
import { REQUEST_DIGEST_KEY } from './idempotency-key.ts';

/** The stored answers of idempotent routes are SM4-encrypted, bound to their column. */
export const ANSWER_CONTEXT = 'idempotency_keys.response_enc';

export const idempotencyParams = {
  retentionHours: defineParam.duration({
    key: 'idempotency.retentionHours',
    module: 'system',
    label: 'Idempotency-Key 保留时长',
    description: '带 Idempotency-Key 的请求的首次应答保留此时长：期间以同一键重试返回首次应答，之后该键可再次使用',
    defaultValue: 72,
    min: 1,
    max: 720,
    unit: 'hours',
  }),
};

export const idempotencyPurgeJob = defineJob('idempotency-purge', z.strictObject({}));

/** The platform's store of Idempotency-Keys: the digest key, the retention, the hourly purge, the column key rotation re-encrypts. */
export function registerIdempotency(keys: KeyStore, params: ParamsService, jobs: JobQueue, encryptedColumns: EncryptedColumn[]): void {
  keys.declare(REQUEST_DIGEST_KEY);
  params.register(idempotencyParams.retentionHours);
  jobs.register(idempotencyPurgeJob, async (_payload, { db }) => {
    await idempotencyRepository.purgeExpired(db);
  });
  jobs.schedules.schedule('idempotency-purge', '7 * * * *', idempotencyPurgeJob, {});
  encryptedColumns.push({ table: 'idempotency_keys', id: 'id', column: 'response_enc', context: ANSWER_CONTEXT });
}
