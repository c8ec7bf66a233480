import { z } from 'zod';
import { type Config, ConfigError } from '../../platform/config/config.ts';

export interface VehicleAdminConfig {
  url: string | undefined;
  timeoutMs: number;
  /** Use the simulator (outside production without VEHICLE_ADMIN_URL). */
  simulator: boolean;
  /** How many temporary-plate businesses the simulator's demo year holds (DEMO_TEMP_PLATES). */
  demoBusinesses: number;
}

const EnvSchema = z.object({
  /** The 车驾管 system's temporary-plate feed. */
  VEHICLE_ADMIN_URL: z.url({ protocol: /^https?$/, error: 'VEHICLE_ADMIN_URL 须为 http:// 或 https:// 开头的地址' }).optional(),
  VEHICLE_ADMIN_TIMEOUT_MS: z.coerce.number({ error: 'VEHICLE_ADMIN_TIMEOUT_MS 须为 100–120000 的毫秒数' }).int().min(100).max(120_000).default(10_000),
  DEMO_TEMP_PLATES: z.coerce.number({ error: 'DEMO_TEMP_PLATES 须为 0–100000 的整数' }).int().min(0).max(100_000).default(1500),
});

/** Reads the VEHICLE_ADMIN_* settings; the simulator is never used in production. */
export function vehicleAdminConfig(env: NodeJS.ProcessEnv, platform: Pick<Config, 'env'>): VehicleAdminConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`配置错误（环境变量）：\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const { VEHICLE_ADMIN_URL: url, VEHICLE_ADMIN_TIMEOUT_MS: timeoutMs, DEMO_TEMP_PLATES: demoBusinesses } = parsed.data;
  return { url, timeoutMs, simulator: !url && platform.env !== 'production', demoBusinesses };
}
