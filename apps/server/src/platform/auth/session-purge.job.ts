import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { ParamsService } from '../params/params.service.ts';
import type { AuthParams } from './auth.params.ts';
import { authRepository } from './auth.repository.ts';
import { loginCaptchaRepository } from './login-captcha.repository.ts';

export const sessionPurgeJob = defineJob('session-purge', z.strictObject({}));

/** Removes sessions past their absolute expiry or idle timeout, which `resolve` already refuses (RI-1), and expired captchas. */
export function registerSessionPurge(jobs: JobQueue, params: ParamsService, p: AuthParams): void {
  jobs.register(sessionPurgeJob, async (_payload, { db }) => {
    await authRepository.purgeSessions(db, await params.get(p.idleMinutes));
    await loginCaptchaRepository.purgeExpired(db);
  });
  jobs.schedules.schedule('session-purge', '*/10 * * * *', sessionPurgeJob, {});
}
