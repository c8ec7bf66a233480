import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database, DatabaseKind } from '../db/client.ts';
import type { MasterKey } from '../keys/master-key.ts';
import { BACKUP_EXTENSION, BackupError, type BackupHeader, openArchive, sm3FileOf, type WrittenArchive, writeArchive } from './backup-archive.ts';
import { pgDump, pgRestore } from './postgres-tools.ts';

/*
 * BR-1: a full backup of the database into one encrypted archive (backup-archive.ts) and its restore.
 *   PGlite      the data folder as PGlite's own dumpDataDir (.tar.gz), taken from the running instance between queries;
 *               restored with loadDataDir into an empty DATA_DIR/pgdata.
 *   PostgreSQL  pg_dump --format=custom; restored with pg_restore in one transaction into an empty database.
 * docs/operations/backup.md is the operator's guide (RPO/RTO, the restore drill).
 */

const KIND_LABEL: Record<DatabaseKind, string> = { pglite: '内置数据库（PGlite）', postgresql: 'PostgreSQL' };
const ARCHIVE_NAME = /^shtp-(pglite|postgresql)-(\d{8}T\d{9}Z)\.shbak$/;

/** shtp-<kind>-20261202T020000123Z.shbak: sorts by time, and the time survives copying (mtime does not). */
export function archiveName(kind: DatabaseKind, at: Date): string {
  return `shtp-${kind}-${at.toISOString().replace(/[-:.]/g, '')}${BACKUP_EXTENSION}`;
}

/** When an archive was made, from its name; null for files that are not archives of ours. */
export function archiveTime(name: string): Date | null {
  const m = ARCHIVE_NAME.exec(name);
  if (!m?.[2]) return null;
  const t = m[2];
  return new Date(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.${t.slice(15, 18)}Z`);
}

export interface BackupSource {
  database: Database;
  /** The PostgreSQL URL pg_dump connects with (the database's own); unused on PGlite. */
  databaseUrl: string | undefined;
  migration: string;
}

const pgliteOf = (database: Database) => (database.db as unknown as { $client: PGlite }).$client;

async function* pgliteDump(database: Database): AsyncIterable<Uint8Array> {
  const tarball = await pgliteOf(database).dumpDataDir('gzip');
  yield* tarball.stream();
}

/** Writes one archive of the whole database into `dir`. */
export async function createBackup(source: BackupSource, dir: string, kek: MasterKey, now = new Date()): Promise<WrittenArchive> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { kind } = source.database;
  if (kind === 'postgresql' && !source.databaseUrl) throw new BackupError('PostgreSQL 备份需要数据库连接地址（DATABASE_URL）');
  const dump = kind === 'pglite' ? pgliteDump(source.database) : pgDump(source.databaseUrl!);
  const meta = {
    kind,
    content: kind === 'pglite' ? 'pglite-datadir-tgz' : 'pg_dump-custom',
    createdAt: now.toISOString(),
    migration: source.migration,
  } as const;
  return writeArchive(path.join(dir, archiveName(kind, now)), meta, kek, dump);
}

/**
 * Deletes archives older than `retentionDays`, always keeping the `keepMin` newest (a schedule that stopped working
 * must not end with no backup at all). Only files named like our archives are touched. Returns the names deleted.
 */
export async function pruneBackups(dir: string, retentionDays: number, keepMin: number, now = new Date()): Promise<string[]> {
  const archives = (await readdir(dir))
    .map((name) => ({ name, at: archiveTime(name) }))
    .filter((a): a is { name: string; at: Date } => a.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const expired = archives.slice(keepMin).filter((a) => a.at.getTime() < cutoff);
  for (const a of expired) {
    await rm(path.join(dir, a.name), { force: true });
    await rm(sm3FileOf(path.join(dir, a.name)), { force: true });
  }
  return expired.map((a) => a.name);
}

export type RestoreTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string };

export interface RestoreOptions {
  /** Replace an existing database: PGlite's is moved aside; on PostgreSQL the archive's objects are dropped first. */
  replace: boolean;
  now?: Date;
}

/** Restores an archive after checking it whole (openArchive); nothing is written before that check passes. */
export async function restoreBackup(file: string, kek: MasterKey, target: RestoreTarget, opts: RestoreOptions): Promise<BackupHeader> {
  const archive = await openArchive(file, kek);
  if (archive.header.kind !== target.kind) {
    throw new BackupError(
      `这是${KIND_LABEL[archive.header.kind]}的备份，不能恢复到${KIND_LABEL[target.kind]}：` +
        (archive.header.kind === 'postgresql' ? '请设置 DATABASE_URL 指向目标数据库' : '请去掉 DATABASE_URL，用 DATA_DIR 指定目标数据目录'),
    );
  }
  if (target.kind === 'pglite') await restorePglite(archive.plaintext(), target.dataDir, opts);
  else await restorePostgres(archive.plaintext(), target.url, opts);
  return archive.header;
}

async function restorePglite(dump: AsyncIterable<Buffer>, dataDir: string, opts: RestoreOptions): Promise<void> {
  const pgdata = path.join(dataDir, 'pgdata');
  let movedAside: string | null = null;
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    if (!opts.replace) {
      throw new BackupError(`数据目录 ${dataDir} 中已有数据库，恢复不会覆盖它。确认要替换时加 --replace（原数据库改名保留为 pgdata.before-restore-<时间>）`);
    }
    movedAside = `${pgdata}.before-restore-${(opts.now ?? new Date()).toISOString().replace(/[-:.]/g, '')}`;
    await rename(pgdata, movedAside);
  }
  await mkdir(dataDir, { recursive: true });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of dump) chunks.push(chunk);
    const restored = await PGlite.create({ dataDir: pgdata, loadDataDir: new Blob(chunks) });
    await restored.close();
  } catch (e) {
    await rm(pgdata, { recursive: true, force: true });
    if (movedAside) await rename(movedAside, pgdata);
    throw e instanceof BackupError ? e : new BackupError(`恢复内置数据库失败：${e instanceof Error ? e.message : String(e)}`);
  }
}

async function restorePostgres(dump: AsyncIterable<Buffer>, url: string, opts: RestoreOptions): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let tables: number;
  try {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`);
    tables = rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
  if (tables > 0 && !opts.replace) {
    throw new BackupError(
      `目标数据库不是空的（${tables} 张表），恢复不会覆盖它。请恢复到新建的空库（createdb），或确认后加 --replace（在同一事务中先删除备份中包含的对象再恢复）`,
    );
  }
  await pgRestore(url, dump, { clean: tables > 0 });
}
