import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm3Hex } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import { jsonb, pgTable, serial, text } from 'drizzle-orm/pg-core';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentRefusal, inspectContent } from '../../src/platform/blobs/blob-content.ts';
import { BlobIntegrityError, BlobStore, objectKey } from '../../src/platform/blobs/blob-store.ts';
import { blobHolders } from '../../src/platform/blobs/blobs.repository.ts';
import { FsBackend } from '../../src/platform/blobs/fs-backend.ts';
import { S3Backend } from '../../src/platform/blobs/s3-backend.ts';
import { type DbOrTx, queryRows } from '../../src/platform/db/client.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shtp-blobs-'));
  dirs.push(dir);
  return dir;
};
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));

/** The behaviour every backend must have, run against the filesystem and the S3-protocol server. */
function storeContract(name: string, store: () => BlobStore) {
  describe(`image store on ${name}`, () => {
    it('names content by its SM3, stores identical content once, and gives it back', async () => {
      const page = randomBytes(50_000);
      const first = await store().put(page, { mime: 'image/jpeg' });
      expect(first).toEqual({ digest: sm3Hex(page), size: page.length, mime: 'image/jpeg' });
      const again = await store().put(Buffer.from(page), { mime: 'image/jpeg' });
      expect(again.digest).toBe(first.digest);
      const rows = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from blobs where digest = ${first.digest}`);
      expect(rows[0]!.n).toBe(1);
      const got = await store().get(first.digest);
      expect(got?.data.equals(page)).toBe(true);
      expect(await store().has(first.digest)).toBe(true);
      expect(await store().has(sm3Hex(randomBytes(8)))).toBe(false);
      expect(await store().get(sm3Hex(randomBytes(8)))).toBeNull();
      expect(await store().get('../../etc/passwd')).toBeNull();
    });

    it('erases content no holder keeps (unreadable at once, object deleted by the job), keeps held content, and takes erased content back', async () => {
      const [held, free] = [randomBytes(3000), randomBytes(3000)];
      const [h, f] = [await store().put(held, { mime: 'image/jpeg' }), await store().put(free, { mime: 'image/jpeg' })];
      store().registerHolder('test-pages', async (_db, digests) => digests.filter((d) => d === h.digest));
      const result = await ctx.platform.db.transaction((tx) => store().erase(tx, [h.digest, f.digest, f.digest], 'test'));
      expect(result).toEqual({ erased: [f.digest], kept: [h.digest] });
      expect(await store().get(f.digest)).toBeNull();
      expect(await store().has(f.digest)).toBe(false);
      expect((await store().get(h.digest))?.data.equals(held)).toBe(true);
      const [{ key_version: version }] = (await queryRows<{ key_version: number }>(
        ctx.platform.db,
        sql`select key_version from blobs where digest = ${f.digest}`,
      )) as [{ key_version: number }];
      expect(await store().backend.exists(objectKey(f.digest, version))).toBe(true);
      await store().deleteErasedObject(f.digest);
      expect(await store().backend.exists(objectKey(f.digest, version))).toBe(false);
      await store().deleteErasedObject(f.digest); // a retried job changes nothing
      // The same content stored again (another business) is held and readable again.
      await store().put(free, { mime: 'image/jpeg' });
      expect((await store().get(f.digest))?.data.equals(free)).toBe(true);
    });

    it('takes a stream as well as bytes', async () => {
      const page = randomBytes(100_000);
      async function* chunks() {
        for (let i = 0; i < page.length; i += 16_384) yield page.subarray(i, i + 16_384);
      }
      const ref = await store().put(chunks(), { mime: 'application/pdf' });
      expect(ref.digest).toBe(sm3Hex(page));
      expect((await store().get(ref.digest))?.data.equals(page)).toBe(true);
    });
  });
}

const fsDir = tempDir();
let fsBound: BlobStore;
beforeAll(() => {
  fsBound = new BlobStore(ctx.platform.db, ctx.platform.keys, new FsBackend(fsDir), ctx.platform.jobs);
});
storeContract('the filesystem', () => fsBound);

describe('at rest on the filesystem', () => {
  it('keeps only ciphertext, and refuses an object that was altered or swapped', async () => {
    const text = Buffer.from(`身份证 310115199003071239 ${randomBytes(8).toString('hex')}`.repeat(20));
    const a = await fsBound.put(text, { mime: 'image/png' });
    const b = await fsBound.put(randomBytes(2000), { mime: 'image/png' });
    const fileOf = (digest: string) => filesUnder(fsDir).find((f) => path.basename(f).startsWith(digest))!;
    const stored = readFileSync(fileOf(a.digest));
    expect(stored.includes(Buffer.from('310115199003071239'))).toBe(false);
    expect(stored.includes(text.subarray(0, 64))).toBe(false);

    // Another blob's (valid) ciphertext put in place of this one: bound to its own digest, it does not open.
    const original = Buffer.from(stored);
    writeFileSync(fileOf(a.digest), readFileSync(fileOf(b.digest)));
    await expect(fsBound.get(a.digest)).rejects.toBeInstanceOf(BlobIntegrityError);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 40]! ^= 1;
    writeFileSync(fileOf(a.digest), flipped);
    await expect(fsBound.get(a.digest)).rejects.toBeInstanceOf(BlobIntegrityError);
    writeFileSync(fileOf(a.digest), original);
    expect((await fsBound.get(a.digest))?.data.equals(text)).toBe(true);
  });

  it('refuses to change or delete a stored blob in the database', async () => {
    const ref = await fsBound.put(randomBytes(300), { mime: 'image/jpeg' });
    await expect(ctx.platform.db.execute(sql`delete from blobs where digest = ${ref.digest}`)).rejects.toThrow();
    await expect(ctx.platform.db.execute(sql`update blobs set size = 1 where digest = ${ref.digest}`)).rejects.toThrow();
    expect(await fsBound.has(ref.digest)).toBe(true);
  });

  it('is the platform service modules receive, on DATA_DIR by default', async () => {
    expect(ctx.platform.blobs.backend.name).toBe('fs');
    const ref = await ctx.platform.blobs.put(Buffer.from('platform'), { mime: 'application/pdf' });
    expect((await ctx.platform.blobs.get(ref.digest))?.data.toString()).toBe('platform');
  });
});

describe('an erasure and a store of the same content at the same time', () => {
  const refs = pgTable('test_blob_refs', { id: serial().primaryKey(), digest: text(), images: jsonb().notNull().$type<{ digest: string }[]>() });
  let store: BlobStore;
  /** Runs inside the erasing transaction, after its locks and before it decides (a holder is asked in the middle). */
  let duringErase: ((tx: DbOrTx) => Promise<void>) | undefined;
  beforeAll(async () => {
    await ctx.platform.db.execute(sql`create table test_blob_refs (id serial primary key, digest text, images jsonb not null default '[]')`);
    store = new BlobStore(ctx.platform.db, ctx.platform.keys, new FsBackend(tempDir()), ctx.platform.jobs);
    store.registerHolder('test_blob_refs.digest', blobHolders.column(refs.digest));
    store.registerHolder('test_blob_refs.images', blobHolders.jsonArray(refs.images, 'digest'));
    store.registerHolder('interleave', async (tx) => {
      await duringErase?.(tx);
      return [];
    });
  });
  const erase = (digest: string) => ctx.platform.db.transaction((tx) => store.erase(tx, [digest], 'test'));

  /**
   * Until `other` (begun by the caller's open transaction `tx`) has finished or waits for a lock held there. On
   * PostgreSQL the two run at once on two connections, so this waits for the condition; PGlite runs one transaction at
   * a time, so `other`'s first statement is already queued behind `tx` and cannot run before it ends.
   */
  async function untilWaitingOrDone(tx: DbOrTx, other: Promise<unknown>) {
    if (!process.env.TEST_DATABASE_URL) return;
    let done = false;
    other.then(
      () => (done = true),
      () => (done = true),
    );
    while (!done) {
      const [waiting] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
             and database = (select oid from pg_database where datname = current_database())`,
      );
      if (waiting!.n > 0) return;
    }
  }

  it('a store while the erasing transaction is open waits for it, then takes the content back (the job leaves the object)', async () => {
    const page = randomBytes(2000);
    const ref = await store.put(page, { mime: 'image/jpeg' });
    let storing: Promise<unknown> = Promise.resolve();
    duringErase = async (tx) => {
      duringErase = undefined;
      storing = store.put(page, { mime: 'image/jpeg' });
      await untilWaitingOrDone(tx, storing);
    };
    expect(await erase(ref.digest)).toEqual({ erased: [ref.digest], kept: [] });
    await storing;
    expect((await store.get(ref.digest))?.data.equals(page)).toBe(true);
    await store.deleteErasedObject(ref.digest);
    expect((await store.get(ref.digest))?.data.equals(page)).toBe(true);
  });

  it("a module's reference written (with hold) while an erasure is asked for is seen by it: the content is kept", async () => {
    const page = randomBytes(2000);
    const ref = await store.put(page, { mime: 'image/jpeg' });
    let erasing: Promise<{ erased: string[]; kept: string[] }> | undefined;
    await ctx.platform.db.transaction(async (tx) => {
      await store.hold(tx, [ref.digest]);
      await tx.insert(refs).values({ images: [{ digest: ref.digest }] });
      erasing = erase(ref.digest);
      await untilWaitingOrDone(tx, erasing);
    });
    expect(await erasing).toEqual({ erased: [], kept: [ref.digest] });
    expect((await store.get(ref.digest))?.data.equals(page)).toBe(true);
  });

  it('a reference after an erasure takes the content back while its object is there, and is refused once it is deleted', async () => {
    const [kept, gone] = [randomBytes(2000), randomBytes(2000)];
    const [k, g] = [await store.put(kept, { mime: 'image/jpeg' }), await store.put(gone, { mime: 'image/jpeg' })];
    await erase(k.digest);
    await erase(g.digest);
    await store.deleteErasedObject(g.digest);
    await ctx.platform.db.transaction(async (tx) => {
      await store.hold(tx, [k.digest]);
      await tx.insert(refs).values({ digest: k.digest, images: [] });
    });
    await store.deleteErasedObject(k.digest); // the job enqueued by the erasure, run late: nothing left to delete
    expect((await store.get(k.digest))?.data.equals(kept)).toBe(true);
    expect(await erase(k.digest)).toEqual({ erased: [], kept: [k.digest] });

    const refused = ctx.platform.db.transaction(async (tx) => {
      await store.hold(tx, [g.digest]);
      await tx.insert(refs).values({ digest: g.digest, images: [] });
    });
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'BLOB_ERASED' });
    expect(await queryRows(ctx.platform.db, sql`select 1 from test_blob_refs where digest = ${g.digest}`)).toHaveLength(0);
    await store.put(gone, { mime: 'image/jpeg' }); // stored again: held again, the object written again
    await ctx.platform.db.transaction((tx) => store.hold(tx, [g.digest]));
    expect((await store.get(g.digest))?.data.equals(gone)).toBe(true);
  });
});

