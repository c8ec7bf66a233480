import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { ConfigError, loadConfig } from '../../src/platform/config/config.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { fieldKeyVersion } from '../../src/platform/keys/field-seal.ts';
import { keysRepository } from '../../src/platform/keys/keys.repository.ts';
import { KeyStore } from '../../src/platform/keys/keystore.ts';
import { loadMasterKey } from '../../src/platform/keys/master-key.ts';
import { reencryptJob } from '../../src/platform/keys/reencrypt.job.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const actor = systemActor('test');
const ID = '310115199003071239'; // synthetic, VALIDATORS.md

describe('field encryption and blind index (C4)', () => {
  it('round-trips, never stores the plaintext, and binds the ciphertext to its field', async () => {
    const f = ctx.platform.fields;
    const stored = await f.encrypt(ID, 'people.id_number');
    expect(stored).toMatch(/^f1\.1\./);
    expect(stored).not.toContain(ID);
    expect(await f.decrypt(stored, 'people.id_number')).toBe(ID);
    await expect(f.decrypt(stored, 'people.phone')).rejects.toThrow(); // moved to another column
    const body = Buffer.from(stored.split('.')[2]!, 'base64');
    body[body.length - 1]! ^= 1;
    await expect(f.decrypt(`f1.1.${body.toString('base64')}`, 'people.id_number')).rejects.toThrow();
    expect(await f.encrypt(ID, 'people.id_number')).not.toBe(stored); // random nonce: equal values do not look equal
  });

  it('the blind index matches normalised equal values of one kind only', async () => {
    const f = ctx.platform.fields;
    const a = await f.blindIndex(ID, 'id_number');
    expect(await f.blindIndex(' ３１０１１５ 199003071239 ', 'id_number')).toBe(a); // full-width digits and spaces
    expect(await f.blindIndex(ID, 'phone')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('key rotation', () => {
  it('new writes use the new version, old rows stay readable, and the job moves them all', async () => {
    const db = ctx.database.db;
    await db.execute(sql`create table people_test (id serial primary key, id_number text)`);
    ctx.platform.encryptedColumns.push({ table: 'people_test', id: 'id', column: 'id_number', context: 'people_test.id_number' });
    for (let i = 0; i < 3; i++)
      await db.execute(sql`insert into people_test (id_number) values (${await ctx.platform.fields.encrypt(ID, 'people_test.id_number')})`);

    const version = await ctx.platform.keys.rotate('pii-enc', actor);
    expect(version).toBe(2);
    expect(fieldKeyVersion(await ctx.platform.fields.encrypt(ID, 'x'))).toBe(2);
    const before = await queryRows<{ id_number: string }>(db, sql`select id_number from people_test`);
    expect(before.every((r) => fieldKeyVersion(r.id_number) === 1)).toBe(true);
    expect(await ctx.platform.fields.decrypt(before[0]!.id_number, 'people_test.id_number')).toBe(ID);

    await ctx.platform.jobs.enqueue(db, reencryptJob, {});
    await ctx.platform.jobs.drain();
    const after = await queryRows<{ id_number: string }>(db, sql`select id_number from people_test`);
    expect(after.map((r) => fieldKeyVersion(r.id_number))).toEqual([2, 2, 2]);
    for (const r of after) expect(await ctx.platform.fields.decrypt(r.id_number, 'people_test.id_number')).toBe(ID);
    // A write of the job replaces a value only if it is still the one it read (a request may have changed it meanwhile).
    const column = { table: 'people_test', id: 'id', column: 'id_number' };
    const row1 = () => queryRows<{ id_number: string }>(db, sql`select id_number from people_test where id = 1`).then((r) => r[0]!.id_number);
    const moved = await row1();
    await db.transaction((tx) => keysRepository.rewriteValue(tx, column, 1, before[0]!.id_number, 'f1.9.stale'));
    expect(await row1()).toBe(moved);
    await db.transaction((tx) => keysRepository.rewriteValue(tx, column, 1, moved, 'f1.9.replaced'));
    expect(await row1()).toBe('f1.9.replaced');
    await db.transaction((tx) => keysRepository.rewriteValue(tx, column, 1, 'f1.9.replaced', moved));
    const audited = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'key.rotate' and target_id = 'pii-enc'`);
    expect(audited[0]!.n).toBe(1);
    await expect(ctx.platform.keys.rotate('pii-index', actor)).rejects.toThrow();
  });

  it('stores keys only wrapped, and refuses to start with another master key', async () => {
    const rows = await queryRows<{ wrapped: string }>(ctx.database.db, sql`select wrapped from crypto_keys`);
    const material = (await ctx.platform.keys.current('pii-index')).material;
    expect(rows.some((r) => Buffer.from(r.wrapped, 'base64').includes(material))).toBe(false);
    const other = new KeyStore(ctx.database.db, loadMasterKey({ hex: randomBytes(16).toString('hex') }));
    await expect(other.ensureDeclared()).rejects.toThrow(ConfigError);
  });
});

describe('master key configuration', () => {
  it('is required in production and may not live inside DATA_DIR', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/主密钥/);
    expect(() => loadConfig({ DATA_DIR: '/srv/data', MASTER_KEY_FILE: '/srv/data/master.key' } as NodeJS.ProcessEnv)).toThrow(/DATA_DIR/);
    expect(() => loadConfig({ MASTER_KEY: 'xyz' } as NodeJS.ProcessEnv)).toThrow(/32 位十六进制/);
  });

  it('outside production, creates the key file once with mode 600 and reads the same key again', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kek-'));
    try {
      const file = path.join(dir, 'keys', 'master.key');
      const first = loadMasterKey({ file, create: true });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadMasterKey({ file, create: true }).key.equals(first.key)).toBe(true);
      expect(() => loadMasterKey({ file: path.join(dir, 'missing.key'), create: false })).toThrow(ConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
