import { type Database, openDatabase } from '@shtp/server/platform/db/client';
import { runMigrations } from '@shtp/server/platform/db/migrate';
import pg from 'pg';
import { PostgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from '../scripts/pg-cluster.mjs';

export interface BenchDatabase {
  database: Database;
  /** The pool under drizzle, for bulk SQL of the loaders. */
  client: pg.Pool;
  /** The database's URL, for a real server started on it. */
  url: string;
  /** Closes the database, drops it and stops the throwaway cluster. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one bench: on BENCH_DATABASE_URL's server, or on a throwaway cluster (Debian's
 * PostgreSQL; `settings`: extra server parameters of that cluster). Null, with the reason printed, when no PostgreSQL
 * is to be had (`what` names the skipped bench).
 */
export async function openBenchDatabase(prefix: string, what: string, settings: Record<string, string> = {}): Promise<BenchDatabase | null> {
  const [bench] = (await openBenchDatabases([prefix], what, settings)) ?? [];
  return bench ?? null;
}

/**
 * Several fresh, migrated databases on one server (e.g. the two zones of the exchange bench); closing the last one
 * stops the throwaway cluster. Null when no PostgreSQL is to be had.
 */
export async function openBenchDatabases(prefixes: readonly string[], what: string, settings: Record<string, string> = {}): Promise<BenchDatabase[] | null> {
  let url = process.env.BENCH_DATABASE_URL;
  let cluster: ThrowawayPostgres | undefined;
  if (!url) {
    try {
      cluster = await startThrowawayPostgres({ log: (m) => console.log(`[pg] ${m}`), settings });
      url = cluster.url;
    } catch (err) {
      if (!(err instanceof PostgresUnavailable)) throw err;
      console.log(`⚠ 跳过${what}：${err.message}`);
      return null;
    }
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let open = prefixes.length;
  const benches: BenchDatabase[] = [];
  for (const prefix of prefixes) {
    const dbName = `${prefix}_${Date.now()}`;
    await admin.query(`create database ${dbName}`);
    const target = new URL(url);
    target.pathname = `/${dbName}`;
    const database = await openDatabase({ url: target.toString(), poolSize: 2 });
    await runMigrations(database);
    benches.push({
      database,
      client: (database.db as unknown as { $client: pg.Pool }).$client,
      url: target.toString(),
      async close() {
        await database.close();
        await admin.query(`drop database if exists ${dbName} with (force)`);
        if (--open > 0) return;
        await admin.end();
        cluster?.stop();
      },
    });
  }
  return benches;
}
