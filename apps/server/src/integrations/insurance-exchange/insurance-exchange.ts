import type { Config } from '../../platform/config/config.ts';
import { FolderInsuranceExchange } from './insurance-exchange.folder.ts';
import type { InsuranceExchangePort } from './insurance-exchange.port.ts';
import { InsuranceExchangeSimulator } from './insurance-exchange.simulator.ts';

export interface InsuranceExchangeConnection {
  port: InsuranceExchangePort;
  close(): Promise<void>;
  simulator?: InsuranceExchangeSimulator;
}

/** INSURANCE_EXCHANGE_DIR → the folder exchange; otherwise the in-memory simulator outside production, or none. */
export function createInsuranceExchangePort(env: NodeJS.ProcessEnv, platform: Pick<Config, 'env'>): InsuranceExchangeConnection | null {
  const dir = env.INSURANCE_EXCHANGE_DIR;
  if (dir) return { port: new FolderInsuranceExchange(dir), close: async () => {} };
  if (platform.env === 'production') return null;
  const simulator = new InsuranceExchangeSimulator();
  return { port: simulator, simulator, close: async () => {} };
}
