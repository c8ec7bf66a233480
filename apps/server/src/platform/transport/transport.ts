import type { JobQueue } from '../jobs/job-queue.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { ParamsService } from '../params/params.service.ts';
import { registerNoncePurge } from './nonce-purge.job.ts';
import { transportParams } from './transport.params.ts';
import { TRANSPORT_KEY } from './transport-key.ts';

/** C1 transmission protection on the platform: the transport key, the freshness parameters, the nonce purge. */
export function registerTransport(keys: KeyStore, params: ParamsService, jobs: JobQueue): void {
  keys.declare(TRANSPORT_KEY);
  params.register(...Object.values(transportParams));
  registerNoncePurge(jobs);
}
