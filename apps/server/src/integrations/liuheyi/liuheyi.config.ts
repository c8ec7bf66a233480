import { z } from 'zod';
import { type Config, ConfigError } from '../../platform/config/config.ts';

/** 六合一: the client's target; `simulator` set = start the simulator on that port (0 = any) and use it instead. */
export interface LiuheyiConfig {
  url: string | undefined;
  key: string | undefined;
  timeoutMs: number;
  simulator: { port: number } | null;
  env: Config['env'];
  dataDir: string;
}

const EnvSchema = z.object({
  /** 六合一 interface for e-bike uploads: base URL, 接口序列号 (jkxlh) and per-call timeout. */
  LIUHEYI_URL: z.url({ protocol: /^https?$/, error: 'LIUHEYI_URL 须为 http:// 或 https:// 开头的地址' }).optional(),
  LIUHEYI_KEY: z.string().min(1).optional(),
  LIUHEYI_TIMEOUT_MS: z.coerce.number({ error: 'LIUHEYI_TIMEOUT_MS 须为 100–120000 的毫秒数' }).int().min(100).max(120_000).default(10_000),
  /** Start the 六合一 simulator and point the client at it (default: outside production when LIUHEYI_URL is not set). */
  LIUHEYI_SIMULATOR: z.enum(['true', 'false'], { error: 'LIUHEYI_SIMULATOR 须为 true 或 false' }).optional(),
  LIUHEYI_SIM_PORT: z.coerce.number({ error: 'LIUHEYI_SIM_PORT 须为 0–65535 的整数' }).int().min(0).max(65535).optional(),
});

/**
 * Reads the LIUHEYI_* settings (a ConfigError in Chinese when wrong). LIUHEYI_URL → the real interface (needs
 * LIUHEYI_KEY); the simulator never in production, default port PORT+10 (any free port under test).
 */
export function liuheyiConfig(env: NodeJS.ProcessEnv, platform: Pick<Config, 'env' | 'port' | 'dataDir'>): LiuheyiConfig {
  const fail = (name: string, message: string) => new ConfigError(`配置错误（环境变量）：\n  ${name}: ${message}`);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`配置错误（环境变量）：\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  const production = platform.env === 'production';
  const simulator = e.LIUHEYI_SIMULATOR ? e.LIUHEYI_SIMULATOR === 'true' : !production && !e.LIUHEYI_URL;
  if (simulator && production) throw fail('LIUHEYI_SIMULATOR', '生产环境不能启动六合一模拟器，请配置 LIUHEYI_URL 与 LIUHEYI_KEY');
  if (simulator && e.LIUHEYI_URL) throw fail('LIUHEYI_SIMULATOR', '已配置 LIUHEYI_URL 时不能再启动六合一模拟器');
  if (e.LIUHEYI_URL && !e.LIUHEYI_KEY) throw fail('LIUHEYI_KEY', '配置 LIUHEYI_URL 时必须提供接口序列号（jkxlh）');
  const port = e.LIUHEYI_SIM_PORT ?? (platform.env === 'test' ? 0 : platform.port + 10);
  if (simulator && port > 65535) throw fail('LIUHEYI_SIM_PORT', `默认端口 PORT+10（${port}）超出范围，请指定 LIUHEYI_SIM_PORT`);
  return {
    url: e.LIUHEYI_URL,
    key: e.LIUHEYI_KEY,
    timeoutMs: e.LIUHEYI_TIMEOUT_MS,
    simulator: simulator ? { port } : null,
    env: platform.env,
    dataDir: platform.dataDir,
  };
}
