import path from 'node:path';
import { z } from 'zod';

export const ZONES = ['police', 'internet'] as const;
export type Zone = (typeof ZONES)[number];

const EnvSchema = z.object({
  PORT: z.coerce.number({ error: 'PORT 必须是 1–65535 的整数' }).int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  ZONE: z.enum(ZONES, { error: 'ZONE 须为 police 或 internet' }).default('police'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a load balancer, trust X-Forwarded-For from these hops (Fastify trustProxy). */
  TRUST_PROXY: z.string().optional(),
  /** Whether cookies get the Secure flag; on by default in production (HTTPS behind the LB). */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Start background job workers in this process. */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  zone: Zone;
  env: 'development' | 'production' | 'test';
  logLevel: string;
  trustProxy: string | boolean;
  cookieSecure: boolean;
  jobsEnabled: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError listing every bad variable in Chinese. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误（环境变量）：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    zone: e.ZONE,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === undefined ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production,
    jobsEnabled: e.JOBS_ENABLED === 'true',
  };
}
