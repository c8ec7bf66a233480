import { and, count, desc, eq, inArray, isNotNull, isNull, max, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { citizenAccounts, citizenIdentities } from './payments.table.ts';

export type CitizenAccountRow = typeof citizenAccounts.$inferSelect & { identities: number; lastAssertedAt: Date | null };

/** SQL of the G5 console list of local citizen accounts. */
export const citizenAccountRepository = {
  /** A page of accounts, newest first, or the one account of a blind index; each with its mapped identities (one grouped query for the page). */
  async list(
    db: DbOrTx,
    q: { idNumberIdx?: string | undefined; nameIdx?: string | undefined; limit: number; offset: number },
  ): Promise<{ items: CitizenAccountRow[]; total: number }> {
    const conditions: SQL[] = [];
    if (q.idNumberIdx !== undefined) conditions.push(eq(citizenAccounts.idNumberIdx, q.idNumberIdx));
    if (q.nameIdx !== undefined) conditions.push(eq(citizenAccounts.nameIdx, q.nameIdx));
    const where = and(...conditions);
    const accounts = await db.select().from(citizenAccounts).where(where).orderBy(desc(citizenAccounts.id)).limit(q.limit).offset(q.offset);
    const [counted] = await db.select({ n: count() }).from(citizenAccounts).where(where);
    const ids = accounts.map((a) => a.id);
    const mapped = ids.length
      ? await db
          .select({ accountId: citizenIdentities.accountId, n: count(), last: max(citizenIdentities.lastAssertedAt) })
          .from(citizenIdentities)
          .where(inArray(citizenIdentities.accountId, ids))
          .groupBy(citizenIdentities.accountId)
      : [];
    const byAccount = new Map(mapped.map((m) => [Number(m.accountId), m]));
    return {
      items: accounts.map((a) => ({ ...a, identities: byAccount.get(a.id)?.n ?? 0, lastAssertedAt: byAccount.get(a.id)?.last ?? null })),
      total: counted?.n ?? 0,
    };
  },
  /** Accounts whose name is held but not yet indexed (filed before names were), a batch at a time (partial index). */
  unindexedNames(db: DbOrTx, limit: number): Promise<{ id: number; nameEnc: string | null }[]> {
    return db
      .select({ id: citizenAccounts.id, nameEnc: citizenAccounts.nameEnc })
      .from(citizenAccounts)
      .where(and(isNotNull(citizenAccounts.nameEnc), isNull(citizenAccounts.nameIdx)))
      .orderBy(citizenAccounts.id)
      .limit(limit);
  },
  async setNameIdx(db: DbOrTx, id: number, nameIdx: string): Promise<void> {
    await db.update(citizenAccounts).set({ nameIdx }).where(eq(citizenAccounts.id, id));
  },
  async exists(db: DbOrTx, id: number): Promise<boolean> {
    const [row] = await db.select({ id: citizenAccounts.id }).from(citizenAccounts).where(eq(citizenAccounts.id, id));
    return row !== undefined;
  },
  /** The identities mapped to one account, most recently asserted first (a person has a handful: all of them). */
  identities(db: DbOrTx, accountId: number): Promise<(typeof citizenIdentities.$inferSelect)[]> {
    return db
      .select()
      .from(citizenIdentities)
      .where(eq(citizenIdentities.accountId, accountId))
      .orderBy(desc(citizenIdentities.lastAssertedAt), citizenIdentities.openid);
  },
};
