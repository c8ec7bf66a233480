import type { Config } from '../../platform/config/config.ts';
import { FolderInsuranceExchange } from './insurance-exchange.folder.ts';
import { type InsuranceExchangePort, UnconfiguredInsuranceExchange } from './insurance-exchange.port.ts';
import { InsuranceExchangeSimulator } from './insurance-exchange.simulator.ts';

export interface InsuranceExchangeConnection {
  port: InsuranceExchangePort;
  close(): Promise<void>;
  simulator?: InsuranceExchangeSimulator;
}

/**
 * INSURANCE_EXCHANGE_DIR → the folder exchange; otherwise the in-memory simulator outside production, or in
 * production a port that says in Chinese that the folder is not configured (the reconciliation view still opens).
 */
export function createInsuranceExchangePort(env: NodeJS.ProcessEnv, platform: Pick<Config, 'env'>): InsuranceExchangeConnection {
  const dir = env.INSURANCE_EXCHANGE_DIR;
  if (dir) return { port: new FolderInsuranceExchange(dir), close: async () => {} };
  if (platform.env === 'production') return { port: new UnconfiguredInsuranceExchange(), close: async () => {} };
  const simulator = new InsuranceExchangeSimulator();
  return { port: simulator, simulator, close: async () => {} };
}