describe('image store on an S3-protocol server (s3rver)', () => {
  let server: S3rver;
  let s3Store: BlobStore;
  const s3Dir = tempDir();
  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: 'shtp-images', configs: [] }] });
    const { port } = await server.run();
    const backend = new S3Backend({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: 'shtp-images',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'blobs/',
    });
    s3Store = new BlobStore(ctx.platform.db, ctx.platform.keys, backend, ctx.platform.jobs);
  });
  afterAll(async () => {
    s3Store.close();
    await server.close();
  });
  storeContract('S3', () => s3Store);

  it('keeps ciphertext in the bucket, and a missing object is an integrity error, not absence', async () => {
    const page = Buffer.from('S3 page 310115199003071239'.repeat(50));
    const ref = await s3Store.put(page, { mime: 'image/jpeg' });
    const objects = filesUnder(s3Dir).filter((f) => f.includes(ref.digest) && f.endsWith('object'));
    expect(objects).toHaveLength(1);
    expect(readFileSync(objects[0]!).includes(Buffer.from('310115199003071239'))).toBe(false);
    rmSync(objects[0]!);
    await expect(s3Store.get(ref.digest)).rejects.toBeInstanceOf(BlobIntegrityError);
    // Putting the content again restores the object the row names.
    await s3Store.put(page, { mime: 'image/jpeg' });
    expect((await s3Store.get(ref.digest))?.data.equals(page)).toBe(true);
  });
});

