import { and, eq, sql } from 'drizzle-orm';
import { blobHolders } from '../../platform/blobs/blobs.repository.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { appointmentPreregistrations } from './preregistrations.table.ts';

export type PreregistrationRow = typeof appointmentPreregistrations.$inferSelect;
export type NewPreregistration = typeof appointmentPreregistrations.$inferInsert;

export const preregistrationsRepository = {
  /** Inserts unless the citizen already pre-registered the vehicle (then undefined: the caller answers with the held one). */
  async insertNew(tx: Tx, row: NewPreregistration): Promise<PreregistrationRow | undefined> {
    const [inserted] = await tx.insert(appointmentPreregistrations).values(row).onConflictDoNothing().returning();
    return inserted;
  },

  async ofCitizenVehicle(db: DbOrTx, idNumberIdx: string, zcbm: string): Promise<PreregistrationRow | undefined> {
    const [row] = await db
      .select()
      .from(appointmentPreregistrations)
      .where(and(eq(appointmentPreregistrations.idNumberIdx, idNumberIdx), eq(appointmentPreregistrations.zcbm, zcbm)));
    return row;
  },

  async byNo(db: DbOrTx, preregNo: string): Promise<PreregistrationRow | undefined> {
    const [row] = await db.select().from(appointmentPreregistrations).where(eq(appointmentPreregistrations.preregNo, preregNo));
    return row;
  },

  /** The row locked for a change (a photo added). */
  async lockByNo(tx: Tx, preregNo: string): Promise<PreregistrationRow | undefined> {
    const [row] = await tx.select().from(appointmentPreregistrations).where(eq(appointmentPreregistrations.preregNo, preregNo)).for('update');
    return row;
  },

  /** Its photos replaced, as a new version (it crosses again). */
  async setPhotos(tx: Tx, id: number, photos: PreregistrationRow['photos']): Promise<PreregistrationRow> {
    const [row] = await tx
      .update(appointmentPreregistrations)
      .set({ photos, version: sql`${appointmentPreregistrations.version} + 1` })
      .where(eq(appointmentPreregistrations.id, id))
      .returning();
    if (!row) throw new Error(`pre-registration ${id} vanished`);
    return row;
  },

  /** The blob store's holder: photos of pre-registrations are kept while a row names them. */
  heldImages: blobHolders.jsonArray(appointmentPreregistrations.photos, 'digest'),
};
