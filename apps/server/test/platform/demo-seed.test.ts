import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../src/platform/db/client.ts';
import { seedDemo } from '../../src/platform/demo/demo-seed.ts';
import { openTestDatabase } from '../test-app.ts';

/** First start outside production (on PostgreSQL DATA_DIR may not exist yet): the demo accounts and their passwords go together. */
let database: Database;
let tmp: string;
beforeAll(async () => {
  database = await openTestDatabase();
  tmp = mkdtempSync(path.join(tmpdir(), 'demo-seed-'));
});
afterAll(async () => {
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const userCount = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users`))[0]!.n;

describe('demo accounts', () => {
  it('are not created when their passwords cannot be written down', async () => {
    const blocker = path.join(tmp, 'not-a-folder');
    writeFileSync(blocker, '');
    await expect(seedDemo(database.db, path.join(blocker, 'data'), 1000)).rejects.toThrow(/ENOTDIR/);
    expect(await userCount()).toBe(0);
    expect(await queryRows(database.db, sql`select id from departments`)).toEqual([]);
  });

  it('create a missing DATA_DIR and write the passwords there, readable by the owner only', async () => {
    const dataDir = path.join(tmp, 'missing', 'data');
    const accounts = await seedDemo(database.db, dataDir, 1000);
    expect(accounts?.map((a) => a.username)).toEqual([
      'sysadmin',
      'secadmin',
      'auditadmin',
      'officer01',
      'supervisor01',
      'supervisor02',
      'road01',
      'tpcheck01',
      'tpreview01',
    ]);
    const file = path.join(dataDir, 'demo-accounts.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(accounts);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await userCount()).toBe(accounts!.length);
    expect(await seedDemo(database.db, dataDir, 1000)).toBeNull(); // seeded once only
  });
});
