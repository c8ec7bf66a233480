import { accessSync, constants } from 'node:fs';
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
  /** N6: the owner role that runs migrations; DATABASE_URL is then the application's role with DML only. */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'MIGRATION_DATABASE_URL 须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  ZONE: z.enum(ZONES, { error: 'ZONE 须为 police 或 internet' }).default('police'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a load balancer, trust X-Forwarded-For from these hops (Fastify trustProxy). */
  TRUST_PROXY: z.string().optional(),
  /** Whether cookies get the Secure flag; on by default in production (HTTPS behind the LB). */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** The master key (KEK) as 32 hex characters (SM4, 128 bit); takes precedence over MASTER_KEY_FILE. */
  MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'MASTER_KEY 须为 32 位十六进制（SM4 128 位密钥）')
    .optional(),
  /** A file holding the master key, outside DATA_DIR; outside production it is created on first start. */
  MASTER_KEY_FILE: z.string().min(1).optional(),
  /** Start background job workers in this process. */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  /** 六合一 interface for e-bike uploads: base URL, 接口序列号 (jkxlh) and per-call timeout. */
  LIUHEYI_URL: z.url({ protocol: /^https?$/, error: 'LIUHEYI_URL 须为 http:// 或 https:// 开头的地址' }).optional(),
  LIUHEYI_KEY: z.string().min(1).optional(),
  LIUHEYI_TIMEOUT_MS: z.coerce.number({ error: 'LIUHEYI_TIMEOUT_MS 须为 100–120000 的毫秒数' }).int().min(100).max(120_000).default(10_000),
  /** Start the 六合一 simulator and point the client at it (default: outside production when LIUHEYI_URL is not set). */
  LIUHEYI_SIMULATOR: z.enum(['true', 'false'], { error: 'LIUHEYI_SIMULATOR 须为 true 或 false' }).optional(),
  LIUHEYI_SIM_PORT: z.coerce.number({ error: 'LIUHEYI_SIM_PORT 须为 0–65535 的整数' }).int().min(0).max(65535).optional(),
  /** PEM certificate (chain) and private key: given both, the server speaks HTTPS itself (C1). */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Migrations connect here (the owner role) when set; the application role of `databaseUrl` then gets DML grants. */
  migration: { url: string; appRole: string } | null;
  zone: Zone;
  env: 'development' | 'production' | 'test';
  logLevel: string;
  trustProxy: string | boolean;
  cookieSecure: boolean;
  jobsEnabled: boolean;
  /** 六合一: the client's target; `simulator` set = start the simulator on that port (0 = any) and use it instead. */
  liuheyi: { url: string | undefined; key: string | undefined; timeoutMs: number; simulator: { port: number } | null };
  masterKey: { hex: string } | { file: string; create: boolean };
  /** HTTPS certificate and key files; null serves plain HTTP (behind a TLS-terminating gateway). */
  tls: { certFile: string; keyFile: string } | null;
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
    migration: migrationRole(e),
    zone: e.ZONE,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === undefined ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production,
    jobsEnabled: e.JOBS_ENABLED === 'true',
    liuheyi: liuheyiSettings(e, production),
    masterKey: masterKeySource(e, production),
    tls: tlsFiles(e),
  };
}

/** Both TLS files or neither, and both readable now rather than at the first connection. */
function tlsFiles(e: z.infer<typeof EnvSchema>): Config['tls'] {
  if (!e.TLS_CERT_FILE && !e.TLS_KEY_FILE) return null;
  if (!e.TLS_CERT_FILE || !e.TLS_KEY_FILE) {
    throw new ConfigError('配置错误（环境变量）：\n  TLS_CERT_FILE / TLS_KEY_FILE: 启用 HTTPS 须同时提供证书文件和私钥文件');
  }
  const files = { certFile: path.resolve(e.TLS_CERT_FILE), keyFile: path.resolve(e.TLS_KEY_FILE) };
  for (const [name, file] of [
    ['TLS_CERT_FILE', files.certFile],
    ['TLS_KEY_FILE', files.keyFile],
  ] as const) {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new ConfigError(`配置错误（环境变量）：\n  ${name}: 文件不存在或不可读（${file}）`);
    }
  }
  return files;
}

