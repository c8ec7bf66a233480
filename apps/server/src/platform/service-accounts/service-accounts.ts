import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { KeySpec } from '../keys/key-types.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { EncryptedColumn } from '../keys/reencrypt.job.ts';
import type { ParamsService } from '../params/params.service.ts';
import { serviceAccountParams } from './service-accounts.params.ts';
import { serviceAccountsRepository } from './service-accounts.repository.ts';

/** The server's SM2 key that signs replies to SM2 service accounts (HMAC accounts get replies signed with their secret). */
export const SERVICE_SIGN_KEY: KeySpec = { purpose: 'service-sign', algorithm: 'SM2', label: '接入应用响应签名密钥（SM2）', rotatable: true };

/** Encryption context of HMAC secrets; the same for the current and previous column so rotation only moves the value. */
export const SECRET_CONTEXT = 'service_accounts.secret';

export const serviceNoncePurgeJob = defineJob('service-nonce-purge', z.strictObject({}));

/** Service accounts on the platform: the response key, the parameters, the nonce purge, and the secrets for key rotation. */
export function registerServiceAccounts(keys: KeyStore, params: ParamsService, jobs: JobQueue, encryptedColumns: EncryptedColumn[]): void {
  keys.declare(SERVICE_SIGN_KEY);
  params.register(...Object.values(serviceAccountParams));
  jobs.register(serviceNoncePurgeJob, async (_payload, { db }) => {
    await serviceAccountsRepository.purgeNonces(db);
  });
  jobs.schedules.schedule('service-nonce-purge', '*/15 * * * *', serviceNoncePurgeJob, {});
  encryptedColumns.push(
    { table: 'service_accounts', id: 'id', column: 'secret_enc', context: SECRET_CONTEXT },
    { table: 'service_accounts', id: 'id', column: 'previous_secret_enc', context: SECRET_CONTEXT },
  );
}
