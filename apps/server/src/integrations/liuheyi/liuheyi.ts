import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../platform/config/config.ts';
import { HttpLiuheyiClient, UnconfiguredLiuheyi } from './liuheyi.client.ts';
import type { LiuheyiPort } from './liuheyi.port.ts';
import { type LiuheyiSimulator, startLiuheyiSimulator } from './liuheyi.simulator.ts';

export interface LiuheyiConfig {
  /** LIUHEYI_URL: the 六合一 interface (or the boundary gateway in front of it). */
  url: string | undefined;
  /** LIUHEYI_KEY: the 接口序列号 (jkxlh) issued to this system. */
  licence: string;
  timeoutMs: number;
  /** LIUHEYI_SIM_PORT: where the simulator listens outside production (0 = any free port). */
  simulatorPort: number;
  env: 'development' | 'production' | 'test';
  dataDir: string;
}

const Env = z.object({
  LIUHEYI_URL: z.url({ protocol: /^https?$/, error: '须为 http:// 或 https:// 开头的地址' }).optional(),
  LIUHEYI_KEY: z.string().min(1).optional(),
  LIUHEYI_TIMEOUT_MS: z.coerce.number({ error: '须为毫秒数' }).int().min(100).max(120_000).default(10_000),
  LIUHEYI_SIM_PORT: z.coerce.number({ error: '须为端口号' }).int().min(0).max(65_535).default(0),
});

export function liuheyiConfig(env: NodeJS.ProcessEnv, app: { env: LiuheyiConfig['env']; dataDir: string }): LiuheyiConfig {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new ConfigError(`配置错误（环境变量）：\n${parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  if (e.LIUHEYI_URL && !e.LIUHEYI_KEY) throw new ConfigError('配置错误（环境变量）：\n  LIUHEYI_KEY: 配置 LIUHEYI_URL 时必须提供接口序列号');
  return {
    url: e.LIUHEYI_URL,
    licence: e.LIUHEYI_KEY ?? 'SIM-LICENCE',
    timeoutMs: e.LIUHEYI_TIMEOUT_MS,
    simulatorPort: e.LIUHEYI_SIM_PORT,
    env: app.env,
    dataDir: app.dataDir,
  };
}

export interface LiuheyiConnection {
  port: LiuheyiPort;
  simulator: LiuheyiSimulator | null;
  close(): Promise<void>;
}

/**
 * LIUHEYI_URL → the HTTP client; none outside production → the simulator on loopback and the same client
 * pointed at it (so the client path is always the one exercised); none in production → a port that fails
 * every upload as unavailable, visibly, in 上传监控.
 */
export async function createLiuheyiPort(c: LiuheyiConfig): Promise<LiuheyiConnection> {
  if (c.url) return { port: new HttpLiuheyiClient(c.url, c.licence, c.timeoutMs), simulator: null, close: async () => {} };
  if (c.env === 'production') return { port: new UnconfiguredLiuheyi(), simulator: null, close: async () => {} };
  const simulator = await startLiuheyiSimulator({
    port: c.simulatorPort,
    licence: c.licence,
    ...(c.env === 'development' ? { stateFile: path.join(c.dataDir, 'simulators', 'liuheyi.json') } : {}),
  });
  if (c.env === 'development') console.log(`六合一模拟器：${simulator.url}（故障注入：POST ${simulator.url}/sim/faults）`);
  return { port: new HttpLiuheyiClient(simulator.url, c.licence, c.timeoutMs), simulator, close: () => simulator.close() };
}
