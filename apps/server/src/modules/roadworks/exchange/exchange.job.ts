import type { InsuranceExchangePort } from '../../../integrations/insurance-exchange/insurance-exchange.port.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { EbikeApi } from '../../ebike/ebike.api.ts';
import { exchangeJob } from '../roadworks.jobs.ts';
import { ExchangeService } from './exchange.service.ts';

/**
 * Every 10 minutes: fetch the association's requests and answer the open ones (failed ones again). Not scheduled
 * without an exchange folder (production without INSURANCE_EXCHANGE_DIR: the console says so).
 */
export function registerExchange(platform: Platform, port: InsuranceExchangePort, ebike: () => EbikeApi): void {
  const service = new ExchangeService(platform, port, ebike);
  platform.jobs.register(exchangeJob, async (_payload, { actor, signal }) => {
    await service.run(actor, signal);
  });
  if (port.configured) platform.jobs.schedules.schedule('roadworks-insurance-exchange', '*/10 * * * *', exchangeJob, {});
}
