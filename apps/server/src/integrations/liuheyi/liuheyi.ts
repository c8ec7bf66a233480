import path from 'node:path';
import { HttpLiuheyiClient, UnconfiguredLiuheyi } from './liuheyi.client.ts';
import type { LiuheyiConfig } from './liuheyi.config.ts';
import type { LiuheyiPort } from './liuheyi.port.ts';
import { type LiuheyiSimulator, type LiuheyiSimulatorOptions, SIMULATOR_KEY, startLiuheyiSimulator } from './liuheyi.simulator.ts';

export interface LiuheyiConnection {
  port: LiuheyiPort;
  close(): Promise<void>;
  /** Set when the simulator was started (outside production, no LIUHEYI_URL). */
  simulatorUrl?: string;
  /** The simulator itself, for tests that inject faults in-process. */
  simulator?: LiuheyiSimulator;
}

/** Where the simulator keeps its records in development, so a restart keeps deduplication. */
export function simulatorStateFile(dataDir: string): string {
  return path.join(dataDir, 'simulators', 'liuheyi.json');
}

/**
 * The 六合一 port for this process. LIUHEYI_URL → the HTTP client; the simulator setting (the default outside
 * production without a URL; refused in production by loadConfig) → the simulator on loopback and the same HTTP
 * client pointed at it, so the client path is always the one exercised; neither → a port that fails every upload
 * as unavailable, visibly in 上传监控. Prints the simulator's address once, except under test.
 */
export async function createLiuheyiPort(
  config: LiuheyiConfig,
  simulatorOptions: Pick<LiuheyiSimulatorOptions, 'platePatterns'> = {},
): Promise<LiuheyiConnection> {
  const { url, key, timeoutMs, simulator: sim } = config;
  if (url) return { port: new HttpLiuheyiClient({ url, key: key ?? '', timeoutMs }), close: async () => {} };
  if (!sim) return { port: new UnconfiguredLiuheyi(), close: async () => {} };
  let simulator: LiuheyiSimulator;
  try {
    simulator = await startLiuheyiSimulator({
      ...simulatorOptions,
      port: sim.port,
      key: key ?? SIMULATOR_KEY,
      // A timeout fault must outlast the client's deadline.
      timeoutHoldMs: timeoutMs + 5_000,
      ...(config.env === 'development' ? { stateFile: simulatorStateFile(config.dataDir) } : {}),
    });
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new Error(inUse ? `六合一模拟器无法监听端口 ${sim.port}（已被占用），请设置 LIUHEYI_SIM_PORT` : `六合一模拟器无法启动：${(err as Error).message}`);
  }
  if (config.env !== 'test')
    console.log(`六合一模拟器：${simulator.url}（故障注入 POST ${simulator.url}/sim/faults，记录 GET /sim/records，统计 GET /sim/stats）`);
  return {
    port: new HttpLiuheyiClient({ url: simulator.url, key: simulator.key, timeoutMs }),
    close: () => simulator.close(),
    simulatorUrl: simulator.url,
    simulator,
  };
}
