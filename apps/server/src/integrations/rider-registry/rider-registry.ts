import { integrationUrl } from '../json-post.ts';
import { HttpRiderRegistry } from './rider-registry.client.ts';
import type { RiderAnswer, RiderRegistryPort } from './rider-registry.port.ts';
import { type RiderRegistrySimulator, startRiderRegistrySimulator } from './rider-registry.simulator.ts';

export interface RiderRegistryConfig {
  /** RIDER_REGISTRY_URL: the delivery platforms' gateway. */
  url: string | undefined;
  env: 'development' | 'production' | 'test';
}

export const riderRegistryConfig = (env: NodeJS.ProcessEnv, platform: { env: RiderRegistryConfig['env'] }): RiderRegistryConfig => ({
  url: integrationUrl(env, 'RIDER_REGISTRY_URL'),
  env: platform.env,
});

export interface RiderRegistryConnection {
  port: RiderRegistryPort;
  simulator: RiderRegistrySimulator | null;
  close(): Promise<void>;
}

class UnconfiguredRiderRegistry implements RiderRegistryPort {
  readonly target = '未配置（RIDER_REGISTRY_URL）';
  async contacts(): Promise<RiderAnswer> {
    return { outcome: 'unavailable', reason: '未配置骑手信息平台（环境变量 RIDER_REGISTRY_URL）' };
  }
}

/** URL → the HTTP client; none outside production → the simulator behind the same client; none in production → unavailable. */
export async function createRiderRegistryPort(config: RiderRegistryConfig): Promise<RiderRegistryConnection> {
  if (config.url) return { port: new HttpRiderRegistry(config.url), simulator: null, close: async () => {} };
  if (config.env === 'production') return { port: new UnconfiguredRiderRegistry(), simulator: null, close: async () => {} };
  const simulator = await startRiderRegistrySimulator();
  return { port: new HttpRiderRegistry(simulator.url), simulator, close: () => simulator.close() };
}
