import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, queryRows } from './client.ts';

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
