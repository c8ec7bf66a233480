import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** One crossing cycle: export the sources, seal the outbox, scan the inbound folder. */
export const exchangeCycleJob = defineJob('exchange.cycle', z.strictObject({}));