/** MIGRATION_DATABASE_URL needs a PostgreSQL DATABASE_URL naming another role (the one that gets the grants). */
function migrationRole(e: z.infer<typeof EnvSchema>): Config['migration'] {
  if (!e.MIGRATION_DATABASE_URL) return null;
  const fail = (message: string) => new ConfigError(`配置错误（环境变量）：\n  MIGRATION_DATABASE_URL: ${message}`);
  if (!e.DATABASE_URL) throw fail('须与 DATABASE_URL 同时设置（内嵌 PGlite 没有数据库账户之分）');
  const userOf = (url: string) => decodeURIComponent(new URL(url).username);
  const appRole = userOf(e.DATABASE_URL);
  if (!appRole) throw fail('DATABASE_URL 须写明应用数据库账户的用户名（迁移后向它授权）');
  if (appRole === userOf(e.MIGRATION_DATABASE_URL)) throw fail('迁移账户（属主）须不同于 DATABASE_URL 的应用账户，见 docs/operations/database-roles.md');
  return { url: e.MIGRATION_DATABASE_URL, appRole };
}

/** Where the KEK comes from; production must name it explicitly, and a key file may not sit inside DATA_DIR. */
function masterKeySource(e: z.infer<typeof EnvSchema>, production: boolean): Config['masterKey'] {
  if (e.MASTER_KEY) return { hex: e.MASTER_KEY.toLowerCase() };
  if (!e.MASTER_KEY_FILE && production) {
    throw new ConfigError('配置错误（环境变量）：\n  MASTER_KEY / MASTER_KEY_FILE: 生产环境必须提供主密钥（见 docs/operations/keys.md）');
  }
  const file = path.resolve(e.MASTER_KEY_FILE ?? './keys/master.key');
  const dataDir = path.resolve(e.DATA_DIR);
  if (file === dataDir || file.startsWith(dataDir + path.sep)) {
    throw new ConfigError('配置错误（环境变量）：\n  MASTER_KEY_FILE: 主密钥文件不能放在 DATA_DIR 之内（数据与密钥须分开保存和备份）');
  }
  return { file, create: !production };
}

/** LIUHEYI_URL → the real interface (needs LIUHEYI_KEY); the simulator never in production, default port PORT+10 (any free port under test). */
function liuheyiSettings(e: z.infer<typeof EnvSchema>, production: boolean): Config['liuheyi'] {
  const fail = (name: string, message: string) => new ConfigError(`配置错误（环境变量）：\n  ${name}: ${message}`);
  const simulator = e.LIUHEYI_SIMULATOR ? e.LIUHEYI_SIMULATOR === 'true' : !production && !e.LIUHEYI_URL;
  if (simulator && production) throw fail('LIUHEYI_SIMULATOR', '生产环境不能启动六合一模拟器，请配置 LIUHEYI_URL 与 LIUHEYI_KEY');
  if (simulator && e.LIUHEYI_URL) throw fail('LIUHEYI_SIMULATOR', '已配置 LIUHEYI_URL 时不能再启动六合一模拟器');
  if (e.LIUHEYI_URL && !e.LIUHEYI_KEY) throw fail('LIUHEYI_KEY', '配置 LIUHEYI_URL 时必须提供接口序列号（jkxlh）');
  const port = e.LIUHEYI_SIM_PORT ?? (e.NODE_ENV === 'test' ? 0 : e.PORT + 10);
  if (simulator && port > 65535) throw fail('LIUHEYI_SIM_PORT', `默认端口 PORT+10（${port}）超出范围，请指定 LIUHEYI_SIM_PORT`);
  return { url: e.LIUHEYI_URL, key: e.LIUHEYI_KEY, timeoutMs: e.LIUHEYI_TIMEOUT_MS, simulator: simulator ? { port } : null };
}
