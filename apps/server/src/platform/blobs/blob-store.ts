import type { Readable } from 'node:stream';
import { aeadOpen, aeadSeal, sm3Hex } from '@shtp/gm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import { conflict } from '../http/errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { KeySpec } from '../keys/key-types.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { BlobBackend } from './blob-backend.ts';
import { type BlobHolder, type BlobRow, blobsRepository as repo } from './blobs.repository.ts';

export const BLOB_KEY: KeySpec = { purpose: 'blob-enc', algorithm: 'SM4', label: '影像存储加密密钥（SM4）', rotatable: true };

/** What a module keeps of a stored blob: its name (the SM3 digest of the content), its size and type. */
export interface BlobRef {
  digest: string;
  size: number;
  mime: string;
}

/** The largest blob the store takes: a blob is encrypted in memory, and pages, photos and PDFs are far smaller. */
export const MAX_BLOB_BYTES = 64 * 1024 * 1024;

const DIGEST = /^[0-9a-f]{64}$/;

/** Deletes the objects of blobs erased in a business transaction (`BlobStore.erase`), after it committed. */
export const blobEraseJob = defineJob('blob-erase', z.strictObject({ digests: z.array(z.string().regex(DIGEST)).min(1) }));

/** The object's name: the digest (spread over two folder levels) and the key version that encrypted it. */
export const objectKey = (digest: string, keyVersion: number) => `${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}.k${keyVersion}`;
/** The ciphertext is bound to its digest: an object copied under another name does not decrypt. */
const aadOf = (digest: string) => Buffer.from(`shtp-blob:${digest}`);

/** A blob whose row exists but whose object is missing or altered in the backend. */
export class BlobIntegrityError extends Error {}

/**
 * The platform's image store (platform/blobs): content-addressed by SM3 (identical content is stored once), SM4
 * encrypted at rest (authenticated, bound to its digest) with the `blob-enc` data key, metadata in the `blobs` table,
 * objects on the filesystem or in S3-compatible storage. There is no delete: a user never removes a stored page. Content
 * no business holds any more (an archive disposed after its retention period) is erased: `erase`, then a job.
 */
export class BlobStore {
  private readonly holders = new Map<string, BlobHolder>();

