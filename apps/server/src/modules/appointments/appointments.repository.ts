import type { ReminderState } from '@shtp/core/ebike';
import { and, count, desc, eq, gt, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { appointmentBookings } from './appointments.table.ts';

export type BookingRow = typeof appointmentBookings.$inferSelect;
export type NewBooking = typeof appointmentBookings.$inferInsert;

const b = appointmentBookings;
/** The back office's reminder filter: the same states as `reminderStateOf` (booking-reminder.view.ts), in SQL. */
function reminderCondition(state: ReminderState, today: string): SQL | undefined {
  const untried = and(isNull(b.reminderState), eq(b.state, 'booked'));
  switch (state) {
    case 'sent':
    case 'failed':
      return eq(b.reminderState, state);
    case 'held':
      return and(untried, isNotNull(b.reminderNote));
    case 'pending':
      return and(untried, isNull(b.reminderNote), gt(b.day, today));
    case 'none':
      return and(isNull(b.reminderState), sql`(${b.state} <> 'booked' or (${b.reminderNote} is null and ${b.day} <= ${today}))`);
  }
}

interface SlotKey {
  departmentCode: string;
  day: string;
  slot: string;
}

export const appointmentsRepository = {
  /** Serialises bookings of one slot until the transaction ends, so the capacity check and the insert are one step. */
  lockSlot: (tx: Tx, k: SlotKey) =>
    tx.execute(sql`select pg_advisory_xact_lock(hashtext('appointments.slot'), hashtext(${`${k.departmentCode}|${k.day}|${k.slot}`}))`),

  async liveInSlot(db: DbOrTx, k: SlotKey): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(appointmentBookings)
      .where(
        and(
          eq(appointmentBookings.departmentCode, k.departmentCode),
          eq(appointmentBookings.day, k.day),
          eq(appointmentBookings.slot, k.slot),
          eq(appointmentBookings.state, 'booked'),
        ),
      );
    return row?.n ?? 0;
  },

  /** The citizen's live booking of the slot (a repeated booking answers with it). */
  async liveOfCitizen(db: DbOrTx, idNumberIdx: string, k: SlotKey): Promise<BookingRow | undefined> {
    const [row] = await db
      .select()
      .from(appointmentBookings)
      .where(
        and(
          eq(appointmentBookings.idNumberIdx, idNumberIdx),
          eq(appointmentBookings.departmentCode, k.departmentCode),
          eq(appointmentBookings.day, k.day),
          eq(appointmentBookings.slot, k.slot),
          eq(appointmentBookings.state, 'booked'),
        ),
      );
    return row;
  },

  async insert(tx: Tx, row: NewBooking): Promise<BookingRow> {
    const [inserted] = await tx.insert(appointmentBookings).values(row).returning();
    if (!inserted) throw new Error('booking not inserted');
    return inserted;
  },

  async byNo(db: DbOrTx, bookingNo: string, forUpdate = false): Promise<BookingRow | undefined> {
    const q = db.select().from(appointmentBookings).where(eq(appointmentBookings.bookingNo, bookingNo));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },

  /** G13: a citizen's own bookings (by openid), newest first. */
  ofCitizen: (db: DbOrTx, openid: string, limit: number): Promise<BookingRow[]> =>
    db.select().from(appointmentBookings).where(eq(appointmentBookings.openid, openid)).orderBy(desc(appointmentBookings.id)).limit(limit),

  /** The back office's page of bookings, by day, station and state, newest day first. */
  async page(
    db: DbOrTx,
    f: { day?: string; departmentCode?: string; state?: BookingRow['state']; reminder?: ReminderState },
    today: string,
    page: { limit: number; offset: number },
  ) {
    const where: (SQL | undefined)[] = [
      f.day ? eq(appointmentBookings.day, f.day) : undefined,
      f.departmentCode ? eq(appointmentBookings.departmentCode, f.departmentCode) : undefined,
      f.state ? eq(appointmentBookings.state, f.state) : undefined,
      f.reminder ? reminderCondition(f.reminder, today) : undefined,
    ];
    const items = await db
      .select()
      .from(appointmentBookings)
      .where(and(...where))
      .orderBy(desc(appointmentBookings.day), appointmentBookings.slot, appointmentBookings.id)
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await db
      .select({ n: count() })
      .from(appointmentBookings)
      .where(and(...where));
    return { items, total: total?.n ?? 0 };
  },

  /** G9/G13: live bookings of the day whose reminder is still due, oldest first. */
  remindersDue: (db: DbOrTx, day: string, afterId: number, limit: number): Promise<BookingRow[]> =>
    db
      .select()
      .from(appointmentBookings)
      .where(
        and(
          eq(appointmentBookings.day, day),
          eq(appointmentBookings.state, 'booked'),
          isNull(appointmentBookings.reminderState),
          gt(appointmentBookings.id, afterId),
        ),
      )
      .orderBy(appointmentBookings.id)
      .limit(limit),

  /** Records the reminder's outcome once (a failure with the gateway's code); false when another run recorded it first. */
  async setReminder(db: DbOrTx, id: number, state: 'sent' | 'failed', note: string | null): Promise<boolean> {
    const rows = await db
      .update(appointmentBookings)
      .set({ reminderState: state, reminderNote: note, remindedAt: new Date() })
      .where(and(eq(appointmentBookings.id, id), isNull(appointmentBookings.reminderState)))
      .returning({ id: appointmentBookings.id });
    return rows.length > 0;
  },

  /** A reminder held back or to retry: why, while no outcome is recorded (the back office's 已暂缓). */
  async holdReminder(db: DbOrTx, id: number, note: string): Promise<void> {
    await db
      .update(appointmentBookings)
      .set({ reminderNote: note })
      .where(and(eq(appointmentBookings.id, id), isNull(appointmentBookings.reminderState)));
  },

  async cancel(tx: Tx, id: number): Promise<BookingRow> {
    const [row] = await tx
      .update(appointmentBookings)
      .set({ state: 'cancelled', version: sql`${appointmentBookings.version} + 1`, cancelledAt: new Date() })
      .where(eq(appointmentBookings.id, id))
      .returning();
    if (!row) throw new Error('booking not found');
    return row;
  },
};
