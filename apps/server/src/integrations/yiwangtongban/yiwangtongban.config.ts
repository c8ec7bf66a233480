import { z } from 'zod';
import { type Config, ConfigError } from '../../platform/config/config.ts';

/** 一网通办: the client's target, or the in-process simulator (never in production). */
export interface YiwangtongbanConfig {
  url: string | undefined;
  key: string | undefined;
  timeoutMs: number;
  simulator: boolean;
}

const EnvSchema = z.object({
  YWTB_URL: z.url({ protocol: /^https?$/, error: 'YWTB_URL 须为 http:// 或 https:// 开头的地址' }).optional(),
  YWTB_KEY: z.string().min(1).optional(),
  YWTB_TIMEOUT_MS: z.coerce.number({ error: 'YWTB_TIMEOUT_MS 须为 100–120000 的毫秒数' }).int().min(100).max(120_000).default(10_000),
});

export function yiwangtongbanConfig(env: NodeJS.ProcessEnv, platform: Pick<Config, 'env'>): YiwangtongbanConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`配置错误（环境变量）：\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  if (e.YWTB_URL && !e.YWTB_KEY) throw new ConfigError('配置错误（环境变量）：\n  YWTB_KEY: 配置 YWTB_URL 时必须提供接口密钥');
  return { url: e.YWTB_URL, key: e.YWTB_KEY, timeoutMs: e.YWTB_TIMEOUT_MS, simulator: !e.YWTB_URL && platform.env !== 'production' };
}
