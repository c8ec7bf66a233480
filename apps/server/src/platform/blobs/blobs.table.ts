import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The image store's metadata (platform/blobs): one row per distinct content, named by the SM3 of its plaintext. The
 * bytes are in the backend (files under DATA_DIR or S3-compatible object storage), SM4-encrypted with the key version
 * recorded here. Rows are never updated nor deleted by a user (a trigger refuses both).
 */
export const blobs = pgTable('blobs', {
  /** SM3 of the plaintext, 64 lower-case hex characters. */
  digest: text().primaryKey(),
  size: bigint({ mode: 'number' }).notNull(),
  /** From the magic bytes, never the client's claim. */
  mime: text().notNull(),
  /** Version of the `blob-enc` data key that encrypted the stored object. */
  keyVersion: integer('key_version').notNull(),
  /** fs | s3: where the object was written. */
  backend: text().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Resumable uploads that completed: the upload id (from the tus URL), who uploaded it, and the blob it became. A
 * module resolves an upload id to its digest through `platform.blobs.claimUpload(id, userId)` — only the uploader's own.
 */
export const blobUploads = pgTable(
  'blob_uploads',
  {
    id: text().primaryKey(),
    userId: integer('user_id').notNull(),
    digest: text()
      .notNull()
      .references(() => blobs.digest),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('blob_uploads_created_idx').on(t.createdAt)],
);

/**
 * Blobs erased because nothing holds them any more (the pages of an archive disposed after its retention period, when
 * no other page or module uses the same content): the `blobs` row stays (immutable, named by audits), reads answer "no
 * such blob", and the job `blob-erase` deletes the encrypted object from the backend (`objectDeletedAt`). Storing the
 * same content again later removes the row (the content is held again).
 */
export const blobErasures = pgTable('blob_erasures', {
  digest: text()
    .primaryKey()
    .references(() => blobs.digest),
  /** What erased it, e.g. `archive.disposal:<流水号>`. */
  cause: text().notNull(),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
  objectDeletedAt: timestamp('object_deleted_at', { withTimezone: true }),
});
