import { HttpYiwangtongbanClient, UnconfiguredYiwangtongban } from './yiwangtongban.client.ts';
import type { YiwangtongbanConfig } from './yiwangtongban.config.ts';
import type { YiwangtongbanPort } from './yiwangtongban.port.ts';
import { YiwangtongbanSimulator } from './yiwangtongban.simulator.ts';

export interface YiwangtongbanConnection {
  port: YiwangtongbanPort;
  close(): Promise<void>;
  /** Set outside production without YWTB_URL: the in-process hub (tests and the demo submit cases to it). */
  simulator?: YiwangtongbanSimulator;
}

/** YWTB_URL → the HTTP client; otherwise the simulator outside production, or a port that always fails. */
export async function createYiwangtongbanPort(config: YiwangtongbanConfig): Promise<YiwangtongbanConnection> {
  if (config.url) return { port: new HttpYiwangtongbanClient({ url: config.url, key: config.key ?? '', timeoutMs: config.timeoutMs }), close: async () => {} };
  if (!config.simulator) return { port: new UnconfiguredYiwangtongban(), close: async () => {} };
  const simulator = new YiwangtongbanSimulator();
  return { port: simulator, simulator, close: async () => {} };
}
