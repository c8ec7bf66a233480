import type { InsuranceExchangeSimulator } from '../../../integrations/insurance-exchange/insurance-exchange.simulator.ts';
import type { Platform } from '../../../platform/platform.ts';
import { exchangeRepository } from '../exchange/exchange.repository.ts';
import { exchangeJob } from '../roadworks.jobs.ts';

export const DEMO_EXCHANGE_REQUEST = 'DEMO-INS-0001';

/**
 * The development demo of R3 (synthetic): once per database, the association's request for the last 30 days of
 * registrations, whose first answer breaks mid-file (simulator fault), and a first run of the exchange job at start
 * (the schedule's next slot may be ten minutes away), so 保险数据交换 shows a failed request to resend.
 */
export async function seedExchangeDemo(platform: Platform, simulator: InsuranceExchangeSimulator): Promise<void> {
  const now = Date.now();
  simulator.drop({
    name: DEMO_EXCHANGE_REQUEST,
    requestId: 'DEMO-0001',
    from: new Date(now - 30 * 86_400_000).toISOString(),
    to: new Date(now + 86_400_000).toISOString(),
  });
  if (await exchangeRepository.byName(platform.db, DEMO_EXCHANGE_REQUEST)) return;
  simulator.failNext(1, 'mid-file');
  await platform.jobs.enqueue(platform.db, exchangeJob, {}, { idempotencyKey: 'roadworks-exchange-demo' });
}
