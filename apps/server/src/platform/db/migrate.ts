import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Config } from '../config/config.ts';
import { type Database, openDatabase, queryRows } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** Applies pending migrations; returns the tag of the newest one. */
export async function runMigrations(database: Database): Promise<string> {
  const config = { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: 'public', migrationsTable: '__migrations' };
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, config);
  else await migrateNodePg(database.db as unknown as NodePgDatabase, config);
  return migrationVersion(database);
}

/** The tag of the newest applied migration (from the journal, matched by its timestamp). */
export async function migrationVersion(database: Database): Promise<string> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;
  const rows = await queryRows<{ created_at: string }>(database.db, sql`select max(created_at)::text as created_at from public.__migrations`);
  const when = Number(rows[0]?.created_at ?? 0);
  const applied = journal.entries.filter((e) => e.when <= when);
  return applied.at(-1)?.tag ?? 'none';
}

/**
 * N6: gives the application role exactly the DML each table's class allows (grant_app_privileges of migration
 * 0014): no DDL, no TRUNCATE, only SELECT and INSERT on the audit tables. Run by the owner after every migration.
 */
export async function grantAppPrivileges(owner: Database, appRole: string): Promise<void> {
  await owner.db.execute(sql`select grant_app_privileges(${appRole})`);
}

/**
 * Brings the schema up to date: as the owner role of MIGRATION_DATABASE_URL when configured (then the application
 * role gets its grants), otherwise through the application's own connection, as before. Returns the newest tag.
 */
export async function migrateDatabase(config: Pick<Config, 'migration'>, database: Database): Promise<string> {
  if (!config.migration) return runMigrations(database);
  const owner = await openDatabase({ url: config.migration.url, poolSize: 1 });
  try {
    const version = await runMigrations(owner);
    await grantAppPrivileges(owner, config.migration.appRole);
    return version;
  } finally {
    await owner.close();
  }
}

/** Whether the connected role owns the audit log, i.e. could switch its guards off (a single-role deployment). */
export async function ownsAuditLog(database: Database): Promise<boolean> {
  const [row] = await queryRows<{ owns: boolean }>(
    database.db,
    sql`select pg_has_role(current_user, relowner, 'USAGE') as owns from pg_class where oid = 'audit_log'::regclass`,
  );
  return row?.owns === true;
}
