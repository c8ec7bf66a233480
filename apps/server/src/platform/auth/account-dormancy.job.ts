import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { RecordIntegrity } from '../integrity/record-integrity.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { ParamsService } from '../params/params.service.ts';
import type { AuthParams } from './auth.params.ts';
import { authRepository as repo } from './auth.repository.ts';

export const accountDormancyJob = defineJob('account-dormancy', z.strictObject({}));

/**
 * Disables accounts that have not logged in for the dormancy period (AC-3: no redundant or stale accounts).
 * An account that never logged in counts from its creation. Each disabled account is audited. A holder of a built-in
 * administrator role stays enabled unless another, non-dormant holder of that role does (三员分立: each keeps one).
 */
export function registerAccountDormancy(jobs: JobQueue, params: ParamsService, p: AuthParams, integrity: RecordIntegrity): void {
  jobs.register(accountDormancyJob, async (_payload, { db, actor }) => {
    const days = await params.get(p.dormantDays);
    await db.transaction(async (tx) => {
      const disabled = await repo.disableDormantUsers(tx, days);
      await integrity.refresh(
        tx,
        'user',
        disabled.map((u) => u.id),
      );
      for (const u of disabled) {
        await repo.deleteUserSessions(tx, u.id);
        await audit(tx, actor, {
          action: 'user.dormant.disable',
          targetType: 'user',
          targetId: u.id,
          reason: `超过 ${days} 天未登录`,
          details: { username: u.username },
        });
      }
    });
  });
  jobs.schedules.schedule('account-dormancy', '15 3 * * *', accountDormancyJob, {});
}
