import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { blobs, blobUploads } from './blobs.table.ts';

export type BlobRow = typeof blobs.$inferSelect;

/** All SQL of the image store. */
export const blobsRepository = {
  async find(db: DbOrTx, digest: string): Promise<BlobRow | undefined> {
    const [row] = await db.select().from(blobs).where(eq(blobs.digest, digest));
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
      .where(and(eq(blobUploads.id, id), eq(blobUploads.userId, userId)));
    return row?.blob;
  },
};
