import { z } from 'zod';
import { ConfigError } from '../../platform/config/config.ts';
import { HttpTaxVerifyClient, UnconfiguredTaxVerify } from './tax-verify.client.ts';
import type { TaxVerifyPort } from './tax-verify.port.ts';
import { startTaxVerifySimulator, type TaxVerifySimulator } from './tax-verify.simulator.ts';

export interface TaxVerifyConfig {
  /** TAX_VERIFY_URL: the verification service (or a gateway to it). */
  url: string | undefined;
  env: 'development' | 'production' | 'test';
}

/** Reads TAX_VERIFY_URL from the environment (a ConfigError with a Chinese message if it is not an http(s) URL). */
export function taxVerifyConfig(env: NodeJS.ProcessEnv, appEnv: TaxVerifyConfig['env']): TaxVerifyConfig {
  const url = z
    .url({ protocol: /^https?$/ })
    .optional()
    .safeParse(env.TAX_VERIFY_URL || undefined);
  if (!url.success) throw new ConfigError('配置错误（环境变量）：\n  TAX_VERIFY_URL: 须为 http:// 或 https:// 开头的地址');
  return { url: url.data, env: appEnv };
}

export interface TaxVerifyConnection {
  port: TaxVerifyPort;
  /** The simulator when one was started (outside production, no URL configured). */
  simulator: TaxVerifySimulator | null;
  close(): Promise<void>;
}

/**
 * The configured URL → the HTTP client; none outside production → a simulator on a loopback port and the same HTTP
 * client pointed at it (so the client path is always the one exercised); none in production → a port that answers
 * `unavailable` (the existence check stays unknown, never passes).
 */
export async function createTaxVerifyPort(config: TaxVerifyConfig): Promise<TaxVerifyConnection> {
  if (config.url) return { port: new HttpTaxVerifyClient(config.url), simulator: null, close: async () => {} };
  if (config.env === 'production') return { port: new UnconfiguredTaxVerify(), simulator: null, close: async () => {} };
  const simulator = await startTaxVerifySimulator();
  return { port: new HttpTaxVerifyClient(simulator.url), simulator, close: () => simulator.close() };
}
