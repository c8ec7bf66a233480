import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** G4: sends one call of the outbox to the 一网通办 hub; a failure of the hub is retried by the queue with backoff. */
export const hubPushJob = defineJob('publishing.hub-push', z.strictObject({ pushId: z.number().int().positive() }));
