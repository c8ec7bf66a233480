import type { Platform } from '../../../platform/platform.ts';
import type { EnforcementApi } from '../../enforcement/enforcement.api.ts';
import { reevaluateJob } from '../tempplate.jobs.ts';
import { ReevaluationService } from './reevaluation.service.ts';

const DAY = 86_400_000;

/** Nightly at 02:30: the rules that need history re-run over the last 31 days (a later plate of a VIN, T1). */
export function registerReevaluation(platform: Platform, enforcement: () => EnforcementApi | undefined): void {
  const service = new ReevaluationService(platform, enforcement);
  platform.jobs.register(
    reevaluateJob,
    async ({ days }, ctx) => {
      const to = new Date();
      const result = await service.run(ctx.actor, new Date(to.getTime() - days * DAY), to, true);
      ctx.log.info(result, 'tempplate re-evaluation');
    },
    { timeoutMs: 30 * 60_000 },
  );
  platform.jobs.schedules.schedule('tempplate-reevaluate', '30 2 * * *', reevaluateJob, { days: 31 });
}
