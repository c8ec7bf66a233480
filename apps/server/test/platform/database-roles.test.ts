import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { archiveAuditLog } from '../../src/platform/audit/audit-archive.job.ts';
import { writeCheckpoint } from '../../src/platform/audit/audit-checkpoint.ts';
import { auditIntegrityOptions, verifyAuditIntegrity } from '../../src/platform/audit/audit-integrity.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import { databaseRolesSql } from '../../src/platform/db/database-roles.ts';
import { grantAppPrivileges, migrateDatabase, ownsAuditLog, runMigrations } from '../../src/platform/db/migrate.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/**
 * N6 least privilege. On PostgreSQL (TEST_DATABASE_URL): the roles and database of `npm run db:roles`, migrations
 * as the owner, the whole application logged in as the application role. On PGlite (one session user), the same
 * migration grants, with the application's connection switched to the application role by SET ROLE.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const suffix = randomBytes(4).toString('hex');
const names = { owner: `shtp_owner_${suffix}`, app: `shtp_app_${suffix}`, database: `shtp_roles_${suffix}` };

/** Runs statements as the owner (the migration role): an intruder's tools, or the test's own setup. */
let asOwner: (statement: ReturnType<typeof sql>) => Promise<void>;
let dropRoles = async () => {};

const urlFor = (user: string, database: string) => {
  const url = new URL(adminUrl!);
  url.username = user;
  url.pathname = `/${database}`;
  return url.toString();
};

async function adminRun(database: string, statements: string[]) {
  const admin = new pg.Client({ connectionString: urlFor(new URL(adminUrl!).username, database) });
  await admin.connect();
  try {
    for (const s of statements) await admin.query(s);
  } finally {
    await admin.end();
  }
}

async function openAsAppRole(): Promise<Database> {
  if (!adminUrl) {
    const database = await openDatabase({});
    await runMigrations(database);
    await database.db.execute(sql.raw(`create role ${names.app} nologin`));
    await grantAppPrivileges(database, names.app);
    await database.db.execute(sql.raw(`set role ${names.app}`));
    asOwner = async (statement) => {
      await database.db.execute(sql`reset role`);
      try {
        await database.db.execute(statement);
      } finally {
        await database.db.execute(sql.raw(`set role ${names.app}`));
      }
    };
    return database;
  }
  const roles = databaseRolesSql(names);
  await adminRun(new URL(adminUrl).pathname.slice(1), roles.cluster);
  await adminRun(names.database, roles.database);
  dropRoles = () =>
    adminRun(new URL(adminUrl).pathname.slice(1), [
      `drop database if exists ${names.database} with (force)`,
      `drop role if exists ${names.app}`,
      `drop role if exists ${names.owner}`,
    ]);
  const app = await openDatabase({ url: urlFor(names.app, names.database), poolSize: 5 });
  // The production path: MIGRATION_DATABASE_URL migrates as the owner, then grants the role of DATABASE_URL.
  await migrateDatabase({ migration: { url: urlFor(names.owner, names.database), appRole: names.app } }, app);
  const owner = await openDatabase({ url: urlFor(names.owner, names.database), poolSize: 1 });
  asOwner = async (statement) => {
    await owner.db.execute(statement);
  };
  return {
    ...app,
    async close() {
      await app.close();
      await owner.close();
    },
  };
}

let ctx: TestContext;
let sys: Session;
beforeAll(async () => {
  ctx = await createTestApp({ database: await openAsAppRole() });
  sys = await loginFresh(ctx, 'sysadmin');
});
afterAll(async () => {
  await ctx?.close();
  await dropRoles();
});

