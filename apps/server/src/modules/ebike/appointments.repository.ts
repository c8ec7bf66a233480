import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { ebikeAppointments } from './appointments.table.ts';

export type AppointmentRow = typeof ebikeAppointments.$inferSelect;
export type ReceivedAppointment = Omit<typeof ebikeAppointments.$inferInsert, 'departmentId' | 'receivedAt'>;

export const appointmentsRepository = {
  /** Upserts bookings by number, a newer version only (a cancellation replaces its booking); the department found by code. */
  async upsert(tx: Tx, rows: readonly ReceivedAppointment[]): Promise<void> {
    if (rows.length === 0) return;
    const codes = [...new Set(rows.map((r) => r.departmentCode))];
    const found = await tx.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, codes));
    const idOf = new Map(found.map((d) => [d.code, d.id]));
    await tx
      .insert(ebikeAppointments)
      .values(rows.map((r) => ({ ...r, departmentId: idOf.get(r.departmentCode) ?? null })))
      .onConflictDoUpdate({
        target: ebikeAppointments.bookingNo,
        set: {
          version: sql`excluded.version`,
          state: sql`excluded.state`,
          cancelledAt: sql`excluded.cancelled_at`,
          receivedAt: sql`now()`,
        },
        setWhere: sql`excluded.version > ${ebikeAppointments.version}`,
      });
  },

  /** G13: one booking within the principal's data scope, locked for the window's mark (undefined: none in scope). */
  async inScopeForUpdate(tx: Tx, principal: Principal, bookingNo: string): Promise<AppointmentRow | undefined> {
    const [row] = await tx
      .select()
      .from(ebikeAppointments)
      .where(and(eq(ebikeAppointments.bookingNo, bookingNo), scopeCondition(principal, { department: ebikeAppointments.departmentId })))
      .for('update');
    return row;
  },

  /** G13: records the window's mark as the status record's next version. */
  async markArrival(tx: Tx, bookingNo: string, arrival: NonNullable<AppointmentRow['arrival']>): Promise<AppointmentRow> {
    const [row] = await tx
      .update(ebikeAppointments)
      .set({ arrival, arrivalAt: sql`now()`, arrivalVersion: sql`${ebikeAppointments.arrivalVersion} + 1` })
      .where(eq(ebikeAppointments.bookingNo, bookingNo))
      .returning();
    return row!;
  },

  /** One day's bookings within the principal's data scope, by slot. */
  async ofDay(db: DbOrTx, principal: Principal, day: string): Promise<AppointmentRow[]> {
    const conditions: (SQL | undefined)[] = [eq(ebikeAppointments.day, day), scopeCondition(principal, { department: ebikeAppointments.departmentId })];
    return db
      .select()
      .from(ebikeAppointments)
      .where(and(...conditions))
      .orderBy(asc(ebikeAppointments.slot), asc(ebikeAppointments.bookedAt))
      .limit(2000);
  },
};
