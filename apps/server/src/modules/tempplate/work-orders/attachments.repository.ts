import { and, asc, eq } from 'drizzle-orm';
import { blobHolders } from '../../../platform/blobs/blobs.repository.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { tempplateOrderAttachments as a } from '../tempplate.table.ts';

export type AttachmentRow = typeof a.$inferSelect;

/** SQL of the files attached to a work order's first check. */
export const attachmentsRepository = {
  /** The image store's holder: attachments are never erased from the shared store while an order names them. */
  heldImages: blobHolders.column(a.digest),

  async insert(db: DbOrTx, rows: (typeof a.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(a).values(rows);
  },

  async ofOrder(db: DbOrTx, orderId: number): Promise<AttachmentRow[]> {
    return db.select().from(a).where(eq(a.orderId, orderId)).orderBy(asc(a.id)).limit(100);
  },

  async one(db: DbOrTx, orderId: number, id: number): Promise<AttachmentRow | undefined> {
    const [row] = await db
      .select()
      .from(a)
      .where(and(eq(a.orderId, orderId), eq(a.id, id)));
    return row;
  },
};
