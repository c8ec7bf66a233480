import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm3Hex } from '@shtp/gm';
import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareModules } from '../../src/modules/app-module.ts';
import { MODULES } from '../../src/modules/modules.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { backupJob, backupParams, runBackup } from '../../src/platform/backup/backup.job.ts';
import { archiveName, type RestoreTarget, restoreBackup } from '../../src/platform/backup/backup.ts';
import { BACKUP_FORMAT, BackupError, sm3FileOf } from '../../src/platform/backup/backup-archive.ts';
import { verifyRestored } from '../../src/platform/backup/restore-check.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import { migrationVersion } from '../../src/platform/db/migrate.ts';
import { loadMasterKey, type MasterKey } from '../../src/platform/keys/master-key.ts';
import { createPlatform } from '../../src/platform/platform.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/*
 * BR-1 on the database of the run: PGlite by default, PostgreSQL (pg_dump / pg_restore) with TEST_DATABASE_URL. The
 * last test destroys the database, restores it from the archive and verifies the audit chain and the ledger signatures.
 */

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const tmp = mkdtempSync(path.join(tmpdir(), 'shtp-backup-'));
const backupDir = path.join(tmp, 'backups');
let ctx: TestContext;
let closed = false;
let kek: MasterKey;
let officer: Session;
let supervisor: Session;
const lshs: string[] = [];
const { registration } = ebikeRegistrations(20261202);
const actor = systemActor('backup.test');

const db = () => ctx.database.db;
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(db(), q);
const call = (s: Session, url: string, payload: object) => ctx.app.inject({ method: 'POST', url, headers: s.headers, payload });
const deps = () => ({
  database: ctx.database,
  databaseUrl: ctx.platform.config.databaseUrl,
  migration: 'test',
  dir: backupDir,
  kek,
  keys: ctx.platform.keys,
  params: ctx.platform.params,
});

/** Registers a synthetic e-bike: one SM2-signed business in the ledger. */
async function registerEbike(): Promise<string> {
  const res = await call(officer, '/api/ebike/vehicles', registration());
  expect(res.statusCode, res.body).toBe(200);
  return res.json().business.lsh;
}

/** What must survive: the audit log and its chain, the ledger. */
const snapshot = (database: Database) =>
  queryRows<{ audit: number; chain: number; businesses: number; head: string }>(
    database.db,
    sql`select (select count(*)::int from audit_log) as audit, (select count(*)::int from audit_chain) as chain,
               (select count(*)::int from ebike_businesses) as businesses, (select link from audit_chain order by seq desc limit 1) as head`,
  );

/** A fresh, empty restore target of this run's kind. */
async function emptyTarget(): Promise<{ target: RestoreTarget; open(): Promise<Database>; drop(): Promise<void> }> {
  if (!onPostgres) {
    const dataDir = mkdtempSync(path.join(tmp, 'restored-'));
    return { target: { kind: 'pglite', dataDir }, open: () => openDatabase({ dataDir }), drop: async () => {} };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `r_${randomBytes(6).toString('hex')}`;
  const adminQuery = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await adminQuery(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgresql', url: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 3 }),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

beforeAll(async () => {
  ctx = await createTestApp({ vars: { BACKUP_DIR: backupDir, BACKUP_CRON: '0 2 * * *' } });
  const source = ctx.platform.config.masterKey;
  if (!('hex' in source)) throw new Error('test app has a hex master key');
  kek = loadMasterKey(source);
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: officer.headers })).json();
  const plates = await call(supervisor, '/api/ebike/plates/batches', {
    plateKind: 'P',
    departmentId: me.user?.departmentId ?? me.department?.id,
    prefix: '沪A',
    from: 1,
    count: 5,
  });
  expect(plates.statusCode, plates.body).toBe(200);
  for (let n = 0; n < 2; n++) lshs.push(await registerEbike());
});

