import type { Platform } from '../../platform/platform.ts';
import { exchangeCycleJob } from './exchange.jobs.ts';
import type { ExchangeService } from './exchange.service.ts';

/** Every minute (cron's precision); the console's button runs a cycle at once. */
export function registerExchangeCycle(platform: Platform, service: ExchangeService): void {
  platform.jobs.register(exchangeCycleJob, async (_payload, { log }) => {
    const result = await service.cycle();
    if (result.sealed + result.scan.applied + result.scan.quarantined + result.scan.held > 0) log.info({ ...result }, 'exchange cycle');
    if (result.failedSources.length > 0) log.warn({ failedSources: result.failedSources }, 'exchange sources not read');
  });
  platform.jobs.schedules.schedule('exchange-cycle', '* * * * *', exchangeCycleJob, {});
}
