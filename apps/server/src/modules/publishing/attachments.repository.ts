import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { blobHolders } from '../../platform/blobs/blobs.repository.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { publishAttachments as a } from './publishing.table.ts';

export type AttachmentRow = typeof a.$inferSelect;

/** SQL of the files of content versions (G8). */
export const attachmentsRepository = {
  /** The image store's holder: a file is never erased from the shared store while a version names it. */
  heldImages: blobHolders.column(a.digest),

  /** Adds files to a version; a file it already has is left as it is. Answers the digests added. */
  async insert(db: DbOrTx, rows: (typeof a.$inferInsert)[]): Promise<string[]> {
    if (rows.length === 0) return [];
    return (await db.insert(a).values(rows).onConflictDoNothing().returning({ digest: a.digest })).map((r) => r.digest);
  },

  async ofContent(db: DbOrTx, contentId: number): Promise<AttachmentRow[]> {
    return db.select().from(a).where(eq(a.contentId, contentId)).orderBy(asc(a.id));
  },

  /** The files of several versions (a public page), in upload order. */
  async ofContents(db: DbOrTx, contentIds: number[]): Promise<AttachmentRow[]> {
    if (contentIds.length === 0) return [];
    return db.select().from(a).where(inArray(a.contentId, contentIds)).orderBy(asc(a.id));
  },

  async countOf(db: DbOrTx, contentId: number): Promise<number> {
    const [row] = await db.select({ n: count() }).from(a).where(eq(a.contentId, contentId));
    return row?.n ?? 0;
  },

  async one(db: DbOrTx, contentId: number, digest: string): Promise<AttachmentRow | undefined> {
    const [row] = await db
      .select()
      .from(a)
      .where(and(eq(a.contentId, contentId), eq(a.digest, digest)));
    return row;
  },

  async remove(db: DbOrTx, contentId: number, digest: string): Promise<AttachmentRow | undefined> {
    const [row] = await db
      .delete(a)
      .where(and(eq(a.contentId, contentId), eq(a.digest, digest)))
      .returning();
    return row;
  },

  /** A new version starts with the files of the version it was drafted from (the same stored content). */
  async copy(db: DbOrTx, fromId: number, toId: number): Promise<string[]> {
    const files = await attachmentsRepository.ofContent(db, fromId);
    return attachmentsRepository.insert(
      db,
      files.map(({ digest, filename, mime, size }) => ({ contentId: toId, digest, filename, mime, size })),
    );
  },
};