afterAll(async () => {
  if (!closed) await ctx.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('BR-1 backup and restore', () => {
  it('BR-1: BACKUP_DIR and BACKUP_CRON configure where and when (nightly by default in production); a bad cron is a configuration error', () => {
    const env = (extra: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...extra } as NodeJS.ProcessEnv).backup;
    expect(env({})).toEqual({ dir: path.resolve('backups'), cron: null });
    expect(env({ NODE_ENV: 'production', MASTER_KEY: '0'.repeat(32) }).cron).toBe('0 2 * * *');
    expect(env({ BACKUP_DIR: '/mnt/backup/shtp', BACKUP_CRON: '0 */4 * * *' })).toEqual({ dir: '/mnt/backup/shtp', cron: '0 */4 * * *' });
    expect(env({ BACKUP_CRON: 'off' }).cron).toBeNull();
    expect(() => env({ BACKUP_CRON: 'every night' })).toThrow(/BACKUP_CRON 须为 cron 表达式/);
    expect(() => env({ NODE_ENV: 'production', MASTER_KEY: '0'.repeat(32), BACKUP_CRON: 'off' })).not.toThrow();
  });

  it('BR-1: the scheduled backup job writes an encrypted, SM3-digested archive and prunes by the retention parameters', async () => {
    await ctx.platform.jobs.schedules.ensureDeclared();
    expect((await ctx.platform.jobs.schedules.list()).find((s) => s.name === 'backup')).toMatchObject({ cron: '0 2 * * *', queue: 'backup' });
    const params = new Set(['system:param:update']);
    await ctx.platform.params.update(backupParams.retentionDays.key, 7, actor, params);
    await ctx.platform.params.update(backupParams.keepMin.key, 2, actor, params);
    // Archives of earlier runs, 30, 20, 10 and 8 days old, and a file that is not an archive.
    const kind = ctx.database.kind;
    const old = [30, 20, 10, 8].map((days) => archiveName(kind, new Date(Date.now() - days * 86_400_000)));
    rmSync(backupDir, { recursive: true, force: true });
    mkdirSync(backupDir, { recursive: true });
    for (const name of old) {
      writeFileSync(path.join(backupDir, name), 'old');
      writeFileSync(sm3FileOf(path.join(backupDir, name)), 'x');
    }
    writeFileSync(path.join(backupDir, 'notes.txt'), 'operator notes');

    await ctx.platform.jobs.enqueue(db(), backupJob, {});
    await ctx.platform.jobs.runOnce(); // the backup, and the 六合一 uploads of the registrations
    const [job] = await rows<{ state: string; last_error: string | null }>(sql`select state, last_error from jobs where queue = 'backup'`);
    expect(job, JSON.stringify(job)).toMatchObject({ state: 'succeeded' });

    // Kept: the new archive and, by keepMin = 2, the 8-day-old one; older than 7 days and beyond keepMin: deleted.
    const files = readdirSync(backupDir).sort();
    const fresh = files.find((f) => f.endsWith('.shbak') && !old.includes(f))!;
    expect(files).toEqual([old[3]!, sm3FileOf(old[3]!), 'notes.txt', fresh, sm3FileOf(fresh)].sort());
    const [record] = await rows<{ result: string; target_id: string; details: { pruned: string[]; sm3: string } }>(
      sql`select result, target_id, details from audit_log where action = 'backup.create' order by id desc limit 1`,
    );
    expect(record).toMatchObject({ result: 'success', target_id: fresh, details: { pruned: old.slice(0, 3).reverse() } });

    // The archive: SM3 file matches; the header names the master key by id only; the body is not the dump in clear.
    const bytes = readFileSync(path.join(backupDir, fresh));
    expect(readFileSync(sm3FileOf(path.join(backupDir, fresh)), 'utf8')).toBe(`${sm3Hex(bytes)}  ${fresh}\n`);
    expect(record!.details.sm3).toBe(sm3Hex(bytes));
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
    expect(Object.keys(header).sort()).toEqual(['content', 'createdAt', 'format', 'iv', 'kekId', 'kind', 'migration', 'salt']);
    expect(header).toMatchObject({ format: BACKUP_FORMAT, kind, kekId: kek.id, content: onPostgres ? 'pg_dump-custom' : 'pglite-datadir-tgz' });
    const body = bytes.subarray(newline + 1);
    expect(body.subarray(0, 5).toString('latin1')).not.toBe('PGDMP'); // pg_dump custom format magic
    expect(body.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false); // gzip magic
    expect(bytes.includes(kek.key)).toBe(false);
    expect(bytes.includes(Buffer.from(kek.key.toString('hex')))).toBe(false);
  });

  it('BR-1: a changed byte, a changed SM3 file, a wrong master key or the wrong database kind is refused before anything is restored', async () => {
    const { file } = await runBackup(deps(), actor);
    const target = path.join(tmp, 'never');
    const pgliteTarget: RestoreTarget = { kind: 'pglite', dataDir: target };
    const sameKind: RestoreTarget = onPostgres ? { kind: 'postgresql', url: 'postgres://nobody@127.0.0.1:1/none' } : pgliteTarget;
    const otherKind: RestoreTarget = onPostgres ? pgliteTarget : { kind: 'postgresql', url: 'postgres://nobody@127.0.0.1:1/none' };
    const copy = (name: string, change?: (b: Buffer) => void) => {
      const to = path.join(tmp, name);
      const bytes = readFileSync(file);
      change?.(bytes);
      writeFileSync(to, bytes);
      return to;
    };

    const flipped = copy('flipped.shbak', (b) => {
      b[Math.floor(b.length / 2)]! ^= 0x01;
    });
    await expect(restoreBackup(flipped, kek, sameKind, { replace: false })).rejects.toThrow(/HMAC-SM3 不符/);
    copyFileSync(sm3FileOf(file), sm3FileOf(flipped));
    await expect(restoreBackup(flipped, kek, sameKind, { replace: false })).rejects.toThrow(/与其 SM3 校验文件不符/);
    const truncated = copy('truncated.shbak', () => {});
    writeFileSync(truncated, readFileSync(file).subarray(0, 300));
    await expect(restoreBackup(truncated, kek, sameKind, { replace: false })).rejects.toThrow(BackupError);
    // The header is authenticated too: an earlier date written into it is refused.
    const redated = copy('redated.shbak', (b) => {
      b.write('1', b.indexOf('"createdAt":"2') + '"createdAt":"'.length);
    });
    await expect(restoreBackup(redated, kek, sameKind, { replace: false })).rejects.toThrow(/HMAC-SM3 不符/);
    const otherKey = loadMasterKey({ hex: randomBytes(16).toString('hex') });
    await expect(restoreBackup(file, otherKey, sameKind, { replace: false })).rejects.toThrow(/另一主密钥/);
    await expect(restoreBackup(file, kek, otherKind, { replace: false })).rejects.toThrow(/不能恢复到/);
    expect(existsSync(target)).toBe(false);
    // An existing database is not overwritten without --replace.
    const live: RestoreTarget = onPostgres
      ? { kind: 'postgresql', url: ctx.platform.config.databaseUrl! }
      : { kind: 'pglite', dataDir: mkdtempSync(path.join(tmp, 'live-')) };
    if (live.kind === 'pglite') await restoreBackup(file, kek, live, { replace: false });
    await expect(restoreBackup(file, kek, live, { replace: false })).rejects.toThrow(onPostgres ? /目标数据库不是空的/ : /已有数据库/);
  });

  it('BR-1: backup, destroy, restore: the audit chain and every ledger signature verify, and tampering after the restore is found', async () => {
    const [before] = await snapshot(ctx.database);
    const { file } = await runBackup(deps(), actor);
    // Destroy: the in-memory PGlite is gone with its process; the PostgreSQL test database is dropped.
    await ctx.close();
    closed = true;

    const restored = await emptyTarget();
    try {
      const header = await restoreBackup(file, kek, restored.target, { replace: false });
      expect(header.kind).toBe(onPostgres ? 'postgresql' : 'pglite');
      const database = await restored.open();
      try {
        const [after] = await snapshot(database);
        expect(after).toEqual(before);
        expect(before!.businesses).toBe(2);
        const config = loadConfig({
          NODE_ENV: 'test',
          MASTER_KEY: kek.key.toString('hex'),
          DATA_DIR: mkdtempSync(path.join(tmp, 'restored-')),
        } as NodeJS.ProcessEnv);
        const platform = createPlatform(config, database, await migrationVersion(database));
        declareModules(platform, MODULES);
        const check = await verifyRestored(platform);
        expect(check.findings).toEqual([]);
        expect(check.checked).toBeGreaterThan(before!.audit);
        expect(check.signatures).toEqual({ checked: 2, invalid: [] });

        // The checks are real: a ledger row and an audit row changed in the restored database are both reported.
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`alter table ebike_businesses disable trigger user`);
          await tx.execute(sql`update ebike_businesses set reason = '篡改' where lsh = ${lshs[1]!}`);
          await tx.execute(sql`alter table ebike_businesses enable trigger user`);
          await tx.execute(sql`alter table audit_log disable trigger user`);
          await tx.execute(sql`update audit_log set username = 'someone_else' where id = (select min(id) from audit_log)`);
          await tx.execute(sql`alter table audit_log enable trigger user`);
        });
        const tampered = await verifyRestored(platform);
        expect(tampered.signatures.invalid).toEqual([{ type: 'ebike-business', id: lshs[1] }]);
        expect(tampered.findings.map((f) => f.kind)).toContain('modified');
      } finally {
        await database.close();
      }
    } finally {
      await restored.drop();
    }
  });
});