describe('content checks of uploads', () => {
  const limits = { maxBytes: 1_000_000, maxPixels: 1_000_000 };
  it('knows the type from the magic bytes and refuses what it does not accept, in Chinese', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await inspectContent(png, limits)).toEqual({ mime: 'image/png', width: 20, height: 10 });
    expect((await inspectContent(Buffer.from('%PDF-1.7\n...'), limits)).mime).toBe('application/pdf');
    await expect(inspectContent(Buffer.from('GIF89a......'), limits)).rejects.toMatchObject({ status: 415, message: expect.stringContaining('只接受') });
    await expect(inspectContent(Buffer.alloc(1_000_001, 0xff), limits)).rejects.toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' });
  });

  it('refuses an image whose header declares more pixels than allowed, before decoding it', async () => {
    const big = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(big.length).toBeLessThan(50_000); // small on disk, 2 megapixels decoded
    const refusal = await inspectContent(big, limits).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ContentRefusal);
    expect(refusal).toMatchObject({ code: 'IMAGE_TOO_MANY_PIXELS', message: expect.stringContaining('2000×1000') });
    const truncated = (
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
        .jpeg()
        .toBuffer()
    ).subarray(0, 10);
    await expect(inspectContent(truncated, limits)).rejects.toMatchObject({ code: 'FILE_CORRUPT' });
  });
});
