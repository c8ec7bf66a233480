import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type ExtractTablesWithRelations, is } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { DatabaseNotifications, listenOnConnect, pgliteListener, postgresListener } from './notifications.ts';

export type DatabaseKind = 'pglite' | 'postgresql';
type Schema = Record<string, never>;
/** How the handles name columns declared without a name (property `lastUsedAt` → column `last_used_at`). */
export const DB_CASING = 'snake_case';
/** The Drizzle handle every repository takes; the same type for PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A repository method runs on the database or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /**
   * For reads that may lag behind the last commit (statistics, reports): a replica's pool when DATABASE_REPLICA_URL is
   * set, its sessions read-only; otherwise the same handle as `db`. Never for a read that must see the caller's own
   * write, for anything audited as a read of a record, or inside a transaction.
   */
  reports: Db;
  /** Queries waiting for a pooled connection (the embedded database has no pool: 0). */
  waiting(): number;
  /** PostgreSQL notifications (LISTEN/NOTIFY) of the primary: this process's commits at once, others' via a listener. */
  notifications: DatabaseNotifications;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, an embedded PGlite under `dataDir` (or in memory when dataDir is null). */
  url?: string | undefined;
  /** postgres:// URL of a streaming replica for `reports` (only with `url`). */
  replicaUrl?: string | undefined;
  dataDir?: string | null;
  poolSize?: number;
  /** An embedded database's starting content: a PGlite data-directory dump (the tests' migrated template). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const notifications = new DatabaseNotifications(postgresListener(opts.url));
    const primary = await openPool({ connectionString: opts.url, max: opts.poolSize ?? 20, application_name: 'shtp' }, notifications);
    // Report reads are few and long: a quarter of the pool; read-only sessions even when the URL names the primary.
    const replica = opts.replicaUrl
      ? await openPool({
          connectionString: opts.replicaUrl,
          max: Math.max(2, Math.ceil((opts.poolSize ?? 20) / 4)),
          application_name: 'shtp-reports',
          options: '-c default_transaction_read_only=on',
        }).catch(async (err: unknown) => {
          await primary.close();
          throw err;
        })
      : null;
    return {
      kind: 'postgresql',
      db: primary.db,
      reports: (replica ?? primary).db,
      waiting: () => primary.pool.waitingCount,
      notifications,
      close: async () => {
        await notifications.close();
        await replica?.close();
        await primary.close();
      },
    };
  }
  let dataPath: string | undefined;
  if (opts.dataDir) {
    dataPath = path.join(opts.dataDir, 'pgdata');
    mkdirSync(opts.dataDir, { recursive: true }); // PGlite only creates the last folder of the path
  }
  const client = await PGlite.create({ dataDir: dataPath, loadDataDir: opts.loadDataDir, extensions: { pg_trgm, btree_gist } });
  const db = drizzlePglite({ client, casing: DB_CASING }) as unknown as Db;
  const notifications = new DatabaseNotifications(pgliteListener(client));
  return {
    kind: 'pglite',
    db,
    reports: db,
    waiting: () => 0,
    notifications,
    close: async () => {
      await notifications.close();
      await client.close();
    },
  };
}

async function openPool(config: pg.PoolConfig, notifications?: DatabaseNotifications) {
  const pool = new pg.Pool({ ...config, ...(notifications && { onConnect: listenOnConnect(notifications) }) });
  // An idle connection the server drops (restart, failover, shutdown) must not crash the process: the pool
  // discards it and opens a new one on the next query.
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) console.error(`数据库连接中断（将自动重连）：${err.message}`);
  });
  // Surface a wrong URL or a stopped server at start, not at the first request.
  const client = await pool.connect();
  client.release();
  return {
    pool,
    db: drizzleNodePg({ client: pool, casing: DB_CASING }) as unknown as Db,
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}

/** Rows of a raw `db.execute(sql...)`; both drivers return `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: Parameters<Db['execute']>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Whether the handle is a transaction (the caller's), not the database itself. */
export const isTransaction = (db: DbOrTx): db is Tx => is(db, PgTransaction);

/** Runs `work` in the caller's transaction, or in a new one when given the database. */
export const inTransaction = <T>(db: DbOrTx, work: (tx: Tx) => Promise<T>): Promise<T> => (isTransaction(db) ? work(db) : db.transaction(work));
