import type { YiwangtongbanConfig } from '../yiwangtongban/yiwangtongban.config.ts';
import { HttpYwtbHubClient, UnconfiguredYwtbHub } from './ywtb-hub.client.ts';
import type { YwtbHubPort } from './ywtb-hub.port.ts';
import { YwtbHubSimulator } from './ywtb-hub.simulator.ts';

export interface YwtbHubConnection {
  port: YwtbHubPort;
  /** Set outside production without YWTB_URL: the in-process hub area (tests and the demo read what reached it). */
  simulator?: YwtbHubSimulator;
}

/**
 * The same hub and key as the road-works cases (`yiwangtongbanConfig`: YWTB_URL, YWTB_KEY, YWTB_TIMEOUT_MS) →
 * the HTTP client; otherwise the simulator outside production, or a port that always fails.
 */
export function createYwtbHubPort(config: YiwangtongbanConfig): YwtbHubConnection {
  if (config.url) return { port: new HttpYwtbHubClient({ url: config.url, key: config.key ?? '', timeoutMs: config.timeoutMs }) };
  if (!config.simulator) return { port: new UnconfiguredYwtbHub() };
  const simulator = new YwtbHubSimulator();
  return { port: simulator, simulator };
}
