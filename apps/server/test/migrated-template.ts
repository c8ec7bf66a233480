import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.ts';
import { MIGRATIONS_DIR, runMigrations } from '../src/platform/db/migrate.ts';

/**
 * A migrated database made once per test run and copied for every test file, instead of every file creating an
 * empty cluster and running all migrations (several seconds per file on a busy machine). The copy is exactly what
 * the migrations produce; each file still runs `runMigrations` on it, which finds nothing to do.
 *   PGlite: a data-directory dump in the temp folder, named by the migrations' hash (reused across runs).
 *   PostgreSQL (TEST_DATABASE_URL): a template database on the throwaway cluster; files use CREATE DATABASE … TEMPLATE.
 */
export type MigratedTemplate = { kind: 'pglite'; dumpFile: string } | { kind: 'postgresql'; database: string };

/** SHA-256 over the migration files' names and contents: a new or edited migration makes a new template. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(MIGRATIONS_DIR, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(MIGRATIONS_DIR);
  return hash.digest('hex').slice(0, 16);
}

export async function prepareMigratedTemplate(adminUrl: string | undefined): Promise<MigratedTemplate> {
  const hash = migrationsHash();
  if (!adminUrl) {
    const dumpFile = path.join(tmpdir(), `shtp-test-pglite-${hash}.tar`);
    if (!existsSync(dumpFile)) {
      const database = await openDatabase({});
      await runMigrations(database);
      const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
      const dump = await client.dumpDataDir('none');
      await database.close();
      // Written aside and renamed: a second run starting at the same moment never reads half a file.
      const partial = `${dumpFile}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, dumpFile);
    }
    return { kind: 'pglite', dumpFile };
  }
  const name = `t_template_${hash}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return { kind: 'postgresql', database: name };
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 1 });
  try {
    await runMigrations(database);
  } finally {
    await database.close(); // a template takes no connections while it is copied
  }
  return { kind: 'postgresql', database: name };
}
