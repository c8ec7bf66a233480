import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
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
  /** N1 scale-out: a streaming replica for the reads that may lag (statistics, reports); unset, they go to DATABASE_URL. */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_REPLICA_URL 须以 postgres:// 或 postgresql:// 开头')
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
  /** How long a graceful stop (SIGTERM/SIGINT) may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'SHUTDOWN_TIMEOUT_MS 须为 1000–600000 的毫秒数' })
    .int('SHUTDOWN_TIMEOUT_MS 须为 1000–600000 的毫秒数')
    .min(1000, 'SHUTDOWN_TIMEOUT_MS 须为 1000–600000 的毫秒数')
    .max(600_000, 'SHUTDOWN_TIMEOUT_MS 须为 1000–600000 的毫秒数')
    .default(10_000),
  /** N1 overload: requests worked on at once, requests that may wait, and how long, before new ones get 503 + Retry-After. */
  MAX_IN_FLIGHT: z.coerce.number({ error: 'MAX_IN_FLIGHT 须为 1–100000 的整数' }).int().min(1).max(100_000).default(128),
  MAX_QUEUED: z.coerce.number({ error: 'MAX_QUEUED 须为 0–100000 的整数' }).int().min(0).max(100_000).default(1000),
  QUEUE_TIMEOUT_MS: z.coerce.number({ error: 'QUEUE_TIMEOUT_MS 须为 10–60000 的毫秒数' }).int().min(10).max(60_000).default(2000),
  /** PostgreSQL connections of this instance, and the queries that may wait for one before requests are shed. */
  DB_POOL_SIZE: z.coerce.number({ error: 'DB_POOL_SIZE 须为 1–500 的整数' }).int().min(1).max(500).default(20),
  DB_MAX_WAITING: z.coerce.number({ error: 'DB_MAX_WAITING 须为 1–100000 的整数' }).int().min(1).max(100_000).default(400),
  /** The listen backlog: connections the kernel holds for accept() during a burst (capped by net.core.somaxconn). */
  LISTEN_BACKLOG: z.coerce.number({ error: 'LISTEN_BACKLOG 须为 1–65535 的整数' }).int().min(1).max(65_535).default(4096),
  /** PEM certificate (chain) and private key: given both, the server speaks HTTPS itself (C1). */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** The OpenAPI document and UI: public, behind the permission system:api-docs, or off (default off in production). */
  API_DOCS: z.enum(['public', 'permission', 'off'], { error: 'API_DOCS 须为 public、permission 或 off' }).optional(),
  /** BR-1: where the encrypted backups go (mount off-host storage here), and when the backup job runs. */
  BACKUP_DIR: z.string().min(1).default('./backups'),
  BACKUP_CRON: z
    .string()
    .refine((v) => v === 'off' || isCron(v), 'BACKUP_CRON 须为 cron 表达式（如 0 2 * * *，北京时间）或 off')
    .optional(),
});

/** Nightly in production; elsewhere only when asked for (a demo database needs no nightly copies). */
const DEFAULT_BACKUP_CRON = '0 2 * * *';

function isCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Statistics and reports read here when set (a replica, read-only sessions); see docs/operations/topology.md. */
  replicaUrl: string | undefined;
  /** Migrations connect here (the owner role) when set; the application role of `databaseUrl` then gets DML grants. */
  migration: { url: string; appRole: string } | null;
  zone: Zone;
  env: 'development' | 'production' | 'test';
  logLevel: string;
  trustProxy: string | boolean;
  cookieSecure: boolean;
  jobsEnabled: boolean;
  /** Deadline of a graceful stop, then exit 1. */
  shutdownTimeoutMs: number;
  /** N1: when to shed load (503 + Retry-After), the database pool, and the listen backlog. */
  load: { maxInFlight: number; maxQueued: number; queueTimeoutMs: number; maxDbWaiting: number; poolSize: number; listenBacklog: number };
  masterKey: { hex: string } | { file: string; create: boolean };
  /** HTTPS certificate and key files; null serves plain HTTP (behind a TLS-terminating gateway). */
  tls: { certFile: string; keyFile: string } | null;
  apiDocs: 'public' | 'permission' | 'off';
  /** The environment the settings were read from: integrations read their own settings from it (`xxxConfig(env)`). */
  source: NodeJS.ProcessEnv;
  /** BR-1 backups: the folder of the archives, and the cron of the scheduled backup (null: not scheduled). */
  backup: { dir: string; cron: string | null };
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
  const tls = tlsFiles(e);
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError('配置错误（环境变量）：\n  DATABASE_REPLICA_URL: 须与 DATABASE_URL 同时设置（内嵌 PGlite 没有只读副本）');
  }
  if (tls && e.COOKIE_SECURE === 'false') {
    throw new ConfigError('配置错误（环境变量）：\n  COOKIE_SECURE: 启用 HTTPS 时会话 Cookie 必须带 Secure 标记，不能设为 false');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    replicaUrl: e.DATABASE_REPLICA_URL,
    migration: migrationRole(e),
    zone: e.ZONE,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === undefined ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    // Secure cookies (and HSTS) whenever TLS is on, here or at the gateway in front of a production node.
    cookieSecure: tls !== null || (e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production),
    jobsEnabled: e.JOBS_ENABLED === 'true',
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    load: {
      maxInFlight: e.MAX_IN_FLIGHT,
      maxQueued: e.MAX_QUEUED,
      queueTimeoutMs: e.QUEUE_TIMEOUT_MS,
      maxDbWaiting: e.DB_MAX_WAITING,
      poolSize: e.DB_POOL_SIZE,
      listenBacklog: e.LISTEN_BACKLOG,
    },
    masterKey: masterKeySource(e, production),
    tls,
    apiDocs: e.API_DOCS ?? (production ? 'off' : 'public'),
    source: env,
    backup: { dir: path.resolve(e.BACKUP_DIR), cron: backupCron(e.BACKUP_CRON, production) },
  };
}

function backupCron(value: string | undefined, production: boolean): string | null {
  if (value === 'off') return null;
  return value ?? (production ? DEFAULT_BACKUP_CRON : null);
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
