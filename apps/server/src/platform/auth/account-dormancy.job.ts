import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { RecordIntegrity } from '../integrity/record-integrity.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { ParamsService } from '../params/params.service.ts';
import { users } from '../rbac/rbac.table.ts';
import type { AuthParams } from './auth.params.ts';
import { sessions } from './auth.table.ts';

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
      const disabled = await tx
        .update(users)
        .set({ status: 'disabled', version: sql`${users.version} + 1`, updatedAt: sql`now()` })
        .where(
          and(
            eq(users.status, 'active'),
            isNull(users.deletedAt),
            lt(sql`coalesce(${users.lastLoginAt}, ${users.createdAt})`, sql`now() - make_interval(days => ${days})`),
            sql`not exists (
              select 1 from user_roles ur join roles r on r.id = ur.role_id
              where ur.user_id = ${users.id} and r.built_in and r.admin_kind is not null and not exists (
                select 1 from user_roles ur2 join users u2 on u2.id = ur2.user_id
                where ur2.role_id = r.id and u2.id <> ${users.id} and u2.status = 'active' and u2.deleted_at is null
                  and (u2.expires_at is null or u2.expires_at > now())
                  and coalesce(u2.last_login_at, u2.created_at) >= now() - make_interval(days => ${days})))`,
          ),
        )
        .returning({ id: users.id, username: users.username });
      await integrity.refresh(
        tx,
        'user',
        disabled.map((u) => u.id),
      );
      for (const u of disabled) {
        await tx.delete(sessions).where(eq(sessions.userId, u.id));
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
