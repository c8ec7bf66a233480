import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { DataScope, SecurityLabel } from '@shtp/core/platform';
import { HEADQUARTERS, Rng, syntheticUser } from '@shtp/testkit';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { bootstrap } from '../src/bootstrap.ts';
import type { AppModule, ModuleSet } from '../src/modules/app-module.ts';
import { generateInitialPassword, hashPassword } from '../src/platform/auth/password-hash.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { type Database, openDatabase, queryRows } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import type { DemoAccount } from '../src/platform/demo/demo-seed.ts';
import type { Platform } from '../src/platform/platform.ts';
import { type Principal, rbacRepository } from '../src/platform/rbac/rbac.repository.ts';
import { departments, rolePermissions, roles, userRoles, users } from '../src/platform/rbac/rbac.table.ts';
import type { MigratedTemplate } from './migrated-template.ts';

/**
 * A migrated database for one test file: in-memory PGlite by default; with TEST_DATABASE_URL set (the
 * PostgreSQL run of `npm test`), a fresh database created on that server and dropped on close. Both start as a copy of
 * the run's migrated template (global-setup.ts) when there is one.
 */
export async function openTestDatabase(): Promise<Database & { url: string | undefined }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = migratedTemplate();
  if (!adminUrl) {
    const loadDataDir = template?.kind === 'pglite' ? new Blob([readFileSync(template.dumpFile)]) : undefined;
    const database = await openDatabase({ loadDataDir });
    await runMigrations(database);
    return { ...database, url: undefined };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template?.kind === 'postgresql' ? ` template ${template.database}` : ''}`);
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

/** The template global-setup.ts made, or undefined outside a vitest run of the server project. */
function migratedTemplate(): MigratedTemplate | undefined {
  try {
    return inject('migratedTemplate');
  } catch {
    return undefined;
  }
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

/** The fields a 400 answer's details name, sorted (what a validation test compares; order is the schema's, not the test's). */
export const fieldsOf = (body: { details?: { field: string }[] }): string[] => (body.details ?? []).map((d) => d.field).sort();

/** The principal of a logged-in session, as the server builds it (what a repository takes for the data scope). */
export async function principalOf(ctx: TestContext, s: Session): Promise<Principal> {
  const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
  return (await rbacRepository.principal(ctx.platform.db, me.json().id))!;
}

/** The password tests set at a forced first-login change. */
export { NEW_PASSWORD } from '@shtp/testkit';

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

/** The demo accounts (platform/demo/demo-seed.ts), whose roles, department and clearance a fresh user may copy. */
export type DemoUsername = 'sysadmin' | 'secadmin' | 'auditadmin' | 'officer01' | 'supervisor01' | 'road01';

/** Who a fresh test user is. */
export interface UserSpec {
  /** Codes of existing roles: the built-in sysadmin, secadmin, auditadmin, window_officer, supervisor, road_officer, or a test's own. */
  roles?: string[];
  /** Permissions of one more role, made for this user alone, with `dataScope` (default `dept`). */
  permissions?: string[];
  dataScope?: DataScope;
  /** Department code (default the headquarters, 310000000000). */
  department?: string;
  /** Security clearance (AC-6; default 内部). */
  clearance?: SecurityLabel;
}

/** A fresh user, logged in: its session, id, name and password (already usable: no first-login change is pending). */
export interface TestUser extends Session {
  id: number;
  username: string;
  password: string;
}

let freshUsers = 0;
const names = new Rng(20261212);

/**
 * Creates a user and logs it in, leaving the shared demo accounts as they are (their passwords stay the seeded ones,
 * so no test depends on another having changed them). `who` is a spec, or a demo account to copy: the same roles,
 * department and clearance, under a name of its own (`officer01.3`). Written straight to the tables, with the
 * access-control MACs (C2) refreshed as the user service does and no audit record; 1 000 PBKDF2 iterations.
 */
export async function loginFresh(ctx: TestContext, who: UserSpec | DemoUsername = {}): Promise<TestUser> {
  const spec = typeof who === 'string' ? await demoShape(ctx, who) : who;
  freshUsers += 1;
  const serial = freshUsers;
  const account = syntheticUser(names, typeof who === 'string' ? who : 'user', serial);
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password, 1000);
  const { integrity } = ctx.platform;
  const id = await ctx.database.db.transaction(async (tx) => {
    const [department] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.code, spec.department ?? HEADQUARTERS.code));
    if (!department) throw new Error(`no department ${spec.department}`);
    const roleIds = (await tx.select({ id: roles.id, code: roles.code }).from(roles)).filter((r) => spec.roles?.includes(r.code)).map((r) => r.id);
    if (roleIds.length !== (spec.roles?.length ?? 0)) throw new Error(`unknown role among ${spec.roles}`);
    if (spec.permissions) {
      const [own] = await tx
        .insert(roles)
        .values({ code: `test_role_${serial}`, name: `测试角色${serial}`, dataScope: spec.dataScope ?? 'dept' })
        .returning({ id: roles.id });
      if (spec.permissions.length) await tx.insert(rolePermissions).values(spec.permissions.map((permission) => ({ roleId: own!.id, permission })));
      await integrity.refresh(tx, 'role', [own!.id]);
      roleIds.push(own!.id);
    }
    const [user] = await tx
      .insert(users)
      .values({ ...account, departmentId: department.id, passwordHash, ...(spec.clearance && { clearance: spec.clearance }) })
      .returning({ id: users.id });
    if (roleIds.length) await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: user!.id, roleId })));
    await integrity.refresh(tx, 'user', [user!.id]);
    return user!.id;
  });
  return { ...(await login(ctx.app, account.username, password)), id, username: account.username, password };
}

/** A test file's app with a fresh system administrator and a fresh audit administrator signed in (see adminTestApp). */
export interface AdminTestApp {
  ctx: TestContext;
  sys: TestUser;
  aud: TestUser;
}

/**
 * For a test file that works as the system and the audit administrator: registers the hooks that start the app and
 * sign both in before its tests (fresh users copied from `sysadmin` and `auditadmin`) and close it after them; the
 * returned object is filled in by then.
 */
export function adminTestApp(): AdminTestApp {
  const t = {} as AdminTestApp;
  beforeAll(async () => {
    t.ctx = await createTestApp();
    t.sys = await loginFresh(t.ctx, 'sysadmin');
    t.aud = await loginFresh(t.ctx, 'auditadmin');
  });
  afterAll(() => t.ctx.close());
  return t;
}

/** A demo account's roles, department and clearance, as they are now in the database. */
async function demoShape(ctx: TestContext, username: DemoUsername): Promise<UserSpec> {
  const [row] = await queryRows<{ roles: string[]; department: string; clearance: SecurityLabel }>(
    ctx.database.db,
    sql`select array(select r.code from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id order by r.code) as roles,
               d.code as department, u.clearance
          from users u join departments d on d.id = u.department_id where u.username = ${username}`,
  );
  if (!row) throw new Error(`no demo account ${username}`);
  return row;
}

/** The ports a mounted module connected (its simulators, outside production), for tests that inject faults. */
export function portsOf<Ports>(ctx: TestContext, module: string): Ports {
  const m = ctx.modules.mounted.find((x) => x.definition.name === module);
  if (!m) throw new Error(`module ${module} is not mounted`);
  return m.context.ports as Ports;
}
