import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { blobErasures, blobs, blobUploads } from './blobs.table.ts';

export type BlobRow = typeof blobs.$inferSelect;

/** Which of some digests a holder (a module's table) still uses. */
export type BlobHolder = (db: DbOrTx, digests: string[]) => Promise<string[]>;

/** Not erased: what every read of the store sees. */
const live = sql`not exists (select 1 from ${blobErasures} where ${blobErasures.digest} = ${blobs.digest})`;

/** All SQL of the image store. */
export const blobsRepository = {
  /** The row whether erased or not (a write of erased content brings it back). */
  async find(db: DbOrTx, digest: string): Promise<BlobRow | undefined> {
    const [row] = await db.select().from(blobs).where(eq(blobs.digest, digest));
    return row;
  },

  async findLive(db: DbOrTx, digest: string): Promise<BlobRow | undefined> {
    const [row] = await db
      .select()
      .from(blobs)
      .where(and(eq(blobs.digest, digest), live));
    return row;
  },

  /** The first writer of a content wins; a concurrent second one finds its row (same content, same digest). */
  async insertIfMissing(db: DbOrTx, row: Omit<BlobRow, 'createdAt'>): Promise<BlobRow> {
    const [inserted] = await db.insert(blobs).values(row).onConflictDoNothing().returning();
    return inserted ?? (await blobsRepository.find(db, row.digest))!;
  },

  async recordUpload(db: DbOrTx, upload: { id: string; userId: number; digest: string }): Promise<void> {
    await db.insert(blobUploads).values(upload).onConflictDoNothing();
  },

  async findUpload(db: DbOrTx, id: string): Promise<{ userId: number; blob: BlobRow } | undefined> {
    const [row] = await db
      .select({ userId: blobUploads.userId, blob: blobs })
      .from(blobUploads)
      .innerJoin(blobs, eq(blobs.digest, blobUploads.digest))
      .where(eq(blobUploads.id, id));
    return row;
  },

  async findUploadOf(db: DbOrTx, id: string, userId: number): Promise<BlobRow | undefined> {
    const [row] = await db
      .select({ blob: blobs })
      .from(blobUploads)
      .innerJoin(blobs, eq(blobs.digest, blobUploads.digest))
      .where(and(eq(blobUploads.id, id), eq(blobUploads.userId, userId), live));
    return row?.blob;
  },

  async markErased(db: DbOrTx, digests: string[], cause: string): Promise<void> {
    await db
      .insert(blobErasures)
      .values(digests.map((digest) => ({ digest, cause })))
      .onConflictDoNothing();
  },

  /**
   * The advisory locks of digests for the rest of the transaction (in digest order: two lockers never wait on each
   * other crosswise): exclusive for an erasure, shared for a store or a module's reference (`BlobStore.hold`).
   */
  async lockDigests(db: DbOrTx, digests: string[], mode: 'shared' | 'exclusive'): Promise<void> {
    const lock = mode === 'shared' ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
    const list = sql.join(
      digests.map((d) => sql`(${d})`),
      sql`, `,
    );
    await db.execute(
      sql`select ${lock}(hashtext('platform.blobs'), hashtext(d.digest))
            from (select distinct digest from (values ${list}) as v(digest) order by digest offset 0) d`,
    );
  },

  /** Erased content whose object is still there is held again (waits while the erasure job deletes an object). */
  async reviveUndeleted(db: DbOrTx, digests: string[]): Promise<void> {
    await db.delete(blobErasures).where(and(inArray(blobErasures.digest, digests), isNull(blobErasures.objectDeletedAt)));
  },

  async erasedOf(db: DbOrTx, digests: string[]): Promise<string[]> {
    return (await db.select({ d: blobErasures.digest }).from(blobErasures).where(inArray(blobErasures.digest, digests))).map((r) => r.d);
  },

  /** Content stored again after its erasure is held again (waits while the erasure job deletes its object). */
  async revive(db: DbOrTx, digest: string): Promise<void> {
    await db.delete(blobErasures).where(eq(blobErasures.digest, digest));
  },

  /** An erasure whose object is still to be deleted, locked until the deletion is recorded. */
  async lockPendingErasure(db: DbOrTx, digest: string): Promise<{ keyVersion: number } | undefined> {
    const [row] = await db
      .select({ keyVersion: blobs.keyVersion })
      .from(blobErasures)
      .innerJoin(blobs, eq(blobs.digest, blobErasures.digest))
      .where(and(eq(blobErasures.digest, digest), isNull(blobErasures.objectDeletedAt)))
      .for('update', { of: blobErasures });
    return row;
  },

  async objectDeleted(db: DbOrTx, digest: string): Promise<void> {
    await db.update(blobErasures).set({ objectDeletedAt: new Date() }).where(eq(blobErasures.digest, digest));
  },
};

/** Holders a module registers for the columns where it keeps digests (`platform.blobs.registerHolder`). */
export const blobHolders = {
  /** A text column holding one digest per row (index it: the check runs in the erasing transaction). */
  column:
    (column: PgColumn, where?: SQL): BlobHolder =>
    async (db, digests) =>
      (
        await db
          .selectDistinct({ d: sql<string>`${column}` })
          .from(column.table)
          .where(and(inArray(column, digests), where))
      ).map((r) => r.d),

  /**
   * A jsonb array of objects each with the digest under `key` (e.g. `[{ digest, mime }]`). The rows are found by
   * containment (`column @> '[{"key": digest}]'`), which a GIN index with `jsonb_path_ops` on the column serves.
   */
  jsonArray:
    (column: PgColumn, key: string): BlobHolder =>
    async (db, digests) => {
      const contains = digests.map((d) => sql`${column} @> ${JSON.stringify([{ [key]: d }])}::jsonb`);
      const rows = await queryRows<{ d: string }>(
        db,
        sql`select distinct e->>${key} as d from ${column.table}, jsonb_array_elements(${column}) e
             where (${sql.join(contains, sql` or `)}) and e->>${key} in (${sql.join(
               digests.map((d) => sql`${d}`),
               sql`, `,
             )})`,
      );
      return rows.map((r) => r.d);
    },
};
