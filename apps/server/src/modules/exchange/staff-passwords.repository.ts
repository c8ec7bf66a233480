import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { exchangeStaffPasswords } from './staff-passwords.table.ts';

export interface StaffPasswordRow {
  userId: number;
  passwordEnc: string;
  issuedAt: Date;
}

export const staffPasswordsRepository = {
  /** A new issuance replaces the previous one; the issuance time is the database's (the applier orders by it). */
  async issue(tx: Tx, userId: number, passwordEnc: string): Promise<Date> {
    const [row] = await tx
      .insert(exchangeStaffPasswords)
      .values({ userId, passwordEnc })
      .onConflictDoUpdate({ target: exchangeStaffPasswords.userId, set: { passwordEnc, issuedAt: sql`now()` } })
      .returning({ issuedAt: exchangeStaffPasswords.issuedAt });
    return row!.issuedAt;
  },

  async issuedAt(db: DbOrTx, userId: number): Promise<Date | null> {
    const [row] = await db.select({ issuedAt: exchangeStaffPasswords.issuedAt }).from(exchangeStaffPasswords).where(eq(exchangeStaffPasswords.userId, userId));
    return row?.issuedAt ?? null;
  },

  /** The issuances of some accounts made after `since` (older ones no longer cross). */
  async issuedSince(db: DbOrTx, userIds: readonly number[], since: Date): Promise<StaffPasswordRow[]> {
    if (userIds.length === 0) return [];
    return db
      .select()
      .from(exchangeStaffPasswords)
      .where(and(inArray(exchangeStaffPasswords.userId, [...userIds]), gt(exchangeStaffPasswords.issuedAt, since)));
  },
};
