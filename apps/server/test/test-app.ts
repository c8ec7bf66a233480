import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { setupModules } from '../src/modules/modules.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { type Database, openDatabase } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { type DemoAccount, seedDemo } from '../src/platform/demo/demo-seed.ts';
import { createPlatform, type Platform } from '../src/platform/platform.ts';
import { syncBuiltInRoleGrants } from '../src/platform/rbac/permission-sync.ts';

/**
 * A migrated database for one test file: in-memory PGlite by default; with TEST_DATABASE_URL set (the
 * PostgreSQL run of `npm test`), a fresh database created on that server and dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    await runMigrations(database);
    return database;
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
  accounts: DemoAccount[];
  close(): Promise<void>;
}

/**
 * The whole app on a fresh database (or the migrated one given) with the demo organisation and accounts (1 000
 * PBKDF2 iterations), and a DATA_DIR of its own (audit archives and anchors), removed on close.
 */
export async function createTestApp(given?: Database): Promise<TestContext> {
  const database = given ?? (await openTestDatabase());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'shtp-test-'));
  const env = { NODE_ENV: 'test', MASTER_KEY: randomBytes(16).toString('hex'), DATA_DIR: dataDir } as NodeJS.ProcessEnv;
  const platform = createPlatform(loadConfig(env), database, 'test');
  const modules = setupModules(platform);
  await platform.dict.ensureDeclared();
  await platform.keys.ensureDeclared();
  const accounts = (await seedDemo(database.db, null, 1000, (role) => platform.permissions.proposedFor(role))) ?? [];
  await syncBuiltInRoleGrants(database.db, platform.permissions, platform.integrity);
  await platform.integrity.ensureBaseline(database.db);
  const app = await buildApp(platform, modules, { logger: false });
  await app.ready();
  return {
    app,
    platform,
    database,
    accounts,
    close: async () => {
      await app.close();
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