const db = () => ctx.database.db;
/** The database's own message (the driver error wraps it as its cause). */
const refusal = (statement: ReturnType<typeof sql>) =>
  db()
    .execute(statement)
    .then(
      () => 'accepted',
      (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
    );
const AUDIT_UPDATES: Record<string, string> = {
  audit_log: 'update audit_log set action = action',
  audit_chain: 'update audit_chain set link = link',
  audit_archives: 'update audit_archives set file = file',
  audit_checkpoints: 'update audit_checkpoints set link = link',
  audit_chain_origin: 'update audit_chain_origin set legacy_max_id = legacy_max_id',
  integrity_reports: 'update integrity_reports set checked = checked',
};

describe('N6: the application connects as a role with only the DML it needs', () => {
  it('N6: the application runs as the application role, which owns no table', async () => {
    const [me] = await queryRows<{ user: string }>(db(), sql`select current_user as user`);
    expect(me!.user).toBe(names.app);
    expect(await ownsAuditLog(ctx.database)).toBe(false);
  });

  it('N6/AU-3: the application role cannot switch an audit guard off, truncate, update or delete audit rows', async () => {
    expect(await refusal(sql`alter table audit_log disable trigger audit_log_no_update`)).toMatch(/must be owner/);
    expect(await refusal(sql`alter table audit_chain disable trigger audit_chain_no_truncate`)).toMatch(/must be owner/);
    for (const table of [...Object.keys(AUDIT_UPDATES), 'ebike_businesses']) {
      expect(await refusal(sql.raw(`truncate ${table}`)), table).toMatch(/permission denied/);
      expect(await refusal(sql.raw(`delete from ${table}`)), table).toMatch(/permission denied/);
    }
    for (const [table, update] of Object.entries(AUDIT_UPDATES)) expect(await refusal(sql.raw(update)), table).toMatch(/permission denied/);
    expect(await refusal(sql`insert into audit_chain_origin (legacy_max_id) values (0)`)).toMatch(/permission denied/);
  });

  it('N6: the application role has no DDL: it cannot create, drop or alter tables, nor add triggers', async () => {
    expect(await refusal(sql`create table intruder (id int)`)).toMatch(/permission denied/);
    expect(await refusal(sql`drop table audit_chain`)).toMatch(/must be owner/);
    expect(await refusal(sql`alter table users add column intruder text`)).toMatch(/must be owner/);
    expect(await refusal(sql`create trigger intruder before insert on audit_log for each row execute function refuse_row_change()`)).toMatch(
      /permission denied|must be owner/,
    );
    expect(await refusal(sql`select grant_app_privileges(current_user)`)).toMatch(/permission denied/);
  });

  it('N6: the application works as that role: login, an audited change, chain checkpoint, archive and integrity check', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/system/dict/types', headers: sys.headers, payload: { code: 'n6_roles', name: '最小权限' } });
    expect(res.statusCode, res.body).toBe(200);
    const [record] = await queryRows<{ id: number; chained: boolean }>(
      db(),
      sql`select a.id::int as id, exists (select 1 from audit_chain c where c.audit_id = a.id) as chained
          from audit_log a where a.action = 'dict.type.create' and a.target_id = 'n6_roles'`,
    );
    expect(record!.chained).toBe(true);

    const options = auditIntegrityOptions(ctx.platform.config.dataDir, ctx.platform.keys, ctx.platform.signer);
    expect(await writeCheckpoint(db(), ctx.platform.signer, options.anchorDir)).not.toBeNull();
    // The archive job deletes through the owner's function: the role itself has no DELETE on audit_log.
    await asOwner(sql`alter table audit_log disable trigger audit_log_no_update`);
    await asOwner(sql`update audit_log set ts = now() - interval '200 days' where id = ${record!.id}`);
    await asOwner(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await archiveAuditLog(db(), { dir: options.archiveDir, keys: ctx.platform.keys, retentionDays: 180, actor: systemActor() })).toBe(1);

    expect((await verifyAuditIntegrity(db(), options)).findings).toEqual([]);
  });
});

describe('N6: configuration of the two roles', () => {
  const base = { NODE_ENV: 'test', MASTER_KEY: '0'.repeat(32) };
  it('N6: MIGRATION_DATABASE_URL names the owner; DATABASE_URL the application role that receives the grants', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://shtp_app@db/shtp',
      MIGRATION_DATABASE_URL: 'postgres://shtp_owner@db/shtp',
    } as NodeJS.ProcessEnv);
    expect(config.migration).toEqual({ url: 'postgres://shtp_owner@db/shtp', appRole: 'shtp_app' });
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://shtp@db/shtp' } as NodeJS.ProcessEnv).migration).toBeNull();
  });

  it('N6: refuses MIGRATION_DATABASE_URL without a PostgreSQL DATABASE_URL, or with the same role', () => {
    expect(() => loadConfig({ ...base, MIGRATION_DATABASE_URL: 'postgres://o@db/shtp' } as NodeJS.ProcessEnv)).toThrow(/同时设置/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'postgres://o@db/shtp', MIGRATION_DATABASE_URL: 'postgres://o@db/shtp' } as NodeJS.ProcessEnv)).toThrow(
      /须不同于/,
    );
  });
});
