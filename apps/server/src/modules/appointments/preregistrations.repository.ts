import { and, eq } from 'drizzle-orm';
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
};
