import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** The 道路施工 module's job descriptors (a leaf: enqueuers and handlers both import it). */

/** Fetches the 一网通办 cases handed to the traffic police (scheduled every minute, and on demand from the inbox). */
export const hubPullJob = defineJob('roadworks.hub-pull', z.strictObject({}));

/** Sends one case's decision back to 一网通办 (outbox: enqueued in the decision's transaction, retried with backoff). */
export const decisionCallbackJob = defineJob('roadworks.decision-callback', z.strictObject({ caseId: z.number().int().positive() }));

/** Daily: approved works past their period and not reported finished get an overrun warning (R4). */
export const overrunSweepJob = defineJob('roadworks.overrun-sweep', z.strictObject({}));

/** R3: fetch the insurance association's requests and answer them (scheduled, and on resend). */
export const exchangeJob = defineJob('roadworks.insurance-exchange', z.strictObject({}));
