import { audit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/platform.ts';
import { remindOverdueJob } from '../tempplate.jobs.ts';
import { workOrdersRepository as repo } from './work-orders.repository.ts';

const BATCH = 500;

/**
 * Every hour: the open orders past their deadline are marked reminded, once per deadline (a new deadline clears the
 * mark). The department they wait for sees them in its inbox 超期催办 with the count on the tab; each run is audited.
 */
export function registerOverdueReminder(platform: Platform): void {
  platform.jobs.register(remindOverdueJob, async (_payload, ctx) => {
    let total = 0;
    for (;;) {
      const marked = await platform.db.transaction(async (tx) => {
        const rows = await repo.markReminded(tx, BATCH);
        if (rows.length > 0) {
          await audit(tx, ctx.actor, {
            action: 'tempplate.order.remind',
            targetType: 'tempplate_warning',
            details: { orders: rows.length, warnings: rows.map((r) => r.warningId) },
          });
        }
        return rows.length;
      });
      total += marked;
      if (marked < BATCH) break;
    }
    ctx.log.info({ reminded: total }, 'tempplate overdue reminder');
  });
  platform.jobs.schedules.schedule('tempplate-remind-overdue', '10 * * * *', remindOverdueJob, {});
}
