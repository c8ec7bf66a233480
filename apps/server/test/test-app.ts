import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { bootstrap } from '../src/bootstrap.ts';
import type { AppModule, ModuleSet } from '../src/modules/app-module.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { type Database, openDatabase } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import type { DemoAccount } from '../src/platform/demo/demo-seed.ts';
import type { Platform } from '../src/platform/platform.ts';

/**
 * A migrated database for one test file: in-memory PGlite by default; with TEST_DATABASE_URL set (the
 * PostgreSQL run of `npm test`), a fresh database created on that server and dropped on close.
 */
export async function openTestDatabase(): Promise<Database & { url: string | undefined }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    await runMigrations(database);
    return { ...database, url: undefined };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await runMigrations(database);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestContext {
  app: FastifyInstance;
  platform: Platform;
  database: Database;
  modules: ModuleSet;
  accounts: DemoAccount[];
  close(): Promise<void>;
}

/**
 * The whole app, started as main.ts starts it, on a fresh database with the demo organisation and accounts (1 000 PBKDF2
 * iterations); `env: 'production'` for its defaults, `vars` for more environment variables (DATABASE_URL is the test
 * database's on PostgreSQL), and a DATA_DIR of its own (audit archives and anchors), removed on close.
 */
export async function createTestApp(
  opts: {
    /** A migrated database to use instead of a fresh one. */
    database?: Database;
    env?: 'test' | 'production';
    vars?: Record<string, string>;
    logStream?: Writable;
    modules?: readonly AppModule<unknown, unknown>[];
  } = {},
): Promise<TestContext> {
  const database = opts.database ?? (await openTestDatabase());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shtp-test-'));
  const base = {
    NODE_ENV: opts.env ?? 'test',
    MASTER_KEY: randomBytes(16).toString('hex'),
    DATA_DIR: dataDir,
    ...('url' in database && typeof database.url === 'string' ? { DATABASE_URL: database.url } : {}),
  };
  const config = loadConfig({ ...base, ...opts.vars } as NodeJS.ProcessEnv);
  const booted = await bootstrap(config, database, 'test', {
    modules: opts.modules,
    demo: { dataDir: null, iterations: 1000 },
    ...(opts.logStream ? { logStream: opts.logStream } : { logger: false }),
  });
  return {
    ...booted,
    database,
    close: async () => {
      await booted.app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const NEW_PASSWORD = 'Xk9#mP2v!Lq7wR4zT';

/** A logged-in session: cookie and CSRF header for app.inject. */
export interface Session {
  headers: { cookie: string; 'x-csrf-token': string };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'sid');
  return { headers: { cookie: `sid=${sid?.value}`, 'x-csrf-token': res.json().csrfToken } };
}

/** Logs in with the demo account and changes its first-login password, returning a usable session. */
export async function loginReady(ctx: TestContext, username: string): Promise<Session> {
  const account = ctx.accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  if (account.password === NEW_PASSWORD) return login(ctx.app, username, NEW_PASSWORD); // already changed by an earlier test
  const s = await login(ctx.app, username, account.password);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: s.headers,
    payload: { oldPassword: account.password, newPassword: NEW_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`password change failed: ${res.body}`);
  account.password = NEW_PASSWORD;
  return s;
}

/**
 * A new user with no role in the sysadmin's department, logged in with its first password already changed: for
 * tests that need a caller holding no permission, without touching the shared demo accounts.
 */
export async function loginNewUser(ctx: TestContext, username: string): Promise<Session> {
  const sys = await loginReady(ctx, 'sysadmin');
  const departmentId = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: sys.headers })).json().department.id;
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/system/users',
    headers: sys.headers,
    payload: { username, displayName: '测试用户', departmentId },
  });
  if (created.statusCode !== 200) throw new Error(`create user ${username} failed: ${created.body}`);
  const initial = created.json().initialPassword as string;
  const first = await login(ctx.app, username, initial);
  const changed = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: first.headers,
    payload: { oldPassword: initial, newPassword: NEW_PASSWORD },
  });
  if (changed.statusCode !== 200) throw new Error(`password change of ${username} failed: ${changed.body}`);
  return login(ctx.app, username, NEW_PASSWORD);
}

/** The ports a mounted module connected (its simulators, outside production), for tests that inject faults. */
export function portsOf<Ports>(ctx: TestContext, module: string): Ports {
  const m = ctx.modules.mounted.find((x) => x.definition.name === module);
  if (!m) throw new Error(`module ${module} is not mounted`);
  return m.context.ports as Ports;
}