  constructor(
    private readonly db: Db,
    private readonly keys: KeyStore,
    readonly backend: BlobBackend,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Every module that keeps digests of stored content registers where (at declare time): `erase` keeps whatever any
   * holder still uses, so content shared between archives or modules is never erased while one of them needs it.
   */
  registerHolder(name: string, holder: BlobHolder): void {
    if (this.holders.has(name)) throw new Error(`blob holder ${name} registered twice`);
    this.holders.set(name, holder);
  }

  /**
   * In the caller's transaction (after it stopped holding them, e.g. an archive marked disposed): of `digests`, those
   * no registered holder still uses are erased — unreadable at once, their objects deleted by the job `blob-erase`
   * enqueued in the same transaction. Answers which were erased and which are kept because something else holds them.
   * Each digest is locked exclusively first: a store or a module's reference (`hold`) of the same content in another
   * open transaction is waited for and then seen by the holder checks, and a later one waits for this transaction.
   */
  async erase(tx: DbOrTx, digests: string[], cause: string): Promise<{ erased: string[]; kept: string[] }> {
    const candidates = [...new Set(digests)].filter((d) => DIGEST.test(d));
    if (!candidates.length) return { erased: [], kept: [] };
    await repo.lockDigests(tx, candidates, 'exclusive');
    const held = new Set<string>();
    for (const holder of this.holders.values()) for (const d of await holder(tx, candidates)) held.add(d);
    const erased = candidates.filter((d) => !held.has(d));
    if (erased.length) {
      await repo.markErased(tx, erased, cause);
      await this.jobs.enqueue(tx, blobEraseJob, { digests: erased });
    }
    return { erased, kept: candidates.filter((d) => held.has(d)) };
  }

  /**
   * In the transaction that writes a module's reference to stored content (a page, an attachment, a photo), before
   * writing it: an erasure of the same content then waits for this transaction and sees the reference (the content is
   * kept). When the erasure came first, content whose object is still there is taken back; content whose object the
   * erasure job already deleted is refused (409 BLOB_ERASED: the client stores it again). One call per transaction.
   */
  async hold(tx: DbOrTx, digests: string[]): Promise<void> {
    const wanted = [...new Set(digests)];
    if (!wanted.length) return;
    await repo.lockDigests(tx, wanted, 'shared');
    await repo.reviveUndeleted(tx, wanted);
    if ((await repo.erasedOf(tx, wanted)).length) throw conflict('BLOB_ERASED', '影像内容已被擦除，请重新上传');
  }

  /** The erasure job's step: deletes the object of an erased blob (once; a blob stored again meanwhile is left). */
  async deleteErasedObject(digest: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const pending = await repo.lockPendingErasure(tx, digest);
      if (!pending) return;
      await this.backend.delete(objectKey(digest, pending.keyVersion));
      await repo.objectDeleted(tx, digest);
    });
  }

  /**
   * Stores content and answers its reference; storing the same content again writes nothing and answers the same
   * digest. A stream is read whole first (at most MAX_BLOB_BYTES). `mime` is the caller's: a module that stores
   * uploaded content takes it from `inspectContent`, never from the client.
   */
  async put(content: Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>, opts: { mime: string }): Promise<BlobRef> {
    const data = await bytesOf(content);
    const digest = sm3Hex(data);
    const known = await repo.find(this.db, digest);
    // Erased content stored again is held again; an erasure still deciding about it (`erase`) is waited for.
    if (known)
      await this.db.transaction(async (tx) => {
        await repo.lockDigests(tx, [digest], 'shared');
        await repo.revive(tx, digest);
      });
    if (known && (await this.backend.exists(objectKey(digest, known.keyVersion)))) return refOf(known);
    // A known blob is written again under the key version its row names (a retired version still encrypts).
    const key = known ? await this.keys.version(BLOB_KEY.purpose, known.keyVersion) : this.keys.current(BLOB_KEY.purpose);
    // The object first, then the row: a row never names an object that was not written.
    await this.backend.write(objectKey(digest, key.version), aeadSeal(key.material, data, aadOf(digest)));
    if (known) return refOf(known); // its object was erased or had gone missing (restored from an older backup): written again
    const row = await repo.insertIfMissing(this.db, { digest, size: data.length, mime: opts.mime, keyVersion: key.version, backend: this.backend.name });
    return refOf(row);
  }

  /** The content of a blob, checked against its digest; null when the store has no such blob (or it was erased). */
  async get(digest: string): Promise<(BlobRef & { data: Buffer }) | null> {
    if (!DIGEST.test(digest)) return null;
    const row = await repo.findLive(this.db, digest);
    if (!row) return null;
    const sealed = await this.backend.read(objectKey(digest, row.keyVersion));
    if (!sealed) throw new BlobIntegrityError(`blob ${digest}: object missing in ${this.backend.name}`);
    const key = await this.keys.version(BLOB_KEY.purpose, row.keyVersion);
    let data: Buffer;
    try {
      data = aeadOpen(key.material, sealed, aadOf(digest));
    } catch (err) {
      throw new BlobIntegrityError(`blob ${digest}: object altered or not this blob`, { cause: err });
    }
    if (sm3Hex(data) !== digest) throw new BlobIntegrityError(`blob ${digest}: content does not match its digest`);
    return { ...refOf(row), data };
  }

  /** Whether the store holds a blob (its metadata; `get` checks the object itself). */
  async has(digest: string): Promise<boolean> {
    return DIGEST.test(digest) && (await repo.findLive(this.db, digest)) !== undefined;
  }

  async info(digest: string): Promise<BlobRef | null> {
    if (!DIGEST.test(digest)) return null;
    const row = await repo.findLive(this.db, digest);
    return row ? refOf(row) : null;
  }

  /**
   * The blob a finished resumable upload became, only for the user who uploaded it (a module's capture route passes
   * the upload id its client got from /api/uploads, and the signed-in user); null otherwise.
   */
  async claimUpload(uploadId: string, userId: number): Promise<BlobRef | null> {
    const row = await repo.findUploadOf(this.db, uploadId, userId);
    return row ? refOf(row) : null;
  }

  close(): void {
    this.backend.close();
  }
}

const refOf = (row: BlobRow): BlobRef => ({ digest: row.digest, size: row.size, mime: row.mime });

async function bytesOf(content: Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  if (content instanceof Uint8Array) {
    if (content.length > MAX_BLOB_BYTES) throw new RangeError(`blob larger than ${MAX_BLOB_BYTES} bytes`);
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_BLOB_BYTES) throw new RangeError(`blob larger than ${MAX_BLOB_BYTES} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, size);
}
